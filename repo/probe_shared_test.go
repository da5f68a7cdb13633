package repo

import "testing"

// A Repo's history walks share one path probe: what one walk looked up
// in a tree, the next finds without reading the tree again, and both
// still give git's answer.
func TestWalksShareThePathProbe(t *testing.T) {
	const path = "src/main.c"
	r, pin, want := historyRepo(t, path)
	if newPathProbe(r) != newPathProbe(r) {
		t.Fatal("two walks of one Repo got two probes")
	}
	p := newPathProbe(r)
	p.mu.Lock()
	clear(p.memo)
	p.mu.Unlock()
	got, err := pathLogHashes(t, r, pin, path)
	if err != nil || firstDiff(got, want) >= 0 {
		t.Fatalf("PathLog: %d commits (%v), git %d", len(got), err, len(want))
	}
	p.mu.Lock()
	kept := len(p.memo)
	p.mu.Unlock()
	if kept == 0 {
		t.Fatal("a walk left nothing in the Repo's probe")
	}
	got, err = pathLogHashes(t, r, pin, path)
	if err != nil || firstDiff(got, want) >= 0 {
		t.Fatalf("PathLog again: %d commits (%v), git %d", len(got), err, len(want))
	}
	p.mu.Lock()
	again := len(p.memo)
	p.mu.Unlock()
	if again != kept {
		t.Errorf("the second walk looked up %d trees the first had not", again-kept)
	}
}
