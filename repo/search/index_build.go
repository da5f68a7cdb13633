package search

import (
	"bufio"
	"bytes"
	"context"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"sightline/repo"
)

// segmentPostings bounds the postings held in memory while building
// (4 bytes each, plus 4 while a segment is sorted); above it they go to a
// sorted segment file, and the segments are merged at the end. A
// variable so that tests can force many segments.
var segmentPostings = 4 << 20

// indexChunk is how many files the readers work on between merges into
// the postings, in file order.
const indexChunk = 512

// maxStored is the largest file whose content the index keeps: a search
// reads bigger ones from the repository. It also bounds what a search
// decodes from an index it does not trust yet.
const maxStored = 4 << 20

// streamAbove is the size above which a file is neither stored nor held
// whole in memory: its trigrams are extracted from its stream a piece at
// a time, so a hostile 2 GiB blob costs a piece per reader. A variable so
// that tests can stream small files.
var streamAbove int64 = maxStored

// streamPiece is the size of those pieces (a variable for the same
// reason).
var streamPiece = 1 << 20

// Trigrams are numbered densely while building: each indexable byte (see
// indexable) is a digit from 0 to 95, in byte order, so the builder's
// counters and seen sets cover the 884,736 indexable trigrams rather than
// all 2^24 (64 MiB of counters cut to 3.5 MiB), and dense order is byte
// order.
const triSpace = 96 * 96 * 96

// noDigit marks a byte that is not indexable in triDigit.
const noDigit = 0xff

// Two more postings follow the trigrams, in the same byte order: the
// files that hold the long s (U+017F) and those that hold the Kelvin sign
// (U+212A), the only runes beyond ASCII that Go's case folding matches to
// ASCII letters ("s" and "k"). A search that ignores case may then ask
// for the trigrams with k and s too, in every file without them (see
// foldQuery). Their table keys, the runes' UTF-8 (the long s's padded
// with a NUL), hold bytes no trigram of the index holds.
const (
	denseLongS  = triSpace
	denseKelvin = triSpace + 1
	denseSpace  = triSpace + 2

	rawLongS  = 0xc5bf00
	rawKelvin = 0xe284aa
)

var (
	longS  = []byte("\u017f")
	kelvin = []byte("\u212a")
)

var (
	triDigit = func() (t [256]uint32) {
		for c := range t {
			switch {
			case c == '\t':
				t[c] = 0
			case c >= 0x20 && c < 0x7f:
				t[c] = uint32(c) - 0x1f
			default:
				t[c] = noDigit
			}
		}
		return t
	}()
	digitByte = func() (t [96]uint32) {
		t[0] = '\t'
		for d := 1; d < 96; d++ {
			t[d] = uint32(d) + 0x1f
		}
		return t
	}()
)

// rawTrigram turns a dense trigram number back into its three bytes, as
// the index file stores them.
func rawTrigram(d uint32) uint32 {
	switch d {
	case denseLongS:
		return rawLongS
	case denseKelvin:
		return rawKelvin
	}
	return digitByte[d/(96*96)]<<16 | digitByte[d/96%96]<<8 | digitByte[d%96]
}

// builder accumulates postings for files added in ascending order.
type builder struct {
	tris   []uint32      // dense trigrams, with masks, of the pending files, file after file
	files  []pendingFile // where each pending file's trigrams end in tris
	count  []uint32      // denseSpace counters, zero between flushes
	sorted []uint32      // scratch for flush: file numbers
	masks  []uint8       // scratch for flush: their masks
	segs   []*os.File
	dir    string
}

type pendingFile struct{ id, end uint32 }

func newBuilder(dir string) *builder {
	return &builder{count: make([]uint32, denseSpace), dir: dir}
}

func (b *builder) add(id uint32, tris []uint32) error {
	if len(b.tris) > 0 && len(b.tris)+len(tris) > segmentPostings {
		if err := b.flush(); err != nil {
			return err
		}
	}
	if need := len(b.tris) + len(tris); need > cap(b.tris) {
		// Grown by hand, never past a segment: append's growth could
		// reserve a quarter more than a segment ever holds.
		grown := make([]uint32, len(b.tris), max(need, min(2*cap(b.tris)+64<<10, segmentPostings)))
		copy(grown, b.tris)
		b.tris = grown
	}
	b.tris = append(b.tris, tris...)
	b.files = append(b.files, pendingFile{id, uint32(len(b.tris))})
	return nil
}

