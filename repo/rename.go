package repo

import (
	"context"
	"slices"
)

// Rename detection as "git diff -M" does it by default (diffcore-rename):
//
//  1. exact: a deleted and an added path with the same blob (and, unless
//     both are regular files, the same mode), preferring a source not yet
//     used and one with the same base name;
//  2. base names: a deleted and an added file whose base name is unique on
//     both sides pair up when at least 75% similar;
//  3. the rest: every remaining added file against every remaining
//     deleted one, best score first (ties: same base name first, then
//     path order), each source used once, at least 50% similar, skipped
//     when sources x destinations exceeds renameLimit squared.
//
// Similarity is git's: both files are cut into chunks (a line, or 64
// bytes), the bytes of chunks whose hash appears on both sides (at most as
// often as in the source) count as copied, and the score is copied bytes
// over the larger file's size.

const (
	maxScore       = 60000 // git's MAX_SCORE
	minRenameScore = 30000 // 50%, git's default -M
	renameLimit    = 1000  // git's default diff.renameLimit
	candidatesPer  = 4     // NUM_CANDIDATE_PER_DST
	spanHashBase   = 107927
)

// renameFile is one side of a rename candidate.
type renameFile struct {
	idx  int // index into the change list
	path string
	hash Hash
	mode uint32
}

// spanCount is the number of bytes in chunks that hash to h.
type spanCount struct {
	h   uint32
	cnt int
}

// blobSpans caches per-blob data the scoring needs.
type blobSpans struct {
	size  int
	spans []spanCount // sorted by h
}

// renamer pairs deletions with additions for one diff.
type renamer struct {
	ctx   context.Context
	r     *Repo
	cache map[Hash]*blobSpans
}

// detectRenames returns, for each destination (index into dsts), the
// source index and score, or -1.
func (rn *renamer) detectRenames(srcs, dsts []renameFile) ([]int, []int, error) {
	pair := make([]int, len(dsts))
	score := make([]int, len(dsts))
	used := make([]bool, len(srcs))
	for i := range pair {
		pair[i] = -1
	}
	rn.exact(srcs, dsts, pair, score, used)
	if err := rn.basenames(srcs, dsts, pair, score, used); err != nil {
		return nil, nil, err
	}
	if err := rn.matrix(srcs, dsts, pair, score, used); err != nil {
		return nil, nil, err
	}
	return pair, score, nil
}

func (rn *renamer) exact(srcs, dsts []renameFile, pair, score []int, used []bool) {
	byHash := map[Hash][]int{}
	for i, s := range srcs {
		byHash[s.hash] = append(byHash[s.hash], i)
	}
	for d, dst := range dsts {
		best, bestScore := -1, -1
		for _, s := range byHash[dst.hash] {
			src := srcs[s]
			if (!isRegular(src.mode) || !isRegular(dst.mode)) && src.mode != dst.mode {
				continue
			}
			if used[s] {
				continue
			}
			sc := 1
			if baseName(src.path) == baseName(dst.path) {
				sc++
			}
			if sc > bestScore {
				best, bestScore = s, sc
				if sc == 2 {
					break
				}
			}
		}
		if best >= 0 {
			pair[d], score[d], used[best] = best, maxScore, true
		}
	}
}

func (rn *renamer) basenames(srcs, dsts []renameFile, pair, score []int, used []bool) error {
	srcBase, dstBase := map[string]int{}, map[string]int{}
	for i, s := range srcs {
		if used[i] {
			continue
		}
		uniqueIndex(srcBase, baseName(s.path), i)
	}
	for i, d := range dsts {
		if pair[i] >= 0 {
			continue
		}
		uniqueIndex(dstBase, baseName(d.path), i)
	}
	minBase := minRenameScore + (maxScore-minRenameScore)/2
	for i, s := range srcs {
		if used[i] {
			continue
		}
		b := baseName(s.path)
		si, sok := srcBase[b]
		di, dok := dstBase[b]
		if !sok || !dok || si < 0 || di < 0 || pair[di] >= 0 {
			continue
		}
		sc, err := rn.similarity(srcs[si], dsts[di], minRenameScore)
		if err != nil {
			return err
		}
		if sc >= minBase {
			pair[di], score[di], used[si] = si, sc, true
		}
	}
	return nil
}

// uniqueIndex records i under key, or -1 once key is seen twice.
func uniqueIndex(m map[string]int, key string, i int) {
	if _, ok := m[key]; ok {
		m[key] = -1
	} else {
		m[key] = i
	}
}

type candidate struct {
	dst, src, score int
	sameName        bool
}

// better orders candidates as git's score_compare: higher score first,
// then same base name first; the sort is stable, so path order after.
func better(a, b candidate) int {
	if a.score != b.score {
		return b.score - a.score
	}
	switch {
	case a.sameName && !b.sameName:
		return -1
	case b.sameName && !a.sameName:
		return 1
	}
	return 0
}

