package diff

// rowKind says what a display row holds.
type rowKind uint8

const (
	rowHunk rowKind = iota // a hunk separator
	rowLine                // one diff line (unified) or a pair (side by side)
	rowNote                // a note for a file without hunks
)

// row is one display row. In unified mode l indexes the hunk's line and r
// is unused; side by side, l is the old side's line and r the new side's,
// either -1 for a blank half.
type row struct {
	kind rowKind
	hunk int
	l, r int
}

// unifiedRows lays hunks out one diff line per row, each hunk after its
// separator.
func unifiedRows(f File) []row {
	var rows []row
	for hi, h := range f.Hunks {
		rows = append(rows, row{kind: rowHunk, hunk: hi, l: -1, r: -1})
		for i := range h.Lines {
			rows = append(rows, row{kind: rowLine, hunk: hi, l: i, r: -1})
		}
	}
	return rows
}

// splitRows lays hunks out side by side: a context line fills both halves;
// in a change block the i-th removed line faces the i-th added one, and
// the longer side runs on against blanks.
func splitRows(f File) []row {
	var rows []row
	for hi, h := range f.Hunks {
		rows = append(rows, row{kind: rowHunk, hunk: hi, l: -1, r: -1})
		for i := 0; i < len(h.Lines); {
			if h.Lines[i].Kind == ' ' {
				rows = append(rows, row{kind: rowLine, hunk: hi, l: i, r: i})
				i++
				continue
			}
			var rem, add []int
			for i < len(h.Lines) && h.Lines[i].Kind == '-' {
				rem = append(rem, i)
				i++
			}
			for i < len(h.Lines) && h.Lines[i].Kind == '+' {
				add = append(add, i)
				i++
			}
			for k := 0; k < max(len(rem), len(add)); k++ {
				r := row{kind: rowLine, hunk: hi, l: -1, r: -1}
				if k < len(rem) {
					r.l = rem[k]
				}
				if k < len(add) {
					r.r = add[k]
				}
				rows = append(rows, r)
			}
		}
	}
	return rows
}
