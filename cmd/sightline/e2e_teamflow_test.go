package main

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// teamflowSARIF is a scan of the findings fixture: three results, one
// rule with a CWE.
const teamflowSARIF = `{"version": "2.1.0", "runs": [{"tool": {"driver": {"name": "gosec-like",
  "rules": [{"id": "cmd-injection", "defaultConfiguration": {"level": "error"},
             "properties": {"tags": ["CWE-78"]}},
            {"id": "format-string", "defaultConfiguration": {"level": "warning"}, "properties": {"tags": ["CWE-134"]}}]}},
  "results": [
    {"ruleId": "cmd-injection", "message": {"text": "system() runs its argument through a shell"},
     "locations": [{"physicalLocation": {"artifactLocation": {"uri": "src/util/exec.c"}, "region": {"startLine": 2}}}]},
    {"ruleId": "format-string", "message": {"text": "sprintf into a fixed buffer"},
     "locations": [{"physicalLocation": {"artifactLocation": {"uri": "src/main.c"}, "region": {"startLine": 4}}}]},
    {"ruleId": "cmd-injection", "message": {"text": "system() with a built string"},
     "locations": [{"physicalLocation": {"artifactLocation": {"uri": "src/main.c"}, "region": {"startLine": 5}}}]}]}]}`

// sshKeys makes a key pair per reviewer with ssh-keygen and an
// allowed_signers file naming them; it skips without ssh-keygen.
func sshKeys(t *testing.T, ids ...string) (map[string]string, string) {
	t.Helper()
	if _, err := exec.LookPath("ssh-keygen"); err != nil {
		t.Skip("ssh-keygen not installed: the team flow signs with real OpenSSH keys")
	}
	dir := t.TempDir()
	keys := map[string]string{}
	var lines strings.Builder
	for i, id := range ids {
		p := filepath.Join(dir, "id"+string(rune('a'+i)))
		if out, err := exec.Command("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", id, "-f", p).CombinedOutput(); err != nil {
			t.Fatalf("ssh-keygen: %v\n%s", err, out)
		}
		pub, err := os.ReadFile(p + ".pub")
		if err != nil {
			t.Fatal(err)
		}
		keys[id] = p
		lines.WriteString(id + " " + string(pub))
	}
	signers := filepath.Join(dir, "allowed_signers")
	if err := os.WriteFile(signers, []byte(lines.String()), 0o600); err != nil {
		t.Fatal(err)
	}
	return keys, signers
}

