package tui

import (
	"context"
	"fmt"
	"io"
	"regexp"
	"strings"
	"sync"
	"testing"
	"unicode/utf8"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
	"github.com/muesli/termenv"

	"sightline/repo/repotest"
	"sightline/repo/repotest/pintest"
	"sightline/repo/search"
	"sightline/tui/keys"
	"sightline/tui/theme"
	"sightline/tui/tuitest"
)

// colTree: calls in a.c; helper is defined after a tab in b.c, other
// after a bidi override in c.c (its byte column is not its drawn one),
// local_fn further down a.c itself.
var colTree = repotest.Tree{
	"a.c": {Content: "int main(void) {\n\tr = helper(1);\n\tother(2);\n\tr = local_fn(3);\n}\n" +
		"static int local_fn(int z) { return z; }\n"},
	"b.c": {Content: "/* b */\n\tint helper(int x) { return x; }\n"},
	"c.c": {Content: "/* c */\nint /*\u202e*/ other(int y) { return y; }\n"},
}

// colSource answers gd from colTree, each definition at its name's byte
// column from 1 as the symbol index gives it; it records each name asked.
type colSource struct {
	mu    sync.Mutex
	asked []string
}

// colHit is name's place on line of path in colTree, at its byte column
// from 1 as the symbol index gives it.
func colHit(path string, line int, name string) SymbolHit {
	text := strings.Split(colTree[path].Content, "\n")[line-1]
	col := strings.Index(text, name+"(") + 1
	return SymbolHit{Path: path, Line: line, Col: col, Code: true, Name: name, Kind: "function",
		Label: fmt.Sprintf("%s:%d function %s", path, line, name), In: "code", Text: strings.TrimSpace(text)}
}

func (s *colSource) Definitions(_ context.Context, name, _ string) ([]SymbolHit, error) {
	s.mu.Lock()
	s.asked = append(s.asked, name)
	s.mu.Unlock()
	switch name {
	case "helper":
		return []SymbolHit{colHit("b.c", 2, name)}, nil
	case "other":
		return []SymbolHit{colHit("c.c", 2, name)}, nil
	case "local_fn":
		return []SymbolHit{colHit("a.c", 6, name)}, nil
	}
	return nil, nil
}

func (s *colSource) References(_ context.Context, name string) ([]SymbolHit, error) {
	if name != "other" {
		return nil, nil
	}
	call := colHit("a.c", 3, name)
	call.Call, call.Func = true, "main"
	return []SymbolHit{call, colHit("c.c", 2, name)}, nil
}

func (s *colSource) Outline(_ context.Context, path string) ([]SymbolHit, error) {
	if path != "c.c" {
		return nil, nil
	}
	return []SymbolHit{colHit("c.c", 2, "other")}, nil
}

func (s *colSource) All(context.Context) (SymbolList, error) {
	return SymbolList{Defs: []SymbolHit{colHit("a.c", 6, "local_fn"), colHit("b.c", 2, "helper"), colHit("c.c", 2, "other")}}, nil
}

func (s *colSource) last() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	if len(s.asked) == 0 {
		return ""
	}
	return s.asked[len(s.asked)-1]
}

// colModel opens the workbench on a.c at line, drawn in colour so that
// the column cursor (reverse video) can be seen.
func colModel(t *testing.T, line int) (*colSource, tea.Model) {
	t.Helper()
	rt := repotest.New(t)
	rt.Commit("c", colTree)
	r, pin := pintest.Head(t, rt)
	ren := lipgloss.NewRenderer(io.Discard)
	ren.SetColorProfile(termenv.ANSI)
	src := &colSource{}
	m := New(Deps{Repo: r, Search: search.New(r, t.TempDir()), Pin: pin, Styles: theme.NewStyles(theme.Default(), ren),
		Keys: keys.DefaultGlobal(), Symbols: src, Start: Position{Path: "a.c", Line: line}})
	return src, tuitest.RunModel(t, m, append(tuitest.Exec(t, m.Init()), tea.WindowSizeMsg{Width: 120, Height: 30})...)
}

var (
	sgrAt  = regexp.MustCompile(`^\x1b\[([0-9;]*)m`)
	sgrAll = regexp.MustCompile(`\x1b\[[0-9;]*m`)
)

// plain is the screen without its colours.
func plain(m tea.Model) string { return tuitest.Screen(sgrAll.ReplaceAllString(m.View(), "")) }

// cursorWord is what the view draws in reverse video on the row holding
// text, hostile characters' markers (also reversed) left out: the word
// under the column cursor.
func cursorWord(t *testing.T, m tea.Model, text string) string {
	t.Helper()
	for _, row := range strings.Split(m.View(), "\n") {
		if !strings.Contains(sgrAll.ReplaceAllString(row, ""), text) {
			continue
		}
		var runs []string
		var b strings.Builder
		rev := false
		for i := 0; i <= len(row); {
			g := sgrAt.FindStringSubmatch(row[i:])
			if g != nil || i == len(row) {
				if r := strings.TrimSpace(b.String()); r != "" && !marker.MatchString(r) {
					runs = append(runs, r)
				}
				b.Reset()
				if g == nil {
					break
				}
				rev = strings.Contains(";"+g[1]+";", ";7;")
				i += len(g[0])
				continue
			}
			r, n := utf8.DecodeRuneInString(row[i:])
			if rev {
				b.WriteRune(r)
			}
			i += n
		}
		return strings.Join(runs, "")
	}
	t.Fatalf("no row shows %q:\n%s", text, plain(m))
	return ""
}

