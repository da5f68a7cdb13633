//go:build unix

package review

import (
	"errors"
	"os"
	"syscall"
)

// TryLockFile takes an exclusive lock on f without waiting; busy reports
// that another open of the file (this process's or another's) holds it,
// or that a signal came first (the caller tries again, or stops on it).
// The workspace lock and the index builds' lock (cmd) both take it.
func TryLockFile(f *os.File) (busy bool, err error) {
	err = syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB)
	if errors.Is(err, syscall.EWOULDBLOCK) || errors.Is(err, syscall.EINTR) {
		return true, nil
	}
	return false, err
}

func unlockFile(f *os.File) error { return syscall.Flock(int(f.Fd()), syscall.LOCK_UN) }
