package diff

import (
	"testing"

	"sightline/repo"
	"sightline/tui/tuitest"
)

// space, b and ctrl+b page as less does; ctrl+e and ctrl+y move the rows
// a line under the cursor, which moves only when it would leave the
// screen.
func TestDiffPageAndLineScrollKeys(t *testing.T) {
	old := numbered(60, nil)
	new := numbered(60, map[int]string{30: "changed\n"})
	hunks := repo.DiffLines(repo.SplitLines(old), repo.SplitLines(new), 100)
	f := Prepare(repo.FileChange{Status: 'M', OldPath: "a.txt", NewPath: "a.txt", Added: 1, Removed: 1}, hunks, 100, asciiStyles())
	m := New(DefaultKeyMap(), asciiStyles())
	m.SetSize(100, 12) // 11 rows below the header
	m.Focus()
	m.SetFile(f, AnchorTop)
	m.cursor, m.top = 0, 0
	press := func(names ...string) {
		t.Helper()
		for _, n := range names {
			m, _ = m.Update(tuitest.Key(n))
		}
	}
	for _, c := range []struct {
		keys        []string
		cursor, top int
	}{
		{[]string{" "}, 11, 1},
		{[]string{"b"}, 0, 0},
		{[]string{" ", "ctrl+b"}, 0, 0},
		{[]string{"ctrl+e"}, 1, 1},
		{[]string{"j", "j", "j", "ctrl+e"}, 4, 2},
		{[]string{"ctrl+y", "ctrl+y", "ctrl+y"}, 4, 0},
		{[]string{"j", "j", "j", "j", "j", "j", "ctrl+e", "ctrl+e"}, 10, 2},
		{[]string{"ctrl+y", "ctrl+y"}, 10, 0},
		{[]string{"G", "ctrl+e"}, len(m.rows) - 1, len(m.rows) - 11},
		{[]string{"ctrl+y"}, len(m.rows) - 2, len(m.rows) - 12},
	} {
		press(c.keys...)
		if m.cursor != c.cursor || m.top != c.top {
			t.Fatalf("%q: cursor row %d, top %d; want %d, %d", c.keys, m.cursor, m.top, c.cursor, c.top)
		}
	}
}
