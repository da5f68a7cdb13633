package repo

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"

	"sightline/repo/internal/odb"
)

// BinarySniffLen is how much of a file git looks at to call it binary
// (FIRST_FEW_BYTES in git's xdiff-interface.c): a NUL byte among the
// first BinarySniffLen bytes makes it binary.
const BinarySniffLen = 8000

// maxSymlinkTarget caps what SymlinkTarget reads: a real target is a path,
// a hostile one may be a huge blob.
const maxSymlinkTarget = 4096

// Blob is the content of a blob, or its first bytes when it is large.
type Blob struct {
	Hash      Hash
	Size      int64  // the full size in bytes
	Data      []byte // at most the limit given to ReadBlob
	Truncated bool   // Size > len(Data)
	// Binary is git's rule: a NUL byte in the first 8000 bytes. A vendor
	// can put a NUL in source to make it look binary (a C compiler only
	// warns), so a viewer should still offer binary files as text.
	Binary bool
	HasNUL bool // a NUL anywhere in Data
}

// ReadBlob reads blob h, at most limit bytes of it (limit < 0: all of it).
// Large blobs are streamed from storage, so only what is returned is held
// in memory. Binary is decided on the first 8000 bytes even when max is
// smaller. A blob read whole (limit < 0, or not less than its size) is
// checked against h: a substituted one is an error wrapping
// ErrHashMismatch that names h and what the content hashes to. A
// truncated read is not checked (that would read the rest); call
// VerifyObject for that.
func (r *Repo) ReadBlob(ctx context.Context, h Hash, limit int64) (Blob, error) {
	rd, size, err := r.OpenBlob(ctx, h)
	if err != nil {
		return Blob{}, err
	}
	defer rd.Close()
	return ReadOpenBlob(ctx, rd, h, size, limit)
}

// ReadOpenBlob is ReadBlob on the stream rd of blob h, of the given size,
// as OpenBlob returned them: for a caller that looks at the size before
// choosing to read the blob whole or stream it.
func ReadOpenBlob(ctx context.Context, rd io.Reader, h Hash, size, limit int64) (Blob, error) {
	want := size
	if limit >= 0 && limit < want {
		want = limit
	}
	sniff := min(size, max(want, BinarySniffLen))
	var buf []byte
	if w, ok := rd.(interface{ Whole() []byte }); ok && int64(len(w.Whole())) == sniff {
		buf = w.Whole() // already in memory (a resolved delta): no second copy
	} else {
		var err error
		if buf, err = readSized(ctx, rd, sniff); err != nil {
			if isMismatchOf(err, h) {
				return Blob{}, err // it names the blob already
			}
			return Blob{}, fmt.Errorf("blob %s: %w", h, err)
		}
	}
	b := Blob{Hash: h, Size: size, Data: buf[:want:want], Truncated: size > want}
	b.Binary = bytes.IndexByte(buf[:min(len(buf), BinarySniffLen)], 0) >= 0
	b.HasNUL = bytes.IndexByte(b.Data, 0) >= 0
	return b, nil
}

// OpenBlob streams blob h and returns its size. Readers of different
// blobs may run on any goroutines at once; close each when done. The
// content is checked against h as it is read: on a mismatch, the read
// that would complete the blob fails instead (its bytes withheld, so
// reading exactly the size fails too), with an error wrapping
// ErrHashMismatch; a delta-stored blob may fail here already.
func (r *Repo) OpenBlob(ctx context.Context, h Hash) (io.ReadCloser, int64, error) {
	if err := ctxErr(ctx); err != nil {
		return nil, 0, err
	}
	typ, size, rd, err := r.objects.Stream(odb.ID(h))
	if err != nil {
		return nil, 0, readError("blob", h, err)
	}
	if typ != odb.TypeBlob {
		rd.Close()
		return nil, 0, fmt.Errorf("object %s is a %s, not a blob", h, typ.String())
	}
	return rd, size, nil
}

// SymlinkTarget returns the target a symlink entry records (its blob),
// never following it. Targets longer than 4096 bytes are cut.
func (r *Repo) SymlinkTarget(ctx context.Context, e Entry) (string, error) {
	if e.Kind != KindSymlink {
		return "", fmt.Errorf("%q is a %s, not a symlink", e.Path, e.Kind)
	}
	b, err := r.ReadBlob(ctx, e.Hash, maxSymlinkTarget)
	if err != nil {
		return "", fmt.Errorf("symlink %q: %w", e.Path, err)
	}
	return string(b.Data), nil
}

// readSized reads exactly n bytes from rd, allocating no more on the
// word of a header than odb.ReadExactly does, and checking ctx between
// reads so a large read can be cancelled.
func readSized(ctx context.Context, rd io.Reader, n int64) ([]byte, error) {
	buf, err := odb.ReadExactly(ctxReader{ctx, rd}, n)
	if errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF) {
		return nil, fmt.Errorf("object ends before its %d bytes: %w", n, io.ErrUnexpectedEOF)
	}
	return buf, err
}

// ctxReader fails its reads once ctx is done.
type ctxReader struct {
	ctx context.Context
	r   io.Reader
}

func (c ctxReader) Read(p []byte) (int, error) {
	if err := ctxErr(c.ctx); err != nil {
		return 0, err
	}
	return c.r.Read(p[:min(len(p), 1<<20)])
}

// ReadFull fills buf from rd (a stream from OpenBlob) in chunks, checking
// ctx between them so a large read can be cancelled. A stream shorter than its header said is
// an error (a truncated object).
func ReadFull(ctx context.Context, rd io.Reader, buf []byte) error {
	const chunk = 1 << 20
	for off := 0; off < len(buf); {
		if err := ctxErr(ctx); err != nil {
			return err
		}
		n, err := io.ReadFull(rd, buf[off:min(len(buf), off+chunk)])
		off += n
		if err != nil {
			if errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF) {
				return fmt.Errorf("object ends after %d of %d bytes: %w", off, len(buf), io.ErrUnexpectedEOF)
			}
			return err
		}
	}
	return nil
}