// flush sorts the pending postings by trigram (a counting sort: file
// numbers stay ascending within a trigram) and writes them to a segment
// file: per trigram {tri, n, first, last, len} then, per file, the
// uvarint delta of its number + 1 (the first relative to 0) and its mask.
func (b *builder) flush() error {
	if len(b.tris) == 0 {
		return nil
	}
	for _, t := range b.tris {
		b.count[t&denseBits]++
	}
	var pos uint32
	for t, c := range b.count { // counts become start offsets
		b.count[t] = pos
		pos += c
	}
	if cap(b.sorted) < len(b.tris) {
		b.sorted = make([]uint32, len(b.tris), cap(b.tris))
		b.masks = make([]uint8, len(b.tris), cap(b.tris))
	}
	b.sorted, b.masks = b.sorted[:len(b.tris)], b.masks[:len(b.tris)]
	start := uint32(0)
	for _, f := range b.files {
		for _, t := range b.tris[start:f.end] {
			d := t & denseBits
			b.sorted[b.count[d]] = f.id
			b.masks[b.count[d]] = uint8(t >> maskShift)
			b.count[d]++
		}
		start = f.end
	}
	f, err := os.CreateTemp(b.dir, ".seg-*")
	if err != nil {
		return err
	}
	_ = os.Remove(f.Name()) // unlinked now: nothing is left behind on failure
	b.segs = append(b.segs, f)
	if err := b.writeSegment(f); err != nil {
		return err
	}
	clear(b.count)
	b.tris, b.files = b.tris[:0], b.files[:0]
	_, err = f.Seek(0, io.SeekStart)
	return err
}

