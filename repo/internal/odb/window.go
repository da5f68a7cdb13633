package odb

import (
	"errors"
	"fmt"
	"io"
	"runtime/debug"
	"sync"
)

// A window is one read of the pack covering an entry's header and, for
// entries up to windowMax, its whole zlib stream: reading both at once
// halves the system calls for the many small objects (commits, trees)
// that history walks read, and inflating from memory is faster than from
// a file.
type window struct {
	buf    []byte
	data   []byte // the entry's compressed bytes, from dataOff on
	full   bool   // data runs to the end of the pack: no more to fetch
	mapped bool   // data is the pack's mapping itself: reading it may fault
}

const (
	// firstRead is read before the entry's size is known: enough for
	// most commits and trees whole.
	firstRead = 4 << 10
	// windowMax bounds what a window holds; larger entries stream.
	windowMax = 1 << 20
)

var windows = sync.Pool{New: func() any { return &window{buf: make([]byte, 0, 64<<10)} }}

// readEntry reads the entry at off and, when it is small enough, its
// compressed data, in as few reads as it can. The window is nil for an
// entry that must stream.
func (p *pack) readEntry(off int64) (entry, *window, error) {
	if off < 12 || off >= p.size {
		return entry{}, nil, fmt.Errorf("offset %d is outside the pack", off)
	}
	if m, ok := p.r.(mappedFile); ok {
		return p.mappedEntry(m, off)
	}
	w := windows.Get().(*window)
	n, err := p.readInto(w, off, min(firstRead, p.size-off))
	if err != nil {
		w.release()
		return entry{}, nil, err
	}
	e, err := p.parseEntry(w.buf[:n], off)
	if err != nil {
		w.release()
		return entry{}, nil, err
	}
	hdr := int(e.dataOff - off)
	need := int64(hdr) + readHint(e.size)
	if readHint(e.size) >= windowMax {
		w.release()
		return e, nil, nil
	}
	need = min(need, p.size-off)
	if int64(n) < need {
		if _, err := p.readInto(w, off, need); err != nil {
			w.release()
			return entry{}, nil, err
		}
	}
	w.data = w.buf[hdr:need]
	w.full = off+need == p.size
	return e, w, nil
}

// mappedEntry is readEntry on a mapped pack: the window is the mapping
// from the entry's data to the end of the pack, not a copy (copying 4 KiB
// for each commit of a walk cost more than inflating it). The inflater
// stops at the stream's end, so the window needs no bound of its own.
func (p *pack) mappedEntry(m mappedFile, off int64) (entry, *window, error) {
	e, err := p.entryAt(off) // copies the header, guarded against faults
	if err != nil {
		return entry{}, nil, err
	}
	if readHint(e.size) >= windowMax {
		return e, nil, nil
	}
	w := windows.Get().(*window)
	w.data, w.full, w.mapped = m[e.dataOff:p.size:p.size], true, true
	return e, w, nil
}

// readInto fills w.buf with n bytes of the pack at off.
func (p *pack) readInto(w *window, off, n int64) (int, error) {
	if int64(cap(w.buf)) < n {
		w.buf = make([]byte, n)
	}
	w.buf = w.buf[:n]
	got, err := p.r.ReadAt(w.buf, off)
	if err != nil && !(errors.Is(err, io.EOF) && int64(got) == n) {
		return got, fmt.Errorf("reading the pack at %d: %w", off, err)
	}
	return got, nil
}

func (w *window) release() {
	if cap(w.buf) > windowMax {
		return // let an unusually big buffer go
	}
	w.data, w.mapped = nil, false
	windows.Put(w)
}

// inflate returns entry e's inflated data, from its window when it has
// one. A stream longer than the window (a legal but odd encoding) is
// read again from the file.
func (p *pack) inflate(e entry, w *window) (out []byte, err error) {
	if w == nil {
		return p.inflateStream(e)
	}
	defer w.release()
	if w.mapped {
		defer debug.SetPanicOnFault(debug.SetPanicOnFault(true))
		defer recoverFault(&err)
	}
	zr, err := newZstreamBytes(w.data)
	if err == nil {
		if out, err = inflateAll(zr, e); err == nil {
			return out, nil
		}
	}
	if !w.full && errors.Is(err, io.ErrUnexpectedEOF) {
		return p.inflateStream(e)
	}
	return nil, err
}
