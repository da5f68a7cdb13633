package repo

import (
	"hash/fnv"
	"unicode/utf8"

	"sightline/repo/textsafe"
)

// ScanRule says why ScanHostile reported a character.
type ScanRule uint8

// The rules. Bidi, invisible, control and invalid-UTF-8 characters are
// reported wherever they are; letters of another script only where they
// make an identifier (or a name) mixed-script, or an identifier confusable
// with another one in the tree (Unicode TR #39).
const (
	RuleControl          ScanRule = iota // C0, C1, DEL, NUL, a newline in a name
	RuleBidi                             // bidirectional control (Trojan Source)
	RuleInvisible                        // zero-width or invisible character
	RuleInvalidUTF8                      // a byte that is not UTF-8
	RuleMixedScriptIdent                 // a letter that makes an identifier mixed-script
	RuleConfusableIdent                  // a look-alike letter of an identifier that reads as another one
	RuleMixedScriptName                  // a letter that makes a word of a file name or author mixed-script
	RuleUnreadable                       // an object that could not be read
)

var ruleNames = [...]string{"control", "bidi", "invisible", "invalid-utf8",
	"mixed-script-identifier", "confusable-identifier", "mixed-script-name", "unreadable"}

// String is the rule's name in "sightline scan --json" ("bidi",
// "mixed-script-identifier", ...).
func (r ScanRule) String() string {
	if int(r) < len(ruleNames) {
		return ruleNames[r]
	}
	return "unknown"
}

// ruleOf is the rule a character issue falls under.
func ruleOf(k textsafe.Kind) ScanRule {
	switch k {
	case textsafe.Bidi:
		return RuleBidi
	case textsafe.Invisible:
		return RuleInvisible
	case textsafe.BadUTF8:
		return RuleInvalidUTF8
	}
	return RuleControl
}

// pendingIdent is an identifier with look-alike letters whose twin may
// still come later in the walk.
type pendingIdent struct {
	report ScanReport
	skel   string
}

// identTable is what the scan knows of the identifiers of the whole tree:
// enough to tell whether one with look-alike letters reads as another.
type identTable struct {
	ascii   map[uint64]struct{} // hashes of ASCII identifiers (pairs need a non-ASCII one)
	bySkel  map[string]string   // skeleton -> the first non-ASCII identifier with it
	twins   map[string]string   // skeleton -> a second, different non-ASCII identifier with it
	pending []pendingIdent
}

func newIdentTable() *identTable {
	return &identTable{ascii: map[uint64]struct{}{}, bySkel: map[string]string{}, twins: map[string]string{}}
}

func hashIdent(s string) uint64 {
	h := fnv.New64a()
	_, _ = h.Write([]byte(s))
	return h.Sum64()
}

// add records ident (found at line:col of path) and returns the reports it
// makes now; one that may be confusable with an identifier not yet seen
// is kept for finish.
func (t *identTable) add(path string, line, col int, ident string) []ScanReport {
	if isASCIIString(ident) {
		t.ascii[hashIdent(ident)] = struct{}{}
		return nil
	}
	base := ScanReport{Source: ScanContent, Path: path, Ident: ident}
	if offs := textsafe.MixedScript(ident); offs != nil {
		base.Rule = RuleMixedScriptIdent
		return letterReports(base, line, col, offs)
	}
	skel := textsafe.Skeleton(ident)
	if first, ok := t.bySkel[skel]; !ok {
		t.bySkel[skel] = ident
	} else if _, ok := t.twins[skel]; !ok && first != ident {
		t.twins[skel] = ident
	}
	if skel == ident {
		return nil // no look-alike letter: a twin of it is reported instead
	}
	base.Rule = RuleConfusableIdent
	var offs []int
	for i, r := range ident {
		if _, ok := textsafe.LookAlike(r); ok {
			offs = append(offs, i)
		}
	}
	if other, ok := t.twin(ident, skel); ok {
		base.Other = other
		return letterReports(base, line, col, offs)
	}
	for _, rp := range letterReports(base, line, col, offs) {
		t.pending = append(t.pending, pendingIdent{rp, skel})
	}
	return nil
}

// twin is another identifier seen so far with skeleton skel.
func (t *identTable) twin(ident, skel string) (string, bool) {
	if _, ok := t.ascii[hashIdent(skel)]; ok && isASCIIString(skel) {
		return skel, true
	}
	if first := t.bySkel[skel]; first != ident {
		return first, true
	}
	if second, ok := t.twins[skel]; ok {
		return second, true
	}
	return "", false
}

// finish reports the pending identifiers that turned out to have a twin.
func (t *identTable) finish(fn func(ScanReport) error) error {
	for _, p := range t.pending {
		if other, ok := t.twin(p.report.Ident, p.skel); ok {
			p.report.Other = other
			if err := fn(p.report); err != nil {
				return err
			}
		}
	}
	t.pending = nil
	return nil
}

// letterReports is one report per flagged letter of an identifier that
// starts at line:col; offs are byte offsets in it.
func letterReports(base ScanReport, line, col int, offs []int) []ScanReport {
	out := make([]ScanReport, 0, len(offs))
	for _, off := range offs {
		r, _ := utf8.DecodeRuneInString(base.Ident[off:])
		rp := base
		rp.Issue = textsafe.Issue{Line: line, Col: col + off, Rune: r, Byte: -1,
			Kind: textsafe.Homoglyph, Name: textsafe.RuneName(r)}
		out = append(out, rp)
	}
	return out
}

// nameReports are the letters that make a word of a single-line field (a
// file name, an author) mixed-script; colBase is added to the columns.
func nameReports(s string, base ScanReport, colBase int) []ScanReport {
	if isASCIIString(s) {
		return nil
	}
	var out []ScanReport
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		if !textsafe.IsIdentRune(r) {
			i += size
			continue
		}
		end := i
		for end < len(s) {
			r, size := utf8.DecodeRuneInString(s[end:])
			if !textsafe.IsIdentRune(r) {
				break
			}
			end += size
		}
		word := s[i:end]
		if offs := textsafe.MixedScript(word); offs != nil {
			b := base
			b.Rule, b.Ident = RuleMixedScriptName, word
			out = append(out, letterReports(b, 1, colBase+i+1, offs)...)
		}
		i = end
	}
	return out
}

func isASCIIString(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}
