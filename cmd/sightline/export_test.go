package main

import (
	"bytes"
	"context"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"sightline/repo/repotest"
	"sightline/repo/repotest/pintest"
	"sightline/review"
)

// exportSetup builds a repository with one finding in a workspace and
// returns the repository dir, the workspace dir and a scratch dir.
func exportSetup(t *testing.T) (repoDir, wsDir, dir string) {
	t.Helper()
	rt := repotest.New(t)
	rt.Commit("drop", repotest.Tree{"src/main.c": {Content: "int main(void) {\n  gets(buf);\n}\n"}})
	r, pin := pintest.Head(t, rt)
	wsDir = t.TempDir()
	ws, err := review.Open(wsDir, review.MetaFor(r, pin, nil, "reviewer1@agency.example"))
	if err != nil {
		t.Fatal(err)
	}
	loc, err := review.NewLocation(context.Background(), r, pin.Commit, "src/main.c", 2, 2, "")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := ws.AddFinding(review.Finding{Title: "gets", Severity: review.SeverityHigh, CWE: "CWE-242",
		Steps: []review.Step{{Location: loc}}}); err != nil {
		t.Fatal(err)
	}
	if err := ws.Close(); err != nil {
		t.Fatal(err)
	}
	return rt.Dir, wsDir, t.TempDir()
}

// runSigned runs a sightline command line in-process.
func runSigned(t *testing.T, args ...string) (int, string, string) {
	t.Helper()
	var out, errb bytes.Buffer
	code := run(args, &out, &errb)
	return code, out.String(), errb.String()
}

