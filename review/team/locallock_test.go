package team

import (
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	"sightline/review"
)

// Changes queued in the workbench while pulls run, all at once, are all
// kept: the record's read-modify-write is serialised, so no save writes
// back a record read before another's change.
func TestQueueAndPullAtOnceLoseNothing(t *testing.T) {
	store := newStore(t, false)
	alice, bob := newReviewer(t, "alice"), newReviewer(t, "bob")
	signers := allowed(t, alice, bob)
	const n = 8
	for i := 0; i < n; i++ {
		alice.add(t, fmt.Sprintf("finding %d", i), review.SeverityLow)
	}
	alice.push(t, store, signers)
	bob.pull(t, store, signers)
	_, cfg, err := OpenStore(store)
	if err != nil {
		t.Fatal(err)
	}
	var ids []string
	for _, f := range bob.state(t, store, false).Findings {
		ids = append(ids, f.ID)
	}
	if len(ids) != n {
		t.Fatalf("bob holds %d findings, want %d", len(ids), n)
	}
	for round, sev := range []string{"high", "critical", "medium"} {
		var wg sync.WaitGroup
		errs := make(chan error, n+1)
		for _, id := range ids {
			wg.Add(1)
			go func() {
				defer wg.Done()
				errs <- Queue(bob.ws.Dir(), cfg.Store, "bob", Intent{Type: OpSeverity, Finding: id, Value: sev})
			}()
		}
		wg.Add(1)
		go func() {
			defer wg.Done()
			_, err := Pull(store, bob.ws.Dir(), testPin, signers)
			errs <- err
		}()
		wg.Wait()
		close(errs)
		for err := range errs {
			if err != nil {
				t.Fatalf("round %d: %v", round, err)
			}
		}
		l, err := LoadLocal(bob.ws.Dir(), cfg.Store)
		if err != nil {
			t.Fatal(err)
		}
		got := 0
		for _, q := range l.Queued {
			if q.Value == sev {
				got++
			}
		}
		if got != n {
			t.Fatalf("round %d: %d of %d changes queued at once are in the record: %+v", round, got, n, l.Queued)
		}
	}
}

// While another process holds the record, a queued change waits, then
// fails naming the holder; nothing is half written.
func TestQueueWaitsForTheRecordThenSaysWhoHoldsIt(t *testing.T) {
	store := newStore(t, false)
	alice, bob := newReviewer(t, "alice"), newReviewer(t, "bob")
	signers := allowed(t, alice, bob)
	alice.add(t, "one", review.SeverityLow)
	alice.push(t, store, signers)
	bob.pull(t, store, signers)
	_, cfg, err := OpenStore(store)
	if err != nil {
		t.Fatal(err)
	}
	id := bob.state(t, store, false).Findings[0].ID
	release, err := review.LockFile(bob.ws.Dir(), "team-"+cfg.Store+".lock", time.Second)
	if err != nil {
		t.Fatal(err)
	}
	defer func(d time.Duration) { localLockTimeout = d }(localLockTimeout)
	localLockTimeout = 200 * time.Millisecond
	err = Queue(bob.ws.Dir(), cfg.Store, "bob", Intent{Type: OpSeverity, Finding: id, Value: "high"})
	if err == nil || !strings.Contains(err.Error(), "held its lock") || !strings.Contains(err.Error(), "pid ") {
		t.Fatalf("queue while the record is held: %v", err)
	}
	release()
	if err := Queue(bob.ws.Dir(), cfg.Store, "bob", Intent{Type: OpSeverity, Finding: id, Value: "high"}); err != nil {
		t.Fatalf("queue once released: %v", err)
	}
}
