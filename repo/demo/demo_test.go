package demo_test

import (
	"context"
	"os/exec"
	"strings"
	"testing"

	"sightline/repo"
	"sightline/repo/demo"
	"sightline/repo/repotest/pintest"
	"sightline/repo/textsafe"
)

func openDemo(t *testing.T) *repo.Repo {
	t.Helper()
	r, cleanup, err := demo.Open()
	if err != nil {
		t.Fatalf("OpenDemo: %v", err)
	}
	t.Cleanup(cleanup)
	return r
}

func readAt(t *testing.T, r *repo.Repo, rev, path string) (string, bool) {
	t.Helper()
	ctx := context.Background()
	pin := pintest.Resolve(t, r, rev)
	e, err := r.Lookup(ctx, pin.Tree, path)
	if err != nil {
		return "", false
	}
	b, err := r.ReadBlob(ctx, e.Hash, -1)
	if err != nil {
		t.Fatalf("%s:%s: %v", rev, path, err)
	}
	return string(b.Data), true
}

func TestDemoOpensWithReleasesAndHistory(t *testing.T) {
	r := openDemo(t)
	if r.Name() != "otaupd (demo)" {
		t.Errorf("Name = %q", r.Name())
	}
	head := pintest.Resolve(t, r, "HEAD")
	v11 := pintest.Resolve(t, r, demo.Rev)
	pintest.Resolve(t, r, demo.BaseRev)
	if head.Commit != v11.Commit {
		t.Errorf("HEAD %s is not %s %s", head.Commit, demo.Rev, v11.Commit)
	}
	var subjects []string
	for h := v11.Commit; ; {
		c, err := r.ReadCommit(context.Background(), h)
		if err != nil {
			t.Fatal(err)
		}
		subjects = append(subjects, c.Author.Name+": "+c.Subject())
		if len(c.Parents) == 0 {
			break
		}
		h = c.Parents[0]
	}
	want := []string{
		"Maria Lindqvist: Release 1.1.0",
		"Alex Rowan: update: write images to the inactive slot in 64 KiB chunks",
		"Alex Rowan: auth: refactor token check into auth_check_request()",
		"Kenji Watanabe: serial: rename console.c to serial.c and read input by line",
		"Maria Lindqvist: Release 1.0.0",
		"Kenji Watanabe: config: accept quoted values and trailing comments",
		"Maria Lindqvist: Import otaupd 0.9.3 from the NL-400 firmware tree",
	}
	if strings.Join(subjects, "\n") != strings.Join(want, "\n") {
		t.Errorf("history:\n%s", strings.Join(subjects, "\n"))
	}
}

func TestDemoPlantedBackDoorAndTrojanSource(t *testing.T) {
	r := openDemo(t)
	auth10, _ := readAt(t, r, demo.BaseRev, "src/auth.c")
	auth11, _ := readAt(t, r, demo.Rev, "src/auth.c")
	const door = `static const char provisioning_token[] = "nls-prv-7f3a9c21e04b";`
	if strings.Contains(auth10, door) || !strings.Contains(auth11, door) {
		t.Errorf("the back door must appear between %s and %s", demo.BaseRev, demo.Rev)
	}
	if _, ok := readAt(t, r, demo.BaseRev, "src/console.c"); !ok {
		t.Error("v1.0 has no src/console.c")
	}
	if _, ok := readAt(t, r, demo.Rev, "src/console.c"); ok {
		t.Error("v1.1 still has src/console.c after the rename")
	}
	if _, ok := readAt(t, r, demo.Rev, "src/serial.c"); !ok {
		t.Error("v1.1 has no src/serial.c")
	}

	update, _ := readAt(t, r, demo.Rev, "src/update.c")
	issues := textsafe.Scan([]byte(update))
	var lines []string
	for _, is := range issues {
		if is.Kind != textsafe.Bidi {
			t.Errorf("unexpected %v in update.c: %s", is.Kind, is)
		}
		lines = append(lines, is.String())
	}
	if len(issues) != 6 || issues[0].Line != 90 || issues[5].Line != 92 {
		t.Errorf("update.c bidi characters:\n%s", strings.Join(lines, "\n"))
	}
	if got := textsafe.Summarize(issues).String(); got != "6 bidirectional control characters" {
		t.Errorf("banner = %q", got)
	}
	want := "\t/*<U+202E> } <U+2066>if (cfg->allow_unsigned)<U+2069> <U+2066> lab rigs only: skip the signature check */"
	var shown strings.Builder
	for _, sp := range textsafe.LineSpans(strings.Split(update, "\n")[89], 90) {
		shown.WriteString(sp.Text)
	}
	if got := shown.String(); got != want {
		t.Errorf("line 90 shows as\n%s\nwant\n%s", got, want)
	}
	if update10, _ := readAt(t, r, demo.BaseRev, "src/update.c"); len(textsafe.Scan([]byte(update10))) != 0 {
		t.Error("v1.0 update.c already has hostile characters")
	}
}

// Two builds give the same ids, and git reads the result as we do.
func TestDemoIsDeterministicAndValid(t *testing.T) {
	a, b := t.TempDir(), t.TempDir()
	if err := demo.Build(a); err != nil {
		t.Fatal(err)
	}
	if err := demo.Build(b); err != nil {
		t.Fatal(err)
	}
	var ids []string
	for _, dir := range []string{a, b} {
		r := pintest.Open(t, dir)
		pin := pintest.Resolve(t, r, demo.Rev)
		ids = append(ids, pin.Commit.String())
	}
	if ids[0] != ids[1] {
		t.Errorf("two builds differ: %v", ids)
	}
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("git not installed")
	}
	if out, err := exec.Command("git", "-C", a, "fsck", "--strict").CombinedOutput(); err != nil {
		t.Fatalf("git fsck: %v\n%s", err, out)
	}
	out, err := exec.Command("git", "-C", a, "diff", "--name-status", "-M", demo.BaseRev, demo.Rev).Output()
	if err != nil {
		t.Fatal(err)
	}
	got := string(out)
	for _, want := range []string{"M\tCHANGELOG.md", "M\tsrc/auth.c", "M\tsrc/update.c", "\tsrc/console.c\tsrc/serial.c"} {
		if !strings.Contains(got, want) {
			t.Errorf("git diff %s %s lacks %q:\n%s", demo.BaseRev, demo.Rev, want, got)
		}
	}
	if !strings.Contains(got, "R0") && !strings.Contains(got, "R1") {
		t.Errorf("git sees no rename:\n%s", got)
	}
	out, err = exec.Command("git", "-C", a, "ls-tree", "-r", demo.Rev).Output()
	if err != nil || !strings.Contains(string(out), "100755 blob") || strings.Count(string(out), "\n") < 20 {
		t.Errorf("git ls-tree %s: %v\n%s", demo.Rev, err, out)
	}
}
