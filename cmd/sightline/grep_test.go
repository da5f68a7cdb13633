package main

import (
	"os"
	"os/exec"
	"strings"
	"testing"

	"github.com/go-git/go-git/v5/plumbing/filemode"

	"sightline/repo/repotest"
)

func grepFixture(t *testing.T) *repotest.Repo {
	t.Helper()
	tr := repotest.New(t)
	c1 := tr.Commit("first", repotest.Tree{"old.txt": {Content: "needle from the past\n"}})
	tr.Tag("v1", c1, "release one")
	tr.Commit("second", repotest.Tree{
		"main.go":                {Content: "package main\n\n// needle here\nfunc main() {}\n"},
		"src/deep/dir/find.go":   {Content: "x := 1\n\tneedle := 2 // Needle\nno\n"},
		"docs/with space/a b.md": {Content: "a needle, a NEEDLE,\r\nneedle"},
		"bin/data.bin":           {Content: "\x00\x01needle\x00\n"},
		"link":                   {Content: "needle", Mode: filemode.Symlink},
		"esc\x1b[2Jname.txt":     {Content: "needle \x1b]0;pwned\x07 title\n"},
		"new\nline.txt:1:forged": {Content: "needle\n"},
		"back\\slash \"q\".bin":  {Content: "needle\x00\n"},
		"bidi\u202ename.txt":     {Content: "needle\n"},
	})
	return tr
}

// The path:line set (and text) is what git grep -n -F prints, without
// git's "REV:" prefix.
func TestGrepMatchesGit(t *testing.T) {
	tr := grepFixture(t)
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("git not installed")
	}
	for _, c := range []struct {
		rev     string
		ours    []string
		gitArgs []string
	}{
		{"main", []string{"-F", "needle"}, []string{"-F", "needle"}},
		{"main", []string{"-F", "-i", "needle"}, []string{"-F", "-i", "needle"}},
		{"main", []string{"-I", "needle"}, []string{"-I", "-F", "needle"}},
		{"v1", []string{"needle"}, []string{"-F", "needle"}},
	} {
		args := append([]string{"grep"}, c.ours...)
		code, out, errOut := runCmd(append(args, "--repo", tr.Dir, "--rev", c.rev)...)
		if code != 0 {
			t.Fatalf("%q: exit %d, stderr %q", c.ours, code, errOut)
		}
		gitOut, err := exec.Command("git", append(append([]string{"-C", tr.Dir, "grep", "-n"}, c.gitArgs...), c.rev)...).Output()
		if err != nil {
			t.Fatalf("git grep: %v", err)
		}
		want := strings.ReplaceAll(string(gitOut), c.rev+":", "")
		if out != want {
			t.Errorf("sightline grep %q at %s:\n%s\ngit grep -n:\n%s", c.ours, c.rev, out, want)
		}
	}
}

func TestGrepOutput(t *testing.T) {
	tr := grepFixture(t)
	code, out, _ := runCmd("grep", "--repo", tr.Dir, "needle")
	for _, want := range []string{
		"src/deep/dir/find.go:2:\tneedle := 2 // Needle\n",
		"docs/with space/a b.md:1:a needle, a NEEDLE,\r\n",
		"Binary file bin/data.bin matches\n",
		"\"esc\\033[2Jname.txt\":1:needle \x1b]0;pwned\x07 title\n", // text raw for scripts, path quoted
		"\"new\\nline.txt:1:forged\":1:needle\n",
		"Binary file \"back\\\\slash \\\"q\\\".bin\" matches\n",
	} {
		if code != 0 || !strings.Contains(out, want) {
			t.Errorf("exit %d; output lacks %q:\n%q", code, want, out)
		}
	}
	code, out, _ = runCmd("grep", "--sanitize", "--repo", tr.Dir, "needle")
	for i := 0; i < len(out); i++ {
		if c := out[i]; c < 0x20 && c != '\n' && c != '\t' || c == 0x7f {
			t.Fatalf("--sanitize: raw control byte %#x at %d: %q", c, i, out[max(0, i-20):i+1])
		}
	}
	if code != 0 || !strings.Contains(out, "esc^[[2Jname.txt:1:needle ^[]0;pwned^G title\n") {
		t.Errorf("--sanitize output:\n%s", out)
	}
}

func TestGrepExitStatus(t *testing.T) {
	tr := grepFixture(t)
	for _, c := range []struct {
		args   []string
		code   int
		stderr string
	}{
		{[]string{"absent-text"}, 1, `no line matches "absent-text" at commit`},
		{[]string{"needle", "--rev", "no-such-rev"}, 1, `"no-such-rev": unknown revision`},
		{[]string{}, 2, "missing PATTERN"},
		{[]string{"a(b"}, 2, "bad regular expression \"a(b\": missing closing ): `a(b`"},
		{[]string{"a", "b"}, 2, `unexpected argument "b"`},
		{[]string{"needle", "--bogus"}, 2, "flag provided but not defined: -bogus"},
	} {
		code, _, errOut := runCmd(append([]string{"grep", "--repo", tr.Dir}, c.args...)...)
		if code != c.code || !strings.Contains(errOut, c.stderr) || strings.Count(errOut, "\n") != 1 {
			t.Errorf("grep %q: exit %d, stderr %q; want exit %d and one line with %q", c.args, code, errOut, c.code, c.stderr)
		}
	}
	code, _, errOut := runCmd("grep", "x", "--repo", t.TempDir())
	if code != 1 || !strings.Contains(errOut, "not a git repository") {
		t.Errorf("not a repository: exit %d, %q", code, errOut)
	}
	code, out, _ := runCmd("grep", "--help")
	if code != 0 || !strings.Contains(out, "Usage: sightline grep PATTERN") {
		t.Errorf("--help: exit %d, %q", code, out)
	}
	if code, out, _ := runCmd("grep", "--repo", tr.Dir, "--", "-F"); code != 1 || out != "" {
		t.Errorf("pattern after --: exit %d, %q", code, out)
	}
}

// A missing blob is named on stderr and makes the exit status 1, even
// though other files matched.
func TestGrepDamagedRepository(t *testing.T) {
	tr := grepFixture(t)
	if err := removeObject(tr, "x := 1\n\tneedle := 2 // Needle\nno\n"); err != nil {
		t.Fatal(err)
	}
	code, out, errOut := runCmd("grep", "--repo", tr.Dir, "needle")
	if code != 1 || !strings.Contains(out, "main.go:3:// needle here") || !strings.Contains(errOut, "src/deep/dir/find.go") ||
		!strings.Contains(errOut, "1 file at commit") {
		t.Errorf("exit %d\nstdout %q\nstderr %q", code, out, errOut)
	}
}

func removeObject(tr *repotest.Repo, content string) error {
	return os.Remove(tr.ObjectPath(tr.Blob(content)))
}
