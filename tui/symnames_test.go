package tui

import (
	"context"
	"fmt"
	"strings"
	"sync"
	"testing"

	tea "github.com/charmbracelet/bubbletea"

	"sightline/repo/search"
	"sightline/tui/keys"
	"sightline/tui/theme"
	"sightline/tui/tuitest"
)

// namesSource is a Symbols whose ctrl+t list is a large tree's: each
// name once. Run has three definitions (in the fixture's files), Solo one.
type namesSource struct {
	mu   sync.Mutex
	from []string // the files Definitions was asked to rank for
}

func (s *namesSource) Definitions(_ context.Context, name, from string) ([]SymbolHit, error) {
	s.mu.Lock()
	s.from = append(s.from, from)
	s.mu.Unlock()
	if name != "Run" {
		return nil, nil
	}
	return []SymbolHit{
		{Path: "src/server/main.go", Line: 3, Label: "src/server/main.go:3 function Run", Code: true},
		{Path: "src/server/auth.go", Line: 4, Label: "src/server/auth.go:4 constant Run", Code: true},
		{Path: "README.md", Line: 3, Label: "README.md:3 macro Run (candidate)"},
	}, nil
}

func (s *namesSource) References(context.Context, string) ([]SymbolHit, error) { return nil, nil }
func (s *namesSource) Outline(context.Context, string) ([]SymbolHit, error)    { return nil, nil }

func (s *namesSource) All(context.Context) (SymbolList, error) {
	l := SymbolList{ByName: true, Total: 1_000_000}
	for i := range 5000 {
		l.Names = append(l.Names, SymbolName{Name: fmt.Sprintf("gen_%04d", i), Count: 200})
	}
	l.Names = append(l.Names,
		SymbolName{Name: "Run", Count: 3},
		SymbolName{Name: "Solo", Count: 1, Kind: "constant", Path: "src/server/auth.go", Line: 4},
		SymbolName{Name: "evil\x1b]0;owned\x07", Count: 2})
	return l, nil
}

func namesModel(t *testing.T) (*namesSource, Model) {
	_, r, pin := fixture(t)
	src := &namesSource{}
	m := New(Deps{Repo: r, Search: search.New(r, t.TempDir()), Pin: pin, Styles: theme.PlainStyles(),
		Keys: keys.DefaultGlobal(), Symbols: src, Start: Position{Path: "docs/long.txt", Line: 1}})
	got := tuitest.RunModel(t, m, append(tuitest.Exec(t, m.Init()), tea.WindowSizeMsg{Width: 120, Height: 30})...)
	return src, got.(Model)
}

// ctrl+t on a large tree lists each name once: a name with one
// definition as its kind and place (enter jumps), a name with several as
// its count (enter opens gd's ranked list of them, ranked for the file
// open now; enter there jumps); A on a name says what to do.
func TestCtrlTListsNamesOnALargeTree(t *testing.T) {
	src, m0 := namesModel(t)
	m := press(t, m0, "ctrl+t")
	s := screen(m)
	if !strings.Contains(s, "1000000 definitions under 5003 names") || !strings.Contains(s, "/5003 symbols") ||
		!strings.Contains(s, "gen_0000  200 definitions") {
		t.Fatalf("ctrl+t on a large tree:\n%s", s)
	}
	if strings.Contains(m.View(), "\x1b]0;owned") {
		t.Fatal("a name's escape sequence reached the terminal")
	}
	m = typeText(t, m, "Solo")
	if s = screen(m); !strings.Contains(s, "> Solo  constant  src/server/auth.go:4") {
		t.Fatalf("ctrl+t Solo:\n%s", s)
	}
	m = press(t, m, "enter")
	if p := m.(Model).Position(); p.Path != "src/server/auth.go" || p.Line != 4 {
		t.Fatalf("enter on Solo went to %+v:\n%s", p, screen(m))
	}
	m = typeText(t, press(t, m, "ctrl+t"), "Run")
	if s = screen(m); !strings.Contains(s, "> Run  3 definitions") {
		t.Fatalf("ctrl+t Run:\n%s", s)
	}
	m = press(t, m, "tab", "A")
	if s = screen(m); !strings.Contains(s, "«Run»: it has several definitions; enter lists them") {
		t.Fatalf("A on a name with several definitions:\n%s", s)
	}
	m = press(t, m, "enter")
	s = screen(m)
	if !strings.Contains(s, "3 definitions of Run (same file, directory, language first)") ||
		!strings.Contains(s, "> src/server/main.go:3 function Run") || !strings.Contains(s, "README.md:3 macro Run (candidate)") {
		t.Fatalf("enter on Run did not open gd's list:\n%s", s)
	}
	if last := src.from[len(src.from)-1]; last != "src/server/auth.go" {
		t.Errorf("Run's definitions were ranked for %q, want the open file", last)
	}
	m = press(t, m, "down", "enter")
	if p := m.(Model).Position(); p.Path != "src/server/auth.go" || p.Line != 4 {
		t.Fatalf("enter in Run's list went to %+v", p)
	}
}
