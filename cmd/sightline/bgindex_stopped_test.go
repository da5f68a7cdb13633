package main

import (
	"os"
	"strings"
	"testing"
	"time"

	"sightline/repo/repotest"
	"sightline/repo/repotest/pintest"
)

// A quit that comes before a gd in flight asks for the symbol index: the
// stopped child starts no new build (nobody would stop it).
func TestAStoppedBackgroundBuildStartsNoOther(t *testing.T) {
	t.Setenv("XDG_CACHE_HOME", t.TempDir())
	rt := repotest.New(t)
	rt.Commit("c", navTree)
	r, pin := pintest.Head(t, rt)
	wrapper, runs := countingChild(t, "exec sleep 30")
	c, note := newIndexChild(r, pin)
	if c == nil {
		t.Fatalf("no background build: %s", note)
	}
	c.exe = wrapper
	src := &symbolSource{r: r, pin: pin, child: c, exe: wrapper}
	c.start() // at launch
	// Until the child has written its line: the file exists, empty, for
	// a moment before that, and a stop then would leave no line at all.
	for deadline := time.Now().Add(10 * time.Second); time.Now().Before(deadline); time.Sleep(5 * time.Millisecond) {
		if b, err := os.ReadFile(runs); err == nil && strings.Contains(string(b), "\n") {
			break
		}
	}
	c.stop() // the reviewer quits
	// the gd that was in flight
	if _, err := src.Definitions(t.Context(), "helper", ""); err == nil {
		t.Fatal("gd found a symbol index that was never built")
	}
	if c.start() {
		t.Error("start after stop reports a running build")
	}
	time.Sleep(300 * time.Millisecond)
	b, _ := os.ReadFile(runs)
	if n := strings.Count(string(b), "\n"); n != 1 {
		t.Fatalf("%d builds ran; want 1 (none after stop)", n)
	}
	c.mu.Lock()
	running := c.runningLocked()
	c.mu.Unlock()
	if running {
		c.stop()
		t.Fatal("a build runs after stop")
	}
}
