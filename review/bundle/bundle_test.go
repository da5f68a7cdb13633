package bundle

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/crypto/ssh"

	"sightline/repo"
	"sightline/repo/repotest"
	"sightline/repo/repotest/pintest"
	"sightline/review"
	"sightline/review/toolinfo"
)

const testID = "reviewer1@agency.example"

// exportFixture is a real repository, a workspace with findings on it, a
// signing key and an allowed_signers file naming it.
type exportFixture struct {
	rt       *repotest.Repo
	repoDir  string
	r        *repo.Repo
	ws       *review.Workspace
	signer   ssh.Signer
	keyPath  string
	signers  string // allowed_signers path
	outDir   string
	totals   review.Totals
	pinRev   repo.Pin
	moreLine string
}

const mainC = "int main(void) {\n  char buf[8];\n  gets(buf);\n  system(buf);\n  return 0;\n}\n"

func newExportFixture(t *testing.T) *exportFixture {
	t.Helper()
	t.Setenv("SOURCE_DATE_EPOCH", "1767225600") // 2026-01-01T00:00:00Z
	rt := repotest.New(t)
	rt.Commit("vendor drop", repotest.Tree{
		"src/main.c":         {Content: mainC},
		"src/same.c":         {Content: "int same(void) {\n  char x[8];\n  gets(x);\n  system(x);\n  return 1;\n}\n"},
		"src/\xff\xfename.c": {Content: "a\nb\r\nc"},
		"README":             {Content: "docs\n"},
	})
	r := pintest.Open(t, rt.Dir)
	pin := pintest.Resolve(t, r, "main")
	ws, err := review.Open(t.TempDir(), review.MetaFor(r, pin, nil, testID))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = ws.Close() })
	ctx := context.Background()
	loc := func(path string, a, b int) review.Location {
		l, err := review.NewLocation(ctx, r, pin.Commit, path, a, b, "")
		if err != nil {
			t.Fatal(err)
		}
		return l
	}
	if _, err := ws.AddFinding(review.Finding{Title: "gets into a stack buffer reaches system()", Severity: review.SeverityHigh, CWE: "CWE-78",
		Description: "Input is read with gets() and passed to system().",
		Steps:       []review.Step{{Location: loc("src/main.c", 2, 3), Note: "read here"}, {Location: loc("src/main.c", 4, 4), Note: "reaches system"}}}); err != nil {
		t.Fatal(err)
	}
	if _, err := ws.AddFinding(review.Finding{Title: "odd file name", Severity: review.SeverityLow,
		Steps: []review.Step{{Location: loc("src/\xff\xfename.c", 2, 3)}}}); err != nil {
		t.Fatal(err)
	}
	if err := ws.MarkReviewed(review.ReviewedFile{Path: "src/main.c", Blob: loc("src/main.c", 1, 1).Blob, Lines: 6}, true); err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	keyPath, signer := testKey(t, dir, "reviewer1")
	signers := filepath.Join(dir, "allowed_signers")
	writeFile(t, signers, testID+` namespaces="sightline-findings@v1" `+authorizedKey(signer.PublicKey())+"\n")
	return &exportFixture{rt: rt, repoDir: rt.Dir, r: r, ws: ws, signer: signer, keyPath: keyPath, signers: signers,
		outDir: t.TempDir(), totals: review.Totals{Files: 4, Lines: 16}, pinRev: pin}
}

func writeFile(t *testing.T, path, content string) {
	t.Helper()
	if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
}

func (fx *exportFixture) export(t *testing.T, name string, f ExportFormat, snippets bool) string {
	t.Helper()
	out := filepath.Join(fx.outDir, name)
	written, err := Export(context.Background(), ExportOptions{Workspace: fx.ws, Repo: fx.r, Identity: testID,
		Signer: fx.signer, Format: f, Output: out, IncludeSnippets: snippets})
	if err != nil {
		t.Fatal(err)
	}
	if len(written) != 2 || written[0] != out || written[1] != out+".sig" {
		t.Fatalf("written = %q", written)
	}
	return out
}

func (fx *exportFixture) verify(t *testing.T, bundle string, withRepo bool) *VerifyReport {
	t.Helper()
	opts := VerifyOptions{BundlePath: bundle, SignersPath: fx.signers}
	if withRepo {
		opts.RepoPath = fx.repoDir
	}
	return Verify(context.Background(), opts)
}

func reportText(r *VerifyReport) string {
	var b strings.Builder
	for _, c := range r.Checks {
		b.WriteString(c.String() + "\n")
	}
	return b.String()
}

