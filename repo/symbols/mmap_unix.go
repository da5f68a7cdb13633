//go:build unix

package symbols

import (
	"fmt"
	"os"
	"syscall"
)

// mapCache maps f's size bytes read-only.
func mapCache(f *os.File, size int64) ([]byte, func(), error) {
	if size == 0 {
		return nil, func() {}, nil
	}
	if size != int64(int(size)) {
		return nil, nil, fmt.Errorf("%d bytes is too large to map", size)
	}
	m, err := syscall.Mmap(int(f.Fd()), 0, int(size), syscall.PROT_READ, syscall.MAP_SHARED)
	if err != nil {
		return nil, nil, err
	}
	return m, func() { _ = syscall.Munmap(m) }, nil
}
