package main

import (
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// teamPair makes two reviewers' workspaces over the findings fixture,
// shares alice's finding and reviewed mark with bob through a team store
// (two-person rule), and gives them a severity conflict on it.
func teamPair(t *testing.T) (repoDir, wsA, wsB, id string, keys map[string]string, signers string,
	push func(ws, who string, extra ...string) string, pull func(ws string) string) {
	tr, repoArgs := findingsFixture(t)
	keys, signers = teamKeys(t, "alice@example.org", "bob@example.org")
	store := filepath.Join(t.TempDir(), "team")
	wsA, wsB = filepath.Join(t.TempDir(), "a"), filepath.Join(t.TempDir(), "b")
	must(t, "team", "init", store, "--two-person")
	must(t, append([]string{"findings", "add", "--workspace", wsA, "--path", "src/util/exec.c", "--lines", "2-2",
		"--title", "command injection", "--severity", "high"}, repoArgs...)...)
	must(t, append([]string{"reviewed", "src/util/exec.c", "--workspace", wsA}, repoArgs...)...)
	must(t, append([]string{"findings", "list", "--workspace", wsB}, repoArgs...)...)
	push = func(ws, who string, extra ...string) string {
		return must(t, append([]string{"team", "push", store, "--workspace", ws, "--key", keys[who],
			"--identity", who, "--signers", signers}, extra...)...)
	}
	pull = func(ws string) string { return must(t, "team", "pull", store, "--workspace", ws, "--signers", signers) }
	push(wsA, "alice@example.org")
	m := regexp.MustCompile(`(T-[0-9a-f]{8})  high`).FindStringSubmatch(pull(wsB))
	if m == nil {
		t.Fatal("bob does not see alice's finding")
	}
	id = m[1]
	push(wsA, "alice@example.org", "--set", id+":severity=low")
	push(wsB, "bob@example.org", "--set", id+":severity=critical")
	pull(wsA)
	pull(wsB)
	return tr.Dir, wsA, wsB, id, keys, signers, push, pull
}

// TestTeamInTheWorkbench: bob opens his workspace after pulling and sees
// who reviewed the file, then alice's finding with attribution and the
// conflict, filters by reviewer, and is told how to change her finding.
func TestTeamInTheWorkbench(t *testing.T) {
	repoDir, _, wsB, id, _, _, _, _ := teamPair(t)
	s := startTUI(t, "open", repoDir, "--workspace", wsB, "--no-index", "src/util/exec.c:2")
	s.WaitFor("reviewed 0/4 files, 0% · reviewed by 1 of 2 (alice") // names as room allows
	s.Send("4")
	s.WaitFor(id, "command injection  by alice@example.org", "CONFLICT")
	// Who said what, in merge order (equal clocks go by operation id).
	s.WaitFor("CONFLICT severity: ", "alice@example.org says low", "bob@example.org says critical",
		"team: alice@example.org created it")
	s.Send("w")
	s.WaitFor("reviewer alice@example.org", "1 of 1 findings")
	s.Send("e")
	s.WaitFor(id + " is another reviewer's: change it with sightline team push")
	s.Quit()
}

// TestTeamBundleCarriesConfirmationsVerifyChecks: a finding closed under
// the two-person rule exports with both signed operations, and verify
// checks them against allowed_signers.
func TestTeamBundleCarriesConfirmationsVerifyChecks(t *testing.T) {
	repoDir, wsA, wsB, id, keys, signers, push, pull := teamPair(t)
	push(wsB, "bob@example.org", "--set", id+":severity=high")
	pull(wsA)
	push(wsA, "alice@example.org", "--set", id+":status=false-positive")
	pull(wsB)
	push(wsB, "bob@example.org", "--confirm", id)
	pull(wsA)
	out := filepath.Join(t.TempDir(), "findings.json")
	must(t, "export", "--workspace", wsA, "--repo", repoDir, "--rev", "main", "--key", keys["alice@example.org"],
		"--identity", "alice@example.org", "-o", out)
	got := must(t, "verify", out, "--signers", signers)
	for _, want := range []string{`reviewers ["alice@example.org" "bob@example.org"]`,
		"PASS " + id + ` two-person: false-positive set by "alice@example.org", confirmed by ["bob@example.org"]`, "OK: all"} {
		if !strings.Contains(got, want) {
			t.Fatalf("verify lacks %q:\n%s", want, got)
		}
	}
}
