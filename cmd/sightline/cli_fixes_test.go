package main

import (
	"crypto/ed25519"
	"crypto/rand"
	"encoding/pem"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/crypto/ssh"

	"sightline/repo/repotest"
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

// TestWorkspaceNamesItsRepository: with only --workspace, outside any
// repository, the findings commands open the repository and pin the
// workspace records and say which; once that repository is gone, list
// and show still read the journal, and the rest say to pass --repo.
func TestWorkspaceNamesItsRepository(t *testing.T) {
	tr, at := findingsFixture(t)
	ws := filepath.Join(t.TempDir(), "ws")
	must(t, append([]string{"findings", "add", "--workspace", ws, "--path", "src/main.c", "--lines", "2",
		"--title", "system call", "--severity", "high"}, at...)...)
	t.Chdir(t.TempDir()) // not a repository
	gitDir := filepath.Join(tr.Dir, ".git")

	code, out, errOut := runCmd("findings", "list", "--workspace", ws)
	if code != 0 || !strings.Contains(out, "F-0001") || !strings.Contains(out, "system call") ||
		!strings.Contains(errOut, "repository "+gitDir+" (recorded in the workspace") {
		t.Fatalf("list --workspace outside the repo: exit %d\nstdout %q\nstderr %q", code, out, errOut)
	}
	if code, out, errOut := runCmd("findings", "show", "F-0001", "--workspace", ws); code != 0 || !strings.Contains(out, "severity:  high") {
		t.Errorf("show: exit %d %q %q", code, out, errOut)
	}
	// The pin is the workspace's ("main" at the time), not HEAD: a later
	// commit on main does not make the workspace refuse to open.
	tr.Commit("v3", repotest.Tree{"src/main.c": {Content: "int main() { return 3; }\n"}})
	code, out, errOut = runCmd("reviewed", "src/main.c", "--workspace", ws)
	if code != 0 || !strings.HasPrefix(out, "marked 1 file reviewed") {
		t.Errorf("reviewed --workspace: exit %d %q %q", code, out, errOut)
	}
	if code, out, _ := runCmd("findings", "list", "--workspace", ws, "--json"); code != 0 || !strings.Contains(out, `"ref": "main"`) {
		t.Errorf("list --json: exit %d\n%s", code, out)
	}

	_, priv, _ := ed25519.GenerateKey(rand.Reader)
	block, err := ssh.MarshalPrivateKey(priv, "")
	if err != nil {
		t.Fatal(err)
	}
	key := filepath.Join(t.TempDir(), "id")
	if err := os.WriteFile(key, pem.EncodeToMemory(block), 0o600); err != nil {
		t.Fatal(err)
	}

	// The repository goes away, as the demo's temporary one does.
	if err := os.RemoveAll(tr.Dir); err != nil {
		t.Fatal(err)
	}
	code, out, errOut = runCmd("findings", "list", "--workspace", ws)
	if code != 0 || !strings.Contains(out, "system call") || !strings.Contains(errOut, "is gone; showing the workspace's journal alone") {
		t.Errorf("list with the repository gone: exit %d\nstdout %q\nstderr %q", code, out, errOut)
	}
	if code, out, errOut := runCmd("findings", "show", "F-0001", "--workspace", ws); code != 0 || !strings.Contains(out, "system call") {
		t.Errorf("show with the repository gone: exit %d %q %q", code, out, errOut)
	}
	for _, args := range [][]string{
		{"findings", "add", "--workspace", ws, "--path", "src/main.c", "--lines", "1", "--title", "t", "--severity", "low"},
		{"findings", "set-status", "F-0001", "confirmed", "--workspace", ws},
		{"reviewed", "src/main.c", "--workspace", ws},
		{"export", "--workspace", ws, "--key", key, "--identity", "r@x", "-o", filepath.Join(t.TempDir(), "b.json")},
	} {
		code, _, errOut := runCmd(args...)
		if code != 1 || !strings.Contains(errOut, "is no longer at "+gitDir+"; pass --repo PATH") {
			t.Errorf("%q with the repository gone: exit %d, %q", args, code, errOut)
		}
	}
	// Nothing was changed by the refused commands.
	if code, out, _ := runCmd("findings", "show", "F-0001", "--workspace", ws); code != 0 || !strings.Contains(out, "status:    open") {
		t.Errorf("after refusals: exit %d\n%s", code, out)
	}
}