// writeSegment writes the sorted postings; count[t] is the end of
// trigram t's run in sorted.
func (b *builder) writeSegment(f *os.File) error {
	w := bufio.NewWriterSize(f, 1<<20)
	var hdr [20]byte
	var buf []byte
	start := uint32(0)
	for t, end := range b.count {
		if end == start {
			continue
		}
		run := b.sorted[start:end]
		buf = buf[:0]
		last := uint32(0)
		for i, id := range run {
			buf = binary.AppendUvarint(buf, uint64(id+1-last))
			buf = append(buf, b.masks[start+uint32(i)])
			last = id + 1
		}
		binary.LittleEndian.PutUint32(hdr[0:], rawTrigram(uint32(t)))
		binary.LittleEndian.PutUint32(hdr[4:], uint32(len(run)))
		binary.LittleEndian.PutUint32(hdr[8:], run[0]+1)
		binary.LittleEndian.PutUint32(hdr[12:], last)
		binary.LittleEndian.PutUint32(hdr[16:], uint32(len(buf)))
		w.Write(hdr[:])
		w.Write(buf)
		start = end
	}
	return w.Flush()
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

// Each posting carries a mask of the bytes that follow its trigram in the
// file, one bit per class of byte (nextBit): a literal's trigrams then
// admit only files where each is followed, somewhere, by the literal's
// next byte. Trigrams of "Reader" and "Sorker" no longer make a file a
// candidate for "ReaderSorker". The mask only ever has bits to spare: a
// trigram at the end of the file is given nextBit(0), and one of a
// streamed file every bit, so no file that holds the literal is left out.
//
// While building, the mask rides in the top byte of the dense trigram
// number (which needs 20 bits).
const (
	maskShift = 24
	denseBits = 1<<maskShift - 1
)

// nextBit is the mask bit of a following byte c: its low three bits,
// which tell apart most of the letters and digits that follow a name's
// trigrams.
func nextBit(c byte) uint8 { return 1 << (c & 7) }

// addTrigrams appends to out the dense numbers of the indexable trigrams
// of data not yet in next, and adds to next[t] (a denseSpace table of
// masks, zero for a trigram not seen) the byte that follows each. Call
// takeMasks on out when the file is done.
// (Rolling the trigram along, one table lookup per byte, measured 10%
// slower: each step then waits for the previous one.)
func addTrigrams(data []byte, next []uint8, out []uint32) []uint32 {
	if len(data) < 3 {
		return out
	}
	// The last trigram apart: every other has a byte after it, so the
	// loop does not ask (4% of the extraction).
	last := len(data) - 3
	for i := 0; i < last; i++ {
		if !indexable[data[i+2]] {
			i += 2 // no trigram can include this byte
			continue
		}
		if !indexable[data[i]] || !indexable[data[i+1]] {
			continue
		}
		t := triDigit[data[i]]*(96*96) + triDigit[data[i+1]]*96 + triDigit[data[i+2]]
		m := next[t]
		if m == 0 {
			out = append(out, t)
		}
		next[t] = m | nextBit(data[i+3])
	}
	if indexable[data[last]] && indexable[data[last+1]] && indexable[data[last+2]] {
		t := triDigit[data[last]]*(96*96) + triDigit[data[last+1]]*96 + triDigit[data[last+2]]
		m := next[t]
		if m == 0 {
			out = append(out, t)
		}
		next[t] = m | nextBit(0) // the end of data: a bit to spare
	}
	return out
}

// addFoldRunes appends to out denseLongS and denseKelvin when data holds
// the long s or the Kelvin sign and next does not have them yet. A
// streamed file's pieces overlap by two bytes, so neither is missed at a
// seam.
func addFoldRunes(data []byte, next []uint8, out []uint32) []uint32 {
	for _, r := range [...]struct {
		dense uint32
		utf8  []byte
	}{{denseLongS, longS}, {denseKelvin, kelvin}} {
		if next[r.dense] == 0 && bytes.Contains(data, r.utf8) {
			out = append(out, r.dense)
			next[r.dense] = 0xff
		}
	}
	return out
}

// takeMasks moves each trigram's mask from next into the top byte of its
// number in tris, or every bit when all is set, and leaves next zero.
func takeMasks(next []uint8, tris []uint32, all bool) {
	for i, t := range tris {
		m := next[t]
		if all {
			m = 0xff
		}
		tris[i] = t | uint32(m)<<maskShift
		next[t] = 0
	}
}

// BuildIndex reads every regular file of tree root and writes its
// trigram index, with the contents of the files up to 4 MiB, to path,
// atomically (a temporary file renamed into place). Two readers share
// the work, as Grep's workers do. A directory past the depth cap
// (repo.ErrTooDeep) is skipped and recorded, so that a search through the
// index reports it where Grep does; any other unreadable entry means no
// index: search then falls back to Grep, which reports the damage file
// by file.
func BuildIndex(ctx context.Context, r *repo.Repo, root repo.Hash, path string) error {
	_, err := BuildIndexReport(ctx, r, root, path)
	return err
}

// Built is what BuildIndexReport indexed and what it skipped.
type Built struct {
	Files   int          // regular files and executables indexed
	TooDeep []repo.Entry // directories past the depth cap, not expanded
}

// BuildIndexReport is BuildIndex, and says what the index holds.
func BuildIndexReport(ctx context.Context, r *repo.Repo, root repo.Hash, path string) (Built, error) {
	var built Built
	var files []indexFile
	err := r.WalkFiles(ctx, root, func(e repo.Entry) error {
		switch {
		case e.Kind == repo.KindError && errors.Is(e.Err, repo.ErrTooDeep):
			built.TooDeep = append(built.TooDeep, e)
			files = append(files, indexFile{path: e.Path, hash: e.Hash, tooDeep: true})
		case e.Kind == repo.KindError:
			return fmt.Errorf("index %s: %q: %w", root.Short(), e.Path, e.Err)
		case e.Kind == repo.KindFile || e.Kind == repo.KindExec:
			built.Files++
			files = append(files, indexFile{path: e.Path, hash: e.Hash})
		}
		return nil
	})
	if err != nil {
		return built, err
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return built, fmt.Errorf("index: %w", err)
	}
	b := newBuilder(filepath.Dir(path))
	defer b.close()
	out, err := newIndexWriter(path)
	if err != nil {
		return built, err
	}
	defer out.abort()
	// Each chunk's pack pages leave the resident set once it is read:
	// the build reads the pack once, and without this its peak grew by
	// the pack's size (350 MB of 550 on the large benchmark tree).
	readers := []*fileReader{newFileReader(ctx, r, out), newFileReader(ctx, r, out)}
	if err := readFiles(ctx, files, b, readers, r.DropPackPages); err != nil {
		return built, fmt.Errorf("index %s: %w", root.Short(), err)
	}
	if err := b.flush(); err != nil {
		return built, fmt.Errorf("index: %w", err)
	}
	return built, out.finish(ctx, root, files, b.segs)
}
