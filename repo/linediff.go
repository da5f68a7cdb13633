package repo

// This file is a line diff in the manner of git's xdiff: lines are
// interned to integers, lines that occur in only one side are set aside as
// changed (they can never be part of a common subsequence), and the rest
// is compared with Myers' O(ND) algorithm, splitting at the middle snake
// found by searching from both ends at once, which needs only linear
// space. The result is a minimal edit script, so the added and removed
// counts equal git's (a minimal script fixes both numbers); only for very
// large, dissimilar regions does a cost cap (as git has one) trade
// minimality for time.

// costCapMin is the least number of edit steps one split may search
// before it settles for the furthest-reaching path; git's xdiff uses the
// same floor (XDL_MAX_COST_MIN).
const costCapMin = 256

// lineChanges marks which lines of a are removed and which of b are added.
func lineChanges(a, b [][]byte) (delA, addB []bool) {
	ids := make(map[string]int, len(a)+len(b))
	ia := intern(ids, a)
	ib := intern(ids, b)
	return changesOf(ia, ib, len(ids))
}

func intern(ids map[string]int, lines [][]byte) []int {
	out := make([]int, len(lines))
	for i, l := range lines {
		id, ok := ids[string(l)]
		if !ok {
			id = len(ids)
			ids[string(l)] = id
		}
		out[i] = id
	}
	return out
}

// changesOf diffs two sequences of interned lines (ids < nids).
func changesOf(ia, ib []int, nids int) (delA, addB []bool) {
	delA, addB = make([]bool, len(ia)), make([]bool, len(ib))
	inA, inB := make([]bool, nids), make([]bool, nids)
	for _, id := range ia {
		inA[id] = true
	}
	for _, id := range ib {
		inB[id] = true
	}
	// Keep only lines the other side has; map kept positions back.
	ra, rb := make([]int, 0, len(ia)), make([]int, 0, len(ib))
	pa, pb := make([]int, 0, len(ia)), make([]int, 0, len(ib))
	for i, id := range ia {
		if inB[id] {
			ra, pa = append(ra, id), append(pa, i)
		} else {
			delA[i] = true
		}
	}
	for i, id := range ib {
		if inA[id] {
			rb, pb = append(rb, id), append(pb, i)
		} else {
			addB[i] = true
		}
	}
	d := newMyers(ra, rb)
	d.compare(0, len(ra), 0, len(rb), false)
	for i, c := range d.chgA {
		if c {
			delA[pa[i]] = true
		}
	}
	for i, c := range d.chgB {
		if c {
			addB[pb[i]] = true
		}
	}
	return delA, addB
}

// myers holds the state of one diff: the sequences, the change marks, and
// the forward and backward furthest-reaching vectors, indexed by
// diagonal k = x - y plus off.
type myers struct {
	a, b       []int
	chgA, chgB []bool
	fd, bd     []int
	off        int
	maxCost    int
}

func newMyers(a, b []int) *myers {
	n := len(a) + len(b) + 3
	cost := 1
	for cost*cost < n { // ~sqrt(n), as git scales its cap
		cost++
	}
	return &myers{
		a: a, b: b, chgA: make([]bool, len(a)), chgB: make([]bool, len(b)),
		fd: make([]int, n), bd: make([]int, n), off: len(b) + 1,
		maxCost: max(cost, costCapMin),
	}
}

// compare marks the changes between a[aLo:aHi] and b[bLo:bHi].
// needMin forbids the cost cap (set for the half a capped split
// already shortened).
func (d *myers) compare(aLo, aHi, bLo, bHi int, needMin bool) {
	for aLo < aHi && bLo < bHi && d.a[aLo] == d.b[bLo] {
		aLo, bLo = aLo+1, bLo+1
	}
	for aLo < aHi && bLo < bHi && d.a[aHi-1] == d.b[bHi-1] {
		aHi, bHi = aHi-1, bHi-1
	}
	switch {
	case aLo == aHi:
		for j := bLo; j < bHi; j++ {
			d.chgB[j] = true
		}
	case bLo == bHi:
		for i := aLo; i < aHi; i++ {
			d.chgA[i] = true
		}
	default:
		x, y, minLo, minHi := d.split(aLo, aHi, bLo, bHi, needMin)
		if (x == aLo && y == bLo) || (x == aHi && y == bHi) {
			// Cannot happen with trimmed ends; never loop on it.
			for i := aLo; i < aHi; i++ {
				d.chgA[i] = true
			}
			for j := bLo; j < bHi; j++ {
				d.chgB[j] = true
			}
			return
		}
		d.compare(aLo, x, bLo, y, minLo)
		d.compare(x, aHi, y, bHi, minHi)
	}
}

