package symbols

import "bytes"

// Ref is an occurrence in a file.
type Ref struct {
	Path string
	Occ
	// Text is the occurrence's line without its LF, when the build kept
	// it (Options.KeepText).
	Text string
}

// Refs returns the kept occurrences of name: those in code first, then
// those in comments and strings, each group in path and line order.
func (ix *Index) Refs(name string) []Ref {
	var code, other []Ref
	for _, f := range ix.Files {
		for _, o := range f.Occs {
			if o.Name != name {
				continue
			}
			r := Ref{f.Path, o, f.Lines[o.Line]}
			if o.In == Code {
				code = append(code, r)
			} else {
				other = append(other, r)
			}
		}
	}
	return append(code, other...)
}

// At returns the identifier occurrence that covers line:col of a tagged
// file's occurrences.
func At(f File, line, col int) (Occ, bool) {
	for _, o := range f.Occs {
		if o.Line == line && col >= o.Col && col < o.Col+len(o.Name) {
			return o, true
		}
	}
	return Occ{}, false
}

// occLines returns the text of the lines of data that hold occs, by line
// number, cut as repo.SplitLines and repo.TrimEOL cut them (a line ends
// at LF, which is dropped; CR is content; bytes after the last LF are the
// last line). Only these lines are kept, each once, so a refs over many
// files holds a line per occurrence rather than every file whole.
func occLines(data []byte, occs []Occ) map[int]string {
	if len(occs) == 0 {
		return nil
	}
	want := make(map[int]bool, len(occs))
	last := 0
	for _, o := range occs {
		want[o.Line] = true
		last = max(last, o.Line)
	}
	out := make(map[int]string, len(want))
	for line := 1; line <= last && len(data) > 0; line++ {
		end := bytes.IndexByte(data, '\n')
		next := end + 1
		if end < 0 {
			end, next = len(data), len(data)
		}
		if want[line] {
			out[line] = string(data[:end])
		}
		data = data[next:]
	}
	return out
}
