package odb

import (
	"bytes"
	"errors"
	"fmt"
	"hash"
	"io"
)

// Header returns an object's type and size without reading it whole:
// for a delta, the size comes from the delta's first bytes and the type
// from the end of its chain.
func (db *DB) Header(id ID) (Type, int64, error) {
	pi, off, ok, err := db.locate(id)
	if err != nil {
		return 0, 0, err
	}
	if !ok {
		o, err := db.openLoose(id)
		if err != nil {
			return 0, 0, err
		}
		defer o.Close()
		return o.typ, o.size, nil
	}
	p := db.packs[pi]
	e, err := p.entryAt(off)
	if err != nil {
		return 0, 0, err
	}
	if e.typ <= TypeTag {
		return e.typ, e.size, nil
	}
	size, err := p.deltaResultSize(e)
	if err != nil {
		return 0, 0, err
	}
	typ, err := db.chainType(pi, e)
	if err != nil {
		return 0, 0, err
	}
	return typ, size, nil
}

// deltaResultSize reads the result size from the start of a delta.
func (p *pack) deltaResultSize(e entry) (int64, error) {
	z, err := p.zlibAt(e.dataOff, min(e.size, 32))
	if err != nil {
		return 0, err
	}
	defer z.release()
	head := make([]byte, min(e.size, 20))
	if _, err := io.ReadFull(z, head); err != nil {
		return 0, fmt.Errorf("entry at %d: %w", e.dataOff, err)
	}
	_, result, _, err := deltaSizes(head)
	if err != nil {
		return 0, err
	}
	return int64(result), nil
}

// chainType follows delta bases by their headers alone to the object
// type at the end of the chain.
func (db *DB) chainType(pi int, e entry) (Type, error) {
	for range maxChain {
		switch e.typ {
		case typeOfsDelta:
			ne, err := db.packs[pi].entryAt(e.baseOff)
			if err != nil {
				return 0, err
			}
			e = ne
		case typeRefDelta:
			bpi, boff, ok, err := db.locate(e.baseID)
			if err != nil {
				return 0, err
			}
			if !ok {
				typ, _, err := db.Header(e.baseID)
				return typ, err
			}
			ne, err := db.packs[bpi].entryAt(boff)
			if err != nil {
				return 0, err
			}
			pi, e = bpi, ne
		default:
			return e.typ, nil
		}
	}
	return 0, fmt.Errorf("delta chain longer than %d (or a cycle)", maxChain)
}

// Stream opens an object for reading without holding it whole when it
// can: a whole (non-delta) packed object or a loose object is inflated
// as it is read; a delta is resolved in memory first, as git does. The
// reader fails if the object turns out longer or shorter than its size.
//
// The content is checked against id: a resolved delta before Stream
// returns; a streamed object as it is read, by the Read that would
// complete it, which instead returns a *HashMismatchError and withholds
// that read's bytes (so io.ReadFull of the whole object fails too), as
// does every Read after it.
func (db *DB) Stream(id ID) (Type, int64, io.ReadCloser, error) {
	pi, off, ok, err := db.locate(id)
	if err != nil {
		return 0, 0, nil, err
	}
	if !ok {
		o, err := db.openLoose(id)
		if err != nil {
			return 0, 0, nil, err
		}
		return sizedStream(newSizedReader(o.z, id, o.typ, o.size, o.Close))
	}
	p := db.packs[pi]
	e, w, err := p.readEntry(off)
	if err != nil {
		return 0, 0, nil, err
	}
	if e.typ > TypeTag || w != nil {
		// A delta, or small enough to have come in one read: resolve it
		// in memory.
		r, err := db.resolve(pi, off, &entryRead{e, w})
		if err != nil {
			return 0, 0, nil, err
		}
		if err := db.checkCached(id, pi, off, &r); err != nil {
			return 0, 0, nil, err
		}
		if r.shared {
			r.data = bytes.Clone(r.data)
		}
		return r.typ, int64(len(r.data)), &wholeReader{Reader: bytes.NewReader(r.data), data: r.data}, nil
	}
	z, err := p.zlibAt(e.dataOff, e.size)
	if err != nil {
		return 0, 0, nil, err
	}
	return sizedStream(newSizedReader(z, id, e.typ, e.size, func() error { z.release(); return nil }))
}

// sizedStream returns what Stream returns for s. An empty object is
// checked now: a caller reading its 0 bytes may never call Read.
func sizedStream(s *sizedReader) (Type, int64, io.ReadCloser, error) {
	if s.left == 0 {
		if err := s.checkID(); err != nil {
			s.Close()
			return 0, 0, nil, err
		}
	}
	return s.typ, s.left, s, nil
}

// sizedReader reads exactly left bytes of an inflating stream, hashing
// them, then checks that the stream ends there.
type sizedReader struct {
	z      *zstream
	left   int64
	close  func() error
	closed bool
	want   ID
	typ    Type
	h      hash.Hash // nil once the id is checked (or not to be)
	err    error     // a mismatch, returned by every later Read
}

func newSizedReader(z *zstream, want ID, typ Type, size int64, close func() error) *sizedReader {
	s := &sizedReader{z: z, left: size, close: close, want: want, typ: typ}
	if verifyIDs {
		s.h = newHasher(typ, size)
	}
	return s
}

func (s *sizedReader) Read(b []byte) (int, error) {
	if s.closed {
		return 0, errors.New("read after close")
	}
	if s.err != nil {
		return 0, s.err
	}
	if s.left == 0 {
		if err := s.checkID(); err != nil {
			return 0, err
		}
		if err := s.z.expectEnd(); err != nil {
			return 0, err
		}
		return 0, io.EOF
	}
	if int64(len(b)) > s.left {
		b = b[:s.left]
	}
	n, err := s.z.Read(b)
	s.left -= int64(n)
	if s.h != nil {
		s.h.Write(b[:n])
	}
	if s.left == 0 {
		if err := s.checkID(); err != nil {
			return 0, err // withhold the last bytes: see Stream
		}
	}
	if errors.Is(err, io.EOF) {
		if s.left > 0 {
			return n, fmt.Errorf("%w: %d bytes short", ErrSizeMismatch, s.left)
		}
		err = nil
	}
	return n, err
}

// checkID compares the finished hash with the id asked for, once.
func (s *sizedReader) checkID() error {
	if s.h == nil {
		return nil
	}
	got, col := sumOf(s.h)
	s.h = nil
	if got != s.want || col {
		s.err = &HashMismatchError{Type: s.typ, Want: s.want, Got: got, Collision: col}
	}
	return s.err
}

func (s *sizedReader) Close() error {
	if s.closed {
		return nil
	}
	s.closed = true
	return s.close()
}

// wholeReader reads an object already held in memory; Whole gives the
// caller the bytes themselves (which it then owns) to spare a copy.
type wholeReader struct {
	*bytes.Reader
	data []byte
}

// Whole returns the object's content.
func (w *wholeReader) Whole() []byte { return w.data }

// Close does nothing: there is nothing to release.
func (w *wholeReader) Close() error { return nil }
