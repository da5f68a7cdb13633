package tui

import (
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"

	"sightline/repo"
	"sightline/repo/repotest"
	"sightline/repo/repotest/pintest"
	"sightline/repo/search"
	"sightline/tui/keys"
	"sightline/tui/theme"
	"sightline/tui/tuitest"
)

func fixture(t testing.TB) (*repotest.Repo, *repo.Repo, repo.Pin) {
	t.Helper()
	rt := repotest.New(t)
	var long strings.Builder
	for i := 1; i <= 300; i++ {
		long.WriteString("line ")
		long.WriteString(strings.Repeat("=", i%7))
		if i == 123 {
			long.WriteString(" SECRET_TOKEN")
		}
		long.WriteString("\n")
	}
	rt.Commit("first", repotest.Tree{
		"README.md":            {Content: "# demo\n\nhello\n"},
		"src/server/main.go":   {Content: "package main\n\nfunc main() {\n\tcheckPassword()\n}\n"},
		"src/server/auth.go":   {Content: "package main\n\n// SECRET_TOKEN is a back door.\nconst SECRET_TOKEN = \"x\"\n"},
		"docs/long.txt":        {Content: long.String()},
		"esc\x1b]0;owned\x07x": {Content: "title attack\n"},
	})
	r, pin := pintest.Head(t, rt)
	return rt, r, pin
}

// start builds the root model at 100×30 and runs its start-up work.
func start(t testing.TB, r *repo.Repo, pin repo.Pin) tea.Model {
	t.Helper()
	m := New(Deps{Repo: r, Search: search.New(r, t.TempDir()), Pin: pin, Styles: theme.PlainStyles(), Keys: keys.DefaultGlobal()})
	return tuitest.RunModel(t, m, append(tuitest.Exec(t, m.Init()), tea.WindowSizeMsg{Width: 100, Height: 30})...)
}

func press(t testing.TB, m tea.Model, names ...string) tea.Model {
	t.Helper()
	for _, n := range names {
		m = tuitest.RunModel(t, m, tuitest.Key(n))
	}
	return m
}

func typeText(t testing.TB, m tea.Model, s string) tea.Model {
	t.Helper()
	for _, k := range tuitest.Type(s) {
		m = tuitest.RunModel(t, m, k)
	}
	return m
}

func screen(m tea.Model) string { return tuitest.Screen(m.View()) }

func TestFirstScreen(t *testing.T) {
	_, r, pin := fixture(t)
	m := start(t, r, pin)
	s := screen(m)
	lines := strings.Split(s, "\n")
	if len(lines) != 30 {
		t.Fatalf("screen has %d lines, want 30", len(lines))
	}
	if !strings.Contains(lines[0], "1 Files") {
		t.Errorf("tab line %q lacks 1 Files", lines[0])
	}
	for _, want := range []string{"README.md", "▸ docs/", "▸ src/", "esc^[]0;owned^Gx", "No file open"} {
		if !strings.Contains(s, want) {
			t.Errorf("first screen lacks %q:\n%s", want, s)
		}
	}
	status := lines[28]
	if !strings.Contains(status, pin.Commit.Short()) || !strings.Contains(status, "(HEAD)") || !strings.Contains(status, "? help") {
		t.Errorf("status line %q lacks the pin or the help hint", status)
	}
	if strings.ContainsRune(m.View(), 0x1b) || strings.ContainsRune(m.View(), 0x07) {
		t.Error("a raw escape or BEL from a file name reached the screen")
	}
}

