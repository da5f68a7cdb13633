package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"sightline/repo/demo"
)

// offlineRun is one command of the offline check and the exit status it
// must end with (scan exits 1: the demo holds a Trojan Source line).
type offlineRun struct {
	args []string
	code int
}

// offlineWorkflow is every command a reviewer runs in a day, against the
// demo repository in dir: browse-side reads, the search index, findings,
// a key, a signed export and its verification.
func offlineWorkflow(dir string) []offlineRun {
	key := filepath.Join(dir, "id")
	bundle := filepath.Join(dir, "findings.json")
	return []offlineRun{
		{[]string{"version", "--json"}, 0},
		{[]string{"grep", "--rev", "v1.1", "signature"}, 0},
		{[]string{"log", "--rev", "v1.1"}, 0},
		{[]string{"diff", "--base", "v1.0", "--rev", "v1.1", "--numstat"}, 0},
		{[]string{"blame", "src/auth.c", "--rev", "v1.1"}, 0},
		{[]string{"scan", "--rev", "v1.1"}, 1},
		{[]string{"index", "--rev", "v1.1"}, 0},
		{[]string{"keygen", "-o", key, "--comment", "reviewer@agency.example"}, 0},
		{[]string{"findings", "add", "--rev", "v1.1", "--path", "src/auth.c", "--lines", "1-2", "--title", "check", "--severity", "high"}, 0},
		{[]string{"export", "--rev", "v1.1", "--key", key, "--identity", "reviewer@agency.example", "-o", bundle}, 0},
		{[]string{"verify", bundle, "--signers", filepath.Join(dir, "allowed_signers"), "--repo", "."}, 0},
	}
}

// runOffline runs the workflow with each command wrapped by wrap (a
// prefix such as "unshare --net"), in a private HOME and XDG tree.
func runOffline(t *testing.T, wrap ...string) {
	t.Helper()
	bin := sightlineBinary(t)
	dir := t.TempDir()
	repoDir := filepath.Join(dir, "otaupd")
	if err := demo.Build(repoDir); err != nil {
		t.Fatal(err)
	}
	env := append(os.Environ(), "HOME="+filepath.Join(dir, "home"), "XDG_DATA_HOME="+filepath.Join(dir, "data"),
		"XDG_CACHE_HOME="+filepath.Join(dir, "cache"), "XDG_STATE_HOME="+filepath.Join(dir, "state"),
		"XDG_CONFIG_HOME="+filepath.Join(dir, "config"), "SSH_AUTH_SOCK=")
	for _, r := range offlineWorkflow(dir) {
		if r.args[0] == "verify" {
			pub, err := os.ReadFile(filepath.Join(dir, "id.pub"))
			if err != nil {
				t.Fatal(err)
			}
			f := strings.Fields(string(pub))
			line := `reviewer@agency.example namespaces="sightline-findings@v1" ` + f[0] + " " + f[1] + "\n"
			if err := os.WriteFile(filepath.Join(dir, "allowed_signers"), []byte(line), 0o644); err != nil {
				t.Fatal(err)
			}
		}
		argv := append(append(append([]string{}, wrap...), bin), r.args...)
		cmd := exec.Command(argv[0], argv[1:]...)
		cmd.Dir, cmd.Env = repoDir, env
		out, _ := cmd.CombinedOutput()
		if code := cmd.ProcessState.ExitCode(); code != r.code {
			t.Fatalf("%s: exit %d, want %d\n%s", strings.Join(argv, " "), code, r.code, out)
		}
	}
}

// TestOfflineInEmptyNetworkNamespace runs the whole workflow where no
// network exists at all: a command that needed one would fail here.
func TestOfflineInEmptyNetworkNamespace(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and runs the binary")
	}
	if exec.Command("unshare", "--net", "true").Run() != nil {
		t.Skip("unshare --net is not available here (needs root or user namespaces); TestOfflineNoConnect covers it with strace")
	}
	runOffline(t, "unshare", "--net")
}

// TestOfflineNoConnect runs the workflow under strace and fails on any
// socket other than a local pipe pair: no connect() at all (not even to
// the C library's name service daemon), no network socket.
func TestOfflineNoConnect(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and runs the binary")
	}
	if _, err := exec.LookPath("strace"); err != nil {
		t.Skip("strace not installed")
	}
	log := filepath.Join(t.TempDir(), "strace.log")
	if exec.Command("strace", "-f", "-o", log, "true").Run() != nil {
		t.Skip("strace cannot trace here (ptrace not permitted)")
	}
	runOffline(t, "strace", "-f", "-qq", "-e", "trace=socket,connect", "-o", log, "-A")
	b, err := os.ReadFile(log)
	if err != nil {
		t.Fatal(err)
	}
	bad := regexp.MustCompile(`connect\(|socket\(AF_INET|socket\(AF_INET6|socket\(AF_NETLINK|socket\(AF_UNIX`)
	for _, line := range strings.Split(string(b), "\n") {
		if bad.MatchString(line) {
			t.Errorf("network or socket use: %s", line)
		}
	}
}
