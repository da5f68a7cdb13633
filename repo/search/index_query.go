package search

import (
	"regexp"
	"regexp/syntax"
	"slices"
	"unicode"
	"unicode/utf8"
)

// triQuery is a boolean formula over trigrams that every file matching a
// regular expression satisfies. It is conservative: it may admit files
// that do not match (the search checks them), never the reverse.
type triQuery struct {
	op   triOp
	tris []uint32    // qAnd: trigrams the file must hold
	next []uint8     // qAnd: for each, the nextBits of which one must follow it, or 0
	subs []*triQuery // qAnd: all must hold; qOr: one must
}

type triOp uint8

const (
	qAll triOp = iota // no constraint: every file is a candidate
	qAnd
	qOr
)

var allFiles = &triQuery{op: qAll}

// queryFor derives the trigram query of re. Only literals constrain it
// (case-folded ones through their case variants); everything else
// (classes, optional parts) is treated as "could be anything", which
// keeps it sound.
func queryFor(re *regexp.Regexp) *triQuery {
	tree, err := syntax.Parse(re.String(), syntax.Perl)
	if err != nil {
		return allFiles
	}
	return analyze(tree.Simplify())
}

func analyze(re *syntax.Regexp) *triQuery {
	switch re.Op {
	case syntax.OpLiteral:
		if re.Flags&syntax.FoldCase != 0 {
			return foldQuery(re.Rune)
		}
		return literalQuery(runesBytes(re.Rune))
	case syntax.OpCapture, syntax.OpPlus:
		return analyze(re.Sub[0])
	case syntax.OpRepeat:
		if re.Min >= 1 {
			return analyze(re.Sub[0])
		}
		return allFiles
	case syntax.OpConcat:
		q := allFiles
		var run []byte // adjacent literals form one longer literal
		for _, sub := range re.Sub {
			if sub.Op == syntax.OpLiteral && sub.Flags&syntax.FoldCase == 0 {
				run = append(run, runesBytes(sub.Rune)...)
				continue
			}
			q = andQuery(q, literalQuery(run))
			run = nil
			q = andQuery(q, analyze(sub))
		}
		return andQuery(q, literalQuery(run))
	case syntax.OpAlternate:
		q := analyze(re.Sub[0])
		for _, sub := range re.Sub[1:] {
			q = orQuery(q, analyze(sub))
		}
		return q
	}
	return allFiles
}

func runesBytes(rs []rune) []byte {
	var b []byte
	for _, r := range rs {
		b = utf8.AppendRune(b, r)
	}
	return b
}

// literalQuery requires every indexed trigram of s (see indexable),
// each followed by the byte that follows it in s, if any and ASCII.
func literalQuery(s []byte) *triQuery {
	q := &triQuery{op: qAnd}
	for i := 0; i+2 < len(s); i++ {
		if indexable[s[i]] && indexable[s[i+1]] && indexable[s[i+2]] {
			q.tris = append(q.tris, uint32(s[i])<<16|uint32(s[i+1])<<8|uint32(s[i+2]))
			// Only an ASCII byte of the pattern stands for itself: Go's
			// regexp reads an invalid byte of the text as U+FFFD.
			var need uint8
			if i+3 < len(s) && s[i+3] < utf8.RuneSelf {
				need = nextBit(s[i+3])
			}
			q.next = append(q.next, need)
		}
	}
	if len(q.tris) == 0 {
		return allFiles
	}
	return q
}

// foldQuery is literalQuery for a literal matched without regard to
// case ("(?i)", and the workbench's smart case for a lower-case search):
// at each place, one of the trigram's case variants (up to eight), each
// followed by either case of the next letter. Only ASCII runs are
// varied; every rune beyond ASCII splits the literal, as a byte the index
// does not hold would. Go's case folding also matches "k" to the Kelvin
// sign and "s" to the long s, so a file holding either rune (the index
// lists them) is admitted by the trigrams without k and s alone; every
// other file must hold the variants of all of them.
func foldQuery(rs []rune) *triQuery {
	whole := foldRuns(rs, func(r rune) bool { return r >= utf8.RuneSelf })
	split := foldRuns(rs, func(r rune) bool { return r >= utf8.RuneSelf || foldsBeyondASCII(r) })
	hasK := slices.ContainsFunc(rs, func(r rune) bool { return r == 'k' || r == 'K' })
	hasS := slices.ContainsFunc(rs, func(r rune) bool { return r == 's' || r == 'S' })
	// The files holding a rune the literal's k or s matches.
	var flags []*triQuery
	if hasK {
		flags = append(flags, runeFlag(rawKelvin))
	}
	if hasS {
		flags = append(flags, runeFlag(rawLongS))
	}
	if len(flags) == 0 || whole.op == qAll {
		return whole // no k or s: the two are one query
	}
	with := flags[0]
	if len(flags) == 2 {
		with = orQuery(flags[0], flags[1])
	}
	return orQuery(whole, andQuery(split, with))
}

