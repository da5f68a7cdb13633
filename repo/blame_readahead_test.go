package repo

import (
	"context"
	"reflect"
	"runtime"
	"sync/atomic"
	"testing"
	"time"
)

// withReadAhead runs f with the versions read ahead (held bytes bounded
// by held) or not, and returns how many versions the walks took from it.
func withReadAhead(t *testing.T, on bool, held int, f func()) int64 {
	t.Helper()
	var taken atomic.Int64
	oldHeld := readAheadHeld
	readAheadHeld, readAheadTaken = held, func() { taken.Add(1) }
	defer func() { readAheadHeld, readAheadTaken = oldHeld, nil }()
	withPrefetch(t, on, 2048, f)
	return taken.Load()
}

// With Bloom filters (here sightline's own history index), Blame reads
// the file's versions ahead on another core. Whether it reads far ahead,
// one version at a time (the walk takes each before the next is read),
// or not at all, every blame of every file is the same; and the walk
// does take versions from it, so the comparison is not of one path with
// itself.
func TestVersionReadAheadChangesNothingButTime(t *testing.T) {
	for _, seed := range []int64{4, 7} {
		g := newHistoryGen(t, seed)
		g.build(150)
		r, pin := openAt(t, g.tr)
		index := buildIndex(t, r, pin.Commit)
		paths := sortedPaths(g.trees[g.tr.Head()])
		blameAll := func() map[string][]BlameLine {
			// A fresh Repo each time: one keeps the versions it read for
			// its next blames, which would then read nothing.
			r2, _ := openDir(t, r.GitDir())
			useIndex(t, r2, index, pin.Commit)
			out := map[string][]BlameLine{}
			for _, p := range paths {
				if e, err := r2.Lookup(context.Background(), pin.Tree, p); err != nil || e.Kind != KindFile {
					continue
				}
				b, err := r2.Blame(context.Background(), pin.Commit, p, nil)
				if err != nil {
					t.Fatalf("Blame(%q): %v", p, err)
				}
				out[p] = b
			}
			return out
		}
		var alone, ahead, stepwise map[string][]BlameLine
		withReadAhead(t, false, 8<<20, func() { alone = blameAll() })
		takenAhead := withReadAhead(t, true, 8<<20, func() { ahead = blameAll() })
		takenStepwise := withReadAhead(t, true, 1, func() { stepwise = blameAll() })
		if len(alone) < 3 {
			t.Fatalf("seed %d: %d files blamed: the test proves little", seed, len(alone))
		}
		if !reflect.DeepEqual(alone, ahead) || !reflect.DeepEqual(alone, stepwise) {
			t.Fatalf("seed %d: blame differs with the versions read ahead", seed)
		}
		if takenAhead == 0 || takenStepwise == 0 {
			t.Fatalf("seed %d: the walks took %d and %d versions read ahead; want some", seed, takenAhead, takenStepwise)
		}
	}
}

// A blame stopped early (cancelled, or failing) stops its read-ahead: no
// goroutine outlives it, even one waiting for room.
func TestVersionReadAheadStopsWithTheBlame(t *testing.T) {
	g := newHistoryGen(t, 6)
	g.build(200)
	r, pin := openAt(t, g.tr)
	index := buildIndex(t, r, pin.Commit)
	var file string
	for _, p := range sortedPaths(g.trees[g.tr.Head()]) {
		if e, err := r.Lookup(context.Background(), pin.Tree, p); err == nil && e.Kind == KindFile {
			file = p
			break
		}
	}
	withReadAhead(t, true, 1, func() {
		before := runtime.NumGoroutine()
		for range 20 {
			r2, _ := openDir(t, r.GitDir())
			useIndex(t, r2, index, pin.Commit)
			ctx, cancel := context.WithCancel(context.Background())
			cancel()
			if _, err := r2.Blame(ctx, pin.Commit, file, nil); err == nil {
				t.Fatal("a cancelled Blame succeeded")
			}
			if _, err := r2.Blame(context.Background(), pin.Commit, file, nil); err != nil {
				t.Fatal(err)
			}
			_ = r2.Close()
		}
		deadline := time.Now().Add(2 * time.Second)
		for runtime.NumGoroutine() > before && time.Now().Before(deadline) {
			time.Sleep(10 * time.Millisecond)
		}
		if n := runtime.NumGoroutine(); n > before {
			t.Fatalf("%d goroutines after the blames, %d before", n, before)
		}
	})
}
