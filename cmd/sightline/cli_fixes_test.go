package main

import (
	"os"
	"path/filepath"
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

// TestReviewedCountsOnlyRealChanges: unmarking a file that is not marked,
// or marking one already marked, says so and counts nothing.
func TestReviewedCountsOnlyRealChanges(t *testing.T) {
	_, at := findingsFixture(t)
	rv := func(args ...string) string { return must(t, append(append([]string{"reviewed"}, args...), at...)...) }
	if out := rv("--undo", "src/main.c"); out != "src/main.c was not marked reviewed; nothing changed; 0 files reviewed in this workspace\n" {
		t.Errorf("undo of an unmarked file printed %q", out)
	}
	if out := rv("src/main.c"); !strings.HasPrefix(out, "marked 1 file reviewed (") {
		t.Errorf("mark printed %q", out)
	}
	if out := rv("src/main.c"); out != "src/main.c was already marked reviewed; nothing changed; 1 file reviewed in this workspace\n" {
		t.Errorf("marking again printed %q", out)
	}
	if out := rv("src", "src/main.c"); out != "marked 1 file reviewed (3 lines), 2 were already; 2 files reviewed in this workspace\n" {
		t.Errorf("marking a directory and a marked file printed %q", out)
	}
	if out := rv("--undo", "src/util/exec.c", "empty.txt"); out != "unmarked 1 file (3 lines), 1 was not marked; 1 file reviewed in this workspace\n" {
		t.Errorf("undo of one marked, one unmarked printed %q", out)
	}
	if out := rv("--undo", "src/util", "empty.txt"); out != "none of the 2 files was marked reviewed; nothing changed; 1 file reviewed in this workspace\n" {
		t.Errorf("undo of two unmarked files printed %q", out)
	}
	if out := rv("src"); out != "marked 1 file reviewed (3 lines), 1 was already; 2 files reviewed in this workspace\n" {
		t.Errorf("marking a half-marked directory printed %q", out)
	}
	if out := rv("src"); out != "all 2 files were already marked reviewed; nothing changed; 2 files reviewed in this workspace\n" {
		t.Errorf("marking a marked directory printed %q", out)
	}
}

// TestExportRefusesUnnameableIdentity: an identity no allowed_signers
// line can name is bad usage, refused before any key or file is touched.
func TestExportRefusesUnnameableIdentity(t *testing.T) {
	repoDir, wsDir, dir := exportSetup(t)
	bundle := filepath.Join(dir, "out.json")
	for _, id := range []string{"alice smith", "alice\x1b[31m", "alice\tx", "!alice", "alice,bob", "a\u2028b", "alice\xff"} {
		code, out, errOut := runCmd("export", "--workspace", wsDir, "--repo", repoDir, "--key", filepath.Join(dir, "no-such-key"),
			"--identity", id, "-o", bundle)
		if code != 2 || !strings.Contains(errOut, "--identity") || !strings.Contains(errOut, "allowed_signers principal: no spaces or control characters") {
			t.Errorf("--identity %q: exit %d, stdout %q, stderr %q", id, code, out, errOut)
		}
		if strings.ContainsAny(errOut, "\x1b\t") {
			t.Errorf("--identity %q: raw control character in the message %q", id, errOut)
		}
	}
	if _, err := os.Stat(bundle); err == nil {
		t.Error("a bundle was written for a refused identity")
	}
	// A good identity gets past the check to the (missing) key.
	code, _, errOut := runCmd("export", "--workspace", wsDir, "--repo", repoDir, "--key", filepath.Join(dir, "no-such-key"),
		"--identity", "reviewer1@agency.example", "-o", bundle)
	if code != 1 || strings.Contains(errOut, "--identity") {
		t.Errorf("good identity: exit %d, %q", code, errOut)
	}
}
