package main

import (
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"sightline/repo"
	"sightline/repo/repotest"
	"sightline/repo/repotest/pintest"
	"sightline/repo/search"
	"sightline/repo/symbols"
)

// bigIndexRepo commits a tree whose indexing takes long enough (seconds)
// for a test to stop the build while it writes: files Go sources of
// pseudo-random identifiers, many trigrams and definitions each.
func bigIndexRepo(t *testing.T, files int) (*repo.Repo, repo.Pin) {
	t.Helper()
	rt := repotest.New(t)
	rng := rand.New(rand.NewPCG(1, 2))
	const letters = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_"
	ident := func() string {
		b := make([]byte, 12)
		b[0] = 'F'
		for i := 1; i < len(b); i++ {
			b[i] = letters[rng.IntN(len(letters))]
		}
		return string(b)
	}
	tree := repotest.Tree{}
	for i := range files {
		var sb strings.Builder
		fmt.Fprintf(&sb, "package p%d\n\n", i%50)
		for sb.Len() < 16<<10 {
			fmt.Fprintf(&sb, "func %s(%s int) int { return %s + %d }\n", ident(), ident(), ident(), rng.IntN(1e6))
		}
		tree[fmt.Sprintf("d%02d/f%05d.go", i%40, i)] = repotest.File{Content: sb.String()}
	}
	rt.Commit("big", tree)
	return pintest.Head(t, rt)
}

// temporaries lists the files in dir whose names start with a dot: every
// temporary an index build writes (the finished indexes never do).
func temporaries(t *testing.T, dir string) []string {
	t.Helper()
	ents, err := os.ReadDir(dir)
	if err != nil && !os.IsNotExist(err) {
		t.Fatal(err)
	}
	var names []string
	for _, e := range ents {
		if strings.HasPrefix(e.Name(), ".") {
			names = append(names, e.Name())
		}
	}
	return names
}

// waitForTemporary waits until a temporary named with prefix is in dir
// while the child still runs; it fails the test if the build ends first.
func waitForTemporary(t *testing.T, c *indexChild, dir, prefix string) {
	t.Helper()
	deadline := time.Now().Add(60 * time.Second)
	for time.Now().Before(deadline) {
		for _, n := range temporaries(t, dir) {
			if strings.HasPrefix(n, prefix) {
				return
			}
		}
		c.mu.Lock()
		running := c.runningLocked()
		c.mu.Unlock()
		if !running {
			t.Fatalf("the build ended before it wrote a %s* temporary: the repository is too small for this machine", prefix)
		}
		time.Sleep(2 * time.Millisecond)
	}
	t.Fatalf("no %s* temporary in %s after 60 s", prefix, dir)
}

// Quitting the workbench while the background build writes leaves no
// temporary in the cache directory, and no half-written index under its
// final name: stop asks the child to end (SIGTERM), and the child stops
// its builds, which remove their temporaries. Both the search index's
// (".tri-*", compressed copies of every file) and the symbol index's
// (".symspill-*") are checked.
func TestStoppingTheBackgroundBuildLeavesNoTemporaries(t *testing.T) {
	bin := sightlineBinary(t) // before XDG_CACHE_HOME moves go's build cache
	t.Setenv("XDG_CACHE_HOME", t.TempDir())
	r, pin := bigIndexRepo(t, 1000)
	dir, err := search.IndexDir()
	if err != nil {
		t.Fatal(err)
	}
	for _, phase := range []struct{ prefix, final string }{
		{".tri-", search.IndexPath(dir, pin.Tree)},
		{".symspill-", symbols.CachePath(dir, pin.Tree)},
	} {
		c, note := newIndexChild(r, pin)
		if c == nil {
			t.Fatalf("no background build: %s", note)
		}
		c.exe = bin
		if !c.start() {
			t.Fatal("no build started")
		}
		waitForTemporary(t, c, dir, phase.prefix)
		began := time.Now()
		c.stop()
		if left := temporaries(t, dir); len(left) > 0 {
			t.Errorf("stopped while writing %s*: %v left in the cache directory", phase.prefix, left)
		}
		if d := time.Since(began); d > 5*time.Second {
			t.Errorf("stop took %s", d)
		}
		if _, err := os.Stat(phase.final); err == nil {
			t.Errorf("a stopped build left %s under its final name", filepath.Base(phase.final))
		}
		for _, n := range temporaries(t, dir) {
			os.Remove(filepath.Join(dir, n)) // the next phase starts clean either way
		}
	}
}
