package finder

import (
	"io"
	"regexp"
	"strings"
	"testing"

	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/ansi"
	"github.com/muesli/termenv"

	"sightline/tui/theme"
	"sightline/tui/tuitest"
)

// styledRun finds the text the finder drew in the (only) coloured style.
var styledRun = regexp.MustCompile("\x1b\\[[0-9;]*m([^\x1b]+)\x1b\\[0m")

func TestLongPathKeepsFileNameAndHighlights(t *testing.T) {
	s := theme.PlainStyles()
	r := lipgloss.NewRenderer(io.Discard)
	r.SetColorProfile(termenv.ANSI)
	s.ListMatch = r.NewStyle().Underline(true) // the only style that draws codes
	long := "vendor/very/long/directory/tree/that/goes/on/internal/auth/token.go"
	m := New(s, DefaultKeyMap())
	m.SetSize(30, 6)
	m = tuitest.Run(t, m, tuitest.Exec(t, m.Open())...)
	m = tuitest.Run(t, m, tuitest.Exec(t, m.SetPaths([]string{"README.md", long}, nil))...)
	// "v" matches the cut-off start, "token" the visible file name.
	for _, k := range tuitest.Type("vtoken") {
		m = tuitest.Run(t, m, k)
	}
	lines := strings.Split(m.View(), "\n")
	if len(lines) != 4 {
		t.Fatalf("want input, count, one result and the key hint, got:\n%s", tuitest.Screen(m.View()))
	}
	row := lines[2]
	plain := ansi.Strip(row)
	if !strings.HasPrefix(plain, "> …") || !strings.HasSuffix(plain, "/auth/token.go") || ansi.StringWidth(row) != 30 {
		t.Fatalf("row %q: want \"> …\" then the path's end (…/auth/token.go) in 30 columns", plain)
	}
	// The highlighted characters are exactly the matched ones still shown.
	shown := len(long) - len(strings.TrimPrefix(plain, "> …"))
	var want []byte
	for _, p := range m.Results()[0].Pos {
		if p >= shown {
			want = append(want, long[p])
		}
	}
	var lit []string
	for _, sm := range styledRun.FindAllStringSubmatch(row, -1) {
		lit = append(lit, sm[1])
	}
	if got := strings.Join(lit, ""); got != string(want) || !strings.HasSuffix(got, "ken") {
		t.Errorf("highlighted %q after the cut, want %q (row %q)", got, want, row)
	}
}
