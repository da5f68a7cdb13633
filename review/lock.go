package review

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"
)

// lockName is the lock file inside the workspace directory. It holds the
// pid and command of the last process that took the lock, for messages.
const lockName = "lock"

// fileLock is an exclusive flock on the workspace's lock file, taken for
// each write transaction so that two processes (the TUI and a script)
// take turns instead of interleaving their appends.
type fileLock struct {
	f *os.File
}

func openLock(dir string) (*fileLock, error) { return openLockFile(dir, lockName) }

func openLockFile(dir, name string) (*fileLock, error) {
	f, err := os.OpenFile(filepath.Join(dir, name), os.O_RDWR|os.O_CREATE, 0o600)
	if err != nil {
		return nil, fmt.Errorf("open workspace lock: %w", err)
	}
	return &fileLock{f: f}, nil
}

// LockFile takes the exclusive lock dir/name for a read-modify-write of
// another file the workspace keeps (a team store's record), waiting up to
// timeout; release lets it go. Each call opens the file anew, so two
// goroutines of one process exclude each other as two processes do.
func LockFile(dir, name string, timeout time.Duration) (release func(), err error) {
	l, err := openLockFile(dir, name)
	if err != nil {
		return nil, err
	}
	if err := l.acquire(timeout); err != nil {
		_ = l.close()
		return nil, err
	}
	return func() {
		_ = l.release()
		_ = l.close()
	}, nil
}

// acquire waits up to timeout for the lock. Polling a non-blocking lock,
// rather than a blocking one, keeps the wait bounded and lets the error name
// the holder.
func (l *fileLock) acquire(timeout time.Duration) error {
	deadline := time.Now().Add(timeout)
	delay := time.Millisecond
	for {
		busy, err := TryLockFile(l.f)
		if err != nil {
			return fmt.Errorf("lock workspace: %w", err)
		}
		if !busy {
			l.writeHolder()
			return nil
		}
		if time.Now().After(deadline) {
			return fmt.Errorf("%w: %s has held its lock for over %s; wait for it to finish or close it", ErrBusy, l.holder(), timeout)
		}
		time.Sleep(delay)
		delay = min(delay*2, 20*time.Millisecond)
	}
}

func (l *fileLock) release() error { return unlockFile(l.f) }

// writeHolder records who holds the lock. It is advisory text for the
// message above, so a failure to write it is ignored.
func (l *fileLock) writeHolder() {
	cmd := strings.Join(os.Args, " ")
	if len(cmd) > 200 {
		cmd = cmd[:200]
	}
	_ = l.f.Truncate(0)
	_, _ = l.f.WriteAt([]byte(fmt.Sprintf("pid %d: %s\n", os.Getpid(), cmd)), 0)
}

func (l *fileLock) holder() string {
	b := make([]byte, 256)
	n, _ := l.f.ReadAt(b, 0)
	s := strings.TrimSpace(string(b[:n]))
	if s == "" {
		return "another process"
	}
	return "another process (" + s + ")"
}

func (l *fileLock) close() error { return l.f.Close() }
