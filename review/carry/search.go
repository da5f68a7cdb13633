package carry

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"hash/maphash"

	"sightline/repo"
)

// contextLines is how many lines around a step rule 3 asks to match.
const contextLines = 3

// newFile is a file at the new pin that the diff added lines to.
type newFile struct {
	path  string
	blob  repo.Hash
	lines [][]byte
	added []bool // added[j-1]: line j was added by the diff
}

type pos struct{ file, line int }

// addedIndex finds lines the diff from one source commit added, anywhere
// at the new pin, by their bytes.
type addedIndex struct {
	seed  maphash.Seed
	files []newFile
	byKey map[uint64][]pos
}

func (c *carrier) addedIndex(src repo.Hash) (*addedIndex, error) {
	if idx, ok := c.added[src]; ok {
		return idx, nil
	}
	if _, err := c.diff(src); err != nil {
		return nil, err
	}
	changes := c.lists[src]
	var err error
	idx := &addedIndex{seed: maphash.MakeSeed(), byKey: map[uint64][]pos{}}
	for _, ch := range changes {
		if ch.Status == 'D' || !isText(ch.NewMode) {
			continue
		}
		f := newFile{path: ch.NewPath, blob: ch.NewHash}
		if f.lines, err = c.blobLines(ch.NewHash); err != nil {
			return nil, err
		}
		if ch.OldPath != "" && isText(ch.OldMode) {
			lm, err := c.lineMap(ch.OldHash, ch.NewHash)
			if err != nil {
				return nil, err
			}
			f.added = lm.added
		} else {
			f.added = make([]bool, len(f.lines))
			for i := range f.added {
				f.added[i] = true
			}
		}
		n := len(idx.files)
		idx.files = append(idx.files, f)
		for j, l := range f.lines {
			if f.added[j] {
				k := maphash.Bytes(idx.seed, l)
				idx.byKey[k] = append(idx.byKey[k], pos{n, j + 1})
			}
		}
	}
	c.added[src] = idx
	return idx, nil
}

// find places old lines s..e among the added lines: rule 3 (with the
// lines around them) first, then rule 4 (the lines alone, unique in the
// old file). Only a single match counts.
// Rule 4 only looks in dest, the step's own file at the new pin (its
// path, or where it was renamed; "" for none): a short block of lines
// found in another file is too often a coincidence (measured on generated
// histories against git's mapping; see accuracy_test.go).
func (idx *addedIndex) find(old [][]byte, s, e int, dest string) (pos, string, bool) {
	var all []pos
	for _, p := range idx.byKey[maphash.Bytes(idx.seed, old[s-1])] {
		if idx.addedRun(p, old, s, e) {
			all = append(all, p)
		}
	}
	if len(all) == 0 {
		return pos{}, "", false
	}
	var withCtx []pos
	before, after := min(contextLines, s-1), min(contextLines, len(old)-e)
	if before+after > 0 {
		for _, p := range all {
			if idx.context(p, old, s, e, before, after) {
				withCtx = append(withCtx, p)
			}
		}
	}
	if len(withCtx) == 1 {
		return withCtx[0], RuleContext, true
	}
	if len(all) == 1 && idx.files[all[0].file].path == dest && occurrences(old, s, e) == 1 {
		return all[0], RuleHash, true
	}
	return pos{}, "", false
}

// addedRun reports whether the new file holds old lines s..e from p on,
// every one of them added by the diff.
func (idx *addedIndex) addedRun(p pos, old [][]byte, s, e int) bool {
	f := &idx.files[p.file]
	if p.line+e-s > len(f.lines) {
		return false
	}
	for i := s; i <= e; i++ {
		j := p.line + i - s
		if !f.added[j-1] || !bytes.Equal(f.lines[j-1], old[i-1]) {
			return false
		}
	}
	return true
}

// context reports whether the lines around the match are the old ones.
func (idx *addedIndex) context(p pos, old [][]byte, s, e, before, after int) bool {
	f := &idx.files[p.file]
	first, last := p.line-before, p.line+e-s+after
	if first < 1 || last > len(f.lines) {
		return false
	}
	for k := 1; k <= before; k++ {
		if !bytes.Equal(f.lines[p.line-k-1], old[s-k-1]) {
			return false
		}
	}
	for k := 1; k <= after; k++ {
		if !bytes.Equal(f.lines[p.line+e-s+k-1], old[e+k-1]) {
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