// split finds a point (x, y) on a shortest edit path through the box,
// searching forward from the top-left and backward from the bottom-right
// until the two frontiers overlap (the middle snake). When the search
// grows past maxCost without needMin it returns the furthest point either
// frontier reached, and says which half must then be exact.
func (d *myers) split(aLo, aHi, bLo, bHi int, needMin bool) (x, y int, minLo, minHi bool) {
	fd, bd, off := d.fd, d.bd, d.off
	dmin, dmax := aLo-bHi, aHi-bLo
	fmid, bmid := aLo-bLo, aHi-bHi
	odd := (fmid-bmid)&1 != 0
	fmin, fmax, bmin, bmax := fmid, fmid, bmid, bmid
	fd[fmid+off], bd[bmid+off] = aLo, aHi
	const big = int(^uint(0) >> 1)
	for cost := 1; ; cost++ {
		if fmin > dmin {
			fmin--
			fd[fmin-1+off] = -1
		} else {
			fmin++
		}
		if fmax < dmax {
			fmax++
			fd[fmax+1+off] = -1
		} else {
			fmax--
		}
		for k := fmax; k >= fmin; k -= 2 {
			if fd[k-1+off] >= fd[k+1+off] {
				x = fd[k-1+off] + 1
			} else {
				x = fd[k+1+off]
			}
			y = x - k
			for x < aHi && y < bHi && d.a[x] == d.b[y] {
				x, y = x+1, y+1
			}
			fd[k+off] = x
			if odd && bmin <= k && k <= bmax && bd[k+off] <= x {
				return x, y, true, true
			}
		}
		if bmin > dmin {
			bmin--
			bd[bmin-1+off] = big
		} else {
			bmin++
		}
		if bmax < dmax {
			bmax++
			bd[bmax+1+off] = big
		} else {
			bmax--
		}
		for k := bmax; k >= bmin; k -= 2 {
			if bd[k-1+off] < bd[k+1+off] {
				x = bd[k-1+off]
			} else {
				x = bd[k+1+off] - 1
			}
			y = x - k
			for x > aLo && y > bLo && d.a[x-1] == d.b[y-1] {
				x, y = x-1, y-1
			}
			bd[k+off] = x
			if !odd && fmin <= k && k <= fmax && x <= fd[k+off] {
				return x, y, true, true
			}
		}
		if !needMin && cost >= d.maxCost {
			return d.capped(aLo, aHi, bLo, bHi, fmin, fmax, bmin, bmax)
		}
	}
}

// capped picks, after too long a search, the point either frontier pushed
// furthest along its diagonals, as git does, so huge rewrites finish in
// bounded time at the price of a possibly longer script.
func (d *myers) capped(aLo, aHi, bLo, bHi, fmin, fmax, bmin, bmax int) (x, y int, minLo, minHi bool) {
	fd, bd, off := d.fd, d.bd, d.off
	fbest, fx := -1, aLo
	for k := fmax; k >= fmin; k -= 2 {
		i := min(fd[k+off], aHi)
		j := i - k
		if j > bHi {
			i, j = bHi+k, bHi
		}
		if i+j > fbest {
			fbest, fx = i+j, i
		}
	}
	bbest, bx := int(^uint(0)>>1), aHi
	for k := bmax; k >= bmin; k -= 2 {
		i := max(aLo, bd[k+off])
		j := i - k
		if j < bLo {
			i, j = bLo+k, bLo
		}
		if i+j < bbest {
			bbest, bx = i+j, i
		}
	}
	if (aHi+bHi)-bbest < fbest-(aLo+bLo) {
		return fx, fbest - fx, true, false
	}
	return bx, bbest - bx, false, true
}
