package diff

import (
	"strconv"
	"testing"

	"sightline/repo"
	"sightline/tui/internal/drive"
	"sightline/tui/tuitest"
)

// hostileChange is a Go file whose change hides a Trojan Source string (a
// right-to-left override and isolates), an ESC sequence that would clear
// the screen and an OSC 52 clipboard write.
func hostileChange() File {
	old := "package auth\n\nfunc check(user string) bool {\n\tif user == \"admin\" {\n\t\treturn true\n\t}\n\treturn false\n}\n"
	new := "package auth\n\nfunc check(user string) bool {\n" +
		"\tif user != \"admin\u202e \u2066// not admin\u2069 \u2066\" {\n" +
		"\t\treturn true // \x1b[2J\x1b[H cleared\n\t}\n" +
		"\tlog(\"\x1b]52;c;ZXZpbA==\x07\")\n\treturn false\n}\n"
	hunks := repo.DiffLines(repo.SplitLines([]byte(old)), repo.SplitLines([]byte(new)), DefaultContext)
	ch := repo.FileChange{Status: 'M', OldPath: "auth/check.go", NewPath: "auth/check.go", Added: 3, Removed: 2}
	return Prepare(ch, hunks, DefaultContext, asciiStyles())
}

// A diff as a reviewer first reads it, unified and side by side, at 80
// and 120 columns, as plain text (testdata/TestDiffGolden/*/*.golden; go
// test -update rewrites them): the hostile characters are drawn as
// visible markers and flagged ! in the gutter.
func TestDiffGolden(t *testing.T) {
	for _, mode := range []struct {
		name string
		keys []string
	}{{"unified", nil}, {"side by side", []string{"s"}}} {
		for _, width := range []int{80, 120} {
			t.Run(mode.name+"/"+strconv.Itoa(width), func(t *testing.T) {
				m := New(DefaultKeyMap(), asciiStyles())
				m.SetSize(width, 16)
				m.Focus()
				m.SetFile(hostileChange(), AnchorTop)
				m.SetPosition(0, 3)
				m, _ = drive.Keys(m, update, keep, mode.keys...)
				tuitest.Golden(t, m.View())
			})
		}
	}
}