func TestExportVerifies(t *testing.T) {
	fx := newExportFixture(t)
	out := fx.export(t, "findings.json", FormatBundle, false)
	rep := fx.verify(t, out, true)
	text := reportText(rep)
	if rep.ExitCode() != 0 {
		t.Fatalf("exit %d:\n%s", rep.ExitCode(), text)
	}
	for _, want := range []string{
		"PASS signer: \"reviewer1@agency.example\" may sign",
		"PASS pin commit: " + fx.pinRev.Commit.String(),
		"PASS coverage: 1 file(s) marked reviewed are the blobs named at the pin",
		"PASS F-0001 step 2 lines: lines 4-4 match lineHash",
		"PASS F-0002 step 1 blob: \"src/\\xff\\xfename.c\"",
	} {
		if !strings.Contains(text, want) {
			t.Errorf("report lacks %q:\n%s", want, text)
		}
	}
	data, _ := os.ReadFile(out)
	if bytes.Contains(data, []byte("gets(buf)")) {
		t.Error("source code in a bundle exported without --include-snippets")
	}
	if !bytes.Contains(data, []byte(`"created": "2026-01-01T00:00:00Z"`)) || !bytes.Contains(data, []byte(`"pathBytes": "c3JjL//+bmFtZS5j"`)) {
		t.Errorf("bundle lacks SOURCE_DATE_EPOCH time or pathBytes:\n%s", data)
	}
	sig, _ := os.ReadFile(out + ".sig")
	sshKeygenVerify(t, fx.signer.PublicKey(), testID, data, sig)

	// The non-UTF-8 path comes back as its exact bytes and finds its blob.
	b, err := ReadBundle(data)
	if err != nil {
		t.Fatal(err)
	}
	// The bundle records the journal head it was made from (issue 17.3),
	// read back through the strict reader.
	if want := fx.ws.Head(); b.Journal == nil || *b.Journal != want || want.Seq == 0 || want.Hash == "" {
		t.Errorf("bundle journal = %+v, want the workspace head %+v", b.Journal, want)
	}
	// The bundle names the build that signed it (issue 19).
	if want := toolinfo.Current(); b.Tool.Commit != want.Commit || b.Tool.Commit == "" || !bytes.Contains(data, []byte(`"commit": `)) {
		t.Errorf("bundle tool = %+v, want the build's commit %q", b.Tool, want.Commit)
	}
	l, err := b.Findings[1].Steps[0].Location.Location()
	if err != nil || l.Path != "src/\xff\xfename.c" {
		t.Fatalf("round-tripped path %q, %v", l.Path, err)
	}
	e, err := fx.r.Lookup(context.Background(), fx.pinRev.Tree, l.Path)
	if err != nil || e.Hash.String() != l.Blob {
		t.Fatalf("lookup of the round-tripped path: %v, %v", e.Hash, err)
	}
}

func TestExportIsDeterministic(t *testing.T) {
	fx := newExportFixture(t)
	a := fx.export(t, "a.json", FormatBundle, true)
	b := fx.export(t, "b.json", FormatBundle, true)
	for _, suffix := range []string{"", ".sig"} {
		x, _ := os.ReadFile(a + suffix)
		y, _ := os.ReadFile(b + suffix)
		if !bytes.Equal(x, y) {
			t.Errorf("two exports of one review differ (%s)", suffix)
		}
	}
	data, _ := os.ReadFile(a)
	if !bytes.Contains(data, []byte(`"snippet": "  char buf[8];\n  gets(buf);\n"`)) {
		t.Errorf("snippet missing:\n%s", data)
	}
	if bytes.HasPrefix(data, []byte("\xef\xbb\xbf")) || bytes.Contains(data, []byte("\r")) || !bytes.HasSuffix(data, []byte("}\n")) || bytes.HasSuffix(data, []byte("\n\n")) {
		t.Error("bundle is not BOM-free LF JSON with one trailing newline")
	}
	if rep := fx.verify(t, a, true); rep.ExitCode() != 0 {
		t.Fatalf("snippet bundle does not verify:\n%s", reportText(rep))
	}
}

func TestExportRefusesToWriteIntoTheRepository(t *testing.T) {
	fx := newExportFixture(t)
	_, err := Export(context.Background(), ExportOptions{Workspace: fx.ws, Repo: fx.r, Identity: testID, Signer: fx.signer,
		Output: filepath.Join(fx.repoDir, "src", "findings.json"), Totals: &fx.totals})
	if err == nil || !strings.Contains(err.Error(), "inside the repository under review") {
		t.Fatalf("err = %v", err)
	}
	if _, err := os.Stat(filepath.Join(fx.repoDir, "src", "findings.json")); err == nil {
		t.Fatal("wrote into the repository")
	}
}

// TestExportRefusesUnnameableIdentity: the library refuses too, so the
// TUI's export form cannot sign a bundle that will never verify.
func TestExportRefusesUnnameableIdentity(t *testing.T) {
	fx := newExportFixture(t)
	out := filepath.Join(fx.outDir, "b.json")
	_, err := Export(context.Background(), ExportOptions{Workspace: fx.ws, Repo: fx.r, Identity: "alice smith", Signer: fx.signer,
		Output: out, Totals: &fx.totals})
	if !errors.Is(err, review.ErrInvalid) || !strings.Contains(err.Error(), "allowed_signers principal") {
		t.Fatalf("err = %v", err)
	}
	if _, err := os.Stat(out); err == nil {
		t.Error("a bundle was written")
	}
}
