package team

import (
	"errors"
	"os"
	"os/exec"
	"strings"
	"testing"

	"golang.org/x/crypto/ssh"

	"sightline/review"
)

func TestPushPullShowsTheOtherReviewersFindingWithAttribution(t *testing.T) {
	store := newStore(t, false)
	alice, bob := newReviewer(t, "alice@example.org"), newReviewer(t, "bob@example.org")
	signers := allowed(t, alice, bob)
	alice.add(t, "command injection in run()", review.SeverityHigh)
	if err := alice.ws.MarkReviewed(review.ReviewedFile{Path: "a.c", Blob: strings.Repeat("2", 40), Lines: 9}, true); err != nil {
		t.Fatal(err)
	}
	if n := alice.push(t, store, signers); n != 2 {
		t.Fatalf("alice pushed %d ops, want 2 (create, reviewed)", n)
	}
	if n := alice.push(t, store, signers); n != 0 {
		t.Fatalf("a second push with no change pushed %d ops", n)
	}
	rep := bob.pull(t, store, signers)
	if rep.New != 2 || len(rep.Refused) != 0 {
		t.Fatalf("bob's pull = %+v", rep)
	}
	if rep := bob.pull(t, store, signers); rep.New != 0 || rep.Total != 2 {
		t.Fatalf("pulling twice changed something: %+v", rep)
	}
	st := bob.state(t, store, false)
	if len(st.Findings) != 1 || st.Findings[0].Author != "alice@example.org" || st.Findings[0].Title != "command injection in run()" {
		t.Fatalf("bob sees %+v", st.Findings)
	}
	if got := st.Reviewed["a.c"]; len(got) != 1 || got[0] != "alice@example.org" {
		t.Fatalf("a.c reviewed by %v", got)
	}
}

func TestSeverityConflictIsShownUntilResolved(t *testing.T) {
	store := newStore(t, false)
	alice, bob := newReviewer(t, "alice"), newReviewer(t, "bob")
	signers := allowed(t, alice, bob)
	f := alice.add(t, "overflow", review.SeverityMedium)
	alice.push(t, store, signers)
	bob.pull(t, store, signers)
	id := bob.state(t, store, false).Findings[0].ID
	// Both change the severity without seeing the other's change.
	if _, err := alice.ws.UpdateFinding(f.ID, func(f *review.Finding) { f.Severity = review.SeverityHigh }); err != nil {
		t.Fatal(err)
	}
	alice.push(t, store, signers)
	bob.push(t, store, signers, Intent{Type: OpSeverity, Finding: Short(id), Value: "low"})
	alice.pull(t, store, signers)
	bob.pull(t, store, signers)
	for _, r := range []*reviewer{alice, bob} {
		g := r.state(t, store, false).Findings[0]
		if len(g.Conflicts) != 1 || g.Conflicts[0].Field != "severity" || len(g.Conflicts[0].Claims) != 2 {
			t.Fatalf("%s sees conflicts %+v", r.name, g.Conflicts)
		}
		said := map[string]string{}
		for _, c := range g.Conflicts[0].Claims {
			said[c.Reviewer] = c.Value
		}
		if said["alice"] != "high" || said["bob"] != "low" {
			t.Fatalf("%s: who said what = %v", r.name, said)
		}
	}
	// Bob resolves it: his new op supersedes both claims.
	bob.push(t, store, signers, Intent{Type: OpSeverity, Finding: id, Value: "high"})
	alice.pull(t, store, signers)
	g := alice.state(t, store, false).Findings[0]
	if len(g.Conflicts) != 0 || g.Severity != review.SeverityHigh {
		t.Fatalf("after resolving: severity %s, conflicts %+v", g.Severity, g.Conflicts)
	}
}

func TestTwoPersonRuleNeedsASecondReviewer(t *testing.T) {
	store := newStore(t, true)
	alice, bob := newReviewer(t, "alice"), newReviewer(t, "bob")
	signers := allowed(t, alice, bob)
	f := alice.add(t, "maybe a bug", review.SeverityLow)
	alice.push(t, store, signers)
	if _, err := alice.ws.SetStatus(f.ID, review.StatusFalsePositive); err != nil {
		t.Fatal(err)
	}
	alice.push(t, store, signers)
	g := alice.state(t, store, true).Findings[0]
	if g.Status != review.StatusOpen || g.Pending == nil || g.Pending.Value != "false-positive" {
		t.Fatalf("before confirmation: status %s pending %+v", g.Status, g.Pending)
	}
	_, err := Push(PushOptions{Store: store, Workspace: alice.ws, Identity: "alice", Signer: alice.signer, Signers: signers,
		Intents: []Intent{{Type: OpConfirm, Finding: g.ID}}})
	if err == nil || !strings.Contains(err.Error(), "second reviewer") {
		t.Fatalf("alice confirming her own change: %v", err)
	}
	bob.pull(t, store, signers)
	bob.push(t, store, signers, Intent{Type: OpConfirm, Finding: Short(g.ID)})
	alice.pull(t, store, signers)
	g = alice.state(t, store, true).Findings[0]
	if g.Status != review.StatusFalsePositive || g.Pending != nil || len(g.Confirmations) != 1 || g.Confirmations[0].Reviewer != "bob" {
		t.Fatalf("after bob's confirmation: status %s pending %+v confirmations %+v", g.Status, g.Pending, g.Confirmations)
	}
}

