package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"time"

	"sightline/repo"
	"sightline/repo/textsafe"
	"sightline/review"
)

// lockRetry is how often a build waiting for another build of its tree
// tries the lock again: a build takes seconds to minutes, so a fifth of
// a second costs nothing and keeps the wait short once it ends.
const lockRetry = 200 * time.Millisecond

// treeLockPath is the lock file of the builds of tree under dir. It is
// never removed: a build that removed it while another waited on it
// would let a third take a new file's lock beside the waiter's, and
// both would build. sweepStaleTemporaries leaves it (isBuildTemporary).
func treeLockPath(dir string, tree repo.Hash) string {
	return filepath.Join(dir, tree.String()+".lock")
}

// lockTree takes the exclusive lock of tree's builds under dir, so that
// two workbenches (or a workbench and "sightline index") on one tree do
// not both spend a build's minutes and memory on the same indexes. While
// another build holds it, it says so once on stderr and waits until the
// lock is free or ctx is done (a signal). unlock releases it; so does
// the process's end, however it ends (the kernel drops a dead process's
// flock).
func lockTree(ctx context.Context, dir string, tree repo.Hash, stderr io.Writer) (unlock func(), err error) {
	note := fmt.Sprintf("sightline index: waiting for another build of tree %s to finish\n", tree.Short())
	return waitForLock(ctx, treeLockPath(dir, tree), review.TryLockFile, note, stderr)
}

// waitForLock opens the lock file at path and takes it with try, every
// lockRetry while it is busy, writing note to stderr before the first
// wait. A lock the file system refuses (try fails) is not worth failing
// the build for: the builds write temporaries and rename them, so two at
// once give valid indexes, only twice the work; it says so and goes on
// without it.
func waitForLock(ctx context.Context, path string, try func(*os.File) (busy bool, err error), note string, stderr io.Writer) (unlock func(), err error) {
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE, 0o600)
	if err != nil {
		return nil, fmt.Errorf("build lock: %w", err)
	}
	var tick *time.Ticker
	for {
		busy, err := try(f)
		if err != nil {
			_ = f.Close()
			fmt.Fprintf(stderr, "sightline index: note: %s not locked (%s); building without waiting for other builds of the tree\n",
				textsafe.Sanitize(path), textsafe.Sanitize(err.Error()))
			return func() {}, nil
		}
		if !busy {
			if tick != nil {
				tick.Stop()
			}
			return func() { _ = f.Close() }, nil
		}
		if tick == nil {
			fmt.Fprint(stderr, note)
			tick = time.NewTicker(lockRetry)
		}
		select {
		case <-ctx.Done():
			tick.Stop()
			_ = f.Close()
			return nil, ctx.Err()
		case <-tick.C:
		}
	}
}
