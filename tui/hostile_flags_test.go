package tui

import (
	"context"
	"os/exec"
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/go-git/go-git/v5/plumbing/filemode"

	"sightline/repo"
	"sightline/repo/repotest"
	"sightline/repo/repotest/pintest"
	"sightline/tui/keys"
	"sightline/tui/nav"
	"sightline/tui/theme"
	"sightline/tui/tuitest"
)

// flagsBench is the workbench, 140×60 (the help fits unscrolled), on a
// repository with a homoglyph file, a Trojan Source file, a clean file,
// a file with a hostile name and a symlink out of the repository.
func flagsBench(t *testing.T) (tea.Model, *repotest.Repo, *repo.Repo, repo.Pin) {
	t.Helper()
	rt := repotest.New(t)
	rt.Commit("c", repotest.Tree{
		"homoglyph.js":       {Content: repotest.HostileHomoglyph},
		"trojan.c":           {Content: repotest.HostileTrojan},
		"clean.txt":          {Content: "nothing to see\n"},
		"bidi\u202etxt.exe":  {Content: "plain\n"},
		"esc\x1b[31mred.txt": {Content: "plain\n"},
		"outside_link":       {Content: "/etc/passwd", Mode: filemode.Symlink},
	})
	r, pin := pintest.Head(t, rt)
	m := New(Deps{Repo: r, Pin: pin, Styles: theme.PlainStyles(), Keys: keys.DefaultGlobal()})
	return tuitest.RunModel(t, m, append(tuitest.Exec(t, m.Init()), tea.WindowSizeMsg{Width: 140, Height: 60})...), rt, r, pin
}

// statusLine is the second-last line of the screen.
func statusLine(m tea.Model) string {
	lines := strings.Split(screen(m), "\n")
	return lines[len(lines)-2]
}

func TestEscapeNonASCIIToggleIsOnTheStatusLineAndInHelp(t *testing.T) {
	m, _, _, _ := flagsBench(t)
	m = tuitest.RunModel(t, m, nav.OpenFileMsg{Path: "homoglyph.js"})
	if s := screen(m); !strings.Contains(s, `var а = "cyrillic a"`) || strings.Contains(statusLine(m), "non-ASCII") {
		t.Fatalf("before u: want the letter as itself and no mode on the status line:\n%s", s)
	}
	m = press(t, m, "u")
	if s := screen(m); !strings.Contains(s, `var \u{0430} = "cyrillic a"`) {
		t.Errorf("u did not escape the homoglyph:\n%s", s)
	}
	if st := statusLine(m); !strings.Contains(st, `non-ASCII escaped \u{…} (u)`) {
		t.Errorf("the status line does not say the mode is on: %q", st)
	}
	m = press(t, m, "u")
	if strings.Contains(statusLine(m), "non-ASCII") || !strings.Contains(screen(m), `var а =`) {
		t.Errorf("u again did not turn the mode off:\n%s", screen(m))
	}
	m = press(t, m, "?")
	if s := screen(m); !strings.Contains(s, ` u    escape non-ASCII as \u{…}`) {
		t.Errorf("? help does not list u:\n%s", s)
	}
}

func TestTreeFlagsHostileNamesAndOpenedHostileContent(t *testing.T) {
	m, _, _, _ := flagsBench(t)
	s := screen(m)
	for _, want := range []string{"  !bidi<U+202E>txt.exe", "│   !esc^[[31mred.txt", "│ ⚠ outside_link → /etc/passwd"} {
		if !strings.Contains(s, want) {
			t.Errorf("tree lacks %q:\n%s", want, s)
		}
	}
	if strings.Contains(s, "hostile character") {
		t.Fatalf("content flagged before any file was opened:\n%s", s)
	}
	m = tuitest.RunModel(t, m, nav.OpenFileMsg{Path: "trojan.c"})
	m = tuitest.RunModel(t, m, nav.OpenFileMsg{Path: "clean.txt"})
	s = screen(m)
	if !strings.Contains(s, "│ ⚠ trojan.c [6 hostile characters]") {
		t.Errorf("opened trojan.c is not flagged in the tree:\n%s", s)
	}
	for _, name := range []string{"clean.txt", "homoglyph.js"} {
		for _, l := range strings.Split(s, "\n") {
			if strings.Contains(l, name) && strings.Contains(l, "hostile character") {
				t.Errorf("%s flagged (clean, or never opened): %q", name, l)
			}
		}
	}
	m = tuitest.RunModel(t, m, nav.OpenFileMsg{Path: "homoglyph.js"})
	if s := screen(m); !strings.Contains(s, "⚠ homoglyph.js [6 hostile characters]") {
		t.Errorf("opened homoglyph.js is not flagged:\n%s", s)
	}
}

func TestStatusLineShowsTheBlobIDOfTextFiles(t *testing.T) {
	m, rt, r, pin := flagsBench(t)
	_, gitErr := exec.LookPath("git")
	for _, path := range []string{"clean.txt", "trojan.c", "outside_link"} {
		m = tuitest.RunModel(t, m, nav.OpenFileMsg{Path: path})
		e, err := r.Lookup(context.Background(), pin.Tree, path)
		if err != nil {
			t.Fatal(err)
		}
		want := "blob " + e.Hash.Short()
		if st := statusLine(m); !strings.Contains(st, want) {
			t.Errorf("%s: the status line lacks %q: %q", path, want, st)
		}
		if gitErr != nil {
			continue
		}
		// The id shown is git's id for that path at the pin.
		out, err := exec.Command("git", "-C", rt.Dir, "rev-parse", "HEAD:"+path).Output()
		if err != nil {
			t.Fatal(err)
		}
		if got := strings.TrimSpace(string(out)); !strings.HasPrefix(got, e.Hash.Short()) {
			t.Errorf("%s: shown %s, git says %s", path, e.Hash.Short(), got)
		}
	}
}