func TestPushRefusesARewrittenOrUnknownLog(t *testing.T) {
	store := newStore(t, false)
	alice := newReviewer(t, "alice")
	signers := allowed(t, alice)
	alice.add(t, "one", review.SeverityLow)
	alice.push(t, store, signers)
	// The log is cut back to nothing by hand (a rewritten history).
	if err := os.Remove(store + "/" + RefOf("alice")); err != nil {
		t.Fatal(err)
	}
	alice.add(t, "two", review.SeverityLow)
	_, err := Push(PushOptions{Store: store, Workspace: alice.ws, Identity: "alice", Signer: alice.signer, Signers: signers})
	if !errors.Is(err, ErrBehind) {
		t.Fatalf("push onto a rewritten log: %v", err)
	}
	eve := newReviewer(t, "eve")
	eve.add(t, "x", review.SeverityLow)
	_, err = Push(PushOptions{Store: store, Workspace: eve.ws, Identity: "eve", Signer: eve.signer, Signers: signers})
	if err == nil || !strings.Contains(err.Error(), "not allowed") {
		t.Fatalf("push by a key allowed_signers does not list: %v", err)
	}
}

func TestStoreIsAGitRepositoryGitCanRead(t *testing.T) {
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("git not installed")
	}
	store := newStore(t, false)
	alice := newReviewer(t, "alice")
	alice.add(t, "one", review.SeverityLow)
	alice.push(t, store, allowed(t, alice))
	out, err := exec.Command("git", "--git-dir", store, "fsck", "--strict").CombinedOutput()
	if err != nil {
		t.Fatalf("git fsck: %v\n%s", err, out)
	}
	out, err = exec.Command("git", "--git-dir", store, "log", "--format=%s", RefOf("alice")).CombinedOutput()
	if err != nil || !strings.Contains(string(out), "sightline log entry") {
		t.Fatalf("git log: %v\n%s", err, out)
	}
}

// TestOperationSignatureVerifiesWithSSHKeygen: an operation's signature
// is plain SSHSIG over its canonical bytes, so stock ssh-keygen accepts it.
func TestOperationSignatureVerifiesWithSSHKeygen(t *testing.T) {
	if _, err := exec.LookPath("ssh-keygen"); err != nil {
		t.Skip("ssh-keygen not installed")
	}
	store := newStore(t, false)
	alice := newReviewer(t, "alice@example.org")
	alice.add(t, "one", review.SeverityLow)
	alice.push(t, store, allowed(t, alice))
	_, cfg, _ := OpenStore(store)
	l, err := LoadLocal(alice.ws.Dir(), cfg.Store)
	if err != nil || len(l.Operations()) != 1 {
		t.Fatalf("%v %d", err, len(l.Operations()))
	}
	rec := l.Operations()[0].Rec
	dir := t.TempDir()
	sig, signers := dir+"/op.sig", dir+"/allowed_signers"
	line := "alice@example.org namespaces=\"" + Namespace + "\" " + string(ssh.MarshalAuthorizedKey(alice.signer.PublicKey()))
	if err := os.WriteFile(sig, []byte(rec.Sig), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(signers, []byte(line), 0o600); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command("ssh-keygen", "-Y", "verify", "-f", signers, "-I", "alice@example.org", "-n", Namespace, "-s", sig)
	cmd.Stdin = strings.NewReader(string(rec.Op))
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("ssh-keygen -Y verify: %v\n%s", err, out)
	}
	cmd = exec.Command("ssh-keygen", "-Y", "verify", "-f", signers, "-I", "alice@example.org", "-n", "sightline-findings@v1", "-s", sig)
	cmd.Stdin = strings.NewReader(string(rec.Op))
	if err := cmd.Run(); err == nil {
		t.Fatal("an operation's signature verified as a findings bundle's")
	}
}
