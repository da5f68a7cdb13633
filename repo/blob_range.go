package repo

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
)

// Byte-level access to a blob for a hex view: a window read at an offset,
// a search streamed in chunks, and a chunked comparison of two blobs. Each
// holds at most a chunk (or a window) in memory whatever the blob's size.

// BlobStreamer streams a blob. *Repo satisfies it.
type BlobStreamer interface {
	OpenBlob(ctx context.Context, h Hash) (io.ReadCloser, int64, error)
}

// ReadBlobAt reads up to n bytes of blob h from byte off (fewer at the
// end), and returns them with the blob's size. The bytes before off are
// streamed past, not kept.
func ReadBlobAt(ctx context.Context, src BlobStreamer, h Hash, off, n int64) ([]byte, int64, error) {
	rd, size, err := src.OpenBlob(ctx, h)
	if err != nil {
		return nil, 0, err
	}
	defer rd.Close()
	off = min(max(off, 0), size)
	if _, err := io.CopyN(io.Discard, ctxReader{ctx, rd}, off); err != nil {
		return nil, 0, fmt.Errorf("blob %s: %w", h, err)
	}
	buf := make([]byte, min(n, size-off))
	k, err := io.ReadFull(ctxReader{ctx, rd}, buf)
	if err != nil && !errors.Is(err, io.ErrUnexpectedEOF) && !errors.Is(err, io.EOF) {
		return nil, 0, fmt.Errorf("blob %s: %w", h, err)
	}
	return buf[:k], size, nil
}

// FindBytes streams rd (whose first byte is at blob offset start) in
// chunks of chunk bytes and calls fn with the offset of each match of pat
// in order, until fn returns false or rd ends. A match spanning two chunks
// is found: the last len(pat)-1 bytes of a chunk are kept for the next.
// fold matches ASCII letters of either case (pat must be lower case).
func FindBytes(ctx context.Context, rd io.Reader, start int64, pat []byte, fold bool, chunk int, fn func(off int64) bool) error {
	if len(pat) == 0 {
		return errors.New("empty search pattern")
	}
	chunk = max(chunk, len(pat))
	buf := make([]byte, len(pat)-1+chunk)
	var low []byte // the chunk in lower case, when fold
	keep := 0      // bytes carried over from the last chunk
	base := start  // blob offset of buf[0]
	for {
		if err := ctxErr(ctx); err != nil {
			return err
		}
		n, err := io.ReadFull(rd, buf[keep:])
		have := keep + n
		hay := buf[:have]
		if fold {
			// ASCII only, byte for byte: offsets stay those of the blob
			// (bytes.ToLower would rewrite invalid UTF-8).
			low = append(low[:0], hay...)
			for i, c := range low {
				if c >= 'A' && c <= 'Z' {
					low[i] = c + 'a' - 'A'
				}
			}
			hay = low
		}
		for i := 0; ; {
			j := bytes.Index(hay[i:], pat)
			if j < 0 {
				break
			}
			if !fn(base + int64(i+j)) {
				return nil
			}
			i += j + 1
		}
		if errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF) {
			return nil
		}
		if err != nil {
			return err
		}
		// Carry the tail that could start a match ending in the next chunk.
		keep = min(len(pat)-1, have)
		copy(buf, buf[have-keep:have])
		base += int64(have - keep)
	}
}

// ByteRange is the bytes [Off, End) of a blob.
type ByteRange struct{ Off, End int64 }

// DiffBytes compares two streams byte by byte at the same offsets, chunk
// bytes at a time, and returns the ranges where they differ: runs of
// differing bytes, joined when fewer than join equal bytes lie between
// them, and the tail of the longer stream. It reports no shift: an
// insertion shows as one range from the first difference on. At most
// limit ranges are returned; more reports that others were left out.
func DiffBytes(ctx context.Context, a, b io.Reader, chunk, join, limit int) (ranges []ByteRange, more bool, err error) {
	ba, bb := make([]byte, chunk), make([]byte, chunk)
	var off int64
	add := func(from, to int64) bool {
		if n := len(ranges); n > 0 && from-ranges[n-1].End < int64(join) {
			ranges[n-1].End = to
			return true
		}
		if len(ranges) == limit {
			more = true
			return false
		}
		ranges = append(ranges, ByteRange{from, to})
		return true
	}
	for {
		if err := ctxErr(ctx); err != nil {
			return nil, false, err
		}
		na, ea := io.ReadFull(a, ba)
		nb, eb := io.ReadFull(b, bb)
		for _, e := range []error{ea, eb} {
			if e != nil && !errors.Is(e, io.EOF) && !errors.Is(e, io.ErrUnexpectedEOF) {
				return nil, false, e
			}
		}
		n := min(na, nb)
		for i := 0; i < n; i++ {
			if ba[i] == bb[i] {
				continue
			}
			j := i
			for j < n && ba[j] != bb[j] {
				j++
			}
			if !add(off+int64(i), off+int64(j)) {
				return ranges, more, nil
			}
			i = j
		}
		if na != nb {
			// One stream ended: the rest of the longer one differs.
			if !add(off+int64(n), off+int64(max(na, nb))) {
				return ranges, more, nil
			}
			rest, err := drain(ctx, a, b, na < nb, ba)
			if err != nil {
				return nil, false, err
			}
			ranges[len(ranges)-1].End += rest
			return ranges, more, nil
		}
		off += int64(n)
		if ea != nil || eb != nil {
			return ranges, more, nil
		}
	}
}

// drain counts the bytes left in the longer of a and b.
func drain(ctx context.Context, a, b io.Reader, bLonger bool, buf []byte) (int64, error) {
	r := a
	if bLonger {
		r = b
	}
	return io.CopyBuffer(io.Discard, ctxReader{ctx, r}, buf)
}
