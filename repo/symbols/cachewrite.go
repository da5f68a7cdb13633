package symbols

import (
	"bufio"
	"cmp"
	"container/heap"
	"context"
	"crypto/sha256"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"sort"
)

// cacheWriter writes a .sym file as files arrive, holding only the file
// table and a bounded chunk of (name, definition) pairs in memory: the
// definitions and strings go to spill files in the cache directory, and
// the name table is an external merge of sorted runs of those pairs.
type cacheWriter struct {
	dir   string
	heap  *spill
	defs  *spill
	files []wfile
	skip  []Skipped
	chunk []namePair
	runs  []*spill
	ndefs uint32
	spare []byte
}

type wfile struct {
	path, lang string
	blob       [20]byte
	defStart   uint32
	defCount   uint32
}

type namePair struct {
	name string
	key  uint64 // the name's first 8 bytes, big-endian, zero-padded
	off  uint32 // the name's bytes in the heap
	def  uint32
}

func newNamePair(name string, off, def uint32) namePair {
	return namePair{name, nameKey(name), off, def}
}

// nameKey orders as name does, up to ties: most comparisons of a sort
// are then one integer compare, not a string compare (sorting the pairs
// was half the cache writer's time).
func nameKey(name string) uint64 {
	var b [8]byte
	copy(b[:], name)
	return binary.BigEndian.Uint64(b[:])
}

// chunkPairs bounds the pairs held before a sorted run is written: about
// 40 MB with their names. (A variable so that tests can force many runs.)
var chunkPairs = 1 << 19

// spill is a temporary file written through a buffer and read back once.
type spill struct {
	f *os.File
	w *bufio.Writer
	n uint64
}

func newSpill(dir string) (*spill, error) {
	f, err := os.CreateTemp(dir, ".symspill-*")
	if err != nil {
		return nil, err
	}
	return &spill{f: f, w: bufio.NewWriterSize(f, 256<<10)}, nil
}

func (s *spill) Write(b []byte) (int, error) {
	s.n += uint64(len(b))
	return s.w.Write(b)
}

// reader flushes what was written and returns it from the start.
func (s *spill) reader() (io.Reader, error) {
	if err := s.w.Flush(); err != nil {
		return nil, err
	}
	if _, err := s.f.Seek(0, io.SeekStart); err != nil {
		return nil, err
	}
	return bufio.NewReaderSize(s.f, 256<<10), nil
}

func (s *spill) remove() {
	s.f.Close()
	os.Remove(s.f.Name())
}

func newCacheWriter(dir string) (*cacheWriter, error) {
	w := &cacheWriter{dir: dir}
	var err error
	if w.heap, err = newSpill(dir); err == nil {
		w.defs, err = newSpill(dir)
	}
	if err != nil {
		w.cleanup()
		return nil, err
	}
	return w, nil
}

func (w *cacheWriter) cleanup() {
	for _, s := range append([]*spill{w.heap, w.defs}, w.runs...) {
		if s != nil {
			s.remove()
		}
	}
}

var errTooLarge = errors.New("the symbol index would be over 4 GiB of names or 4 billion definitions")

// str appends s to the heap and returns its reference.
func (w *cacheWriter) str(s string) ([8]byte, error) {
	var ref [8]byte
	if w.heap.n+uint64(len(s)) > 1<<32-1 {
		return ref, errTooLarge
	}
	binary.LittleEndian.PutUint32(ref[:], uint32(w.heap.n))
	binary.LittleEndian.PutUint32(ref[4:], uint32(len(s)))
	_, err := io.WriteString(w.heap, s)
	return ref, err
}

// addFile writes f's definitions (not its occurrences).
func (w *cacheWriter) addFile(f File) error {
	if len(w.files) == 1<<32-1 || uint64(w.ndefs)+uint64(len(f.Defs)) > 1<<32-1 {
		return errTooLarge
	}
	wf := wfile{path: f.Path, lang: f.Lang, blob: f.Blob, defStart: w.ndefs, defCount: uint32(len(f.Defs))}
	fileNo := uint32(len(w.files))
	w.files = append(w.files, wf)
	// Names and scopes repeat within a file (a class's methods): each is
	// written once per file.
	refs := map[string][8]byte{}
	intern := func(s string) ([8]byte, error) {
		if r, ok := refs[s]; ok {
			return r, nil
		}
		r, err := w.str(s)
		refs[s] = r
		return r, err
	}
	rec := make([]byte, defRec)
	for _, d := range f.Defs {
		k, ok := kindNumber(d.Kind)
		if !ok {
			return fmt.Errorf("unknown kind of definition %q", d.Kind)
		}
		name, err := intern(d.Name)
		if err != nil {
			return err
		}
		scope, err := intern(d.Scope)
		if err != nil {
			return err
		}
		copy(rec, name[:])
		copy(rec[8:], scope[:])
		binary.LittleEndian.PutUint32(rec[16:], fileNo)
		binary.LittleEndian.PutUint32(rec[20:], uint32(d.Line))
		binary.LittleEndian.PutUint32(rec[24:], uint32(d.Col))
		rec[28], rec[29] = k, 0
		if d.Precise {
			rec[29] = 1
		}
		if _, err := w.defs.Write(rec); err != nil {
			return err
		}
		w.chunk = append(w.chunk, newNamePair(d.Name, binary.LittleEndian.Uint32(name[:]), w.ndefs))
		w.ndefs++
		if len(w.chunk) == chunkPairs {
			if err := w.flushRun(); err != nil {
				return err
			}
		}
	}
	return nil
}

