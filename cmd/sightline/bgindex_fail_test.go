package main

import (
	"os"
	"strings"
	"testing"
	"time"

	"sightline/repo/repotest"
	"sightline/repo/repotest/pintest"
)

// A background build that fails (a full cache disk, a symbol build that
// errs) is not started again on every gd: the next gd says it failed and
// why, from the end of the child's stderr, made safe to show, and how to
// retry.
func TestAFailedBackgroundBuildIsNamedNotRepeated(t *testing.T) {
	t.Setenv("XDG_CACHE_HOME", t.TempDir())
	rt := repotest.New(t)
	rt.Commit("c", navTree)
	r, pin := pintest.Head(t, rt)
	// 64 KiB of notes first: only the end of stderr is kept.
	wrapper, runs := countingChild(t,
		"i=0; while [ $i -lt 1024 ]; do echo 'sightline index: note: a note of sixty-four bytes, give or take, to fill it' >&2; i=$((i+1)); done\n"+
			"printf 'sightline index: symbol index of tree 0123abc: write /cache/x: no space left on device \\033]52;c;aGk=\\007\\n' >&2\nexit 1")
	c, note := newIndexChild(r, pin)
	if c == nil {
		t.Fatalf("no background build: %s", note)
	}
	c.exe = wrapper
	defer c.stop()
	src := &symbolSource{r: r, pin: pin, child: c, exe: wrapper}
	if _, err := src.Definitions(t.Context(), "helper", ""); err == nil || !strings.Contains(err.Error(), "being built in the background") {
		t.Fatalf("the first gd: %v; want the build started", err)
	}
	deadline := time.Now().Add(20 * time.Second)
	for {
		c.mu.Lock()
		running := c.runningLocked()
		c.mu.Unlock()
		if !running {
			break
		}
		if time.Now().After(deadline) {
			t.Fatal("the failing child did not end")
		}
		time.Sleep(10 * time.Millisecond)
	}
	for i := range 3 {
		_, err := src.Definitions(t.Context(), "helper", "")
		if err == nil {
			t.Fatal("gd found a symbol index the failed build never wrote")
		}
		msg := err.Error()
		for _, want := range []string{"background build failed", "no space left on device", "sightline index"} {
			if !strings.Contains(msg, want) {
				t.Errorf("gd %d after the failure says %q; want %q in it", i+2, msg, want)
			}
		}
		if strings.ContainsAny(msg, "\x1b\x07\n") {
			t.Errorf("gd %d shows raw control bytes from the child: %q", i+2, msg)
		}
		if len(msg) > 500 {
			t.Errorf("gd %d's message is %d bytes long", i+2, len(msg))
		}
	}
	time.Sleep(300 * time.Millisecond) // a build started by those gds would have run by now
	b, _ := os.ReadFile(runs)
	if n := strings.Count(string(b), "\n"); n != 1 {
		t.Fatalf("the failing build ran %d times; want once (not again on each gd)", n)
	}
}
