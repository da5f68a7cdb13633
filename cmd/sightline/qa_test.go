package main

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// gitBuiltHistory makes a repository with the git CLI itself (not go-git),
// so the cross-checks below also cover what real git writes: a rename with
// an edit, a mode change, a merge of a moved directory, a merge whose
// conflict git left for a person to resolve, a symlink retargeted, a copy
// (which git diff -M does not report as one), a file replaced by a
// directory, CRLF and missing final newlines, binary files and odd names.
// It returns the directory and every commit, oldest first.
func gitBuiltHistory(t *testing.T) (string, []string) {
	t.Helper()
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("git not installed: cross-check skipped")
	}
	dir := t.TempDir()
	tick := 0
	git := func(mayFail bool, args ...string) string {
		t.Helper()
		cmd := exec.Command("git", args...)
		cmd.Dir = dir
		date := fmt.Sprintf("2024-01-01T00:%02d:00Z", tick)
		cmd.Env = append(cmd.Environ(), "GIT_CONFIG_NOSYSTEM=1", "HOME="+dir, "LC_ALL=C",
			"GIT_AUTHOR_NAME=A", "GIT_AUTHOR_EMAIL=a@x", "GIT_COMMITTER_NAME=C", "GIT_COMMITTER_EMAIL=c@x",
			"GIT_AUTHOR_DATE="+date, "GIT_COMMITTER_DATE="+date)
		out, err := cmd.CombinedOutput()
		if err != nil && !mayFail {
			t.Fatalf("git %s: %v\n%s", strings.Join(args, " "), err, out)
		}
		return string(out)
	}
	write := func(name, content string) {
		t.Helper()
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	commit := func(msg string) {
		t.Helper()
		tick++
		git(false, "add", "-A")
		git(false, "commit", "-q", "-m", msg)
	}
	noise := func(seed, n int) string { // deterministic binary content
		b := make([]byte, n)
		for i := range b {
			b[i] = byte((i*31 + seed*7) ^ (i >> 3))
		}
		return string(b)
	}
	git(false, "init", "-q", "-b", "main", ".")
	write("a.txt", manyLines("a", 100))
	write("b.txt", manyLines("b", 50))
	write("crlf.txt", "x\r\ny\r\n")
	write("nonl.txt", "no newline")
	write("empty.txt", "")
	write("bin.dat", noise(1, 3000))
	write("nul.c", "text\x00more\n")
	write("src/deep/c.go", manyLines("c", 100))
	write("run.sh", "#!/bin/sh\n")
	if err := os.Symlink("a.txt", filepath.Join(dir, "link")); err != nil {
		t.Skip("no symlinks here:", err)
	}
	commit("initial")
	git(false, "mv", "a.txt", "a2.txt")
	write("a2.txt", strings.Replace(manyLines("a", 100), "a 50\n", "fifty\n", 1))
	commit("rename a with an edit")
	if err := os.Chmod(filepath.Join(dir, "run.sh"), 0o755); err != nil {
		t.Fatal(err)
	}
	commit("mode change")
	git(false, "checkout", "-q", "-b", "side")
	write("b.txt", "side-top\n"+manyLines("b", 50))
	git(false, "mv", "src/deep/c.go", "src/c.go")
	write("bin.dat", noise(2, 3000))
	commit("side: edit b, move c, new binary")
	write("crlf.txt", "x\r\ny\r\nside\n")
	commit("side: crlf")
	git(false, "checkout", "-q", "main")
	write("b.txt", strings.Replace(manyLines("b", 50), "b 10\n", "TEN\n", 1))
	os.Remove(filepath.Join(dir, "link"))
	if err := os.Symlink("b.txt", filepath.Join(dir, "link")); err != nil {
		t.Fatal(err)
	}
	write("nonl.txt", "no newline\nmain")
	commit("main: edit b, relink")
	tick++
	git(false, "merge", "-q", "--no-edit", "-m", "merge side", "side")
	write("b_copy.txt", manyLines("b", 50))
	commit("copy b")
	os.Remove(filepath.Join(dir, "empty.txt"))
	write("empty.txt/inner", "f\n")
	commit("file to directory")
	git(false, "rm", "-q", "-r", "src")
	commit("delete src")
	write("a2.txt", manyLines("reversed a", 60))
	commit("rewrite a2")
	git(false, "checkout", "-q", "-b", "side2", "HEAD~3")
	write("a2.txt", strings.Replace(manyLines("a", 100), "a 50\n", "fifty\n", 1)+"s\n")
	commit("side2")
	git(false, "checkout", "-q", "main")
	tick++
	if out := git(true, "merge", "-q", "--no-edit", "-m", "merge side2", "side2"); !strings.Contains(out, "CONFLICT") {
		t.Fatalf("the second merge should conflict:\n%s", out)
	}
	git(false, "checkout", "--theirs", "a2.txt")
	commit("merge side2 (resolved)")
	for _, name := range []string{"sp ace.txt", "tab\tname.txt", "ünï.txt", "q\"uote.txt", "esc\x1b[31m.txt"} {
		write(name, manyLines("b", 50))
	}
	commit("odd names")
	git(false, "mv", "sp ace.txt", "sp ace2.txt")
	commit("rename an odd name")
	return dir, strings.Fields(git(false, "rev-list", "--reverse", "--topo-order", "--all"))
}

