package repo

import (
	"bufio"
	"context"
	"encoding/binary"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sync"
)

// segmentPostings bounds the postings held in memory while building
// (8 bytes each, plus 4 while a segment is sorted); above it they go to a
// sorted segment file, and the segments are merged at the end. Random
// bytes in binary files make millions of distinct trigrams, so the
// builder keeps flat (trigram, file) pairs rather than a list per
// trigram. A variable so that tests can force many segments.
var segmentPostings = 4 << 20

// indexChunk is how many files the readers work on between merges into
// the postings, in file order.
const indexChunk = 512

// builder accumulates postings for files added in ascending order.
type builder struct {
	tris, ids []uint32 // one posting per index: trigram, file number
	count     []uint32 // 2^24 counters, zero between flushes
	sorted    []uint32 // scratch for flush
	segs      []*os.File
	dir       string
}

func (b *builder) add(id uint32, tris []uint32) error {
	for _, t := range tris {
		b.tris = append(b.tris, t)
		b.ids = append(b.ids, id)
	}
	if len(b.tris) >= segmentPostings {
		return b.flush()
	}
	return nil
}

// flush sorts the pending postings by trigram (a counting sort: file
// numbers stay ascending within a trigram) and writes them to a segment
// file: per trigram {tri, n, first, last, len} then uvarint deltas of
// file number + 1, the first relative to 0.
func (b *builder) flush() error {
	if len(b.tris) == 0 {
		return nil
	}
	for _, t := range b.tris {
		b.count[t]++
	}
	var pos uint32
	for t, c := range b.count { // counts become start offsets
		b.count[t] = pos
		pos += c
	}
	b.sorted = append(b.sorted[:0], make([]uint32, len(b.ids))...)
	for i, t := range b.tris {
		b.sorted[b.count[t]] = b.ids[i]
		b.count[t]++
	}
	f, err := os.CreateTemp(b.dir, ".seg-*")
	if err != nil {
		return err
	}
	_ = os.Remove(f.Name()) // unlinked now: nothing is left behind on failure
	b.segs = append(b.segs, f)
	w := bufio.NewWriterSize(f, 1<<20)
	var hdr [20]byte
	var buf []byte
	start := uint32(0)
	for t, end := range b.count { // count[t] is now the end of t's run
		if end == start {
			continue
		}
		run := b.sorted[start:end]
		buf = buf[:0]
		last := uint32(0)
		for _, id := range run {
			buf = binary.AppendUvarint(buf, uint64(id+1-last))
			last = id + 1
		}
		binary.LittleEndian.PutUint32(hdr[0:], uint32(t))
		binary.LittleEndian.PutUint32(hdr[4:], uint32(len(run)))
		binary.LittleEndian.PutUint32(hdr[8:], run[0]+1)
		binary.LittleEndian.PutUint32(hdr[12:], last)
		binary.LittleEndian.PutUint32(hdr[16:], uint32(len(buf)))
		w.Write(hdr[:])
		w.Write(buf)
		start = end
	}
	if err := w.Flush(); err != nil {
		return err
	}
	clear(b.count)
	b.tris, b.ids = b.tris[:0], b.ids[:0]
	_, err = f.Seek(0, io.SeekStart)
	return err
}

func (b *builder) close() {
	for _, f := range b.segs {
		f.Close()
	}
}

// indexable marks the bytes whose trigrams are indexed: tab and printable
// ASCII, which is what search patterns are written in. Leaving out the
// rest keeps random bytes in binary files (millions of distinct
// trigrams) from swelling the index; a query trigram with another byte
// simply does not narrow the search (see literalQuery).
var indexable = func() (t [256]bool) {
	t['\t'] = true
	for c := 0x20; c < 0x7f; c++ {
		t[c] = true
	}
	return t
}()

// extractTrigrams appends the distinct indexable trigrams of data to out,
// using seen (a 2^24-bit set, left clear on return).
func extractTrigrams(data []byte, seen []uint64, out []uint32) []uint32 {
	for i := 0; i+2 < len(data); i++ {
		if !indexable[data[i+2]] {
			i += 2 // no trigram can include this byte
			continue
		}
		if !indexable[data[i]] || !indexable[data[i+1]] {
			continue
		}
		t := uint32(data[i])<<16 | uint32(data[i+1])<<8 | uint32(data[i+2])
		if seen[t/64]&(1<<(t%64)) == 0 {
			seen[t/64] |= 1 << (t % 64)
			out = append(out, t)
		}
	}
	for _, t := range out {
		seen[t/64] = 0
	}
	return out
}

// BuildIndex reads every regular file of tree root and writes its
// trigram index to path, atomically (a temporary file renamed into
// place). Two readers share the work, as Grep's workers do. A tree with an unreadable entry gets no index:
// search then falls back to Grep, which reports the damage file by file.
func (r *Repo) BuildIndex(ctx context.Context, root Hash, path string) error {
	var entries []Entry
	err := r.WalkFiles(ctx, root, func(e Entry) error {
		switch e.Kind {
		case KindError:
			return fmt.Errorf("index %s: %q: %w", root.Short(), e.Path, e.Err)
		case KindFile, KindExec:
			entries = append(entries, e)
		}
		return nil
	})
	if err != nil {
		return err
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return fmt.Errorf("index: %w", err)
	}
	b := &builder{count: make([]uint32, 1<<24), dir: filepath.Dir(path)}
	defer b.close()
	read := func(h Hash) (Blob, error) { return r.ReadBlob(ctx, h, -1) }
	readers := []func(Hash) (Blob, error){read, read}
	tris := make([][]uint32, indexChunk)
	seen := [][]uint64{make([]uint64, 1<<24/64), make([]uint64, 1<<24/64)}
	for start := 0; start < len(entries); start += indexChunk {
		chunk := entries[start:min(len(entries), start+indexChunk)]
		if err := extractChunk(ctx, chunk, readers, seen, tris); err != nil {
			return fmt.Errorf("index %s: %w", root.Short(), err)
		}
		for i := range chunk {
			if err := b.add(uint32(start+i), tris[i]); err != nil {
				return fmt.Errorf("index: %w", err)
			}
		}
	}
	if err := b.flush(); err != nil {
		return fmt.Errorf("index: %w", err)
	}
	return writeIndex(path, root, entries, b.segs)
}

// extractChunk reads the chunk's files with one goroutine per reader and
// leaves file i's distinct trigrams in out[i]; seen[w] is reader w's
// scratch set.
func extractChunk(ctx context.Context, chunk []Entry, readers []func(Hash) (Blob, error), seen [][]uint64, out [][]uint32) error {
	errs := make([]error, len(readers))
	var wg sync.WaitGroup
	for w, read := range readers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := w; i < len(chunk); i += len(readers) {
				if err := ctxErr(ctx); err != nil {
					errs[w] = err
					return
				}
				blob, err := read(chunk[i].Hash)
				if err != nil {
					errs[w] = fmt.Errorf("%q: %w", chunk[i].Path, err)
					return
				}
				out[i] = extractTrigrams(blob.Data, seen[w], out[i][:0])
			}
		}()
	}
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			return err
		}
	}
	return nil
}