// runeFlag is the query of the files the index lists under raw.
func runeFlag(raw uint32) *triQuery {
	return &triQuery{op: qAnd, tris: []uint32{raw}, next: []uint8{0}}
}

// foldRuns is the AND of foldRunQuery over the runs of rs that breaks
// splits.
func foldRuns(rs []rune, breaks func(rune) bool) *triQuery {
	q := allFiles
	var run []byte
	for i := 0; i <= len(rs); i++ {
		if i < len(rs) && !breaks(rs[i]) {
			run = append(run, byte(rs[i]))
			continue
		}
		q = andQuery(q, foldRunQuery(run))
		run = run[:0]
	}
	return q
}

// foldsBeyondASCII reports an ASCII rune with a case fold beyond ASCII.
func foldsBeyondASCII(r rune) bool {
	for f := unicode.SimpleFold(r); f != r; f = unicode.SimpleFold(f) {
		if f >= utf8.RuneSelf {
			return true
		}
	}
	return false
}

// foldRunQuery is the query of an ASCII run matched without regard to
// case.
func foldRunQuery(s []byte) *triQuery {
	q := allFiles
	for i := 0; i+2 < len(s); i++ {
		if !indexable[s[i]] || !indexable[s[i+1]] || !indexable[s[i+2]] {
			continue
		}
		// An ASCII letter's two cases differ in bit 5 only, so one
		// nextBit stands for both.
		var need uint8
		if i+3 < len(s) {
			need = nextBit(s[i+3])
		}
		at := &triQuery{op: qOr}
		for _, a := range caseVariants(s[i]) {
			for _, b := range caseVariants(s[i+1]) {
				for _, c := range caseVariants(s[i+2]) {
					t := uint32(a)<<16 | uint32(b)<<8 | uint32(c)
					at.subs = append(at.subs, &triQuery{op: qAnd, tris: []uint32{t}, next: []uint8{need}})
				}
			}
		}
		q = andQuery(q, at)
	}
	return q
}

// caseVariants is c, and its other case when it is an ASCII letter.
func caseVariants(c byte) []byte {
	if l, u := lowerASCII(c), upperASCII(c); l != u {
		return []byte{l, u}
	}
	return []byte{c}
}

func lowerASCII(c byte) byte {
	if 'A' <= c && c <= 'Z' {
		return c + 'a' - 'A'
	}
	return c
}

func upperASCII(c byte) byte {
	if 'a' <= c && c <= 'z' {
		return c - ('a' - 'A')
	}
	return c
}

func andQuery(a, b *triQuery) *triQuery {
	switch {
	case a.op == qAll:
		return b
	case b.op == qAll:
		return a
	}
	return &triQuery{op: qAnd, subs: []*triQuery{a, b}}
}

func orQuery(a, b *triQuery) *triQuery {
	if a.op == qAll || b.op == qAll {
		return allFiles
	}
	return &triQuery{op: qOr, subs: []*triQuery{a, b}}
}

// eval returns the ascending file numbers the query admits; all reports
// that it admits every file.
func (q *triQuery) eval(x *Index) (ids []uint32, all bool, err error) {
	switch q.op {
	case qAll:
		return nil, true, nil
	case qOr:
		var out []uint32
		for _, s := range q.subs {
			ids, all, err := s.eval(x)
			if err != nil || all {
				return nil, all, err
			}
			out = union(out, ids)
		}
		return out, false, nil
	}
	all = true
	for i, t := range q.tris {
		p, err := x.postings(t, q.next[i])
		if err != nil {
			return nil, false, err
		}
		ids, all = narrow(ids, all, p), false
		if len(ids) == 0 {
			return nil, false, nil
		}
	}
	for _, s := range q.subs {
		p, sAll, err := s.eval(x)
		if err != nil {
			return nil, false, err
		}
		if !sAll {
			ids, all = narrow(ids, all, p), false
			if len(ids) == 0 {
				return nil, false, nil
			}
		}
	}
	return ids, all, nil
}

// narrow intersects ids (every file when all) with p.
func narrow(ids []uint32, all bool, p []uint32) []uint32 {
	if all {
		return p
	}
	out := ids[:0:0]
	i, j := 0, 0
	for i < len(ids) && j < len(p) {
		switch {
		case ids[i] < p[j]:
			i++
		case ids[i] > p[j]:
			j++
		default:
			out = append(out, ids[i])
			i++
			j++
		}
	}
	return out
}

func union(a, b []uint32) []uint32 {
	out := make([]uint32, 0, len(a)+len(b))
	i, j := 0, 0
	for i < len(a) || j < len(b) {
		switch {
		case j == len(b) || i < len(a) && a[i] < b[j]:
			out = append(out, a[i])
			i++
		case i == len(a) || b[j] < a[i]:
			out = append(out, b[j])
			j++
		default:
			out = append(out, a[i])
			i++
			j++
		}
	}
	return out
}
