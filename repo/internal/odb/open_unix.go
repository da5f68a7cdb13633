//go:build unix

package odb

import (
	"fmt"
	"os"
	"syscall"
)

// openNoBlock opens read-only without blocking on a FIFO.
func openNoBlock(path string) (*os.File, error) {
	return os.OpenFile(path, os.O_RDONLY|syscall.O_NONBLOCK, 0)
}

// mapFile maps f's first size bytes read-only. The mapping is never
// undone: a reader still running when the DB is closed (a background
// search as the program quits) then reads valid memory rather than
// faulting, and a process opens one repository.
func mapFile(f *os.File, size int64) ([]byte, error) {
	if size == 0 {
		return nil, nil
	}
	if size != int64(int(size)) {
		return nil, fmt.Errorf("%d bytes is too large to map", size)
	}
	return syscall.Mmap(int(f.Fd()), 0, int(size), syscall.PROT_READ, syscall.MAP_SHARED)
}

// mapPack maps a pack file of size bytes for reading, or returns nil
// (the caller then reads the file): a pack too large to map here, or a
// system that refuses, is still read correctly, only slower. Like
// mapFile, the mapping is never undone.
func mapPack(f *os.File, size int64) mappedFile {
	m, err := mapFile(f, size)
	if err != nil || len(m) == 0 {
		return nil
	}
	return m
}
