//go:build !unix

package search

import "os"

// mapSection reads n bytes of f from off where mapping is not available:
// slower to open, the same answers.
func mapSection(f *os.File, off int64, n int) (data []byte, release func(), err error) {
	data = make([]byte, n)
	if _, err := f.ReadAt(data, off); err != nil {
		return nil, nil, err
	}
	return data, func() {}, nil
}
