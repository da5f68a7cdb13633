package finder

// The ranking as first written (allocating, sorting every match), kept
// verbatim so the tests can prove the fast ranking gives the same answer.

import (
	"sort"
	"strings"
	"testing"
	"unicode"
)

// oldScore matches query against path as a subsequence. Matching ignores
// case unless the query has an upper-case letter (smart case). ok is false
// when path does not contain the query's characters in order.
func oldScore(path, query string) (score int, pos []int, ok bool) {
	if query == "" {
		return 0, nil, true
	}
	fold := strings.IndexFunc(query, unicode.IsUpper) < 0
	eq := func(a, b byte) bool {
		if fold && a >= 'A' && a <= 'Z' {
			a += 'a' - 'A'
		}
		return a == b
	}
	// Forward: the earliest end of a match.
	qi, end := 0, -1
	for i := 0; i < len(path); i++ {
		if eq(path[i], query[qi]) {
			if qi++; qi == len(query) {
				end = i
				break
			}
		}
	}
	if end < 0 {
		return 0, nil, false
	}
	// Backward from there: the latest start, giving the shortest window.
	qi, start := len(query)-1, 0
	for i := end; i >= 0; i-- {
		if eq(path[i], query[qi]) {
			if qi--; qi < 0 {
				start = i
				break
			}
		}
	}
	// A later window may score better (a match at a segment start, or a
	// contiguous run further right); try each window start and keep the
	// best, as fzf's v2 would, within a bound so long paths stay cheap.
	best, bestPos := oldScoreAt(path, query, start, eq)
	for tries := 0; tries < 16; tries++ {
		next := -1
		for i := start + 1; i < len(path); i++ {
			if eq(path[i], query[0]) {
				next = i
				break
			}
		}
		if next < 0 {
			break
		}
		start = next
		if s, p := oldScoreAt(path, query, start, eq); p != nil && s > best {
			best, bestPos = s, p
		}
	}
	return best, bestPos, true
}

// oldScoreAt matches query greedily from start and scores the match; pos is
// nil when the rest of path does not contain it.
func oldScoreAt(path, query string, start int, eq func(a, b byte) bool) (int, []int) {
	pos := make([]int, 0, len(query))
	qi := 0
	for i := start; i < len(path) && qi < len(query); i++ {
		if eq(path[i], query[qi]) {
			pos = append(pos, i)
			qi++
		}
	}
	if qi < len(query) {
		return 0, nil
	}
	score, runBonus := 0, 0
	for k, p := range pos {
		b := oldBonusAt(path, p)
		if k > 0 && p == pos[k-1]+1 {
			b = max(b, runBonus, bonusConsecutive)
		} else {
			runBonus = b
			if k > 0 {
				score += scoreGapStart + scoreGapExtension*(p-pos[k-1]-2)
			}
		}
		if k == 0 {
			b *= firstCharFactor
		}
		score += scoreMatch + b
	}
	return score, pos
}

// oldBonusAt is the bonus for matching the character at i of path.
func oldBonusAt(path string, i int) int {
	if i == 0 {
		return bonusBoundary
	}
	prev, c := path[i-1], path[i]
	switch {
	case prev == '/':
		return bonusSlash
	case prev == '_' || prev == '-' || prev == '.' || prev == ' ':
		return bonusBoundary
	case prev >= 'a' && prev <= 'z' && c >= 'A' && c <= 'Z',
		!(prev >= '0' && prev <= '9') && c >= '0' && c <= '9':
		return bonusCamel
	}
	return 0
}

// oldRank scores every path against query and returns the best limit,
// highest score first, then shorter paths, then in path order. An empty
// query lists the first limit paths as they are.
func oldRank(paths []string, query string, limit int) []Result {
	if query == "" {
		n := min(limit, len(paths))
		out := make([]Result, n)
		for i := range n {
			out[i] = Result{Path: paths[i], Index: i}
		}
		return out
	}
	var out []Result
	for i, p := range paths {
		if s, pos, ok := oldScore(p, query); ok {
			out = append(out, Result{Path: p, Score: s, Pos: pos, Index: i})
		}
	}
	sort.Slice(out, func(i, j int) bool {
		a, b := out[i], out[j]
		if a.Score != b.Score {
			return a.Score > b.Score
		}
		if len(a.Path) != len(b.Path) {
			return len(a.Path) < len(b.Path)
		}
		if a.Path != b.Path {
			return a.Path < b.Path
		}
		return a.Index < b.Index // equal paths: the Index each carries now
	})
	if len(out) > limit {
		out = out[:limit]
	}
	return out
}

// BenchmarkOriginalRanking times the original ranking as the finder's Cmd
// used it (every match sorted, then cut to maxResults), to compare with
// BenchmarkFuzzyQueryKeystrokes in the same run.
func BenchmarkOriginalRanking(b *testing.B) {
	paths := benchPaths()
	for _, q := range []string{"f", "fi", "go", "sub1", "intmod12file"} {
		b.Run(q, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if all := oldRank(paths, q, len(paths)); len(all[:min(len(all), maxResults)]) == 0 {
					b.Fatal("no result")
				}
			}
		})
	}
}
