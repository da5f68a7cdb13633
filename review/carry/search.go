package carry

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"hash/maphash"
	"runtime"
	"sync"

	"sightline/repo"
)

// contextLines is how many lines around a step rule 3 asks to match.
const contextLines = 3

// newFile is a file at the new pin that the diff from the source commit
// touched (added, modified or renamed into).
type newFile struct {
	path    string
	blob    repo.Hash
	oldBlob repo.Hash // zero when the file was added
	lines   [][]byte
	keys    []uint64
	added   []bool // added[j-1]: line j was added by the diff; computed on first need
}

type pos struct{ file, line int32 }

// newIndex finds lines of the touched files at the new pin by their
// bytes. Whether a line was added by the diff is only worked out for the
// few files a query lands in, so building it costs one read of each
// touched file, not a diff of each.
type newIndex struct {
	seed  maphash.Seed
	files []newFile
	byKey map[uint64][]pos
}

func (c *carrier) newIndex(src repo.Hash) (*newIndex, error) {
	if idx, ok := c.added[src]; ok {
		return idx, nil
	}
	if _, err := c.diff(src); err != nil {
		return nil, err
	}
	idx := &newIndex{seed: maphash.MakeSeed(), byKey: map[uint64][]pos{}}
	for _, ch := range c.lists[src] {
		if ch.Status == 'D' || !isText(ch.NewMode) {
			continue
		}
		f := newFile{path: ch.NewPath, blob: ch.NewHash}
		if ch.OldPath != "" && isText(ch.OldMode) {
			f.oldBlob = ch.OldHash
		}
		idx.files = append(idx.files, f)
	}
	if err := c.readAll(idx); err != nil {
		return nil, err
	}
	for n := range idx.files {
		f := &idx.files[n]
		c.lines[f.blob] = f.lines
		for j, k := range f.keys {
			idx.byKey[k] = append(idx.byKey[k], pos{int32(n), int32(j + 1)})
		}
		f.keys = nil
	}
	c.added[src] = idx
	return idx, nil
}

// readAll reads and hashes every file of the index, on every core.
func (c *carrier) readAll(idx *newIndex) error {
	var (
		wg    sync.WaitGroup
		mu    sync.Mutex
		first error
		next  = make(chan int)
	)
	for range runtime.GOMAXPROCS(0) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for n := range next {
				f := &idx.files[n]
				b, err := c.r.ReadBlob(c.ctx, f.blob, -1)
				if err != nil {
					mu.Lock()
					first = cmpErr(first, err)
					mu.Unlock()
					continue
				}
				f.lines = repo.SplitLines(b.Data)
				f.keys = make([]uint64, len(f.lines))
				for j, l := range f.lines {
					f.keys[j] = maphash.Bytes(idx.seed, l)
				}
			}
		}()
	}
	for n := range idx.files {
		next <- n
	}
	close(next)
	wg.Wait()
	return first
}

func cmpErr(a, b error) error {
	if a != nil {
		return a
	}
	return b
}

// isAdded reports whether new lines from p on, n of them, were all added
// by the diff (not kept from the old version of that file).
func (c *carrier) isAdded(idx *newIndex, p pos, n int) (bool, error) {
	f := &idx.files[p.file]
	if f.added == nil {
		if f.oldBlob.IsZero() {
			f.added = make([]bool, len(f.lines))
			for i := range f.added {
				f.added[i] = true
			}
		} else {
			lm, err := c.lineMap(f.oldBlob, f.blob)
			if err != nil {
				return false, err
			}
			f.added = lm.added
		}
	}
	for j := int(p.line); j < int(p.line)+n; j++ {
		if !f.added[j-1] {
			return false, nil
		}
	}
	return true, nil
}

