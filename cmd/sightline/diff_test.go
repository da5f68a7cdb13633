package main

import (
	"fmt"
	"os/exec"
	"strings"
	"testing"

	"github.com/go-git/go-git/v5/plumbing"
	"github.com/go-git/go-git/v5/plumbing/filemode"

	"sightline/repo/repotest"
)

// gitIn runs git in a repository a test built, with settings that make
// its output independent of the machine's configuration.
func gitIn(t *testing.T, dir string, args ...string) string {
	t.Helper()
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("git not installed: cross-check skipped")
	}
	cmd := exec.Command("git", args...)
	cmd.Dir = dir
	cmd.Env = append(cmd.Environ(), "GIT_CONFIG_NOSYSTEM=1", "HOME="+dir, "COLUMNS=80", "LC_ALL=C")
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("git %s: %v", strings.Join(args, " "), err)
	}
	return string(out)
}

func manyLines(prefix string, n int) string {
	var b strings.Builder
	for i := 0; i < n; i++ {
		fmt.Fprintf(&b, "%s %d\n", prefix, i)
	}
	return b.String()
}

// historyRepo has renames, a binary, a mode change, a long path, a path
// with control characters, a big change and a merge.
func historyRepo(t *testing.T) (*repotest.Repo, []plumbing.Hash) {
	tr := repotest.New(t)
	long := "very/long/directory/name/that/goes/on/and/on/for/quite/a/while/file.txt"
	c1 := tr.Commit("one", repotest.Tree{
		"a.txt": {Content: manyLines("a", 20)}, "bin.dat": {Content: "\x00\x01"},
		"run.sh": {Content: "echo\n"}, long: {Content: "x\n"}, "old/name.c": {Content: manyLines("c", 30)},
	})
	c2 := tr.Commit("two", tr.Edit(c1, repotest.Tree{
		"a.txt":           {Content: strings.Replace(manyLines("a", 20), "a 3\n", "A 3\n", 1)},
		"big.txt":         {Content: manyLines("big", 300)},
		"bin.dat":         {Content: "\x00\x01\x02\x03"},
		"run.sh":          {Content: "echo\n", Mode: filemode.Executable},
		long:              {Content: "x\ny\n"},
		"old/name.c":      repotest.Delete,
		"new/name.c":      {Content: strings.Replace(manyLines("c", 30), "c 7\n", "seven\n", 1)},
		"tab\tin\x1bname": {Content: "t\n"},
	}))
	side := tr.CommitWithParents("side", tr.Edit(c2, repotest.Tree{"side.txt": {Content: "s\n"}, "a.txt": {Content: manyLines("a", 21)}}), c2)
	c3 := tr.Commit("three", tr.Edit(c2, repotest.Tree{"a.txt": {Content: "top\n" + strings.Replace(manyLines("a", 20), "a 3\n", "A 3\n", 1)}}))
	m := tr.CommitWithParents("merge", tr.Edit(c3, repotest.Tree{"side.txt": {Content: "s\n"}}), c3, side)
	tr.SetHead(m)
	c4 := tr.Commit("four", tr.Edit(m, repotest.Tree{"new/name.c": {Content: "head\n" + strings.Replace(manyLines("c", 30), "c 7\n", "seven\n", 1)}}))
	return tr, []plumbing.Hash{c1, c2, c3, m, c4}
}

func TestDiffCommandMatchesGit(t *testing.T) {
	tr, cs := historyRepo(t)
	for _, p := range [][2]plumbing.Hash{{cs[0], cs[1]}, {cs[0], cs[4]}, {cs[4], cs[0]}, {cs[2], cs[3]}} {
		a, b := p[0].String(), p[1].String()
		for _, mode := range []string{"--numstat", "--name-status", "--stat"} {
			code, out, errOut := runCmd("diff", "--repo", tr.Dir, "--base", a, "--rev", b, mode)
			want := gitIn(t, tr.Dir, "diff", "-M", mode, a, b)
			if code != 0 || out != want {
				t.Errorf("diff %s %s..%s: exit %d %s\n got:\n%s\nwant:\n%s", mode, a[:7], b[:7], code, errOut, out, want)
			}
		}
	}
}

func TestLogAndBlameCommandsMatchGit(t *testing.T) {
	tr, _ := historyRepo(t)
	if code, out, _ := runCmd("log", "--repo", tr.Dir); code != 0 || out != gitIn(t, tr.Dir, "log", "--format=%H") {
		t.Errorf("log: exit %d\n%s", code, out)
	}
	if code, out, _ := runCmd("log", "--repo", tr.Dir, "-n", "2"); code != 0 || out != gitIn(t, tr.Dir, "log", "--format=%H", "-n", "2") {
		t.Errorf("log -n 2: exit %d\n%s", code, out)
	}
	for _, path := range []string{"a.txt", "new/name.c", "new", "side.txt"} {
		code, out, errOut := runCmd("log", "--repo", tr.Dir, "--", path)
		if want := gitIn(t, tr.Dir, "log", "--format=%H", "--", path); code != 0 || out != want {
			t.Errorf("log -- %s: exit %d %s\n got %s\nwant %s", path, code, errOut, out, want)
		}
	}
	for _, path := range []string{"a.txt", "new/name.c"} {
		code, out, errOut := runCmd("blame", path, "--repo", tr.Dir)
		var want strings.Builder
		for _, l := range strings.Split(gitIn(t, tr.Dir, "blame", "--line-porcelain", "HEAD", "--", path), "\n") {
			if f := strings.Fields(l); len(f) >= 3 && len(f[0]) == 40 && !strings.Contains(l, "\t") && isHex(f[0]) {
				want.WriteString(f[0] + " " + f[1] + " " + f[2] + "\n")
			}
		}
		if code != 0 || out != want.String() {
			t.Errorf("blame %s: exit %d %s\n got %s\nwant %s", path, code, errOut, out, want.String())
		}
	}
}

func isHex(s string) bool {
	return strings.Trim(s, "0123456789abcdef") == ""
}

func TestHistoryCommandsRejectBadUsage(t *testing.T) {
	tr, _ := historyRepo(t)
	cases := []struct {
		args []string
		code int
		msg  string
	}{
		{[]string{"diff", "--repo", tr.Dir, "--numstat"}, 2, "--base is required"},
		{[]string{"diff", "--repo", tr.Dir, "--base", "HEAD~1"}, 2, "exactly one of"},
		{[]string{"diff", "--repo", tr.Dir, "--base", "nope", "--stat"}, 1, "unknown revision"},
		{[]string{"blame", "--repo", tr.Dir}, 2, "exactly one file"},
		{[]string{"blame", "missing.txt", "--repo", tr.Dir}, 1, "no such path"},
		{[]string{"log", "--repo", tr.Dir, "stray"}, 2, "unexpected argument"},
		{[]string{"log", "--repo", tr.Dir, "--rev", "nope"}, 1, "unknown revision"},
	}
	for _, c := range cases {
		code, _, errOut := runCmd(c.args...)
		if code != c.code || !strings.Contains(errOut, c.msg) || strings.Count(errOut, "\n") != 1 {
			t.Errorf("%v: exit %d, stderr %q; want exit %d mentioning %q on one line", c.args, code, errOut, c.code, c.msg)
		}
	}
}
