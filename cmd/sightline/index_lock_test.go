//go:build unix

package main

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"sightline/repo"
	"sightline/repo/repotest"
	"sightline/repo/repotest/pintest"
	"sightline/repo/search"
)

// syncBuffer is a bytes.Buffer a command running in a goroutine writes
// while the test reads it.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// holdTreeLock takes the lock of pin's tree under dir as another build
// would (flock excludes two opens of one file even in one process) and
// returns its release.
func holdTreeLock(t *testing.T, dir string, tree repo.Hash) func() {
	t.Helper()
	unlock, err := lockTree(t.Context(), dir, tree, &bytes.Buffer{})
	if err != nil {
		t.Fatal(err)
	}
	return unlock
}

// indexCmdRun is "sightline index" run in a goroutine.
type indexCmdRun struct {
	stdout, stderr syncBuffer
	code           chan int
}

func startIndexRun(args ...string) *indexCmdRun {
	ir := &indexCmdRun{code: make(chan int, 1)}
	go func() { ir.code <- run(append([]string{"index"}, args...), &ir.stdout, &ir.stderr) }()
	return ir
}

// waitFor polls cond for up to 20 s.
func waitFor(t *testing.T, what string, cond func() bool) {
	t.Helper()
	for deadline := time.Now().Add(20 * time.Second); !cond(); time.Sleep(5 * time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatalf("timed out waiting for %s", what)
		}
	}
}

const waitingNote = "sightline index: waiting for another build of tree "

// A build of a tree another build holds waits for it, says so once, and
// writes nothing until the other ends: then it builds.
func TestIndexWaitsForAnotherBuildOfTheTree(t *testing.T) {
	tr := repotest.New(t)
	tr.Commit("c", repotest.Tree{"a.txt": {Content: "needle\n"}})
	_, pin := pintest.Head(t, tr)
	dir := t.TempDir()
	release := holdTreeLock(t, dir, pin.Tree)
	ir := startIndexRun("--repo", tr.Dir, "--dir", dir)
	waitFor(t, "the waiting note", func() bool { return strings.Contains(ir.stderr.String(), waitingNote) })
	select {
	case code := <-ir.code:
		release()
		t.Fatalf("index ended (exit %d) while another build held the tree: %q %q", code, ir.stdout.String(), ir.stderr.String())
	case <-time.After(300 * time.Millisecond):
	}
	if _, err := os.Stat(search.IndexPath(dir, pin.Tree)); err == nil {
		t.Fatal("the waiting build wrote the search index")
	}
	release()
	select {
	case code := <-ir.code:
		if code != 0 || !strings.HasPrefix(ir.stdout.String(), "indexed tree ") {
			t.Fatalf("index after the other build: exit %d, %q %q", code, ir.stdout.String(), ir.stderr.String())
		}
	case <-time.After(20 * time.Second):
		t.Fatal("index did not go on once the lock was released")
	}
	if n := strings.Count(ir.stderr.String(), waitingNote); n != 1 {
		t.Errorf("the waiting note was printed %d times; want once: %q", n, ir.stderr.String())
	}
	if _, err := os.Stat(search.IndexPath(dir, pin.Tree)); err != nil {
		t.Fatalf("no search index after the wait: %v", err)
	}
}

