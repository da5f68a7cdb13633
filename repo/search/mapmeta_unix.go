//go:build unix

package search

import (
	"os"
	"syscall"
)

// mapSection maps n bytes of f from off read-only; release unmaps them.
// A mapping is file pages the kernel already holds: the 18 MB of a large
// tree's metadata read into fresh memory was most of opening the index in
// a new process (a page fault each 4 KiB), and of a refs a fifth.
func mapSection(f *os.File, off int64, n int) (data []byte, release func(), err error) {
	if n == 0 {
		return nil, func() {}, nil
	}
	start := off &^ int64(os.Getpagesize()-1)
	m, err := syscall.Mmap(int(f.Fd()), start, n+int(off-start), syscall.PROT_READ, syscall.MAP_SHARED)
	if err != nil {
		return nil, nil, err
	}
	return m[off-start:], func() { _ = syscall.Munmap(m) }, nil
}