func TestKeygenExportVerifyCommands(t *testing.T) {
	t.Setenv("SOURCE_DATE_EPOCH", "1767225600")
	repoDir, wsDir, dir := exportSetup(t)
	key := filepath.Join(dir, "id")
	pass := filepath.Join(dir, "pass")
	if err := os.WriteFile(pass, []byte("correct horse\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	passArgs := []string{"--passphrase-file", pass}
	if exportRaceBuild {
		passArgs = nil
	}
	code, out, errs := runSigned(t, append([]string{"keygen", "-o", key, "--comment", "reviewer1@agency.example"}, passArgs...)...)
	if code != 0 || !strings.Contains(out, "SHA256:") {
		t.Fatalf("keygen: %d %s %s", code, out, errs)
	}
	pub, _ := os.ReadFile(key + ".pub")
	signers := filepath.Join(dir, "allowed_signers")
	fields := strings.Fields(string(pub))
	if err := os.WriteFile(signers, []byte("reviewer1@agency.example "+fields[0]+" "+fields[1]+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	bundle := filepath.Join(dir, "findings.json")
	code, out, errs = runSigned(t, append([]string{"export", "--workspace", wsDir, "--repo", repoDir, "--key", key,
		"--identity", "reviewer1@agency.example", "-o", bundle}, passArgs...)...)
	if code != 0 || !strings.Contains(out, "wrote "+bundle+".sig") {
		t.Fatalf("export: %d %s %s", code, out, errs)
	}
	code, out, errs = runSigned(t, "verify", bundle, "--signers", signers, "--repo", repoDir)
	if code != 0 || !strings.Contains(out, "PASS F-0001 step 1 lines: lines 2-2 match lineHash") || !strings.Contains(out, "OK: all") ||
		!strings.Contains(out, "second opinion: ssh-keygen -Y verify -f "+signers+" -I reviewer1@agency.example -n sightline-findings@v1 -s "+bundle+".sig < "+bundle) ||
		!strings.Contains(out, "key valid at ") || !strings.Contains(out, " (verification time)") {
		t.Fatalf("verify: %d\n%s%s", code, out, errs)
	}
	// --at checks at another time, and the second opinion checks there too.
	code, out, errs = runSigned(t, "verify", bundle, "--signers", signers, "--at", "created")
	if code != 0 || !strings.Contains(out, "key valid at 2026-01-01T00:00:00Z (the bundle's created time: the SIGNER'S CLAIM") ||
		!strings.Contains(out, "-s "+bundle+".sig -O verify-time=20260101000000Z < "+bundle) {
		t.Fatalf("verify --at created: %d\n%s%s", code, out, errs)
	}
	code, out, errs = runSigned(t, "verify", "--at", "2030-01-02T03:04:05+01:00", bundle, "--signers", signers)
	if code != 0 || !strings.Contains(out, "key valid at 2030-01-02T02:04:05Z (time given with --at)") ||
		!strings.Contains(out, "-O verify-time=20300102020405Z < ") {
		t.Fatalf("verify --at TIME: %d\n%s%s", code, out, errs)
	}
	code, _, errs = runSigned(t, "verify", bundle, "--signers", signers, "--at", "last tuesday")
	if code != 2 || !strings.Contains(errs, `--at: verification time "last tuesday": want now, created, or an RFC 3339 time`) {
		t.Fatalf("verify --at bad: %d %s", code, errs)
	}
	if _, err := exec.LookPath("ssh-keygen"); err == nil {
		cmd := exec.Command("ssh-keygen", "-Y", "verify", "-f", signers, "-I", "reviewer1@agency.example",
			"-n", "sightline-findings@v1", "-s", bundle+".sig")
		data, _ := os.ReadFile(bundle)
		cmd.Stdin = bytes.NewReader(data)
		if b, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("ssh-keygen -Y verify: %v\n%s", err, b)
		}
	}

	data, _ := os.ReadFile(bundle)
	if err := os.WriteFile(bundle, bytes.Replace(data, []byte(`"high"`), []byte(`"info"`), 1), 0o644); err != nil {
		t.Fatal(err)
	}
	code, out, errs = runSigned(t, "verify", bundle, "--signers", signers)
	if code != 1 || !strings.Contains(out, "FAIL signature: does not match the bundle's bytes") || !strings.Contains(errs, "INVALID") {
		t.Fatalf("tampered verify: %d\n%s%s", code, out, errs)
	}
	code, _, errs = runSigned(t, "verify", bundle)
	if code != 2 || !strings.Contains(errs, "--signers") {
		t.Fatalf("usage: %d %s", code, errs)
	}
	code, _, errs = runSigned(t, "export", "--workspace", filepath.Join(dir, "nope"), "--repo", repoDir, "--key", key,
		"--passphrase-file", pass, "--identity", "r@x", "-o", bundle)
	if code != 1 || !strings.Contains(errs, "no workspace for") {
		t.Fatalf("missing workspace: %d %s", code, errs)
	}
	code, _, errs = runSigned(t, "export", "--workspace", wsDir, "--repo", repoDir, "--key", key, "-o", bundle)
	if code != 2 || !strings.Contains(errs, "--identity") {
		t.Fatalf("missing identity: %d %s", code, errs)
	}
}

func TestExportWithAgent(t *testing.T) {
	for _, b := range []string{"ssh-agent", "ssh-add", "ssh-keygen"} {
		if _, err := exec.LookPath(b); err != nil {
			t.Skipf("%s not installed", b)
		}
	}
	repoDir, wsDir, dir := exportSetup(t)
	key := filepath.Join(dir, "id")
	if code, out, errs := runSigned(t, "keygen", "-o", key); code != 0 {
		t.Fatalf("keygen: %s %s", out, errs)
	}
	sockDir, err := os.MkdirTemp("", "sa")
	if err != nil {
		t.Fatal(err)
	}
	defer os.RemoveAll(sockDir)
	sock := filepath.Join(sockDir, "s")
	t.Setenv("SSH_AUTH_SOCK", sock)
	bundle := filepath.Join(dir, "findings.json")
	args := []string{"export", "--workspace", wsDir, "--repo", repoDir, "--agent", "--key", key + ".pub", "--identity", "r@x", "-o", bundle}
	if code, _, errs := runSigned(t, args...); code != 1 || !strings.Contains(errs, "no ssh-agent") || !strings.Contains(errs, "SHA256:") {
		t.Fatalf("no agent: %d %s", code, errs)
	}
	agent := exec.Command("ssh-agent", "-D", "-a", sock)
	if err := agent.Start(); err != nil {
		t.Fatal(err)
	}
	defer func() { _ = agent.Process.Kill(); _ = agent.Wait() }()
	// Until the agent answers: its socket file exists a moment before it
	// listens, and a dial then is refused (flaked under load in CI).
	for i := 0; i < 500; i++ {
		if c, err := net.Dial("unix", sock); err == nil {
			c.Close()
			break
		}
		time.Sleep(10 * time.Millisecond)
	}
	if code, _, errs := runSigned(t, args...); code != 1 || !strings.Contains(errs, "key not in ssh-agent") {
		t.Fatalf("key absent: %d %s", code, errs)
	}
	if b, err := exec.Command("ssh-add", key).CombinedOutput(); err != nil {
		t.Fatalf("ssh-add: %v %s", err, b)
	}
	if code, out, errs := runSigned(t, args...); code != 0 {
		t.Fatalf("agent export: %s %s", out, errs)
	}
	pub, _ := os.ReadFile(key + ".pub")
	signers := filepath.Join(dir, "allowed_signers")
	f := strings.Fields(string(pub))
	if err := os.WriteFile(signers, []byte("r@x "+f[0]+" "+f[1]+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if code, out, errs := runSigned(t, "verify", bundle, "--signers", signers); code != 0 {
		t.Fatalf("verify agent-signed: %s %s", out, errs)
	}
}

// TestExportAgentKeyNotAPublicKey: with --agent, --key picks the agent's
// key by its public half, and the message says so when it is not one.
func TestExportAgentKeyNotAPublicKey(t *testing.T) {
	repoDir, wsDir, dir := exportSetup(t)
	t.Setenv("SSH_AUTH_SOCK", "")
	missing := filepath.Join(dir, "nokey")
	code, _, errs := runSigned(t, "export", "--workspace", wsDir, "--repo", repoDir, "--agent", "--key", missing,
		"--identity", "r@x", "-o", filepath.Join(dir, "f.json"))
	if code != 1 || !strings.Contains(errs, "--key with --agent names the public key to use: public key") {
		t.Fatalf("%d %s", code, errs)
	}
}