// TestE2ETeamWholeFlow is issue 18's "done when": two reviewers in two
// workspaces annotate the same repository, push to and pull from a
// shared directory, see each other's findings with attribution in the
// workbench, hit and resolve a severity conflict (r in the Findings
// tab), confirm a finding under the two-person rule (v; refused for the
// change's author), import a SARIF file, triage three
// candidates in the Triage tab (a disagreement there is a conflict
// too), and export a bundle ssh-keygen -Y verify and sightline verify
// accept. Setup and the team commands go through the command line; what
// a reviewer sees and triages goes through the TUI in tmux.
func TestE2ETeamWholeFlow(t *testing.T) {
	if testing.Short() {
		t.Skip("tmux end-to-end test skipped in -short mode")
	}
	if _, err := exec.LookPath("tmux"); err != nil {
		t.Skip("tmux not installed")
	}
	const alice, bob = "alice@example.org", "bob@example.org"
	tr, repoArgs := findingsFixture(t)
	keys, signers := sshKeys(t, alice, bob)
	store := filepath.Join(t.TempDir(), "usb", "team")
	wsA, wsB := filepath.Join(t.TempDir(), "a"), filepath.Join(t.TempDir(), "b")
	must(t, "team", "init", store, "--two-person")
	push := func(ws, who string, extra ...string) string {
		return must(t, append([]string{"team", "push", store, "--workspace", ws, "--key", keys[who],
			"--identity", who, "--signers", signers}, extra...)...)
	}
	pull := func(ws string) string { return must(t, "team", "pull", store, "--workspace", ws, "--signers", signers) }
	open := func(ws, who string) *tmuxSession {
		return startTUI(t, "open", tr.Dir, "--workspace", ws, "--reviewer", who, "--no-index")
	}

	// Both annotate the same repository, each in a workspace of their own.
	must(t, append([]string{"findings", "add", "--workspace", wsA, "--reviewer", alice, "--path", "src/util/exec.c",
		"--lines", "2-2", "--title", "command injection", "--severity", "high", "--cwe", "CWE-78"}, repoArgs...)...)
	must(t, append([]string{"findings", "add", "--workspace", wsB, "--reviewer", bob, "--path", "src/main.c",
		"--lines", "4-4", "--title", "unbounded sprintf", "--severity", "medium"}, repoArgs...)...)
	push(wsA, alice)
	push(wsB, bob)
	pull(wsA)
	out := pull(wsB)
	id := regexp.MustCompile(`(T-[0-9a-f]{8})  high  open  command injection`).FindStringSubmatch(out)
	if id == nil {
		t.Fatalf("bob's pull lacks alice's finding:\n%s", out)
	}
	tid := id[1]

	// Each sees the other's finding with attribution in the Findings tab.
	s := open(wsB, bob)
	s.WaitFor("1 Files")
	s.Send("4")
	s.WaitFor(tid, "command injection  by alice@example.org")
	s.Quit()
	s = open(wsA, alice)
	s.WaitFor("1 Files")
	s.Send("4")
	s.WaitFor("unbounded sprintf  by bob@example.org")
	s.Quit()

	// A severity conflict: both change it without seeing the other's change.
	push(wsA, alice, "--set", tid+":severity=low")
	push(wsB, bob, "--set", tid+":severity=critical")
	pull(wsA)
	pull(wsB)
	s = open(wsB, bob)
	s.WaitFor("1 Files")
	s.Send("4")
	s.WaitFor(tid + " high     open           command injection  by alice@example.org  CONFLICT")
	s.Type("j") // bob's own finding comes first
	s.WaitFor(tid, "CONFLICT severity: ", "alice@example.org says low", "bob@example.org says critical")
	// Bob resolves it in the workbench: r, "another value", high.
	s.Type("r")
	s.WaitFor("resolve the conflict on "+tid, "severity low (alice@example.org says)", "severity critical (bob@example.org says)", "severity: another value")
	s.Type("jj")
	s.Send("Enter")
	s.WaitFor("severity info", "severity high")
	s.Type("jjj")
	s.Send("Enter")
	s.WaitFor("QUEUED severity high (the next team push signs and sends it)")
	s.Quit()
	push(wsB, bob) // sends the queued value: it supersedes both
	if out := pull(wsA); strings.Contains(out, "CONFLICT") || !strings.Contains(out, tid+"  high  open") {
		t.Fatalf("the conflict was not resolved for alice:\n%s", out)
	}

	// The two-person rule: alice's false-positive waits for bob.
	push(wsA, alice, "--set", tid+":status=false-positive")
	if out := pull(wsB); !strings.Contains(out, "PENDING false-positive by alice@example.org") {
		t.Fatalf("bob does not see the pending change:\n%s", out)
	}
	// Alice cannot confirm her own change in the workbench; bob can.
	s = open(wsA, alice)
	s.WaitFor("1 Files")
	s.Send("4")
	s.WaitFor("PENDING false-positive by alice@example.org")
	s.Type("v")
	s.WaitFor("proposed this change; a second reviewer must confirm it")
	s.Quit()
	s = open(wsB, bob)
	s.WaitFor("1 Files")
	s.Send("4")
	s.Type("j")
	s.WaitFor("PENDING false-positive by alice@example.org")
	s.Type("v")
	s.WaitFor("QUEUED confirm the status change")
	s.Quit()
	push(wsB, bob)
	if out := pull(wsA); !strings.Contains(out, tid+"  high  false-positive") || !strings.Contains(out, "confirmed by bob@example.org") {
		t.Fatalf("after bob's confirmation:\n%s", out)
	}

	// Both import the same scan; alice triages three candidates.
	sarif := filepath.Join(t.TempDir(), "scan.sarif")
	if err := os.WriteFile(sarif, []byte(teamflowSARIF), 0o600); err != nil {
		t.Fatal(err)
	}
	for _, ws := range []string{wsA, wsB} {
		if out := must(t, append([]string{"import", sarif, "--workspace", ws}, repoArgs...)...); !strings.Contains(out, "3 new") {
			t.Fatalf("import: %s", out)
		}
	}
	s = open(wsA, alice)
	s.WaitFor("1 Files")
	s.Send("6")
	s.WaitFor("Triage · 3 to triage", "C-0001 pending")
	s.Type("c")
	s.WaitFor("confirm C-0001 as ◀ high ▶ · CWE-78")
	s.Type("l")
	s.WaitFor("confirm C-0001 as ◀ critical ▶")
	s.Send("Enter")
	s.WaitFor("confirmed: F-0002 critical", "Triage · 2 to triage")
	s.Type("d")
	s.WaitFor("dismiss C-0002: f false positive")
	s.Type("f")
	s.WaitFor("dismissed 1: false-positive", "Triage · 1 to triage")
	s.Type("d")
	s.Type("w")
	s.WaitFor("dismissed 1: wont-fix", "Triage · 0 to triage")
	s.Quit()
	// Bob, before pulling, dismisses the candidate alice confirmed.
	s = open(wsB, bob)
	s.WaitFor("1 Files")
	s.Send("6")
	s.WaitFor("Triage · 3 to triage", "C-0001 pending")
	s.Type("d")
	s.Type("t")
	s.WaitFor("dismissed 1: test-code")
	s.Quit()
	push(wsA, alice)
	push(wsB, bob)
	pull(wsB)
	out = pull(wsA)
	if !strings.Contains(out, "triage C-0002  gosec-like format-string src/main.c:4: dismissed (false-positive) by alice@example.org") ||
		!strings.Contains(out, "triage C-0001  gosec-like cmd-injection src/util/exec.c:2: CONFLICT") {
		t.Fatalf("alice's pull does not list the team's triage:\n%s", out)
	}
	// Alice sees the disagreement in the Triage tab, with who said what.
	s = open(wsA, alice)
	s.WaitFor("1 Files")
	s.Send("6")
	s.WaitFor("Triage · 0 to triage")
	s.Type("a")
	s.WaitFor("C-0001 CONFLICT", "team: CONFLICT ", "alice@example.org: confirmed", "bob@example.org: dismissed (test-code)")
	s.Quit()
	// What alice decided leaves bob's queue without a decision of his own.
	s = open(wsB, bob)
	s.WaitFor("1 Files")
	s.Send("6")
	s.WaitFor("Triage · 0 to triage · 0 shown · 2 decided by the team (T)")
	s.Type("T")
	s.WaitFor("decided by the team only", "C-0002 team:dismissed", "C-0003 team:dismissed")
	s.Quit()
	push(wsB, bob, "--set", "C-0001:verdict=confirmed") // bob agrees after all
	if out := pull(wsA); !strings.Contains(out, "triage C-0001  gosec-like cmd-injection src/util/exec.c:2: confirmed by bob@example.org") {
		t.Fatalf("the triage conflict was not resolved:\n%s", out)
	}

	// Alice exports; OpenSSH and sightline both accept the bundle.
	bundleFile := filepath.Join(t.TempDir(), "findings.json")
	must(t, "export", "--workspace", wsA, "--repo", tr.Dir, "--rev", "main", "--key", keys[alice],
		"--identity", alice, "-o", bundleFile)
	data, err := os.ReadFile(bundleFile)
	if err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command("ssh-keygen", "-Y", "verify", "-f", signers, "-I", alice, "-n", "sightline-findings@v1",
		"-s", bundleFile+".sig")
	cmd.Stdin = bytes.NewReader(data)
	if b, err := cmd.CombinedOutput(); err != nil || !strings.Contains(string(b), "Good \"sightline-findings@v1\" signature for "+alice) {
		t.Fatalf("ssh-keygen -Y verify: %v\n%s", err, b)
	}
	got := must(t, "verify", bundleFile, "--signers", signers)
	for _, want := range []string{`reviewers ["alice@example.org" "bob@example.org"]`,
		"PASS " + tid + ` two-person: false-positive set by "alice@example.org", confirmed by ["bob@example.org"]`, "OK: all"} {
		if !strings.Contains(got, want) {
			t.Fatalf("verify lacks %q:\n%s", want, got)
		}
	}
	if !strings.Contains(string(data), "unbounded sprintf") || !strings.Contains(string(data), "system() runs its argument through a shell") {
		t.Errorf("the bundle lacks bob's finding or the triaged one")
	}
}
