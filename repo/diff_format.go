package repo

import (
	"bytes"
	"fmt"
	"strconv"
	"strings"
)

// NumstatLine is the change as one line of "git diff --numstat -M"
// prints it (without the LF): counts, or "-" twice for binary, then the
// path, quoted as git quotes it, or for a rename "dir/{old => new}".
func (c FileChange) NumstatLine() string {
	counts := "-\t-"
	if !c.Binary {
		counts = strconv.Itoa(c.Added) + "\t" + strconv.Itoa(c.Removed)
	}
	return counts + "\t" + c.DisplayName()
}

// DisplayName is the path as git's --numstat and --stat show it: the
// quoted path, or for a rename the compact "dir/{old => new}" form.
func (c FileChange) DisplayName() string {
	if c.Status == 'R' {
		return renameDisplay(c.OldPath, c.NewPath)
	}
	return QuotePath(c.Path())
}

// NameStatusLine is the change as one line of "git diff --name-status -M"
// prints it (without the LF), e.g. "M\tpath" or "R087\told\tnew".
func (c FileChange) NameStatusLine() string {
	if c.Status == 'R' {
		return fmt.Sprintf("R%03d\t%s\t%s", c.Similarity, QuotePath(c.OldPath), QuotePath(c.NewPath))
	}
	return string(c.Status) + "\t" + QuotePath(c.Path())
}

// renameDisplay is git's "pprint_rename": the common directory prefix
// and suffix of the two paths outside braces, "a/{old => new}/b". Paths
// that need quoting are quoted whole instead.
func renameDisplay(a, b string) string {
	qa, qb := QuotePath(a), QuotePath(b)
	if qa != a || qb != b {
		return qa + " => " + qb
	}
	pfx := 0
	for i := 0; i < len(a) && i < len(b) && a[i] == b[i]; i++ {
		if a[i] == '/' {
			pfx = i + 1
		}
	}
	// Walk back from the ends (the terminators compare equal), no
	// further than one byte into the prefix so its slash can be shared.
	sfx := 0
	adj := 0
	if pfx > 0 {
		adj = 1
	}
	at := func(s string, i int) int {
		if i == len(s) {
			return -1
		}
		return int(s[i])
	}
	for i, j := len(a), len(b); i >= pfx-adj && j >= pfx-adj && at(a, i) == at(b, j); i, j = i-1, j-1 {
		if at(a, i) == '/' {
			sfx = len(a) - i
		}
	}
	amid, bmid := max(0, len(a)-pfx-sfx), max(0, len(b)-pfx-sfx)
	var s strings.Builder
	if pfx+sfx > 0 {
		s.WriteString(a[:pfx])
		s.WriteByte('{')
	}
	s.WriteString(a[pfx : pfx+amid])
	s.WriteString(" => ")
	s.WriteString(b[pfx : pfx+bmid])
	if pfx+sfx > 0 {
		s.WriteByte('}')
		s.WriteString(a[len(a)-sfx:])
	}
	return s.String()
}

// QuotePath quotes a path the way git does with core.quotePath on (its
// default): a path holding a control byte, a double quote, a backslash or
// a byte >= 0x80 is printed in double quotes with C escapes (\t, \n, \",
// \\, and three-digit octal for other bytes). Other paths are unchanged.
// Quoted output is plain ASCII, safe for any terminal.
func QuotePath(p string) string {
	need := false
	for i := 0; i < len(p); i++ {
		if c := p[i]; c < 0x20 || c == '"' || c == '\\' || c >= 0x7f {
			need = true
			break
		}
	}
	if !need {
		return p
	}
	var b bytes.Buffer
	b.WriteByte('"')
	for i := 0; i < len(p); i++ {
		c := p[i]
		switch c {
		case '\a':
			b.WriteString(`\a`)
		case '\b':
			b.WriteString(`\b`)
		case '\t':
			b.WriteString(`\t`)
		case '\n':
			b.WriteString(`\n`)
		case '\v':
			b.WriteString(`\v`)
		case '\f':
			b.WriteString(`\f`)
		case '\r':
			b.WriteString(`\r`)
		case '"':
			b.WriteString(`\"`)
		case '\\':
			b.WriteString(`\\`)
		default:
			if c < 0x20 || c >= 0x7f {
				b.WriteByte('\\')
				b.WriteByte('0' + c>>6)
				b.WriteByte('0' + (c>>3)&7)
				b.WriteByte('0' + c&7)
			} else {
				b.WriteByte(c)
			}
		}
	}
	b.WriteByte('"')
	return b.String()
}