// find places old lines s..e among the lines the diff added: rule 3 (with
// the lines around them, anywhere) first, then rule 4 (the lines alone,
// unique in the old file and among the added lines, in dest: the step's
// own file at the new pin, "" for none). Only a single match counts.
// Rule 4 keeps to dest because a short block found in another file is
// too often a coincidence (measured on generated histories against git's
// mapping; see accuracy_test.go).
func (c *carrier) find(idx *newIndex, old [][]byte, s, e int, dest string) (pos, string, bool, error) {
	n := e - s + 1
	var matches []pos
	for _, p := range idx.candidates(old, s, e) {
		if idx.equal(p, old, s, e) {
			matches = append(matches, p)
		}
	}
	before, after := min(contextLines, s-1), min(contextLines, len(old)-e)
	var withCtx []pos
	for _, p := range matches {
		if before+after == 0 || !idx.context(p, old, s, e, before, after) {
			continue
		}
		ok, err := c.isAdded(idx, p, n)
		if err != nil {
			return pos{}, "", false, err
		}
		if ok {
			withCtx = append(withCtx, p)
		}
	}
	if len(withCtx) == 1 {
		return withCtx[0], RuleContext, true, nil
	}
	if dest == "" || occurrences(old, s, e) != 1 {
		return pos{}, "", false, nil
	}
	var added []pos
	for _, p := range matches {
		ok, err := c.isAdded(idx, p, n)
		if err != nil {
			return pos{}, "", false, err
		}
		if ok {
			if added = append(added, p); len(added) > 1 {
				break
			}
		}
	}
	if len(added) == 1 && idx.files[added[0].file].path == dest {
		return added[0], RuleHash, true, nil
	}
	return pos{}, "", false, nil
}

// candidates lists where old lines s..e could start, from the line of the
// step that occurs least often among the touched files.
func (idx *newIndex) candidates(old [][]byte, s, e int) []pos {
	var best []pos
	off := 0
	for i := s; i <= e; i++ {
		l := idx.byKey[maphash.Bytes(idx.seed, old[i-1])]
		if i == s || len(l) < len(best) {
			best, off = l, i-s
		}
		if len(best) == 0 {
			return nil
		}
	}
	out := make([]pos, 0, len(best))
	for _, p := range best {
		if int(p.line)-off >= 1 {
			out = append(out, pos{p.file, p.line - int32(off)})
		}
	}
	return out
}

// equal reports whether the new file holds old lines s..e from p on.
func (idx *newIndex) equal(p pos, old [][]byte, s, e int) bool {
	f := &idx.files[p.file]
	if int(p.line)+e-s > len(f.lines) {
		return false
	}
	for i := s; i <= e; i++ {
		if !bytes.Equal(f.lines[int(p.line)+i-s-1], old[i-1]) {
			return false
		}
	}
	return true
}

// context reports whether the lines around the match are the old ones.
func (idx *newIndex) context(p pos, old [][]byte, s, e, before, after int) bool {
	f := &idx.files[p.file]
	at := int(p.line)
	if at-before < 1 || at+e-s+after > len(f.lines) {
		return false
	}
	for k := 1; k <= before; k++ {
		if !bytes.Equal(f.lines[at-k-1], old[s-k-1]) {
			return false
		}
	}
	for k := 1; k <= after; k++ {
		if !bytes.Equal(f.lines[at+e-s+k-1], old[e+k-1]) {
			return false
		}
	}
	return true
}

// occurrences counts where old lines s..e appear in old, stopping at 2.
func occurrences(old [][]byte, s, e int) int {
	n := 0
	for t := 1; t+e-s <= len(old) && n < 2; t++ {
		match := true
		for i := s; i <= e && match; i++ {
			match = bytes.Equal(old[t+i-s-1], old[i-1])
		}
		if match {
			n++
		}
	}
	return n
}

// hashLines is review.LineHash on lines already split.
func hashLines(lines [][]byte, s, e int) string {
	h := sha256.New()
	for _, l := range lines[s-1 : e] {
		h.Write(l)
	}
	return "sha256:" + hex.EncodeToString(h.Sum(nil))
}
