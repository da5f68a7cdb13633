package main

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"golang.org/x/crypto/ssh"

	"sightline/review/bundle"
)

// teamKeys writes a key pair per identity and an allowed_signers file
// naming them all; it returns the key files and the signers file.
func teamKeys(t *testing.T, ids ...string) (map[string]string, string) {
	t.Helper()
	dir := t.TempDir()
	keys := map[string]string{}
	var lines strings.Builder
	for i, id := range ids {
		p := filepath.Join(dir, fmt.Sprintf("id%d", i))
		pub, err := bundle.WriteKeyPair(p, id, nil)
		if err != nil {
			t.Fatal(err)
		}
		keys[id] = p
		fmt.Fprintf(&lines, "%s %s", id, ssh.MarshalAuthorizedKey(pub))
	}
	signers := filepath.Join(dir, "allowed_signers")
	if err := os.WriteFile(signers, []byte(lines.String()), 0o600); err != nil {
		t.Fatal(err)
	}
	return keys, signers
}

func TestTeamInitPushPullConflictConfirm(t *testing.T) {
	tr, repoArgs := findingsFixture(t)
	_ = tr
	keys, signers := teamKeys(t, "alice@example.org", "bob@example.org")
	store := filepath.Join(t.TempDir(), "usb", "team")
	wsA, wsB := filepath.Join(t.TempDir(), "a"), filepath.Join(t.TempDir(), "b")
	out := must(t, "team", "init", store, "--two-person")
	if !strings.Contains(out, "two-person rule on") {
		t.Fatalf("init: %s", out)
	}
	must(t, append([]string{"findings", "add", "--workspace", wsA, "--path", "src/util/exec.c", "--lines", "2-2",
		"--title", "command injection", "--severity", "high"}, repoArgs...)...)
	must(t, append([]string{"findings", "list", "--workspace", wsB}, repoArgs...)...) // bob's workspace
	push := func(ws, who string, extra ...string) string {
		return must(t, append([]string{"team", "push", store, "--workspace", ws, "--key", keys[who],
			"--identity", who, "--signers", signers}, extra...)...)
	}
	pull := func(ws string) string {
		return must(t, "team", "pull", store, "--workspace", ws, "--signers", signers)
	}
	if out := push(wsA, "alice@example.org"); !strings.Contains(out, "pushed 1 operation(s)") {
		t.Fatalf("alice's push: %s", out)
	}
	out = pull(wsB)
	m := regexp.MustCompile(`(T-[0-9a-f]{8})  high  open  command injection  by alice@example.org \(F-0001\)`).FindStringSubmatch(out)
	if m == nil {
		t.Fatalf("bob's pull does not show alice's finding with attribution:\n%s", out)
	}
	id := m[1]
	// Concurrent severity changes: a conflict both rooms see.
	push(wsA, "alice@example.org", "--set", id+":severity=low")
	push(wsB, "bob@example.org", "--set", id+":severity=critical")
	pull(wsA)
	pull(wsB)
	for _, ws := range []string{wsA, wsB} {
		out := must(t, append([]string{"findings", "list", "--workspace", ws}, repoArgs...)...)
		if !strings.Contains(out, "CONFLICT severity: alice@example.org says low; bob@example.org says critical") &&
			!strings.Contains(out, "CONFLICT severity: bob@example.org says critical; alice@example.org says low") {
			t.Fatalf("findings list does not show the conflict:\n%s", out)
		}
	}
	// Bob resolves it; alice proposes false-positive, bob confirms.
	push(wsB, "bob@example.org", "--set", id+":severity=high")
	pull(wsA)
	push(wsA, "alice@example.org", "--set", id+":status=false-positive")
	out = pull(wsB)
	if !strings.Contains(out, "PENDING false-positive by alice@example.org") || strings.Contains(out, "CONFLICT") {
		t.Fatalf("after resolving and proposing: %s", out)
	}
	push(wsB, "bob@example.org", "--confirm", id)
	out = pull(wsA)
	if !strings.Contains(out, id+"  high  false-positive") || !strings.Contains(out, "confirmed by bob@example.org") {
		t.Fatalf("after bob's confirmation: %s", out)
	}
	out = must(t, "team", "status", store)
	if !strings.Contains(out, `"alice@example.org"  3 push(es), 3 operation(s)`) || !strings.Contains(out, `"bob@example.org"  3 push(es)`) {
		t.Fatalf("status: %s", out)
	}
}

func TestTeamPullListsRefusedAndMergesTheRest(t *testing.T) {
	_, repoArgs := findingsFixture(t)
	keys, signers := teamKeys(t, "alice@example.org", "mallory@example.org")
	_, aliceOnly := teamKeys(t) // an empty file, then alice's line alone
	data, _ := os.ReadFile(signers)
	if err := os.WriteFile(aliceOnly, []byte(strings.SplitAfter(string(data), "\n")[0]), 0o600); err != nil {
		t.Fatal(err)
	}
	store := filepath.Join(t.TempDir(), "team")
	must(t, "team", "init", store)
	for _, who := range []string{"alice@example.org", "mallory@example.org"} {
		ws := filepath.Join(t.TempDir(), who)
		must(t, append([]string{"findings", "add", "--workspace", ws, "--path", "src/main.c", "--lines", "1-1",
			"--title", "by " + who, "--severity", "low"}, repoArgs...)...)
		must(t, "team", "push", store, "--workspace", ws, "--key", keys[who], "--identity", who, "--signers", signers)
	}
	wsB := filepath.Join(t.TempDir(), "b")
	must(t, append([]string{"findings", "list", "--workspace", wsB}, repoArgs...)...)
	code, out, errOut := runCmd("team", "pull", store, "--workspace", wsB, "--signers", aliceOnly)
	if code != 1 || !strings.Contains(out, `REFUSED "mallory@example.org"'s log`) || !strings.Contains(out, "may not sign") ||
		!strings.Contains(errOut, "1 operation(s) or log(s) refused") {
		t.Fatalf("exit %d\n%s\n%s", code, out, errOut)
	}
	if !strings.Contains(out, "by alice@example.org  by alice@example.org") || strings.Contains(out, "by mallory@example.org  by") {
		t.Fatalf("alice's finding should merge and mallory's not:\n%s", out)
	}
}
