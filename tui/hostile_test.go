package tui

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/ansi"
	"github.com/muesli/termenv"

	"sightline/repo"
	"sightline/repo/repotest"
	"sightline/repo/repotest/pintest"
	"sightline/repo/search"
	"sightline/tui/keys"
	"sightline/tui/nav"
	"sightline/tui/theme"
	"sightline/tui/tuitest"
)

// hostileRepo opens the SECURITY-NOTES §3.4 fixture plus a third commit
// that changes hostile files and adds hostile names, so the Changes and
// History diffs carry hostile lines and paths too. base is the hostile
// first commit.
func hostileRepo(t *testing.T) (r *repo.Repo, pin, base repo.Pin) {
	t.Helper()
	rt := repotest.Hostile(t, repotest.HostileOptions{LongLine: true})
	first := rt.Commits[0]
	rt.Commit("third \x1b]0;retitled\x07 \x1b]52;c;"+"ZXZpbA=="+"\x07\r\x08 commit", rt.Edit(rt.Head(), repotest.Tree{
		"escapes.txt":                     {Content: repotest.HostileEscapes + "added \x1b]2;t\x07 \u202e line\n"},
		"trojan.c":                        {Content: repotest.HostileTrojan + "/* \u2067 more */\n"},
		"new\x1b]8;;x\x1b\\dir/f\u200b.c": {Content: "int \xd0\xb0 = 1; \x9b2J\n"},
		repotest.HostileEscName:           repotest.Delete,
	}))
	// The repository's name (its directory's) and the revision typed are
	// drawn too: both hostile here.
	link := filepath.Join(t.TempDir(), "vendor\x1b]0;owned\x07\u202e")
	if err := os.Symlink(rt.Dir, link); err != nil {
		t.Fatal(err)
	}
	r = pintest.Open(t, link)
	pin = pintest.Resolve(t, r, "HEAD")
	pin.Ref = "main\x1b]2;t\x07\u2066"
	return r, pin, pintest.Resolve(t, r, first.String())
}

// hostileWorkbench is the workbench on hostileRepo, 120×40, in true
// colour, so the output holds the SGR sequences a real terminal gets.
func hostileWorkbench(t *testing.T, r *repo.Repo, pin, base repo.Pin, rv Review) tea.Model {
	t.Helper()
	rd := lipgloss.NewRenderer(io.Discard)
	rd.SetColorProfile(termenv.TrueColor)
	rd.SetHasDarkBackground(true)
	m := New(Deps{Repo: r, Search: search.New(r, t.TempDir()), Pin: pin, Base: base, Styles: theme.NewStyles(theme.Default(), rd), Keys: keys.DefaultGlobal(), Review: rv})
	return tuitest.RunModel(t, m, append(tuitest.Exec(t, m.Init()), tea.WindowSizeMsg{Width: 120, Height: 40})...)
}

// checkInert fails the test when the screen could act on a terminal.
func checkInert(t *testing.T, step string, m tea.Model) {
	t.Helper()
	if err := tuitest.Inert(m.View(), false); err != nil {
		t.Errorf("%s: the screen is not inert: %v", step, err)
	}
}

// TestHostileTextNeverReachesTheScreen renders every view of the
// workbench over hostile content, names, commit messages and authors, and
// checks each frame holds no escape but lipgloss's SGR, no control byte,
// no C1, no invalid UTF-8 and no bidi or invisible character.
func TestHostileTextNeverReachesTheScreen(t *testing.T) {
	r, pin, base := hostileRepo(t)
	m := hostileWorkbench(t, r, pin, base, Review{})
	checkInert(t, "first screen", m)
	if s := ansi.Strip(m.View()); !strings.Contains(s, "vendor^[]0;owned^G<U+202E> @ ") || !strings.Contains(s, "(main^[]2;t^G<U+2066>)") {
		t.Errorf("the status line does not show the hostile repository name and revision as markers:\n%s", s)
	}

	// Files: every entry, and the code view's keys over it.
	var paths []string
	if err := r.WalkFiles(context.Background(), pin.Tree, func(e repo.Entry) error {
		paths = append(paths, e.Path)
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	for _, p := range paths {
		m = tuitest.RunModel(t, m, nav.OpenFileMsg{Path: p})
		checkInert(t, fmt.Sprintf("open %q", p), m)
		for _, k := range []string{"!", "$", "w", "w", "0", "x", "x", "V", "j", "esc"} {
			m = press(t, m, k)
			checkInert(t, fmt.Sprintf("open %q, key %s", p, k), m)
		}
	}
	m = tuitest.RunModel(t, m, nav.OpenFileMsg{Path: "escapes.txt"})
	m = press(t, m, "b")
	checkInert(t, "blame gutter", m)
	if s := ansi.Strip(m.View()); !strings.Contains(s, "Evil^[]0;pw") {
		t.Errorf("the blame gutter does not show the hostile author as markers:\n%s", s)
	}
	m = press(t, m, "b", "tab", "G", "l", "j", "l", "k", "tab")
	checkInert(t, "tree", m)
	m = tuitest.RunModel(t, m, nav.OpenFileMsg{Path: "no\x1b]0;such\x07\nfile"})
	checkInert(t, "opening a missing hostile path", m)
	m = tuitest.RunModel(t, m, nav.ErrorMsg{Err: errors.New("boom \x1b]52;c;ZXZpbA==\x07 \x9b2J \u202e")})
	checkInert(t, "error line", m)

	// Finder and repo search.
	m = press(t, m, "ctrl+p")
	m = typeText(t, m, "t")
	checkInert(t, "finder", m)
	m = press(t, m, "esc", "ctrl+f")
	m = typeText(t, m, "e")
	m = press(t, m, "enter")
	checkInert(t, "repo search", m)
	m = press(t, m, "down", "down", "down")
	checkInert(t, "repo search, moved", m)
	m = press(t, m, "esc", "?")
	checkInert(t, "help", m)
	m = press(t, m, "esc")

	// Changes: the file list and each file's diff, unified and side by side.
	m = press(t, m, "2")
	checkInert(t, "changes", m)
	m = press(t, m, "enter")
	for i := 0; i < 8; i++ {
		checkInert(t, "changes diff", m)
		m = typeText(t, m, "]f")
		if i == 3 {
			m = press(t, m, "s")
		}
	}

	// History: the range, then the full list (r), each commit's detail
	// and diff.
	m = press(t, m, "3")
	checkInert(t, "history base..pin", m)
	m = press(t, m, "r")
	for i := 0; i < 3; i++ {
		checkInert(t, "history", m)
		m = press(t, m, "enter")
		checkInert(t, "history diff", m)
		m = typeText(t, m, "]f")
		checkInert(t, "history diff, next file", m)
		m = press(t, m, "esc", "j")
	}
	if s := ansi.Strip(m.View()); !strings.Contains(s, "subject ^[]52;c;ZXZpbA==^G hidden") {
		t.Errorf("history does not show the hostile subject as markers:\n%s", s)
	}
}
