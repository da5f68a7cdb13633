//go:build !unix

package symbols

import (
	"fmt"
	"os"
)

// mapCache reads f whole where mapping is not available (as the object
// reader does for its indexes): slower to open, the same answers.
func mapCache(f *os.File, size int64) ([]byte, func(), error) {
	if size != int64(int(size)) {
		return nil, nil, fmt.Errorf("%d bytes is too large to read", size)
	}
	data := make([]byte, size)
	if _, err := f.ReadAt(data, 0); err != nil {
		return nil, nil, err
	}
	return data, func() {}, nil
}
