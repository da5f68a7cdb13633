package textsafe

import (
	"bytes"
	"fmt"
	"sort"
	"strings"
	"unicode/utf8"
)

// Issue is one hostile character found by the scanner.
type Issue struct {
	Line int    // 1-based line number (repo.SplitLines model)
	Col  int    // 1-based byte column within the line
	Rune rune   // the character; utf8.RuneError for BadUTF8
	Byte int    // the offending byte for BadUTF8, -1 otherwise
	Kind Kind   // what it is
	Name string // Unicode name, such as "RIGHT-TO-LEFT OVERRIDE"
}

// Code is the character as "U+202E", or the byte as `\xFF` for BadUTF8.
func (is Issue) Code() string {
	if is.Kind == BadUTF8 {
		return fmt.Sprintf(`\x%02X`, is.Byte)
	}
	return CodePoint(is.Rune, "", "")
}

// String formats the issue as "line:col: U+202E RIGHT-TO-LEFT OVERRIDE".
func (is Issue) String() string {
	return fmt.Sprintf("%d:%d: %s %s", is.Line, is.Col, is.Code(), is.Name)
}

// ScanLine lists the hostile characters of one line of a file; lineNo is
// its 1-based number (on line 1 a leading U+FEFF is reported as a BOM).
// The line may include its LF. A CR just before the end of the line is a
// Windows line ending, not an overprint, and is not reported; a TAB is
// ordinary content. Homoglyphs are reported per flagged letter.
func ScanLine(line []byte, lineNo int) []Issue {
	var out []Issue
	scanLine(string(line), lineNo, 0, lineNo == 1, true, func(is Issue) error {
		out = append(out, is)
		return nil
	})
	return out
}

// Scan lists the hostile characters of a whole file, line by line by the
// repo.SplitLines model.
func Scan(content []byte) []Issue {
	var out []Issue
	lineNo := 0
	for len(content) > 0 {
		lineNo++
		n := bytes.IndexByte(content, '\n') + 1
		if n == 0 {
			n = len(content)
		}
		scanLine(string(content[:n]), lineNo, 0, lineNo == 1, true, func(is Issue) error {
			out = append(out, is)
			return nil
		})
		content = content[n:]
	}
	return out
}

// ScanField lists the hostile characters of a single-line field such as a
// file name or an author name: unlike file content, a TAB, LF or CR in it
// is reported too. Line is always 1.
func ScanField(s string) []Issue {
	var out []Issue
	for i := 0; i < len(s); {
		if c := s[i]; c >= 0x20 && c < 0x7f {
			i++
			continue
		}
		r, size, k := classify(s, i)
		if k != Plain {
			out = append(out, newIssue(1, i+1, r, k))
		}
		i += size
	}
	out = append(out, homoglyphIssues(s, 1, 0)...)
	sort.SliceStable(out, func(i, j int) bool { return out[i].Col < out[j].Col })
	return out
}

// scanLine reports the issues of line (which may end in LF) to emit. A
// long line may come in pieces: colBase is added to every column, bom is
// set only for the first piece of line 1, and only the final piece has its
// line ending (LF, CR LF or a last CR) left out.
func scanLine(line string, lineNo, colBase int, bom, final bool, emit func(Issue) error) error {
	if final {
		line = strings.TrimSuffix(line, "\n")
		line = strings.TrimSuffix(line, "\r")
	}
	var hg []int
	for i := 0; i < len(line); {
		c := line[i]
		if c >= 0x20 && c < 0x7f || c == '\t' {
			i++
			continue
		}
		r, size, k := classify(line, i)
		if k == Invisible && r == 0xfeff && i == 0 && bom {
			k = BOM
		}
		if k == Plain && hg == nil {
			hg = Homoglyphs(line) // non-ASCII seen: look for homoglyphs once
			if hg == nil {
				hg = []int{}
			}
		}
		for len(hg) > 0 && hg[0] < i {
			hg = hg[1:]
		}
		if k == Plain && len(hg) > 0 && hg[0] == i {
			k = Homoglyph
		}
		if k != Plain {
			if err := emit(newIssue(lineNo, colBase+i+1, r, k)); err != nil {
				return err
			}
		}
		i += size
	}
	return nil
}

// homoglyphIssues reports the homoglyphs of s as issues on line lineNo.
func homoglyphIssues(s string, lineNo, colBase int) []Issue {
	var out []Issue
	for _, off := range Homoglyphs(s) {
		r, _ := utf8.DecodeRuneInString(s[off:])
		out = append(out, newIssue(lineNo, colBase+off+1, r, Homoglyph))
	}
	return out
}

func newIssue(line, col int, r rune, k Kind) Issue {
	is := Issue{Line: line, Col: col, Rune: r, Byte: -1, Kind: k}
	switch k {
	case BadUTF8:
		is.Byte, is.Rune, is.Name = int(r), utf8.RuneError, "INVALID UTF-8 BYTE"
	case BOM:
		is.Name = "BYTE ORDER MARK"
	default:
		is.Name = RuneName(r)
	}
	return is
}