// porcelainFirstLines keeps "<hash> <orig> <final>" from each entry of
// git blame --line-porcelain.
func porcelainFirstLines(porcelain string) string {
	var b strings.Builder
	for _, l := range strings.Split(porcelain, "\n") {
		if f := strings.Fields(l); len(f) >= 3 && len(f[0]) == 40 && isHex(f[0]) && !strings.HasPrefix(l, "\t") {
			b.WriteString(f[0] + " " + f[1] + " " + f[2] + "\n")
		}
	}
	return b.String()
}

func TestQAGitBuiltHistoryMatchesGit(t *testing.T) {
	dir, cs := gitBuiltHistory(t)
	if len(cs) != 15 {
		t.Fatalf("fixture has %d commits, want 15", len(cs))
	}
	head := cs[len(cs)-1]
	// Every commit against its neighbour, the root and HEAD, both ways.
	pairs, statuses := 0, map[byte]bool{}
	for i := 1; i < len(cs); i++ {
		for _, p := range [][2]string{{cs[i-1], cs[i]}, {cs[i], cs[i-1]}, {cs[0], cs[i]}, {cs[i], head}} {
			if p[0] == p[1] {
				continue
			}
			pairs++
			for _, mode := range []string{"--numstat", "--name-status"} {
				code, out, errOut := runCmd("diff", "--repo", dir, "--base", p[0], "--rev", p[1], mode)
				want := gitIn(t, dir, "diff", "-M", mode, p[0], p[1])
				for _, l := range strings.Split(out, "\n") {
					if mode == "--name-status" && l != "" {
						statuses[l[0]] = true
					}
				}
				if code != 0 || out != want {
					t.Errorf("diff %s %.7s..%.7s: exit %d %s\n got:\n%s\nwant:\n%s", mode, p[0], p[1], code, errOut, out, want)
				}
			}
		}
	}
	if !statuses['R'] || !statuses['D'] || !statuses['A'] || !statuses['M'] {
		t.Errorf("the fixture's diffs show statuses %v; want renames, deletions, additions and modifications", statuses)
	}
	// Log and blame at the root, each merge and HEAD (every commit would
	// take too long under -race).
	at := append([]string{cs[0], head}, strings.Fields(gitIn(t, dir, "rev-list", "--merges", "--all"))...)
	files, blamed := 0, 0
	for _, c := range at {
		if code, out, errOut := runCmd("log", "--repo", dir, "--rev", c); code != 0 || out != gitIn(t, dir, "log", "--format=%H", c) {
			t.Errorf("log %.7s: exit %d %s\n%s", c, code, errOut, out)
		}
		paths := strings.Split(strings.TrimSuffix(gitIn(t, dir, "ls-tree", "-r", "-z", "--name-only", c), "\x00"), "\x00")
		for _, p := range append(paths, "src", "empty.txt", "a.txt") {
			files++
			code, out, errOut := runCmd("log", "--repo", dir, "--rev", c, "--", p)
			if want := gitIn(t, dir, "--literal-pathspecs", "log", "--format=%H", c, "--", p); code != 0 || out != want {
				t.Errorf("log %.7s -- %q: exit %d %s\n got %s\nwant %s", c, p, code, errOut, out, want)
			}
		}
		for _, p := range paths {
			code, out, errOut := runCmd("blame", "--repo", dir, "--rev", c, "--", p)
			want := porcelainFirstLines(gitIn(t, dir, "--literal-pathspecs", "blame", "--line-porcelain", c, "--", p))
			blamed += strings.Count(want, "\n")
			if code != 0 || out != want {
				t.Errorf("blame %.7s %q: exit %d %s\n got %s\nwant %s", c, p, code, errOut, out, want)
			}
		}
	}
	if blamed < 1000 {
		t.Errorf("only %d lines blamed: the fixture lost its files", blamed)
	}
	for _, pat := range []string{"b 1", "TEN", "x", "more", "fifty"} {
		code, out, errOut := runCmd("grep", "--repo", dir, "-F", "--", pat)
		want := strings.ReplaceAll(gitIn(t, dir, "grep", "-n", "-F", "-e", pat, "HEAD"), "HEAD:", "")
		if code != 0 || out != want {
			t.Errorf("grep -F %q: exit %d %s\n got %s\nwant %s", pat, code, errOut, out, want)
		}
	}
	t.Logf("compared %d commit pairs, log of %d paths and blame of %d lines at %d commits", pairs, files, blamed, len(at))
}

