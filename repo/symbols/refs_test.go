package symbols

import (
	"testing"

	"sightline/repo"
)

// occLines cuts lines as the viewer does (repo.SplitLines, repo.TrimEOL):
// CR is content, the bytes after the last LF are the last line, and a
// line past the end has no text.
func TestOccLinesCutsLinesAsTheViewerDoes(t *testing.T) {
	for _, src := range []string{
		"", "x", "x\n", "\n", "\n\n", "a\r\nb\r\n", "a\nb", "a\n\nc\r", "\r", "one\ntwo\nthree\n",
	} {
		lines := repo.SplitLines([]byte(src))
		var occs []Occ
		for k := 1; k <= len(lines)+2; k++ {
			occs = append(occs, Occ{Name: "x", Line: k}, Occ{Name: "y", Line: k})
		}
		got := occLines([]byte(src), occs)
		for k := 1; k <= len(lines)+2; k++ {
			text, ok := got[k]
			switch {
			case k <= len(lines) && (!ok || text != string(repo.TrimEOL(lines[k-1]))):
				t.Errorf("%q line %d: %q (%v), want %q", src, k, text, ok, repo.TrimEOL(lines[k-1]))
			case k > len(lines) && ok:
				t.Errorf("%q line %d past the end: %q", src, k, text)
			}
		}
		if only := occLines([]byte(src), []Occ{{Line: 2}}); len(only) > 1 {
			t.Errorf("%q: kept %d lines for one occurrence", src, len(only))
		}
	}
}
