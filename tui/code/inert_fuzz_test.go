package code

import (
	"io"
	"strings"
	"testing"

	"github.com/charmbracelet/lipgloss"
	"github.com/muesli/termenv"

	"sightline/repo/repotest"
	"sightline/repo/repotest/pintest"
	"sightline/tui/theme"
	"sightline/tui/tuitest"
)

// FuzzCodeViewIsInert stores arbitrary content as a file, opens it in the
// code view (highlighted in true colour, searched, scrolled, wrapped, as
// hex and as text, with non-ASCII escaped) and checks every frame could
// only draw on a terminal.
// The seeds, run as ordinary tests, are the §3.4 hostile files.
func FuzzCodeViewIsInert(f *testing.F) {
	for _, s := range []string{
		repotest.HostileEscapes, repotest.HostileTrojan, repotest.HostileEarlyReturn, repotest.HostileHomoglyph,
		repotest.HostileBadUTF8, repotest.HostileNUL, repotest.HostileNULSource,
		"\ufeff\t\x1b[\u202e" + strings.Repeat("é\x9b\u200b", 2000) + "\n\x00\r\n",
		"/* \u2067 */ \"\x1b]0;x\x07\" // \xd0\xb0\n",
	} {
		f.Add(s, "e", uint8(0))
		f.Add(s, "O", uint8(1))
	}
	rd := lipgloss.NewRenderer(io.Discard)
	rd.SetColorProfile(termenv.TrueColor)
	styles := theme.NewStyles(theme.Default(), rd)
	names := []string{"f.c", "f.txt", "f.js", "f.md"}
	f.Fuzz(func(t *testing.T, content, query string, pick uint8) {
		name := names[int(pick)%len(names)]
		rt := repotest.New(t)
		rt.Commit("c", repotest.Tree{name: {Content: content}})
		r, pin := pintest.Head(t, rt)
		m := New(r, pin.Tree, styles, DefaultKeyMap())
		m.SetSize(40, 10)
		m.Focus()
		m = tuitest.Run(t, m, tuitest.Exec(t, m.Open(name, 0))...)
		check := func(step string) {
			t.Helper()
			if err := tuitest.Inert(m.View(), false); err != nil {
				t.Fatalf("%s %q, %s: %v", name, content, step, err)
			}
		}
		check("opened")
		m = tuitest.Run(t, m, tuitest.Exec(t, m.SetSearch(query))...)
		check("searched")
		for _, k := range []string{"n", "l", "$", "!", "V", "j", "w", "G", "x", "x", "w", "0", "u", "$", "n", "w", "g", "g", "u"} {
			m = tuitest.Run(t, m, tuitest.Key(k))
			check("key " + k)
		}
	})
}
