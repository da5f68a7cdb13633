package main

import (
	"context"
	"os"
	"runtime"
	"strings"
	"testing"
	"time"

	"sightline/repo"
)

// TestSymbolSourceSpeedOnABuiltCache measures what the workbench's gd, o
// and ctrl+t cost on a repository whose symbol index is built (issue 15's
// large benchmark repository), reading the cache under XDG_CACHE_HOME:
//
//	SIGHTLINE_SYMBENCH_REPO=DIR SIGHTLINE_SYMBENCH_NAMES="A B" XDG_CACHE_HOME=... \
//	  go test ./cmd/sightline -run SymbolSourceSpeed -v
//
// It is skipped without SIGHTLINE_SYMBENCH_REPO.
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
	runtime.GC()
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	start := time.Now()
	all, err := src.All(ctx)
	if err != nil {
		t.Fatal(err)
	}
	took := time.Since(start)
	runtime.GC()
	runtime.ReadMemStats(&after)
	t.Logf("ctrl+t: %d definitions loaded in %s; heap %d MB after (%d MB before)", len(all), took.Round(time.Millisecond), after.HeapInuse>>20, before.HeapInuse>>20)
	runtime.KeepAlive(all)
}
