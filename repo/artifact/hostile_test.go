package artifact_test

import (
	"archive/tar"
	"archive/zip"
	"bytes"
	"context"
	"errors"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"github.com/klauspost/compress/gzip"

	"sightline/repo/artifact"
)

// hostile is a tar archive with every hostile trait the issue names;
// abs is an absolute name, inside the test's directory so that the test
// can check nothing was written there.
func hostile(abs string) []entry {
	return []entry{
		{name: "README", content: "hello\n"},
		{name: "../evil", content: "x"},
		{name: abs, content: "x"},
		{name: "dup", content: "first"},
		{name: "dup", content: "second"},
		{name: "Readme", content: "other"},
		{name: "caf\u00e9", content: "nfc"},
		{name: "cafe\u0301", content: "nfd"},
		{name: "up", typ: tar.TypeSymlink, link: "../../etc/passwd"},
		{name: "abs-link", typ: tar.TypeSymlink, link: "/etc/passwd"},
		{name: "inside-link", typ: tar.TypeSymlink, link: "sub/../README"},
		{name: "hl-abs", typ: tar.TypeLink, link: "/etc/shadow"},
		{name: "hl-up", typ: tar.TypeLink, link: "../x"},
		{name: "hl-ok", typ: tar.TypeLink, link: "README"},
		{name: "dev/null", typ: tar.TypeChar},
		{name: "fifo", typ: tar.TypeFifo},
		{name: "esc\x1b[31mred", content: "x"},
		{name: "bidi\u202etxt.sh", content: "x"},
	}
}

// findings maps "kind member" to true for easy lookups.
func findings(a *artifact.Archive) map[string]bool {
	out := map[string]bool{}
	for _, f := range a.Findings {
		out[f.Kind.String()+" "+f.Member] = true
	}
	return out
}

func TestHostileTar(t *testing.T) {
	base := t.TempDir()
	abs := filepath.ToSlash(filepath.Join(base, "abs-evil"))
	a, err := artifact.Read(context.Background(), writeFile(t, "h.tar", tarBytes(t, "", hostile(abs))), artifact.DefaultLimits())
	if err != nil || a.Err != nil {
		t.Fatalf("Read: %v %v", err, a.Err)
	}
	got := findings(a)
	for _, want := range []string{
		"escapes root ../evil",
		"escapes root " + abs,
		"duplicate member dup",
		"case collision Readme",
		"normalization collision cafe\u0301",
		"symlink outside up",
		"symlink outside abs-link",
		"hard link outside hl-abs",
		"hard link outside hl-up",
		"device file dev/null",
		"device file fifo",
		"hostile name esc\x1b[31mred",
		"hostile name bidi\u202etxt.sh",
	} {
		if !got[want] {
			t.Errorf("missing finding %q", want)
		}
	}
	for _, clean := range []string{"inside-link", "hl-ok", "README"} {
		for k := range got {
			if strings.HasSuffix(k, " "+clean) {
				t.Errorf("finding for a harmless member: %q", k)
			}
		}
	}
	// The hard link has its target's content; the later duplicate wins.
	blobs := map[string]string{}
	for _, m := range a.Members {
		blobs[m.Path] = m.Blob.String()
	}
	if blobs["hl-ok"] != artifact.BlobID([]byte("hello\n")).String() {
		t.Errorf("hard link blob %s, want README's", blobs["hl-ok"])
	}
	if blobs["dup"] != artifact.BlobID([]byte("second")).String() {
		t.Errorf("duplicate: compared %s, want the later member", blobs["dup"])
	}
}

func TestHostileZip(t *testing.T) {
	ents := []entry{
		{name: "ok", content: "fine"},
		{name: "../evil", content: "x"},
		{name: "/abs", content: "x"},
		{name: "up", typ: tar.TypeSymlink, link: "../../etc/passwd"},
		{name: "dup", content: "1"},
		{name: "dup", content: "2"},
		{name: "bidi\u202etxt", content: "x"},
	}
	a, err := artifact.Read(context.Background(), writeFile(t, "h.zip", zipBytes(t, ents)), artifact.DefaultLimits())
	if err != nil || a.Err != nil {
		t.Fatalf("Read: %v %v", err, a.Err)
	}
	got := findings(a)
	for _, want := range []string{"escapes root ../evil", "escapes root /abs", "symlink outside up", "duplicate member dup", "hostile name bidi\u202etxt"} {
		if !got[want] {
			t.Errorf("missing finding %q in %v", want, got)
		}
	}
}