var marker = regexp.MustCompile(`^<U\+[0-9A-F]+>$`)

// gd lands with the column cursor on the definition's name, through the
// tab before it in b.c and the bidi override (drawn as a wide marker)
// before it in c.c, so that a second gd right there follows the name.
func TestGdLandsOnTheDefinitionsColumn(t *testing.T) {
	src, m := colModel(t, 2)
	m = press(t, m, "W", "g", "d")
	if p := m.(Model).Position(); p.Path != "b.c" || p.Line != 2 {
		t.Fatalf("gd on helper went to %+v:\n%s", p, plain(m))
	}
	if w := cursorWord(t, m, "int helper(int x)"); w != "helper" {
		t.Errorf("after gd the cursor is on %q, want helper (after the tab)", w)
	}
	if m = press(t, m, "g", "d"); src.last() != "helper" || strings.Contains(plain(m), "no definition") {
		t.Errorf("gd again right there asked for %q:\n%s", src.last(), plain(m))
	}
	// Back past both jumps to a.c, then down onto the call to other.
	m = press(t, m, "ctrl+o", "ctrl+o", "j", "g", "d")
	if p := m.(Model).Position(); p.Path != "c.c" || p.Line != 2 {
		t.Fatalf("gd on other went to %+v:\n%s", p, plain(m))
	}
	if w := cursorWord(t, m, "other(int y)"); w != "other" {
		t.Errorf("after gd past a bidi override the cursor is on %q, want other", w)
	}
	if m = press(t, m, "g", "d"); src.last() != "other" {
		t.Errorf("gd again right there asked for %q, want other:\n%s", src.last(), plain(m))
	}
}

// ctrl+o returns to the column the reviewer left, also in the same file
// (where the file is not reloaded), and ctrl+n to the name gd landed on.
func TestCtrlOReturnsToTheColumnLeft(t *testing.T) {
	_, m := colModel(t, 4)
	m = press(t, m, "W")
	if w := cursorWord(t, m, "r = local_fn(3);"); w != "local_fn" {
		t.Fatalf("W on line 4: the cursor is on %q", w)
	}
	m = press(t, m, "g", "d")
	if p := m.(Model).Position(); p.Path != "a.c" || p.Line != 6 {
		t.Fatalf("gd on local_fn went to %+v:\n%s", p, plain(m))
	}
	if w := cursorWord(t, m, "static int local_fn"); w != "local_fn" {
		t.Errorf("gd in the same file: the cursor is on %q, want local_fn", w)
	}
	m = press(t, m, "ctrl+o")
	if p := m.(Model).Position(); p.Line != 4 {
		t.Fatalf("ctrl+o went to %+v", p)
	}
	if w := cursorWord(t, m, "r = local_fn(3);"); w != "local_fn" {
		t.Errorf("ctrl+o: the cursor is on %q, want local_fn where it was left", w)
	}
	m = press(t, m, "ctrl+n")
	if w := cursorWord(t, m, "static int local_fn"); w != "local_fn" {
		t.Errorf("ctrl+n: the cursor is on %q, want local_fn", w)
	}
}

// enter in gr's list, o's outline and ctrl+t's finder lands on the name
// too: other past the bidi override (gr, then o from another line of the
// same file), helper past the tab (ctrl+t).
func TestListJumpsLandOnTheName(t *testing.T) {
	_, m := colModel(t, 3)
	m = press(t, m, "g", "r")
	if s := plain(m); !strings.Contains(s, "> 3:2 called from main(): other(2);") {
		t.Fatalf("gr on other:\n%s", s)
	}
	m = press(t, m, "down", "down", "enter")
	if p := m.(Model).Position(); p.Path != "c.c" || p.Line != 2 {
		t.Fatalf("enter in gr's list went to %+v:\n%s", p, plain(m))
	}
	if w := cursorWord(t, m, "other(int y)"); w != "other" {
		t.Errorf("enter in gr's list: the cursor is on %q, want other", w)
	}
	m = press(t, m, "k", "o", "enter")
	if w := cursorWord(t, m, "other(int y)"); w != "other" {
		t.Errorf("enter in the outline: the cursor is on %q, want other", w)
	}
	m = typeText(t, press(t, m, "ctrl+t"), "helper")
	m = press(t, m, "enter")
	if p := m.(Model).Position(); p.Path != "b.c" || p.Line != 2 {
		t.Fatalf("enter in ctrl+t went to %+v:\n%s", p, plain(m))
	}
	if w := cursorWord(t, m, "int helper(int x)"); w != "helper" {
		t.Errorf("enter in ctrl+t: the cursor is on %q, want helper", w)
	}
}

// enter on a ctrl+f hit lands the column cursor on the match, past the
// bidi override before it in c.c.
func TestSearchHitLandsOnTheMatch(t *testing.T) {
	_, m := colModel(t, 1)
	m = typeText(t, press(t, m, "ctrl+f"), `other\(int`)
	m = press(t, m, "enter")
	if s := plain(m); !strings.Contains(s, "1 match") {
		t.Fatalf("ctrl+f other\\(int:\n%s", s)
	}
	m = press(t, m, "enter")
	if p := m.(Model).Position(); p.Path != "c.c" || p.Line != 2 {
		t.Fatalf("enter on the hit went to %+v:\n%s", p, plain(m))
	}
	if w := cursorWord(t, m, "other(int y)"); w != "other" {
		t.Errorf("enter on a search hit: the cursor is on %q, want other", w)
	}
}
