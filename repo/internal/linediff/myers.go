package linediff

// myers holds the state of one Myers diff: the sequences, the change
// marks, and the forward and backward furthest-reaching vectors, indexed
// by diagonal k = x - y plus off.
type myers struct {
	a, b       []LineID
	chgA, chgB []bool
	fd, bd     []int
	off        int
	maxCost    int
}

func newMyers(a, b []LineID) *myers {
	n := len(a) + len(b) + 3
	return &myers{
		a: a, b: b, chgA: make([]bool, len(a)), chgB: make([]bool, len(b)),
		fd: make([]int, n), bd: make([]int, n), off: len(b) + 1,
		maxCost: max(bogoSqrt(n), costCapMin),
	}
}

// compare marks the changes between a[aLo:aHi] and b[bLo:bHi]. needMin
// forbids the heuristics (set for the half a heuristic split shortened).
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
// until the two frontiers overlap (the middle snake). Past git's cost
// thresholds, unless needMin, it settles for a good or the furthest
// point instead, and says which half must then be searched exactly.
func (d *myers) split(aLo, aHi, bLo, bHi int, needMin bool) (x, y int, minLo, minHi bool) {
	s := &search{aLo: aLo, aHi: aHi, bLo: bLo, bHi: bHi, dmin: aLo - bHi, dmax: aHi - bLo, fmid: aLo - bLo, bmid: aHi - bHi}
	s.odd = (s.fmid-s.bmid)&1 != 0
	s.fmin, s.fmax, s.bmin, s.bmax = s.fmid, s.fmid, s.bmid, s.bmid
	d.fd[s.fmid+d.off], d.bd[s.bmid+d.off] = aLo, aHi
	for cost := 1; ; cost++ {
		s.gotSnake = false
		if x, y, ok := d.forward(s); ok {
			return x, y, true, true
		}
		if x, y, ok := d.backward(s); ok {
			return x, y, true, true
		}
		if needMin {
			continue
		}
		if s.gotSnake && cost > heurMinCost {
			if x, y, lo, hi, ok := d.goodSnake(aLo, aHi, bLo, bHi, s.fmin, s.fmax, s.bmin, s.bmax, s.fmid, s.bmid, cost); ok {
				return x, y, lo, hi
			}
		}
		if cost >= d.maxCost {
			return d.capped(aLo, aHi, bLo, bHi, s.fmin, s.fmax, s.bmin, s.bmax)
		}
	}
}

// search is the state of one split: the box, the diagonal bounds, and
// the ranges of diagonals each frontier has reached.
type search struct {
	aLo, aHi, bLo, bHi     int
	dmin, dmax, fmid, bmid int
	fmin, fmax, bmin, bmax int
	odd, gotSnake          bool
}

// forward extends the forward frontier by one edit and reports a point
// where it meets the backward one.
func (d *myers) forward(s *search) (x, y int, ok bool) {
	fd, bd, off := d.fd, d.bd, d.off
	if s.fmin > s.dmin {
		s.fmin--
		fd[s.fmin-1+off] = -1
	} else {
		s.fmin++
	}
	if s.fmax < s.dmax {
		s.fmax++
		fd[s.fmax+1+off] = -1
	} else {
		s.fmax--
	}
	for k := s.fmax; k >= s.fmin; k -= 2 {
		if fd[k-1+off] >= fd[k+1+off] {
			x = fd[k-1+off] + 1
		} else {
			x = fd[k+1+off]
		}
		start := x
		y = x - k
		for x < s.aHi && y < s.bHi && d.a[x] == d.b[y] {
			x, y = x+1, y+1
		}
		if x-start > snakeCount {
			s.gotSnake = true
		}
		fd[k+off] = x
		if s.odd && s.bmin <= k && k <= s.bmax && bd[k+off] <= x {
			return x, y, true
		}
	}
	return 0, 0, false
}

// backward extends the backward frontier by one edit and reports a point
// where it meets the forward one.
func (d *myers) backward(s *search) (x, y int, ok bool) {
	fd, bd, off := d.fd, d.bd, d.off
	const big = int(^uint(0) >> 1)
	if s.bmin > s.dmin {
		s.bmin--
		bd[s.bmin-1+off] = big
	} else {
		s.bmin++
	}
	if s.bmax < s.dmax {
		s.bmax++
		bd[s.bmax+1+off] = big
	} else {
		s.bmax--
	}
	for k := s.bmax; k >= s.bmin; k -= 2 {
		if bd[k-1+off] < bd[k+1+off] {
			x = bd[k-1+off]
		} else {
			x = bd[k+1+off] - 1
		}
		start := x
		y = x - k
		for x > s.aLo && y > s.bLo && d.a[x-1] == d.b[y-1] {
			x, y = x-1, y-1
		}
		if start-x > snakeCount {
			s.gotSnake = true
		}
		bd[k+off] = x
		if !s.odd && s.fmin <= k && k <= s.fmax && x <= fd[k+off] {
			return x, y, true
		}
	}
	return 0, 0, false
}

// goodSnake looks, after a long search, for a diagonal that has come far
// and ends in a run of snakeCount matching lines, as git does, and splits
// there.
func (d *myers) goodSnake(aLo, aHi, bLo, bHi, fmin, fmax, bmin, bmax, fmid, bmid, cost int) (x, y int, minLo, minHi, ok bool) {
	fd, bd, off := d.fd, d.bd, d.off
	best := 0
	for k := fmax; k >= fmin; k -= 2 {
		dd := k - fmid
		if dd < 0 {
			dd = -dd
		}
		i1 := fd[k+off]
		i2 := i1 - k
		v := (i1 - aLo) + (i2 - bLo) - dd
		if v > heurFactor*cost && v > best && aLo+snakeCount <= i1 && i1 < aHi && bLo+snakeCount <= i2 && i2 < bHi {
			for n := 1; d.a[i1-n] == d.b[i2-n]; n++ {
				if n == snakeCount {
					best, x, y = v, i1, i2
					break
				}
			}
		}
	}
	if best > 0 {
		return x, y, true, false, true
	}
	for k := bmax; k >= bmin; k -= 2 {
		dd := k - bmid
		if dd < 0 {
			dd = -dd
		}
		i1 := bd[k+off]
		i2 := i1 - k
		v := (aHi - i1) + (bHi - i2) - dd
		if v > heurFactor*cost && v > best && aLo < i1 && i1 <= aHi-snakeCount && bLo < i2 && i2 <= bHi-snakeCount {
			for n := 0; d.a[i1+n] == d.b[i2+n]; n++ {
				if n == snakeCount-1 {
					best, x, y = v, i1, i2
					break
				}
			}
		}
	}
	if best > 0 {
		return x, y, false, true, true
	}
	return 0, 0, false, false, false
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
