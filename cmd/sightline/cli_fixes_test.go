package main

import (
	"strings"
	"testing"
)

// TestLogAcceptsGitCountSpellings: -n1, -n 1, -1 and -n=1 all print the
// newest commit only, as git log does; the help shows no "-1" default.
func TestLogAcceptsGitCountSpellings(t *testing.T) {
	tr, _ := historyRepo(t)
	want := gitIn(t, tr.Dir, "log", "--format=%H", "-n", "2")
	for _, spell := range [][]string{{"-n2"}, {"-n", "2"}, {"-2"}, {"-n=2"}, {"--n=2"}} {
		args := append([]string{"log", "--repo", tr.Dir}, spell...)
		if code, out, errOut := runCmd(args...); code != 0 || out != want {
			t.Errorf("log %s: exit %d %s\n got %q\nwant %q", strings.Join(spell, " "), code, errOut, out, want)
		}
	}
	if code, out, errOut := runCmd("log", "--repo", tr.Dir, "-1", "--", "a.txt"); code != 0 ||
		out != gitIn(t, tr.Dir, "log", "--format=%H", "-1", "--", "a.txt") {
		t.Errorf("log -1 -- a.txt: exit %d %s\n%s", code, errOut, out)
	}
	if code, out, _ := runCmd("log", "--repo", tr.Dir, "-n0"); code != 0 || out != "" {
		t.Errorf("log -n0: exit %d, %q", code, out)
	}
	for _, bad := range []string{"-nx", "-n=-3"} {
		if code, _, errOut := runCmd("log", "--repo", tr.Dir, bad); code != 2 || !strings.Contains(errOut, "-n") {
			t.Errorf("log %s: exit %d (want 2), %q", bad, code, errOut)
		}
	}
	code, out, _ := runCmd("log", "--help")
	if code != 0 || strings.Contains(out, "default -1") || !strings.Contains(out, "-nN") {
		t.Errorf("log --help: exit %d\n%s", code, out)
	}
}
