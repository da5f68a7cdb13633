package team

import (
	"strings"
	"testing"

	"sightline/review"
)

// TestQueuedChangesGoWithTheNextPush: a confirmation queued in the
// workbench is refused for the author, sent by the next push otherwise;
// one that no longer applies fails the push by name until dropped.
func TestQueuedChangesGoWithTheNextPush(t *testing.T) {
	store := newStore(t, true)
	alice, bob, carol := newReviewer(t, "alice"), newReviewer(t, "bob"), newReviewer(t, "carol")
	signers := allowed(t, alice, bob, carol)
	f := alice.add(t, "maybe a bug", review.SeverityLow)
	alice.push(t, store, signers)
	if _, err := alice.ws.SetStatus(f.ID, review.StatusFalsePositive); err != nil {
		t.Fatal(err)
	}
	alice.push(t, store, signers)
	bob.pull(t, store, signers)
	carol.pull(t, store, signers)
	_, cfg, err := OpenStore(store)
	if err != nil {
		t.Fatal(err)
	}
	id := alice.state(t, store, true).Findings[0].ID
	if err := Queue(alice.ws.Dir(), cfg.Store, "alice", Intent{Type: OpConfirm, Finding: Short(id)}); err == nil ||
		!strings.Contains(err.Error(), "a second reviewer must confirm it") {
		t.Fatalf("alice queuing her own confirmation: %v", err)
	}
	if err := Queue(bob.ws.Dir(), cfg.Store, "bob", Intent{Type: OpSeverity, Finding: id, Value: "dire"}); err == nil {
		t.Fatal("a severity that is none was queued")
	}
	for _, r := range []*reviewer{bob, carol} {
		if err := Queue(r.ws.Dir(), cfg.Store, r.name, Intent{Type: OpConfirm, Finding: Short(id)}); err != nil {
			t.Fatalf("%s queuing: %v", r.name, err)
		}
	}
	if n := bob.push(t, store, signers); n != 1 {
		t.Fatalf("bob's push sent %d operations, want his queued confirmation", n)
	}
	alice.pull(t, store, signers)
	if g := alice.state(t, store, true).Findings[0]; g.Status != review.StatusFalsePositive || len(g.Confirmations) != 1 {
		t.Fatalf("after bob's confirmation: %s %+v", g.Status, g.Confirmations)
	}
	// Carol's queued confirmation no longer applies once she pulls bob's.
	carol.pull(t, store, signers)
	_, err = Push(PushOptions{Store: store, Workspace: carol.ws, Identity: "carol", Signer: carol.signer, Signers: signers})
	if err == nil || !strings.Contains(err.Error(), "queued in the workbench") || !strings.Contains(err.Error(), "--drop-queued") {
		t.Fatalf("carol's stale queued confirmation: %v", err)
	}
	if _, err := Push(PushOptions{Store: store, Workspace: carol.ws, Identity: "carol", Signer: carol.signer, Signers: signers, DropQueued: true}); err != nil {
		t.Fatal(err)
	}
	if n := carol.push(t, store, signers); n != 0 {
		t.Fatalf("after dropping, carol's push sent %d", n)
	}
}
