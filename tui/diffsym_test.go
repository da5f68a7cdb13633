package tui

import (
	"context"
	"strings"
	"sync"
	"testing"

	tea "github.com/charmbracelet/bubbletea"

	"sightline/repo/repotest"
	"sightline/repo/repotest/pintest"
	"sightline/tui/keys"
	"sightline/tui/theme"
	"sightline/tui/tuitest"
)

// askedSource is a Symbols that records what it was asked: the names of
// gd (defs) and gr (refs), the file gd ranked for, and the files o
// outlined.
type askedSource struct {
	mu               sync.Mutex
	defs, refs, from []string
	outlines         []string
}

func (s *askedSource) Definitions(_ context.Context, name, from string) ([]SymbolHit, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.defs, s.from = append(s.defs, name), append(s.from, from)
	return []SymbolHit{{Path: "lib.c", Line: 1, Col: 5, Label: "lib.c:1 function " + name, Code: true}}, nil
}

func (s *askedSource) References(_ context.Context, name string) ([]SymbolHit, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.refs = append(s.refs, name)
	return []SymbolHit{
		{Path: "lib.c", Line: 1, Col: 5, Code: true, In: "code", Text: "int " + name + "(int v) { return v; }"},
		{Path: "main.c", Line: 2, Col: 9, Code: true, In: "code", Func: "main", Call: true, Text: "\treturn " + name + "(argc, 1);"},
	}, nil
}

func (s *askedSource) Outline(_ context.Context, path string) ([]SymbolHit, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.outlines = append(s.outlines, path)
	return nil, nil
}

func (s *askedSource) All(context.Context) (SymbolList, error) { return SymbolList{}, nil }

// outlined is the files o asked the outline of.
func (s *askedSource) outlined() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]string(nil), s.outlines...)
}

func (s *askedSource) asked() (defs, refs, from []string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]string(nil), s.defs...), append([]string(nil), s.refs...), append([]string(nil), s.from...)
}

// In the Changes tab's diff, gr on a line with several words lists them,
// the cursor on the first that is not a keyword (A there says what the
// list is); enter on one lists its references and
// ctrl+o comes back to the diff; gd on a line with one word jumps to its
// definition, ranked for the diff's file; esc on the word list looks up
// nothing.
func TestDiffLookUpFromTheChangesTab(t *testing.T) {
	rt := repotest.New(t)
	c1 := rt.Commit("one", repotest.Tree{
		"lib.c":  {Content: "int check(int v) { return v; }\n"},
		"main.c": {Content: "int main(int argc) {\n\treturn 0;\n}\n"},
	})
	rt.Commit("two", rt.Edit(c1, repotest.Tree{"main.c": {Content: "int main(int argc) {\n\treturn check(argc, 1);\n\tcleanup;\n}\n"}}))
	r, pin := pintest.Head(t, rt)
	src := &askedSource{}
	d := Deps{Repo: r, Pin: pin, Styles: theme.PlainStyles(), Keys: keys.DefaultGlobal(), Symbols: src,
		Base: pintest.Resolve(t, r, c1.String())}
	m0 := New(d)
	var m tea.Model = tuitest.RunModel(t, m0, append(tuitest.Exec(t, m0.Init()), tea.WindowSizeMsg{Width: 120, Height: 30})...)

	m = press(t, m, "2", "enter")
	s := screen(m)
	if !strings.Contains(s, "+\treturn check(argc, 1);") && !strings.Contains(s, "return check(argc, 1);") {
		t.Fatalf("the Changes tab does not show main.c's diff:\n%s", s)
	}
	// The cursor to the added call, then gr.
	for i := 0; i < 10 && !strings.Contains(cursorLine(screen(m)), "return check"); i++ {
		m = press(t, m, "j")
	}
	if !strings.Contains(cursorLine(screen(m)), "return check") {
		t.Fatalf("no cursor on the added line:\n%s", screen(m))
	}
	m = press(t, m, "g", "r")
	s = screen(m)
	// The cursor starts on the first word that is not a keyword.
	if !strings.Contains(s, "gr: which word of line 2? enter looks it up") || !strings.Contains(s, "  return") ||
		!strings.Contains(s, "> check") || !strings.Contains(s, "  argc") || strings.Contains(s, " 1\n") {
		t.Fatalf("gr on a line of several words did not list them, the cursor on check:\n%s", s)
	}
	m = press(t, m, "A")
	if s = screen(m); !strings.Contains(s, "these are the words of the diff line") {
		t.Fatalf("A on the word list:\n%s", s)
	}
	m = press(t, m, "enter")
	s = screen(m)
	if _, refs, _ := src.asked(); len(refs) != 1 || refs[0] != "check" {
		t.Fatalf("enter on check asked for the references of %q:\n%s", refs, s)
	}
	if !strings.Contains(s, "main.c") || !strings.Contains(s, "called from main()") {
		t.Fatalf("gr's references of check are not listed:\n%s", s)
	}
	m = press(t, m, "enter") // the first reference: lib.c, in Files
	if p := m.(Model).Position(); p.Path != "lib.c" || p.Line != 1 {
		t.Fatalf("enter on a reference went to %+v:\n%s", p, screen(m))
	}
	m = press(t, m, "ctrl+o")
	if s = screen(m); !strings.Contains(cursorLine(s), "return check") {
		t.Fatalf("ctrl+o did not come back to the diff's line:\n%s", s)
	}

	// One word on the line: gd looks it up at once, for main.c.
	m = press(t, m, "j")
	if !strings.Contains(cursorLine(screen(m)), "cleanup") {
		t.Fatalf("no cursor on the cleanup line:\n%s", screen(m))
	}
	m = press(t, m, "g", "d")
	defs, _, from := src.asked()
	if len(defs) != 1 || defs[0] != "cleanup" || from[0] != "main.c" {
		t.Fatalf("gd on a line of one word asked for %q ranked for %q", defs, from)
	}
	if p := m.(Model).Position(); p.Path != "lib.c" {
		t.Fatalf("gd's one definition was not jumped to: %+v\n%s", p, screen(m))
	}

	// esc on the word list looks up nothing, and enter in a later list is
	// that list's own.
	m = press(t, m, "ctrl+o", "k", "g", "d", "esc")
	if defs, _, _ := src.asked(); len(defs) != 1 {
		t.Fatalf("esc on the word list still looked up %q", defs)
	}
	if s = screen(m); strings.Contains(s, "which word") {
		t.Fatalf("esc did not close the word list:\n%s", s)
	}
}

// cursorLine is the screen row the diff's cursor (▌) is on.
func cursorLine(s string) string {
	for _, l := range strings.Split(s, "\n") {
		if strings.Contains(l, "▌") {
			return l
		}
	}
	return ""
}
