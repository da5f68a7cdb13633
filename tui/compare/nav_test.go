package compare

import (
	"strings"
	"testing"

	"sightline/tui/tuitest"
)

// Through the page, the Changes list moves with the shared keys: G to the
// last file, a lone g waits and gg goes to the first, ctrl+d half a page;
// each move shows the selected file's diff.
func TestPageListMovesWithTheSharedKeys(t *testing.T) {
	m := loaded(t) // six files: a.go bin.dat c.go d.md new.txt run.sh; 27 rows of list
	for _, s := range []struct {
		key  string
		want int
		file string
	}{
		{"G", 5, "run.sh"}, {"g", 5, "run.sh"}, {"g", 0, "a.go"}, {"j", 1, "bin.dat"},
		{"g", 1, "bin.dat"}, {"j", 2, "c.go"}, {"ctrl+d", 5, "run.sh"}, {"ctrl+u", 0, "a.go"},
		{"pgdown", 5, "run.sh"}, {"pgup", 0, "a.go"}, {"end", 5, "run.sh"}, {"home", 0, "a.go"},
	} {
		m = tuitest.Run(t, m, tuitest.Key(s.key))
		if got := m.List().Cursor(); got != s.want {
			t.Fatalf("%q: list cursor %d, want %d", s.key, got, s.want)
		}
		if f, ok := m.Diff().File(); !ok || !strings.Contains(f.Change.Path(), s.file) {
			t.Fatalf("%q: the diff shows %q, want %s", s.key, f.Change.Path(), s.file)
		}
	}
}
