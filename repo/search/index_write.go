package search

import (
	"bufio"
	"context"
	"crypto/sha256"
	"encoding/binary"
	"errors"
	"fmt"
	"hash/crc32"
	"io"
	"os"
	"path/filepath"
	"slices"
	"sync"

	"sightline/repo"
)

// indexWriter writes an index file in one pass: the contents as the
// readers produce them, then the merged postings, the file list and the
// table, and finally the header over the placeholder at the start. It
// writes a temporary file that finish renames into place, so a reader
// never sees half an index and a failed build leaves nothing behind.
type indexWriter struct {
	path string
	tmp  *os.File
	mu   sync.Mutex // guards w and off while readers add contents
	w    *bufio.Writer
	off  int64 // bytes written after the header
	done bool
}

func newIndexWriter(path string) (*indexWriter, error) {
	tmp, err := os.CreateTemp(filepath.Dir(path), ".tri-*")
	if err != nil {
		return nil, fmt.Errorf("index: %w", err)
	}
	x := &indexWriter{path: path, tmp: tmp, w: bufio.NewWriterSize(tmp, 1<<20)}
	if _, err := x.w.Write(make([]byte, headerSize)); err != nil {
		x.abort()
		return nil, fmt.Errorf("index: %w", err)
	}
	return x, nil
}

// addContent appends one file's stored content and returns where it
// starts in the contents. Safe for concurrent use.
func (x *indexWriter) addContent(data []byte) (int64, error) {
	x.mu.Lock()
	defer x.mu.Unlock()
	off := x.off
	n, err := x.w.Write(data)
	x.off += int64(n)
	return off, err
}

// abort removes the temporary file unless finish renamed it.
func (x *indexWriter) abort() {
	if !x.done {
		x.tmp.Close()
		os.Remove(x.tmp.Name())
	}
}

// segment reads one sorted segment file written by builder.flush.
type segment struct {
	r    *bufio.Reader
	tri  uint32
	n    uint32
	last uint32
	buf  []byte
	done bool
}

func (s *segment) next() error {
	var hdr [20]byte
	if _, err := io.ReadFull(s.r, hdr[:]); err != nil {
		if errors.Is(err, io.EOF) {
			s.done = true
			return nil
		}
		return err
	}
	s.tri = binary.LittleEndian.Uint32(hdr[0:])
	s.n = binary.LittleEndian.Uint32(hdr[4:])
	s.last = binary.LittleEndian.Uint32(hdr[12:])
	n := int(binary.LittleEndian.Uint32(hdr[16:]))
	s.buf = slices.Grow(s.buf[:0], n)[:n]
	_, err := io.ReadFull(s.r, s.buf)
	return err
}

// finish merges the segments into the postings, writes the file list,
// the table and the header, and renames the file into place.
func (x *indexWriter) finish(ctx context.Context, root repo.Hash, files []indexFile, segFiles []*os.File) error {
	contentLen := x.off
	table, err := x.mergePostings(ctx, segFiles)
	if err != nil {
		return fmt.Errorf("index: %w", err)
	}
	postsLen := x.off - contentLen
	var list []byte
	for _, e := range files {
		list = binary.AppendUvarint(list, uint64(len(e.path)))
		list = append(list, e.path...)
		list = append(list, e.hash[:]...)
		flag := byte(0)
		if e.tooDeep {
			flag = 1
		}
		list = append(list, flag)
		list = binary.AppendUvarint(list, uint64(e.stored))
		if e.stored > 0 {
			list = binary.AppendUvarint(list, uint64(e.off))
		}
	}
	hdr := []byte(indexMagic)
	hdr = append(hdr, root[:]...)
	hdr = binary.LittleEndian.AppendUint32(hdr, uint32(len(files)))
	hdr = binary.LittleEndian.AppendUint32(hdr, uint32(len(table)/tableEntrySize))
	hdr = binary.LittleEndian.AppendUint64(hdr, uint64(len(list)))
	hdr = binary.LittleEndian.AppendUint64(hdr, uint64(postsLen))
	hdr = binary.LittleEndian.AppendUint64(hdr, uint64(contentLen))
	meta := sha256.New() // covers the header's fields too
	meta.Write(hdr)
	meta.Write(list)
	meta.Write(table)
	hdr = meta.Sum(hdr)
	for _, part := range [][]byte{list, table} {
		if _, err := x.w.Write(part); err != nil {
			return fmt.Errorf("index %s: %w", x.path, err)
		}
	}
	if err := x.w.Flush(); err != nil {
		return fmt.Errorf("index %s: %w", x.path, err)
	}
	if _, err := x.tmp.WriteAt(hdr, 0); err != nil {
		return fmt.Errorf("index %s: %w", x.path, err)
	}
	if err := x.tmp.Close(); err != nil {
		return fmt.Errorf("index %s: %w", x.path, err)
	}
	if err := os.Rename(x.tmp.Name(), x.path); err != nil {
		os.Remove(x.tmp.Name())
		return fmt.Errorf("index: %w", err)
	}
	x.done = true
	return nil
}

// mergeCheckEvery is how many trigrams mergePostings merges between two
// looks at its context.
const mergeCheckEvery = 4096

// mergePostings merges the segments' posting lists into one per trigram,
// written after the contents, and returns the table.
func (x *indexWriter) mergePostings(ctx context.Context, segFiles []*os.File) ([]byte, error) {
	segs := make([]*segment, len(segFiles))
	for i, f := range segFiles {
		segs[i] = &segment{r: bufio.NewReaderSize(f, 256<<10)}
		if err := segs[i].next(); err != nil {
			return nil, err
		}
	}
	var table, head []byte
	var off uint64
	for merged := 0; ; merged++ {
		// A large tree has millions of trigrams: a quit stops the merge
		// within a few thousand of them, not at its end.
		if merged%mergeCheckEvery == 0 {
			if err := ctx.Err(); err != nil {
				return nil, err
			}
		}
		lo, any := uint32(0), false
		for _, s := range segs {
			if !s.done && (!any || s.tri < lo) {
				lo, any = s.tri, true
			}
		}
		if !any {
			return table, nil
		}
		crc := crc32.NewIEEE()
		w := io.MultiWriter(x.w, crc)
		var n, prevLast uint32
		var size uint64
		for _, s := range segs {
			if s.done || s.tri != lo {
				continue
			}
			// Each segment's first delta is from 0; rebase it on the
			// previous segment's last file.
			first, k := binary.Uvarint(s.buf)
			head = binary.AppendUvarint(head[:0], first-uint64(prevLast))
			if _, err := w.Write(head); err != nil {
				return nil, err
			}
			if _, err := w.Write(s.buf[k:]); err != nil {
				return nil, err
			}
			size += uint64(len(head) + len(s.buf) - k)
			n, prevLast = n+s.n, s.last
			if err := s.next(); err != nil {
				return nil, err
			}
		}
		var e [tableEntrySize]byte
		binary.LittleEndian.PutUint32(e[0:], lo)
		binary.LittleEndian.PutUint64(e[4:], off)
		binary.LittleEndian.PutUint32(e[12:], n)
		binary.LittleEndian.PutUint32(e[16:], crc.Sum32())
		table = append(table, e[:]...)
		off += size
		x.off += int64(size)
	}
}