// A signal stops a build waiting for the lock at once, in the words of a
// build stopped by a signal, having written nothing.
func TestAWaitingIndexStopsOnASignal(t *testing.T) {
	tr := repotest.New(t)
	tr.Commit("c", repotest.Tree{"a.txt": {Content: "needle\n"}})
	_, pin := pintest.Head(t, tr)
	dir := t.TempDir()
	defer holdTreeLock(t, dir, pin.Tree)()
	ir := startIndexRun("--repo", tr.Dir, "--dir", dir)
	// The note comes after the command has caught SIGTERM (NotifyContext).
	waitFor(t, "the waiting note", func() bool { return strings.Contains(ir.stderr.String(), waitingNote) })
	sent := time.Now()
	if err := syscall.Kill(os.Getpid(), syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	select {
	case code := <-ir.code:
		if took := time.Since(sent); took > time.Second {
			t.Errorf("the waiting build took %s to stop", took)
		}
		if code != 1 || !strings.Contains(ir.stderr.String(), "stopped by a signal before the build finished") {
			t.Fatalf("index stopped while waiting: exit %d, %q", code, ir.stderr.String())
		}
	case <-time.After(10 * time.Second):
		t.Fatal("a signal did not stop the waiting build")
	}
	if _, err := os.Stat(search.IndexPath(dir, pin.Tree)); err == nil {
		t.Fatal("the stopped build wrote the search index")
	}
}

// lockTree's wait ends as soon as its context does.
func TestLockTreeWaitEndsWithItsContext(t *testing.T) {
	dir := t.TempDir()
	tree := repo.Hash{1, 2, 3}
	defer holdTreeLock(t, dir, tree)()
	ctx, cancel := context.WithCancel(t.Context())
	time.AfterFunc(50*time.Millisecond, cancel)
	start := time.Now()
	var stderr bytes.Buffer
	unlock, err := lockTree(ctx, dir, tree, &stderr)
	if unlock != nil || !errors.Is(err, context.Canceled) {
		t.Fatalf("lockTree on a held lock with a cancelled context: %v", err)
	}
	if took := time.Since(start); took > lockRetry+500*time.Millisecond {
		t.Errorf("the cancelled wait took %s", took)
	}
	if !strings.Contains(stoppedBy(ctx, err).Error(), "stopped by a signal") {
		t.Errorf("a stopped wait is worded %q", stoppedBy(ctx, err))
	}
	if strings.Count(stderr.String(), waitingNote) != 1 {
		t.Errorf("stderr %q; want the waiting note once", stderr.String())
	}
}

// A file system that refuses the lock does not fail the build: it is
// named, and the build goes on as it did before there was a lock.
func TestWaitForLockGoesOnWhenTheLockIsRefused(t *testing.T) {
	path := filepath.Join(t.TempDir(), "t.lock")
	refuse := func(*os.File) (bool, error) { return false, syscall.ENOLCK }
	var stderr bytes.Buffer
	unlock, err := waitForLock(t.Context(), path, refuse, "waiting\n", &stderr)
	if err != nil || unlock == nil {
		t.Fatalf("a refused lock: %v", err)
	}
	unlock()
	if got := stderr.String(); !strings.Contains(got, "not locked") || !strings.Contains(got, "building without waiting") || strings.Contains(got, "waiting\n") {
		t.Errorf("stderr %q", got)
	}
}

// The lock file stays in the index directory, private, and the sweep of
// stale temporaries leaves it however old it is: removing a lock another
// build waits on would let a third build beside it.
func TestIndexKeepsItsLockFile(t *testing.T) {
	tr := repotest.New(t)
	tr.Commit("c", repotest.Tree{"a.txt": {Content: "needle\n"}})
	_, pin := pintest.Head(t, tr)
	dir := t.TempDir()
	if code, out, errOut := runCmd("index", "--repo", tr.Dir, "--dir", dir); code != 0 {
		t.Fatalf("index: exit %d, %q %q", code, out, errOut)
	}
	lock := treeLockPath(dir, pin.Tree)
	fi, err := os.Stat(lock)
	if err != nil {
		t.Fatalf("no lock file: %v", err)
	}
	if fi.Mode().Perm() != 0o600 {
		t.Errorf("the lock file's mode is %v; want 0600", fi.Mode().Perm())
	}
	old := time.Now().Add(-48 * time.Hour)
	if err := os.Chtimes(lock, old, old); err != nil {
		t.Fatal(err)
	}
	sweepStaleTemporaries(dir, staleTemporaryAge, time.Now())
	if _, err := os.Stat(lock); err != nil {
		t.Fatalf("the sweep removed the lock file: %v", err)
	}
	if isBuildTemporary(filepath.Base(lock)) {
		t.Error("the lock file is named like a build's temporary")
	}
}
