package finder

import (
	"runtime"
	"slices"
	"strings"
	"sync"
)

// parallelMin is the fewest candidates worth splitting across cores;
// below it a goroutine costs more than it saves.
const parallelMin = 8192

// Ranking answers one query over one path list: the best results, how
// many paths matched, and (unexported) which ones, so that a longer query
// can search only those. Values are never changed once made, so a Cmd may
// close over one.
type Ranking struct {
	Query   string
	Results []Result
	Matched int
	all     bool    // every path matched (the empty query)
	idx     []int32 // the matching paths, by index, ascending; nil when all
}

// Rank scores every path against query and returns the best limit,
// highest score first, then shorter paths, then in path order. An empty
// query lists the first limit paths as they are.
func Rank(paths []string, query string, limit int) []Result {
	return RankFrom(paths, query, limit, nil).Results
}

// RankFrom is Rank that also reports the match count, and narrows: when
// prev was made from the same paths and query extends prev.Query, only
// prev's matches are searched, since a path containing a query as a
// subsequence contains each of its prefixes too (smart case included: a
// case-sensitive match is also a case-folded one). prev may be nil.
func RankFrom(paths []string, query string, limit int, prev *Ranking) Ranking {
	limit = max(limit, 0)
	if query == "" {
		out := make([]Result, min(limit, len(paths)))
		for i := range out {
			out[i] = Result{Path: paths[i], Index: i}
		}
		return Ranking{Results: out, Matched: len(paths), all: true}
	}
	var cands []int32 // nil: every path
	if prev != nil && !prev.all && strings.HasPrefix(query, prev.Query) {
		cands = prev.idx
		if cands == nil {
			cands = []int32{}
		}
	}
	n := len(paths)
	if cands != nil {
		n = len(cands)
	}
	parts := 1
	if n >= parallelMin {
		parts = min(runtime.GOMAXPROCS(0), n/(parallelMin/2))
	}
	// One buffer for every chunk's matches, each writing from its own
	// start, so the match list grows by no reallocation.
	buf := make([]int32, n)
	chunks := make([]chunk, parts)
	var wg sync.WaitGroup
	for p := range parts {
		lo, hi := p*n/parts, (p+1)*n/parts
		wg.Go(func() { chunks[p] = scan(paths, query, limit, cands, lo, hi, buf[lo:lo:hi]) })
	}
	wg.Wait()
	return merge(paths, query, limit, chunks, buf)
}

// chunk is one goroutine's share of a ranking.
type chunk struct {
	idx  []int32 // matches, ascending, in the shared buffer
	best []hit   // at most limit of the best, unordered
}

// hit is a matched path by index, with its score.
type hit struct {
	i     int32
	score int
}

// scan ranks candidates lo..hi (every path when cands is nil), appending
// matches to idx (which has room for all) and keeping the best limit in a
// heap whose root is the worst kept.
func scan(paths []string, query string, limit int, cands []int32, lo, hi int, idx []int32) chunk {
	m := newMatcher(query)
	c := chunk{idx: idx}
	h := topK{paths: paths, limit: limit}
	for k := lo; k < hi; k++ {
		i := int32(k)
		if cands != nil {
			i = cands[k]
		}
		s, ok := m.score(paths[i])
		if !ok {
			continue
		}
		c.idx = append(c.idx, i)
		h.offer(hit{i, s})
	}
	c.best = h.hits
	return c
}

// merge joins the chunks in order, sorts the best and finds their match
// positions for highlighting (only for the few shown, so no path scanned
// allocates).
func merge(paths []string, query string, limit int, chunks []chunk, buf []int32) Ranking {
	r := Ranking{Query: query}
	var best []hit
	for _, c := range chunks {
		// Close the gaps between chunks; copy handles the overlap.
		r.Matched += copy(buf[r.Matched:], c.idx)
		best = append(best, c.best...)
	}
	r.idx = buf[:r.Matched]
	if r.Matched < len(buf)/4 {
		r.idx = slices.Clone(r.idx) // do not keep a mostly empty buffer
	}
	slices.SortFunc(best, func(a, b hit) int {
		switch {
		case better(paths, a, b):
			return -1
		case better(paths, b, a):
			return 1
		}
		return 0
	})
	best = best[:min(len(best), limit)]
	m := newMatcher(query)
	r.Results = make([]Result, len(best))
	for k, h := range best {
		p := paths[h.i]
		m.score(p)
		r.Results[k] = Result{Path: p, Score: h.score, Pos: m.positions(), Index: int(h.i)}
	}
	return r
}

// better is the ranking order: higher score, then the shorter path, then
// the path that sorts first, then the first in the list (names repeat).
func better(paths []string, a, b hit) bool {
	if a.score != b.score {
		return a.score > b.score
	}
	pa, pb := paths[a.i], paths[b.i]
	if len(pa) != len(pb) {
		return len(pa) < len(pb)
	}
	if pa != pb {
		return pa < pb
	}
	return a.i < b.i
}

// topK keeps the best limit hits offered: a binary heap with the worst
// kept hit at the root, so most offers cost one comparison.
type topK struct {
	paths []string
	limit int
	hits  []hit
}

func (t *topK) offer(x hit) {
	if len(t.hits) < t.limit {
		t.hits = append(t.hits, x)
		for j := len(t.hits) - 1; j > 0; {
			p := (j - 1) / 2
			if !better(t.paths, t.hits[p], t.hits[j]) {
				break
			}
			t.hits[p], t.hits[j] = t.hits[j], t.hits[p]
			j = p
		}
		return
	}
	if t.limit == 0 || !better(t.paths, x, t.hits[0]) {
		return
	}
	t.hits[0] = x
	for j, n := 0, len(t.hits); ; {
		w, l, r := j, 2*j+1, 2*j+2
		if l < n && better(t.paths, t.hits[w], t.hits[l]) {
			w = l
		}
		if r < n && better(t.paths, t.hits[w], t.hits[r]) {
			w = r
		}
		if w == j {
			return
		}
		t.hits[j], t.hits[w] = t.hits[w], t.hits[j]
		j = w
	}
}