// TestNothingWrittenOutsideTheTempDir reads hostile archives of every
// format from inside an empty working directory and checks that the
// test's directory holds afterwards exactly what it held before.
func TestNothingWrittenOutsideTheTempDir(t *testing.T) {
	base := t.TempDir()
	work := filepath.Join(base, "work", "deeper")
	if err := os.MkdirAll(work, 0o755); err != nil {
		t.Fatal(err)
	}
	abs := filepath.ToSlash(filepath.Join(base, "abs-evil"))
	tarball := tarBytes(t, "", hostile(abs))
	ents := append(hostile(abs)[:9:9], entry{name: "../../escaped", content: "x"})
	inputs := map[string][]byte{
		"h.tar": tarball, "h.tgz": compress(t, "gz", tarball), "h.txz": compress(t, "xz", tarball),
		"h.tzst": compress(t, "zst", tarball), "h.zip": zipBytes(t, ents),
	}
	for name, b := range inputs {
		if err := os.WriteFile(filepath.Join(base, name), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	before := listTree(t, base)
	t.Chdir(work)
	for name := range inputs {
		a, err := artifact.Read(context.Background(), filepath.Join(base, name), artifact.DefaultLimits())
		if err != nil || a.Err != nil || len(a.Findings) == 0 {
			t.Errorf("%s: %v %v, %d findings", name, err, a.Err, len(a.Findings))
		}
	}
	if after := listTree(t, base); after != before {
		t.Errorf("the test directory changed:\nbefore %s\nafter  %s", before, after)
	}
	for _, p := range []string{"/etc/passwd-sightline", filepath.Join(base, "work", "evil")} {
		if _, err := os.Lstat(p); err == nil {
			t.Errorf("%s exists", p)
		}
	}
}

func listTree(t *testing.T, dir string) string {
	t.Helper()
	var b strings.Builder
	err := filepath.Walk(dir, func(p string, info os.FileInfo, err error) error {
		if err != nil {
			return err
		}
		b.WriteString(p + " " + info.Mode().String() + "\n")
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return b.String()
}

// zeroTarGz is a tar.gz holding one member of n zero bytes, streamed so
// that the test itself stays small in memory.
func zeroTarGz(t *testing.T, name string, n int64, extra ...entry) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw, _ := gzip.NewWriterLevel(&buf, gzip.BestSpeed)
	tw := tar.NewWriter(zw)
	if err := tw.WriteHeader(&tar.Header{Name: name, Mode: 0o644, Size: n, Typeflag: tar.TypeReg}); err != nil {
		t.Fatal(err)
	}
	if _, err := io.CopyN(tw, zeroReader{}, n); err != nil {
		t.Fatal(err)
	}
	for _, e := range extra {
		if err := tw.WriteHeader(&tar.Header{Name: e.name, Mode: 0o644, Size: int64(len(e.content)), Typeflag: tar.TypeReg}); err != nil {
			t.Fatal(err)
		}
		io.WriteString(tw, e.content)
	}
	if err := tw.Close(); err != nil {
		t.Fatal(err)
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

type zeroReader struct{}

func (zeroReader) Read(p []byte) (int, error) {
	clear(p)
	return len(p), nil
}

func TestDecompressionBombTar(t *testing.T) {
	lim := artifact.Limits{MaxSize: 1 << 30, MaxRatio: 100, RatioFloor: 1 << 20}
	path := writeFile(t, "b.tgz", zeroTarGz(t, "pkg/zeros.bin", 8<<20, entry{name: "pkg/after", content: "x"}))
	a, err := artifact.Read(context.Background(), path, lim)
	if err != nil {
		t.Fatal(err)
	}
	var bomb *artifact.BombError
	if !errors.As(a.Err, &bomb) || bomb.Member != "pkg/zeros.bin" || !strings.Contains(a.Err.Error(), "the ratio limit") {
		t.Fatalf("Err %v, want a bomb naming pkg/zeros.bin", a.Err)
	}
	if !findings(a)["decompression bomb pkg/zeros.bin"] {
		t.Errorf("no bomb finding: %+v", a.Findings)
	}
	lim = artifact.Limits{MaxSize: 2 << 20}
	a, err = artifact.Read(context.Background(), path, lim)
	if err != nil {
		t.Fatal(err)
	}
	if !errors.As(a.Err, &bomb) || !strings.Contains(bomb.Reason, "the size limit") {
		t.Errorf("size limit: %v", a.Err)
	}
}

func TestDecompressionBombZipSkipsOnlyThatMember(t *testing.T) {
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	w, _ := zw.Create("bomb")
	io.CopyN(w, zeroReader{}, 8<<20)
	w, _ = zw.Create("after")
	io.WriteString(w, "fine")
	zw.Close()
	lim := artifact.Limits{MaxSize: 1 << 30, MaxRatio: 100, RatioFloor: 1 << 20}
	a, err := artifact.Read(context.Background(), writeFile(t, "b.zip", buf.Bytes()), lim)
	if err != nil || a.Err != nil {
		t.Fatalf("%v %v", err, a.Err)
	}
	if !findings(a)["decompression bomb bomb"] || len(a.Members) != 1 || a.Members[0].Name != "after" {
		t.Errorf("findings %+v, members %+v", a.Findings, a.Members)
	}
}

// TestMemoryBounded reads a 256 MiB member and a header that claims a
// terabyte: neither allocates in proportion.
func TestMemoryBounded(t *testing.T) {
	if testing.Short() {
		t.Skip("reads 256 MiB")
	}
	big := writeFile(t, "big.tgz", zeroTarGz(t, "zeros", 256<<20))
	var claim bytes.Buffer
	tw := tar.NewWriter(&claim)
	tw.WriteHeader(&tar.Header{Name: "huge", Mode: 0o644, Size: 1 << 40, Typeflag: tar.TypeReg})
	tw.Write(make([]byte, 4096))
	tw.Flush()
	liar := writeFile(t, "liar.tar", claim.Bytes())
	noRatio := artifact.Limits{MaxSize: 1 << 41}
	for _, p := range []string{big, liar} {
		runtime.GC()
		var m0, m1 runtime.MemStats
		runtime.ReadMemStats(&m0)
		a, err := artifact.Read(context.Background(), p, noRatio)
		runtime.ReadMemStats(&m1)
		if err != nil {
			t.Fatal(err)
		}
		if alloc := m1.TotalAlloc - m0.TotalAlloc; alloc > 16<<20 {
			t.Errorf("%s: %d bytes allocated", filepath.Base(p), alloc)
		}
		if p == liar && (a.Err == nil || !strings.Contains(a.Err.Error(), "at huge")) {
			t.Errorf("a truncated member: Err %v", a.Err)
		}
	}
}

func TestTruncatedAndCorrupt(t *testing.T) {
	var ents []entry
	for _, n := range []string{"a", "b", "c", "d"} {
		ents = append(ents, entry{name: n, content: strings.Repeat(n, 30000)})
	}
	gz := compress(t, "gz", tarBytes(t, "", ents))
	cut := writeFile(t, "cut.tgz", gz[:len(gz)*2/3])
	a, err := artifact.Read(context.Background(), cut, artifact.DefaultLimits())
	if err != nil {
		t.Fatal(err)
	}
	if a.Err == nil || len(a.Members) == 0 || !strings.Contains(a.Err.Error(), "reading stopped after") {
		t.Errorf("truncated: %d members, Err %v", len(a.Members), a.Err)
	}
	bad := bytes.Clone(gz)
	for i := len(bad) / 2; i < len(bad)/2+16; i++ {
		bad[i] ^= 0xff
	}
	a, err = artifact.Read(context.Background(), writeFile(t, "bad.tgz", bad), artifact.DefaultLimits())
	if err != nil {
		t.Fatal(err)
	}
	if a.Err == nil {
		t.Errorf("corrupt gzip read without error: %d members", len(a.Members))
	}
	// A zip member whose stored bytes are damaged is a finding; the rest is read.
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, n := range []string{"first", "second"} {
		w, _ := zw.CreateHeader(&zip.FileHeader{Name: n, Method: zip.Store})
		io.WriteString(w, strings.Repeat(n, 100))
	}
	zw.Close()
	z := buf.Bytes()
	i := bytes.Index(z, []byte("firstfirst"))
	z[i+10] ^= 0xff
	a, err = artifact.Read(context.Background(), writeFile(t, "bad.zip", z), artifact.DefaultLimits())
	if err != nil || a.Err != nil {
		t.Fatal(err, a.Err)
	}
	if !findings(a)["unreadable member first"] || len(a.Members) != 1 || a.Members[0].Name != "second" {
		t.Errorf("findings %+v members %+v", a.Findings, a.Members)
	}
}
