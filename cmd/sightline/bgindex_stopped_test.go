package main

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"sightline/repo"
	"sightline/repo/repotest"
)

// A quit that comes before a gd in flight asks for the symbol index: the
// stopped child starts no new build (nobody would stop it).
func TestAStoppedBackgroundBuildStartsNoOther(t *testing.T) {
	t.Setenv("XDG_CACHE_HOME", t.TempDir())
	rt := repotest.New(t)
	rt.Commit("c", navTree)
	r, err := repo.Open(rt.Dir)
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	pin, err := r.Resolve("HEAD")
	if err != nil {
		t.Fatal(err)
	}
	tmp := t.TempDir()
	runs := filepath.Join(tmp, "runs")
	wrapper := filepath.Join(tmp, "sightline")
	script := fmt.Sprintf("#!/bin/sh\necho run >> %q\nexec sleep 30\n", runs)
	if err := os.WriteFile(wrapper, []byte(script), 0o755); err != nil {
		t.Fatal(err)
	}
	c, note := newIndexChild(r, pin)
	if c == nil {
		t.Fatalf("no background build: %s", note)
	}
	c.exe = wrapper
	src := &symbolSource{r: r, pin: pin, child: c, exe: wrapper}
	c.start() // at launch
	for deadline := time.Now().Add(10 * time.Second); time.Now().Before(deadline); time.Sleep(5 * time.Millisecond) {
		if _, err := os.Stat(runs); err == nil {
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
