package repo

import (
	"bytes"
	"context"
	"fmt"
	"io"
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

// statRow is one file of a --stat listing.
type statRow struct {
	name             string
	added, removed   int // lines, or for a binary file the new and old sizes
	binary, sameBlob bool
}

// WriteStat prints changes (from DiffTrees, with counts) as
// "git diff --stat" does at the given width (git's default is 80):
// names shortened from the left with "...", a histogram scaled to the
// largest change, and the summary line.
func (r *Repo) WriteStat(ctx context.Context, w io.Writer, changes []FileChange, width int) error {
	if len(changes) == 0 {
		return nil
	}
	rows := make([]statRow, len(changes))
	maxLen, maxChange, numWidth, binWidth := 0, 0, 0, 0
	for i, c := range changes {
		row := statRow{name: c.DisplayName(), added: c.Added, removed: c.Removed, binary: c.Binary}
		if c.Binary {
			row.sameBlob = c.OldHash == c.NewHash
			if !row.sameBlob {
				var err error
				if row.added, err = r.blobSize(ctx, c.NewHash); err != nil {
					return err
				}
				if row.removed, err = r.blobSize(ctx, c.OldHash); err != nil {
					return err
				}
			} else {
				row.added, row.removed = 0, 0
			}
			binWidth = max(binWidth, 14+decimalWidth(row.added)+decimalWidth(row.removed))
			numWidth = 3
		} else {
			maxChange = max(maxChange, c.Added+c.Removed)
		}
		maxLen = max(maxLen, len(row.name))
		rows[i] = row
	}
	numWidth = max(numWidth, decimalWidth(maxChange))
	width = max(width, 16+6+numWidth)
	graphWidth := maxChange
	if maxChange+4 <= binWidth {
		graphWidth = binWidth - 4
	}
	nameWidth := maxLen
	if nameWidth+numWidth+6+graphWidth > width {
		if graphWidth > width*3/8-numWidth-6 {
			graphWidth = max(width*3/8-numWidth-6, 6)
		}
		if nameWidth > width-numWidth-6-graphWidth {
			nameWidth = width - numWidth - 6 - graphWidth
		} else {
			graphWidth = width - numWidth - 6 - nameWidth
		}
	}
	adds, dels := 0, 0
	for _, row := range rows {
		fmt.Fprintln(w, statLine(row, nameWidth, numWidth, graphWidth, maxChange))
		if !row.binary {
			adds, dels = adds+row.added, dels+row.removed
		}
	}
	fmt.Fprintln(w, statSummary(len(rows), adds, dels))
	return nil
}

func statLine(row statRow, nameWidth, numWidth, graphWidth, maxChange int) string {
	name, prefix := row.name, ""
	room := nameWidth
	if nameWidth < len(name) {
		prefix = "..."
		room = max(nameWidth-3, 0)
		name = name[len(name)-room:]
		if i := strings.IndexByte(name, '/'); i >= 0 {
			name = name[i:]
		}
	}
	pad := strings.Repeat(" ", max(room-len(name), 0))
	if row.binary {
		s := fmt.Sprintf(" %s%s%s | %*s", prefix, name, pad, numWidth, "Bin")
		if row.sameBlob {
			return s
		}
		return s + fmt.Sprintf(" %d -> %d bytes", row.removed, row.added)
	}
	add, del, total := row.added, row.removed, row.added+row.removed
	if graphWidth <= maxChange {
		scaled := scaleLinear(total, graphWidth, maxChange)
		if scaled < 2 && add > 0 && del > 0 {
			scaled = 2
		}
		if add < del {
			add = scaleLinear(add, graphWidth, maxChange)
			del = scaled - add
		} else {
			del = scaleLinear(del, graphWidth, maxChange)
			add = scaled - del
		}
	}
	sep := ""
	if total > 0 {
		sep = " "
	}
	return fmt.Sprintf(" %s%s%s | %*d%s%s%s", prefix, name, pad, numWidth, total, sep, strings.Repeat("+", add), strings.Repeat("-", del))
}

// scaleLinear scales n of max into width columns, at least one column for
// any change, as git does.
func scaleLinear(n, width, maxChange int) int {
	if n == 0 {
		return 0
	}
	return 1 + n*(width-1)/maxChange
}

func statSummary(files, adds, dels int) string {
	s := fmt.Sprintf(" %d file%s changed", files, plural(files))
	if adds > 0 || dels == 0 {
		s += fmt.Sprintf(", %d insertion%s(+)", adds, plural(adds))
	}
	if dels > 0 || adds == 0 {
		s += fmt.Sprintf(", %d deletion%s(-)", dels, plural(dels))
	}
	return s
}

func plural(n int) string {
	if n == 1 {
		return ""
	}
	return "s"
}

func decimalWidth(n int) int {
	w := 1
	for ; n >= 10; n /= 10 {
		w++
	}
	return w
}

// blobSize is the size of blob h, 0 for the zero hash (a missing side).
func (r *Repo) blobSize(ctx context.Context, h Hash) (int, error) {
	if h.IsZero() {
		return 0, nil
	}
	b, err := r.ReadBlob(ctx, h, 0)
	if err != nil {
		return 0, err
	}
	return int(b.Size), nil
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