func TestOpenFromTreeGotoAndSearch(t *testing.T) {
	_, r, pin := fixture(t)
	m := press(t, start(t, r, pin), "j", "l", "j", "enter") // docs/ → long.txt
	s := screen(m)
	if !strings.Contains(s, "  1 line") || !strings.Contains(s, "docs/long.txt │ 1/300") {
		t.Fatalf("enter did not open docs/long.txt:\n%s", s)
	}
	m = press(t, m, ":")
	m = typeText(t, m, "250")
	if !strings.Contains(screen(m), ":250") {
		t.Fatalf("the goto prompt is not shown:\n%s", screen(m))
	}
	m = press(t, m, "enter")
	if !strings.Contains(screen(m), "│ 250/300") {
		t.Fatalf(":250 did not go to line 250:\n%s", screen(m))
	}
	m = press(t, m, ":")
	m = typeText(t, m, "abc")
	m = press(t, m, "enter")
	if !strings.Contains(screen(m), `not a line number: "abc"`) {
		t.Fatalf("a bad line number gave no message:\n%s", screen(m))
	}
	m = press(t, m, "g", "g", "/")
	m = typeText(t, m, "secret")
	s = screen(m)
	if !strings.Contains(s, "/secret: 1/1 matches") || !strings.Contains(s, "│ 123/300") {
		t.Fatalf("incremental search did not find line 123:\n%s", s)
	}
	m = press(t, m, "enter", "G", "n")
	if !strings.Contains(screen(m), "│ 123/300") {
		t.Fatalf("n after the prompt closed did not go back to the match:\n%s", screen(m))
	}
}

func TestFocusAndWrapKeys(t *testing.T) {
	_, r, pin := fixture(t)
	m := press(t, start(t, r, pin), "enter") // README.md
	m = press(t, m, "tab", "j")              // back in the tree: j moves the tree cursor
	if !strings.Contains(screen(m), "›▸ docs/") {
		t.Fatalf("tab did not give focus back to the tree:\n%s", screen(m))
	}
	m = press(t, m, "shift+tab", "w")
	if !strings.Contains(screen(m), "wrap") {
		t.Fatalf("w in the code view did not turn wrap on:\n%s", screen(m))
	}
}

func TestFinderOpensChosenFile(t *testing.T) {
	_, r, pin := fixture(t)
	m := press(t, start(t, r, pin), "ctrl+p")
	m = typeText(t, m, "auth")
	s := screen(m)
	if !strings.Contains(s, "find: auth") || !strings.Contains(s, "1/5 files") || !strings.Contains(s, "src/server/auth.go") {
		t.Fatalf("finder after typing auth:\n%s", s)
	}
	m = press(t, m, "enter")
	s = screen(m)
	if !strings.Contains(s, "const SECRET_TOKEN") || !strings.Contains(s, "src/server/auth.go │ 1/4") {
		t.Fatalf("enter in the finder did not open auth.go:\n%s", s)
	}
	if !strings.Contains(s, "›      auth.go") {
		t.Fatalf("the tree did not reveal the opened file:\n%s", s)
	}
	m = press(t, m, "ctrl+p", "esc")
	if strings.Contains(screen(m), "find:") {
		t.Fatal("esc did not close the finder")
	}
}

func TestRepoSearchStreamsAndOpensAtLine(t *testing.T) {
	_, r, pin := fixture(t)
	m := press(t, start(t, r, pin), "ctrl+f")
	m = typeText(t, m, "SECRET_[A-Z]+")
	m = press(t, m, "enter")
	s := screen(m)
	for _, want := range []string{"3 matches in 2 files", "docs/long.txt:123: line", "src/server/auth.go:3: // SECRET_TOKEN", "src/server/auth.go:4: const"} {
		if !strings.Contains(s, want) {
			t.Fatalf("search results lack %q:\n%s", want, s)
		}
	}
	m = press(t, m, "down", "down", "enter")
	if s := screen(m); !strings.Contains(s, "src/server/auth.go │ 4/4") {
		t.Fatalf("enter on a result did not open auth.go at line 4:\n%s", s)
	}
	m = press(t, m, "ctrl+f", "backspace", "backspace", "backspace", "backspace", "backspace", "backspace")
	m = typeText(t, m, "(")
	m = press(t, m, "enter")
	if !strings.Contains(screen(m), "not a Go regular expression") {
		t.Fatalf("a bad pattern gave no message:\n%s", screen(m))
	}
	m = press(t, m, "esc")
	if strings.Contains(screen(m), "search (Go regexp)") {
		t.Fatal("esc did not close the search")
	}
}