// A revision past the first commit, or in a form go-git ignores, is named
// in one line without go-git's bare "EOF", and exits 1.
func TestQARevisionMessages(t *testing.T) {
	dir, _ := gitBuiltHistory(t)
	for _, rev := range []string{"HEAD~99", "HEAD^2", "HEAD@{1}", "main@{upstream}"} {
		code, out, errOut := runCmd("log", "--repo", dir, "--rev", rev)
		if code != 1 || out != "" || strings.Count(errOut, "\n") != 1 || !strings.Contains(errOut, "unknown revision") ||
			strings.Contains(errOut, "EOF") || !strings.Contains(errOut, rev) {
			t.Errorf("log --rev %s: exit %d, stdout %q, stderr %q", rev, code, out, errOut)
		}
	}
}

// "sightline help CMD" shows CMD's own help, as "sightline CMD --help" does.
func TestQAHelpCommand(t *testing.T) {
	for _, name := range []string{"grep", "diff", "blame", "log", "findings", "verify"} {
		code, out, errOut := runCmd("help", name)
		_, want, _ := runCmd(name, "--help")
		if code != 0 || errOut != "" || out != want || !strings.Contains(out, "sightline "+name) {
			t.Errorf("help %s: exit %d, stderr %q, stdout %q; want the output of %s --help", name, code, errOut, out, name)
		}
	}
	if code, out, _ := runCmd("help"); code != 0 || !strings.Contains(out, "Commands:") {
		t.Errorf("help: exit %d, %q", code, out)
	}
}

// keygen names the problem once: no "keygen: keygen:", and a missing
// directory is named rather than a temporary file inside it.
func TestQAKeygenMessages(t *testing.T) {
	dir := t.TempDir()
	key := filepath.Join(dir, "id")
	if code, _, errOut := runCmd("keygen", "-o", key); code != 0 {
		t.Fatalf("keygen: exit %d %s", code, errOut)
	}
	for _, c := range []struct{ out, msg string }{
		{key, "already exists; remove it or choose another -o"},
		{filepath.Join(dir, "missing", "id"), "directory " + filepath.Join(dir, "missing") + " does not exist; create it first"},
	} {
		code, _, errOut := runCmd("keygen", "-o", c.out)
		if code != 1 || !strings.HasPrefix(errOut, "sightline keygen: ") || strings.Count(errOut, "keygen:") != 1 ||
			!strings.Contains(errOut, c.msg) || strings.Contains(errOut, ".tmp") || strings.Count(errOut, "\n") != 1 {
			t.Errorf("keygen -o %s: exit %d, stderr %q; want exit 1 and %q once", c.out, code, errOut, c.msg)
		}
	}
}