func comparePairs(a, b namePair) int {
	if a.key != b.key {
		return cmp.Compare(a.key, b.key)
	}
	if c := cmp.Compare(a.name, b.name); c != 0 {
		return c
	}
	return cmp.Compare(a.def, b.def)
}

// flushRun sorts the chunk and writes it as a run.
func (w *cacheWriter) flushRun() error {
	if len(w.chunk) == 0 {
		return nil
	}
	slices.SortFunc(w.chunk, comparePairs)
	s, err := newSpill(w.dir)
	if err != nil {
		return err
	}
	w.runs = append(w.runs, s)
	for _, p := range w.chunk {
		w.spare = binary.AppendUvarint(w.spare[:0], uint64(len(p.name)))
		w.spare = append(w.spare, p.name...)
		w.spare = binary.LittleEndian.AppendUint32(w.spare, p.off)
		w.spare = binary.LittleEndian.AppendUint32(w.spare, p.def)
		if _, err := s.Write(w.spare); err != nil {
			return err
		}
	}
	clear(w.chunk)
	w.chunk = w.chunk[:0]
	return nil
}

// runReader reads pairs back from a run.
type runReader struct {
	r   *bufio.Reader
	cur namePair
}

func (rr *runReader) next() (bool, error) {
	n, err := binary.ReadUvarint(rr.r)
	if err == io.EOF {
		return false, nil
	}
	if err != nil {
		return false, err
	}
	b := make([]byte, n+8)
	if _, err := io.ReadFull(rr.r, b); err != nil {
		return false, err
	}
	rr.cur = newNamePair(string(b[:n]), binary.LittleEndian.Uint32(b[n:]), binary.LittleEndian.Uint32(b[n+4:]))
	return true, nil
}

type runHeap []*runReader

func (h runHeap) Len() int           { return len(h) }
func (h runHeap) Less(i, j int) bool { return comparePairs(h[i].cur, h[j].cur) < 0 }
func (h runHeap) Swap(i, j int)      { h[i], h[j] = h[j], h[i] }
func (h *runHeap) Push(x any)        { *h = append(*h, x.(*runReader)) }
func (h *runHeap) Pop() any {
	old := *h
	x := old[len(old)-1]
	*h = old[:len(old)-1]
	return x
}

// mergeRuns merges the sorted runs into the names and postings sections.
func (w *cacheWriter) mergeRuns(ctx context.Context, names, postings *spill) error {
	if err := w.flushRun(); err != nil {
		return err
	}
	w.chunk = nil
	h := runHeap{}
	for _, s := range w.runs {
		r, err := s.reader()
		if err != nil {
			return err
		}
		rr := &runReader{r: r.(*bufio.Reader)}
		if ok, err := rr.next(); err != nil {
			return err
		} else if ok {
			h = append(h, rr)
		}
	}
	heap.Init(&h)
	var cur namePair
	var start, count uint32
	rec := make([]byte, nameRec)
	emit := func() error {
		if count == 0 {
			return nil
		}
		binary.LittleEndian.PutUint32(rec, cur.off)
		binary.LittleEndian.PutUint32(rec[4:], uint32(len(cur.name)))
		binary.LittleEndian.PutUint32(rec[8:], start)
		binary.LittleEndian.PutUint32(rec[12:], count)
		_, err := names.Write(rec)
		return err
	}
	var post [4]byte
	for n := uint32(0); len(h) > 0; n++ {
		// Millions of pairs on a large tree: a quit must not wait for them.
		if n%mergeCheckEvery == 0 {
			if err := ctx.Err(); err != nil {
				return err
			}
		}
		p := h[0].cur
		if count == 0 || p.name != cur.name {
			if err := emit(); err != nil {
				return err
			}
			cur, start, count = p, n, 0
		}
		count++
		binary.LittleEndian.PutUint32(post[:], p.def)
		if _, err := postings.Write(post[:]); err != nil {
			return err
		}
		if ok, err := h[0].next(); err != nil {
			return err
		} else if ok {
			heap.Fix(&h, 0)
		} else {
			heap.Pop(&h)
		}
	}
	return emit()
}

// mergeCheckEvery is how many pairs mergeRuns merges between looks at
// its context.
const mergeCheckEvery = 1 << 16

