package repo

import (
	"bufio"
	"context"
	"encoding/binary"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"sync"

	"github.com/go-git/go-git/v5/plumbing/cache"
)

// segmentBytes bounds the postings held in memory while building; above
// it they go to a sorted segment file, and the segments are merged at the
// end. It keeps building a 100,000-file tree within a few hundred MB. A
// variable so that tests can force many segments.
var segmentBytes = 64 << 20

// indexChunk is how many files the readers work on between merges into
// the postings, in file order.
const indexChunk = 512

// builder accumulates posting lists for files added in ascending order.
type builder struct {
	slot    []int32 // trigram -> 1 + index into lists; 0: none yet
	lists   []building
	pending int
	segs    []*os.File
	dir     string
}

// building is one trigram's posting list within the current segment:
// uvarint deltas of file number + 1, the first relative to 0.
type building struct {
	tri         uint32
	first, last uint32 // file number + 1
	n           uint32
	buf         []byte
}

func (b *builder) add(id uint32, tris []uint32) error {
	v := id + 1
	for _, t := range tris {
		s := b.slot[t]
		if s == 0 {
			b.lists = append(b.lists, building{tri: t, first: v})
			s = int32(len(b.lists))
			b.slot[t] = s
		}
		l := &b.lists[s-1]
		before := len(l.buf)
		l.buf = binary.AppendUvarint(l.buf, uint64(v-l.last))
		l.last = v
		l.n++
		b.pending += len(l.buf) - before
	}
	if b.pending > segmentBytes {
		return b.flush()
	}
	return nil
}

// flush writes the current lists, sorted by trigram, to a segment file:
// per list {tri, n, first, last, len} then the bytes.
func (b *builder) flush() error {
	if len(b.lists) == 0 {
		return nil
	}
	sort.Slice(b.lists, func(i, j int) bool { return b.lists[i].tri < b.lists[j].tri })
	f, err := os.CreateTemp(b.dir, ".seg-*")
	if err != nil {
		return err
	}
	_ = os.Remove(f.Name()) // unlinked now: nothing is left behind on failure
	b.segs = append(b.segs, f)
	w := bufio.NewWriterSize(f, 1<<20)
	var hdr [20]byte
	for _, l := range b.lists {
		binary.LittleEndian.PutUint32(hdr[0:], l.tri)
		binary.LittleEndian.PutUint32(hdr[4:], l.n)
		binary.LittleEndian.PutUint32(hdr[8:], l.first)
		binary.LittleEndian.PutUint32(hdr[12:], l.last)
		binary.LittleEndian.PutUint32(hdr[16:], uint32(len(l.buf)))
		w.Write(hdr[:])
		w.Write(l.buf)
		b.slot[l.tri] = 0
	}
	if err := w.Flush(); err != nil {
		return err
	}
	b.lists, b.pending = b.lists[:0], 0
	_, err = f.Seek(0, io.SeekStart)
	return err
}

func (b *builder) close() {
	for _, f := range b.segs {
		f.Close()
	}
}

// extractTrigrams appends the distinct trigrams of data to out, using
// seen (a 2^24-bit set, left clear on return).
func extractTrigrams(data []byte, seen []uint64, out []uint32) []uint32 {
	for i := 0; i+2 < len(data); i++ {
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
// place). Two readers share the work (the second on its own storage, as
// Grep's workers do). A tree with an unreadable entry gets no index:
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
	b := &builder{slot: make([]int32, 1<<24), dir: filepath.Dir(path)}
	defer b.close()
	st := openStorage(r.gitDir, r.headDir, cache.NewObjectLRU(8*cache.MiByte))
	defer st.Close()
	readers := []func(Hash) (Blob, error){
		func(h Hash) (Blob, error) { return r.ReadBlob(ctx, h, -1) },
		func(h Hash) (Blob, error) {
			rd, size, err := openBlobIn(st, h)
			if err != nil {
				return Blob{}, err
			}
			defer rd.Close()
			return readBlob(ctx, rd, h, size, -1)
		},
	}
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
