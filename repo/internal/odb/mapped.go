package odb

import (
	"errors"
	"io"
	"runtime/debug"
)

// errPackShrank reports a read from a mapped pack that faulted: the file
// was truncated or its disk failed after it was opened.
var errPackShrank = errors.New("the pack file changed or became unreadable while it was read (was it truncated?)")

// mappedFile reads a pack from its read-only mapping. Reads are bounded
// by the mapping's length like ReadAt on the file; a page that can no
// longer be read (a file truncated by another process) is an error, not
// a crash of the whole program.
type mappedFile []byte

// ReadAt copies len(b) bytes at off, as io.ReaderAt.
func (m mappedFile) ReadAt(b []byte, off int64) (n int, err error) {
	if off < 0 || off > int64(len(m)) {
		return 0, io.EOF
	}
	defer debug.SetPanicOnFault(debug.SetPanicOnFault(true))
	defer func() {
		if recover() != nil {
			n, err = 0, errPackShrank
		}
	}()
	n = copy(b, m[off:])
	if n < len(b) {
		return n, io.EOF
	}
	return n, nil
}

// recoverFault, deferred with debug.SetPanicOnFault(true) in force, turns
// a fault reading a mapping into errPackShrank; any other panic is a bug
// and goes on.
func recoverFault(err *error) {
	r := recover()
	if r == nil {
		return
	}
	if _, ok := r.(interface{ Addr() uintptr }); ok {
		*err = errPackShrank
		return
	}
	panic(r)
}
