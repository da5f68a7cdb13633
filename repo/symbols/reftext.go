package symbols

import "bytes"

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