func TestHelpOverlayListsKeysAndQuit(t *testing.T) {
	_, r, pin := fixture(t)
	m := press(t, start(t, r, pin), "?")
	s := screen(m)
	for _, want := range []string{"ctrl+p", "find file", "ctrl+f", "search all files", ":N", "go to line N", "gg", "wrap", "select lines", "quit"} {
		if !strings.Contains(s, want) {
			t.Errorf("help lacks %q:\n%s", want, s)
		}
	}
	m = press(t, m, "esc")
	if strings.Contains(screen(m), "find file") {
		t.Fatal("esc did not close help")
	}
	m = press(t, m, "2")
	if !strings.Contains(screen(m), "press B on a commit in 3 History, or start with --base REV") {
		t.Errorf("2 without a Changes view should say how to get one:\n%s", screen(m))
	}
	_, cmd := m.Update(tuitest.Key("q"))
	if !tuitest.Quits(cmd) {
		t.Error("q does not quit")
	}
	_, cmd = m.Update(tuitest.Key("ctrl+c"))
	if !tuitest.Quits(cmd) {
		t.Error("ctrl+c does not quit")
	}
}

func TestOpenFileMsgFromAnotherView(t *testing.T) {
	_, r, pin := fixture(t)
	m := tuitest.RunModel(t, start(t, r, pin), OpenFileMsg{Path: "docs/long.txt", Line: 200})
	if s := screen(m); !strings.Contains(s, "docs/long.txt │ 200/300") {
		t.Fatalf("OpenFileMsg did not open the file at line 200:\n%s", s)
	}
	m = tuitest.RunModel(t, m, OpenFileMsg{Path: "no/such/file", Line: 1})
	if s := screen(m); !strings.Contains(s, "⚠") || !strings.Contains(s, "no such path") {
		t.Fatalf("opening a missing path gave no error line:\n%s", s)
	}
}

func TestHelpScrollsOnASmallTerminal(t *testing.T) {
	_, r, pin := fixture(t)
	m := tuitest.RunModel(t, start(t, r, pin), tea.WindowSizeMsg{Width: 80, Height: 24})
	m = press(t, m, "?")
	s := screen(m)
	if !strings.Contains(s, "j/k scroll") || strings.Contains(s, "next hostile character") {
		t.Fatalf("an 80×24 help should show its first keys and say how to scroll:\n%s", s)
	}
	for i := 0; i < 60; i++ {
		m = press(t, m, "j")
	}
	s = screen(m)
	if !strings.Contains(s, "next hostile character") || !strings.Contains(s, "binary: hex / text") {
		t.Errorf("j did not scroll the help to its last keys:\n%s", s)
	}
	if n := len(strings.Split(s, "\n")); n != 24 {
		t.Errorf("the screen has %d lines, want 24:\n%s", n, s)
	}
	for _, row := range strings.Split(s, "\n") {
		if strings.HasPrefix(strings.TrimSpace(row), "│") && !strings.HasSuffix(strings.TrimSpace(row), "│") {
			t.Errorf("a help row lost the box's right border: %q", row)
		}
	}
	m = press(t, m, "k")
	if s2 := screen(m); s2 == s {
		t.Errorf("k right after scrolling to the end did not scroll back:\n%s", s2)
	}
	m = press(t, m, "esc", "?")
	if s := screen(m); !strings.Contains(s, "Global") {
		t.Errorf("reopened help does not start at the top:\n%s", s)
	}
}

// History takes : itself since issue 12.7 (a hash prefix or a position):
// the digits typed after it go into its prompt, not to the tab keys.
func TestGotoInHistoryTakesItsOwnPrompt(t *testing.T) {
	_, r := historyFixture(t)
	m := press(t, startAt(t, r, "HEAD~2"), "3", ":", "5", "1")
	if s := screen(m); !strings.Contains(s, "3 History") || !strings.Contains(s, ":51") || strings.Contains(s, "No file open") {
		t.Errorf(": then 51 in the History view should type into its prompt:\n%s", s)
	}
	m = press(t, m, "enter")
	if s := screen(m); !strings.Contains(s, ":51 is past the last") {
		t.Errorf(":51 past the last commit said nothing:\n%s", s)
	}
}
