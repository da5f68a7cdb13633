package statusbar

import (
	"strconv"
	"strings"
	"testing"

	"sightline/tui/theme"
	"sightline/tui/tuitest"
)

// The two bottom lines a user reads first, in the states they meet them,
// at two widths, as plain text (testdata/TestStatusBarGolden/*.golden;
// go test -update rewrites them). Repository text is hostile on purpose:
// the goldens show its visible markers.
func TestStatusBarGolden(t *testing.T) {
	states := []struct {
		name string
		st   Status
		msg  Message
	}{
		{"a file open", Status{Repo: "otaupd", Commit: "0123456789ab", Ref: "v1.1", Path: "src/update.c",
			Line: 90, Total: 117, Extra: "C", Help: "? help"}, Message{}},
		{"hostile path and error", Status{Repo: "otaupd", Commit: "0123456789ab", Ref: "main\x1b[8m",
			Path: "src/\x1b]0;owned\x07up\u202edate.c", Line: 7, Total: 9, Hostile: 6, Help: "? help"},
			Message{Err: "cannot read blob \x1b[2J0123abcd"}},
		{"damaged tree, searching", Status{Repo: "otaupd", Commit: "0123456789ab", Damaged: 2, Path: "vendor/",
			Help: "? help"}, Message{Info: "searching… 1200 files"}},
		{"go to line prompt", Status{Repo: "otaupd", Commit: "0123456789ab", Path: "a/very/long/directory/chain/that/goes/on/and/on/handler.go",
			Line: 1, Total: 4000, Hostile: 1, Extra: "Go · wrap", Help: "? help"}, Message{Prompt: ":12", Err: "hidden by the prompt"}},
	}
	for _, width := range []int{80, 120} {
		t.Run(strconv.Itoa(width), func(t *testing.T) {
			var b strings.Builder
			for _, s := range states {
				b.WriteString("-- " + s.name + " --\n")
				b.WriteString(View(s.st, s.msg, width, theme.PlainStyles()) + "\n")
			}
			tuitest.Golden(t, b.String())
		})
	}
}
