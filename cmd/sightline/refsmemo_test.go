package main

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"sightline/repo/repotest"
	"sightline/repo/repotest/pintest"
	"sightline/tui"
)

// gr asks its child once per name in a session: the repeat gives the
// same references without asking again, a new name asks the child
// already running, and a failed answer is not kept (the next gr tries
// again, with a new child).
func TestReferencesRunTheChildOncePerName(t *testing.T) {
	t.Setenv("XDG_CACHE_HOME", t.TempDir())
	rt := repotest.New(t)
	rt.Commit("c", navTree)
	r, pin := pintest.Head(t, rt)
	dir := t.TempDir()
	runs := filepath.Join(dir, "runs")
	wrapper := filepath.Join(dir, "sightline")
	script := fmt.Sprintf("#!/bin/sh\necho \"$*\" >> %q\nexec %q \"$@\"\n", runs, sightlineBinary(t))
	if err := os.WriteFile(wrapper, []byte(script), 0o755); err != nil {
		t.Fatal(err)
	}
	src := &symbolSource{r: r, pin: pin, why: "this test starts no build", exe: wrapper}
	t.Cleanup(src.close)
	childRuns := func() int {
		b, _ := os.ReadFile(runs)
		return strings.Count(string(b), "\n")
	}
	first, err := src.References(context.Background(), "helper")
	if err != nil || len(first) != 3 {
		t.Fatalf("gr helper: %d references, %v; want 3 (the definition, the call, the comment)", len(first), err)
	}
	first[0].Label = "changed by the caller"
	again, err := src.References(context.Background(), "helper")
	if err != nil || childRuns() != 1 {
		t.Fatalf("the repeat ran the child again (%d runs), %v", childRuns(), err)
	}
	if again[0].Label == "changed by the caller" || len(again) != 3 {
		t.Fatalf("the repeat gave %+v: the kept answer was changed through the first", again)
	}
	again[1].Label = "changed by the caller"
	third, _ := src.References(context.Background(), "helper")
	if third[1].Label == "changed by the caller" {
		t.Fatal("a repeat's answer shares its references with the kept one")
	}
	fresh := &symbolSource{r: r, pin: pin, exe: sightlineBinary(t)}
	t.Cleanup(fresh.close)
	want, _ := fresh.References(context.Background(), "helper")
	if !reflect.DeepEqual(third, want) {
		t.Fatalf("the repeat gave\n%+v\nthe child gives\n%+v", third, want)
	}
	// A new name asks the child already running.
	if _, err := src.References(context.Background(), "twice"); err != nil || childRuns() != 1 {
		t.Fatalf("a new name: %d runs, %v; want 1", childRuns(), err)
	}
	// A child that fails is asked again next time, and is not kept.
	stopRefsChild(src)
	if err := os.WriteFile(wrapper, []byte("#!/bin/sh\necho x >> "+runs+"\nexit 3\n"), 0o755); err != nil {
		t.Fatal(err)
	}
	for i := 0; i < 2; i++ {
		if _, err := src.References(context.Background(), "nothing"); err == nil {
			t.Fatal("a failed child gave no error")
		}
	}
	if childRuns() != 3 {
		t.Fatalf("%d runs after two failed lookups; want 3 (failures are not kept)", childRuns())
	}
}

// The memo lets the oldest names go past its bounds on names and on
// references in all, and keeps no answer larger than the whole bound.
func TestRefsMemoBounds(t *testing.T) {
	oldNames, oldHits := refsMemoNames, refsMemoHits
	t.Cleanup(func() { refsMemoNames, refsMemoHits = oldNames, oldHits })
	refsMemoNames, refsMemoHits = 3, 10
	hits := func(n int) []tui.SymbolHit { return make([]tui.SymbolHit, n) }
	var m refsMemo
	for _, n := range []string{"a", "b", "c", "d"} {
		m.put(n, hits(2))
	}
	if _, ok := m.get("a"); ok {
		t.Error("a kept past three names")
	}
	for _, n := range []string{"b", "c", "d"} {
		if _, ok := m.get(n); !ok {
			t.Errorf("%s let go early", n)
		}
	}
	m.put("e", hits(7)) // 2+2+7 > 10: b and c go
	for n, want := range map[string]bool{"b": false, "c": false, "d": true, "e": true} {
		if _, ok := m.get(n); ok != want {
			t.Errorf("after a large answer, %s kept: %v, want %v", n, ok, want)
		}
	}
	m.put("huge", hits(11))
	if _, ok := m.get("huge"); ok {
		t.Error("an answer over the whole bound was kept")
	}
	if m.total != 9 || len(m.names) != 2 {
		t.Errorf("total %d over %d names; want 9 over 2", m.total, len(m.names))
	}
}