func (rn *renamer) matrix(srcs, dsts []renameFile, pair, score []int, used []bool) error {
	var liveSrc, liveDst []int
	for i := range srcs {
		if !used[i] {
			liveSrc = append(liveSrc, i)
		}
	}
	for i := range dsts {
		if pair[i] < 0 {
			liveDst = append(liveDst, i)
		}
	}
	if len(liveSrc) == 0 || len(liveDst) == 0 || len(liveSrc)*len(liveDst) > renameLimit*renameLimit {
		return nil
	}
	var all []candidate
	for _, d := range liveDst {
		var top []candidate
		for _, s := range liveSrc {
			if err := ctxErr(rn.ctx); err != nil {
				return err
			}
			sc, err := rn.similarity(srcs[s], dsts[d], minRenameScore)
			if err != nil {
				return err
			}
			c := candidate{dst: d, src: s, score: sc, sameName: baseName(srcs[s].path) == baseName(dsts[d].path)}
			top = keepBest(top, c)
		}
		all = append(all, top...)
	}
	slices.SortStableFunc(all, better)
	for _, c := range all {
		if c.score < minRenameScore {
			break
		}
		if pair[c.dst] >= 0 || used[c.src] {
			continue
		}
		pair[c.dst], score[c.dst], used[c.src] = c.src, c.score, true
	}
	return nil
}

// keepBest keeps the best candidatesPer candidates of one destination;
// a newcomer replaces the worst only when strictly better.
func keepBest(top []candidate, c candidate) []candidate {
	if len(top) < candidatesPer {
		return append(top, c)
	}
	worst := 0
	for i := 1; i < len(top); i++ {
		if better(top[i], top[worst]) > 0 {
			worst = i
		}
	}
	if better(top[worst], c) > 0 {
		top[worst] = c
	}
	return top
}

// similarity is git's estimate_similarity: 0 unless both are regular
// files whose sizes are close enough to reach minScore.
func (rn *renamer) similarity(src, dst renameFile, minScore int) (int, error) {
	if !isRegular(src.mode) || !isRegular(dst.mode) {
		return 0, nil
	}
	a, err := rn.spans(src.hash)
	if err != nil {
		return 0, err
	}
	b, err := rn.spans(dst.hash)
	if err != nil {
		return 0, err
	}
	maxSize, baseSize := max(a.size, b.size), min(a.size, b.size)
	if int64(maxSize)*(maxScore-int64(minScore)) < int64(maxSize-baseSize)*maxScore {
		return 0, nil
	}
	if b.size == 0 {
		return 0, nil
	}
	copied := copiedBytes(a.spans, b.spans)
	return int(int64(copied) * maxScore / int64(maxSize)), nil
}

// copiedBytes sums, per chunk hash present on both sides, the smaller
// count: the bytes of the destination that the source already had.
func copiedBytes(src, dst []spanCount) int {
	copied, i, j := 0, 0, 0
	for i < len(src) && j < len(dst) {
		switch {
		case src[i].h < dst[j].h:
			i++
		case src[i].h > dst[j].h:
			j++
		default:
			copied += min(src[i].cnt, dst[j].cnt)
			i, j = i+1, j+1
		}
	}
	return copied
}

func (rn *renamer) spans(h Hash) (*blobSpans, error) {
	if s, ok := rn.cache[h]; ok {
		return s, nil
	}
	b, err := rn.r.ReadBlob(rn.ctx, h, -1)
	if err != nil {
		return nil, err
	}
	s := &blobSpans{size: len(b.Data), spans: hashSpans(b.Data, !b.Binary)}
	rn.cache[h] = s
	return s, nil
}

// hashSpans cuts data into chunks ending at LF or after 64 bytes and
// counts bytes per chunk hash, as git's diffcore-delta does. In text, a
// CR before LF is skipped so CRLF and LF files compare equal.
func hashSpans(data []byte, text bool) []spanCount {
	counts := map[uint32]int{}
	var acc1, acc2 uint32
	n := 0
	for i := 0; i < len(data); i++ {
		c := uint32(data[i])
		if text && c == '\r' && i+1 < len(data) && data[i+1] == '\n' {
			continue
		}
		old1 := acc1
		acc1 = (acc1 << 7) ^ (acc2 >> 25)
		acc2 = (acc2 << 7) ^ (old1 >> 25)
		acc1 += c
		n++
		if n < 64 && c != '\n' {
			continue
		}
		counts[(acc1+acc2*0x61)%spanHashBase] += n
		n, acc1, acc2 = 0, 0, 0
	}
	if n > 0 {
		counts[(acc1+acc2*0x61)%spanHashBase] += n
	}
	out := make([]spanCount, 0, len(counts))
	for h, c := range counts {
		out = append(out, spanCount{h, c})
	}
	slices.SortFunc(out, func(a, b spanCount) int { return int(a.h) - int(b.h) })
	return out
}

func isRegular(mode uint32) bool { return mode&0o170000 == 0o100000 }