// finish writes the file to path through a temporary file in its
// directory, synced and renamed into place.
func (w *cacheWriter) finish(ctx context.Context, tree [20]byte, path string) error {
	names, err := newSpill(w.dir)
	if err != nil {
		return err
	}
	defer names.remove()
	postings, err := newSpill(w.dir)
	if err != nil {
		return err
	}
	defer postings.remove()
	if err := w.mergeRuns(ctx, names, postings); err != nil {
		return err
	}
	files, order, skipped, err := w.smallSections()
	if err != nil {
		return err
	}
	var h header
	h.tree = tree
	parts := make([]io.Reader, numSections)
	lens := [numSections]uint64{secFiles: uint64(len(files)), secPathOrder: uint64(len(order)), secSkipped: uint64(len(skipped))}
	parts[secFiles], parts[secPathOrder], parts[secSkipped] = bytesReader(files), bytesReader(order), bytesReader(skipped)
	for sec, s := range map[int]*spill{secHeap: w.heap, secDefs: w.defs, secNames: names, secPostings: postings} {
		if parts[sec], err = s.reader(); err != nil {
			return err
		}
		lens[sec] = s.n
	}
	for i, n := range lens {
		h.sections[i] = section{h.dataLen, n}
		h.dataLen += n
	}
	return writeCacheFile(ctx, path, &h, io.MultiReader(parts...))
}

func bytesReader(b []byte) io.Reader { return &sliceReader{b} }

type sliceReader struct{ b []byte }

func (r *sliceReader) Read(p []byte) (int, error) {
	if len(r.b) == 0 {
		return 0, io.EOF
	}
	n := copy(p, r.b)
	r.b = r.b[n:]
	return n, nil
}

// smallSections encodes the file table, the path order and the skipped
// files, appending their strings to the heap.
func (w *cacheWriter) smallSections() (files, order, skipped []byte, err error) {
	order = make([]byte, 0, 4*len(w.files))
	idx := make([]uint32, len(w.files))
	for i := range idx {
		idx[i] = uint32(i)
	}
	sort.Slice(idx, func(i, j int) bool { return w.files[idx[i]].path < w.files[idx[j]].path })
	for _, i := range idx {
		order = binary.LittleEndian.AppendUint32(order, i)
	}
	files = make([]byte, 0, fileRec*len(w.files))
	for _, f := range w.files {
		p, err := w.str(f.path)
		if err != nil {
			return nil, nil, nil, err
		}
		l, err := w.str(f.lang)
		if err != nil {
			return nil, nil, nil, err
		}
		files = append(append(append(files, p[:]...), l[:]...), f.blob[:]...)
		files = binary.LittleEndian.AppendUint32(files, f.defStart)
		files = binary.LittleEndian.AppendUint32(files, f.defCount)
	}
	sort.Slice(w.skip, func(i, j int) bool { return w.skip[i].Path < w.skip[j].Path })
	for _, s := range w.skip {
		p, err := w.str(s.Path)
		if err != nil {
			return nil, nil, nil, err
		}
		r, err := w.str(s.Reason)
		if err != nil {
			return nil, nil, nil, err
		}
		skipped = append(append(skipped, p[:]...), r[:]...)
	}
	return files, order, skipped, nil
}

// writeCheckEvery is how many blocks writeCacheFile writes between two
// looks at its context.
const writeCheckEvery = 256

// writeCacheFile writes the header, the block table and data to a
// temporary file beside path, hashing each block as it goes, then syncs
// it and renames it into place: a killed build leaves nothing half
// written, and neither does one whose ctx ends (a quit) while it writes.
func writeCacheFile(ctx context.Context, path string, h *header, data io.Reader) error {
	tmp, err := os.CreateTemp(filepath.Dir(path), ".sym-*")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name())
	defer tmp.Close()
	tableLen := int64(h.nblocks()) * sha256.Size
	if _, err := tmp.Seek(int64(headerLen)+tableLen, io.SeekStart); err != nil {
		return err
	}
	table := make([]byte, 0, tableLen)
	bw := bufio.NewWriterSize(tmp, 256<<10)
	block := make([]byte, cacheBlock)
	var total uint64
	for blocks := 0; ; blocks++ {
		// The data runs to hundreds of megabytes on a large tree: a quit
		// stops the write within a few megabytes.
		if blocks%writeCheckEvery == 0 {
			if err := ctx.Err(); err != nil {
				return err
			}
		}
		n, err := io.ReadFull(data, block)
		if n > 0 {
			sum := sha256.Sum256(block[:n])
			table = append(table, sum[:]...)
			total += uint64(n)
			if _, err := bw.Write(block[:n]); err != nil {
				return err
			}
		}
		if err == io.EOF || err == io.ErrUnexpectedEOF {
			break
		}
		if err != nil {
			return err
		}
	}
	if total != h.dataLen {
		return fmt.Errorf("symbol index: wrote %d bytes of data, expected %d", total, h.dataLen)
	}
	if err := bw.Flush(); err != nil {
		return err
	}
	h.blockSum = sha256.Sum256(table)
	if _, err := tmp.WriteAt(h.encode(), 0); err != nil {
		return err
	}
	if _, err := tmp.WriteAt(table, int64(headerLen)); err != nil {
		return err
	}
	if err := tmp.Sync(); err != nil {
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), path)
}
