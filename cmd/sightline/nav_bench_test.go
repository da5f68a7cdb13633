package main

import (
	"context"
	"os"
	"os/exec"
	"runtime"
	"strings"
	"testing"
	"time"

	"sightline/repo"
	"sightline/tui/finder"
)

// TestSymbolSourceSpeedOnABuiltCache measures what the workbench's gd, o
// and ctrl+t cost on a repository whose symbol index is built (issue 15's
// large benchmark repository), reading the cache under XDG_CACHE_HOME:
//
//	SIGHTLINE_SYMBENCH_REPO=DIR SIGHTLINE_SYMBENCH_NAMES="A B" XDG_CACHE_HOME=... \
//	  go test ./cmd/sightline -run SymbolSourceSpeed -v
//
// It is skipped without SIGHTLINE_SYMBENCH_REPO. ctrl+t is measured as
// the workbench loads it (each name once above byNameOver definitions);
// SIGHTLINE_SYMBENCH_ALLDEFS=1 measures the list of every definition too.
func TestSymbolSourceSpeedOnABuiltCache(t *testing.T) {
	dir := os.Getenv("SIGHTLINE_SYMBENCH_REPO")
	if dir == "" {
		t.Skip("set SIGHTLINE_SYMBENCH_REPO to a repository with a built symbol index")
	}
	r, err := repo.Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	pin, err := r.Resolve("HEAD")
	if err != nil {
		t.Fatal(err)
	}
	src := &symbolSource{r: r, pin: pin, why: "benchmark"}
	ctx := context.Background()
	names := []string{"ReaderSorker", "RequestAvent"}
	if s := os.Getenv("SIGHTLINE_SYMBENCH_NAMES"); s != "" {
		names = strings.Fields(s)
	}
	for _, name := range names {
		for i := 0; i < 4; i++ { // the first opens the cache; the rest are warm
			start := time.Now()
			hits, err := src.Definitions(ctx, name, "src/x.go")
			if err != nil {
				t.Fatal(err)
			}
			t.Logf("gd %s: %d definitions in %s", name, len(hits), time.Since(start).Round(time.Microsecond))
		}
		hits, _ := src.Definitions(ctx, name, "")
		if len(hits) > 0 {
			start := time.Now()
			o, err := src.Outline(ctx, hits[0].Path)
			if err != nil {
				t.Fatal(err)
			}
			t.Logf("o %s: %d definitions in %s", hits[0].Path, len(o), time.Since(start).Round(time.Microsecond))
		}
	}
	measureCtrlT(t, src, "names mode", byNameOver)
	if os.Getenv("SIGHTLINE_SYMBENCH_ALLDEFS") != "" {
		measureCtrlT(t, src, "every definition", 1<<62)
	}
	measureGr(t, r, pin, dir, names)
}

// measureGr logs what gr costs through the workbench's child (the built
// binary, "refs --serve"), past the session's memo: the first name
// starts the child, which opens and checks the index; the rest are warm.
// git grep -w -n on each name runs in the same minutes, for the ratio.
func measureGr(t *testing.T, r *repo.Repo, pin repo.Pin, dir string, names []string) {
	src := &symbolSource{r: r, pin: pin, why: "benchmark", exe: sightlineBinary(t)}
	defer src.close()
	ctx := context.Background()
	for round := range 3 {
		for _, name := range names {
			start := time.Now()
			hits, err := src.runRefs(ctx, name)
			if err != nil {
				t.Fatal(err)
			}
			t.Logf("gr %s (round %d): %d references in %s", name, round+1, len(hits), time.Since(start).Round(time.Millisecond))
		}
	}
	for _, name := range names {
		start := time.Now()
		out, err := exec.Command("git", "-C", dir, "grep", "-w", "-n", name, "HEAD").Output()
		if err != nil {
			t.Logf("git grep -w -n %s: %v", name, err)
			continue
		}
		t.Logf("git grep -w -n %s HEAD: %d lines in %s", name, strings.Count(string(out), "\n"), time.Since(start).Round(time.Millisecond))
	}
}

// measureCtrlT logs what ctrl+t's load costs with the threshold at over,
// and, for a names list, a keystroke's ranking over it (what picklist's
// Cmd runs: finder.RankFrom narrowed from the previous query).
func measureCtrlT(t *testing.T, src *symbolSource, what string, over int) {
	old := byNameOver
	byNameOver = over
	defer func() { byNameOver = old }()
	runtime.GC()
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	start := time.Now()
	l, err := src.All(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	took := time.Since(start)
	runtime.GC()
	runtime.ReadMemStats(&after)
	t.Logf("ctrl+t, %s: %d rows (%d names, %d definitions) loaded in %s; heap %d MB after (%d MB before)", what,
		len(l.Defs)+len(l.Names), len(l.Names), max(l.Total, len(l.Defs)), took.Round(time.Microsecond), after.HeapInuse>>20, before.HeapInuse>>20)
	if l.ByName {
		names := make([]string, len(l.Names))
		for i, n := range l.Names {
			names[i] = n.Name
		}
		var prev *finder.Ranking
		for _, q := range []string{"r", "re", "rea", "read", "reads"} {
			start := time.Now()
			r := finder.RankFrom(names, q, 500, prev)
			t.Logf("ctrl+t keystroke %q over %d names: %d matched in %s", q, len(names), r.Matched, time.Since(start).Round(time.Microsecond))
			prev = &r
		}
	}
	runtime.KeepAlive(l)
}
