package main

import (
	"context"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"sightline/repo/repotest"
	"sightline/repo/repotest/pintest"
	"sightline/tui"
)

// gr's child is a process a hostile tree may make run long or write
// without end: the workbench stops it when the lookup is dropped, after
// refsTimeout, and once it has written more than maxRefsJSON, and says
// which; the process is gone afterwards either way.
func TestReferencesChildIsStoppedAndSaysWhy(t *testing.T) {
	rt := repotest.New(t)
	rt.Commit("c", navTree)
	r, pin := pintest.Head(t, rt)
	oldMax, oldTimeout := maxRefsJSON, refsTimeout
	t.Cleanup(func() { maxRefsJSON, refsTimeout = oldMax, oldTimeout })
	maxRefsJSON = 1 << 20

	dir := t.TempDir()
	pidFile := filepath.Join(dir, "pid")
	child := func(t *testing.T, body string) *symbolSource {
		t.Helper()
		exe := filepath.Join(dir, "sightline")
		script := "#!/bin/sh\necho $$ > " + pidFile + "\n" + body + "\n"
		if err := os.WriteFile(exe, []byte(script), 0o755); err != nil {
			t.Fatal(err)
		}
		_ = os.Remove(pidFile)
		return &symbolSource{r: r, pin: pin, why: "no build in this test", exe: exe}
	}
	gone := func(t *testing.T) {
		t.Helper()
		b, err := os.ReadFile(pidFile)
		if err != nil {
			t.Fatalf("the child did not start: %v", err)
		}
		pid, _ := strconv.Atoi(strings.TrimSpace(string(b)))
		if err := syscall.Kill(pid, 0); err == nil {
			_ = syscall.Kill(pid, syscall.SIGKILL)
			t.Fatalf("child %d still runs after the lookup returned", pid)
		}
	}

	t.Run("writes without end", func(t *testing.T) {
		src := child(t, `printf '{"name": "'; tr '\000' x < /dev/zero`)
		start := time.Now()
		_, err := src.References(context.Background(), "helper")
		if err == nil || !strings.Contains(err.Error(), "more references than the workbench lists") {
			t.Fatalf("a child writing without end gave %v", err)
		}
		if d := time.Since(start); d > 20*time.Second {
			t.Errorf("took %v to give up", d)
		}
		gone(t)
	})
	t.Run("runs too long", func(t *testing.T) {
		refsTimeout = 300 * time.Millisecond
		t.Cleanup(func() { refsTimeout = oldTimeout })
		src := child(t, "exec sleep 600")
		_, err := src.References(context.Background(), "helper")
		if err == nil || !strings.Contains(err.Error(), "took longer than 300ms and was stopped") {
			t.Fatalf("a child that hangs gave %v", err)
		}
		gone(t)
	})
	t.Run("the lookup is dropped", func(t *testing.T) {
		src := child(t, "exec sleep 600")
		ctx, cancel := context.WithCancel(context.Background())
		time.AfterFunc(300*time.Millisecond, cancel)
		start := time.Now()
		if _, err := src.References(ctx, "helper"); err == nil {
			t.Fatal("a cancelled lookup gave references")
		}
		if d := time.Since(start); d > 20*time.Second {
			t.Errorf("took %v to stop", d)
		}
		gone(t)
	})
	t.Run("last words kept", func(t *testing.T) {
		src := child(t, `i=0; while [ $i -lt 300 ]; do echo "sightline: skipped file$i.c: over 4 MiB" >&2; i=$((i+1)); done; echo "sightline: out of memory" >&2; exit 3`)
		_, err := src.References(context.Background(), "helper")
		if err == nil || !strings.Contains(err.Error(), "out of memory") {
			t.Fatalf("the child's last words were lost: %v", err)
		}
	})
}

// A file the refs child skips (over the tagger's 4 MiB) that holds the
// name comes back from gr as a file not read, with the child's reason,
// after the references it found.
func TestReferencesNameTheFilesNotRead(t *testing.T) {
	t.Setenv("XDG_CACHE_HOME", t.TempDir())
	tree := repotest.Tree{}
	for p, f := range navTree {
		tree[p] = f
	}
	tree["gen/huge.c"] = repotest.File{Content: "int use = helper(2);\n" + strings.Repeat("/* padding */\n", (5<<20)/14)}
	rt := repotest.New(t)
	rt.Commit("c", tree)
	r, pin := pintest.Head(t, rt)
	src := &symbolSource{r: r, pin: pin, why: "no build in this test", exe: sightlineBinary(t)}
	hits, err := src.References(context.Background(), "helper")
	if err != nil {
		t.Fatal(err)
	}
	last := hits[len(hits)-1]
	if len(hits) != 4 || last.Path != "gen/huge.c" || last.In != tui.InUnread || last.Text == "" {
		t.Fatalf("gr helper gave %+v; want the 3 references, then gen/huge.c as not read with a reason", hits)
	}
	for _, h := range hits[:3] {
		if h.In == tui.InUnread {
			t.Fatalf("a reference came after the files not read: %+v", hits)
		}
	}
}
