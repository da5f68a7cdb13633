//go:build !unix

package odb

import "os"

// openNoBlock opens read-only; FIFOs do not exist here.
func openNoBlock(path string) (*os.File, error) { return os.Open(path) }

// mapFile reads f whole where mapping is not available.
func mapFile(f *os.File, size int64) ([]byte, error) {
	data := make([]byte, size)
	_, err := f.ReadAt(data, 0)
	return data, err
}

// mapPack does not map here: mapFile would read the whole pack into
// memory, so the pack is read with ReadAt instead.
func mapPack(*os.File, int64) mappedFile { return nil }
