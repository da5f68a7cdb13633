package main

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"

	"sightline/repo"
	"sightline/repo/repotest"
	"sightline/repo/repotest/pintest"
	"sightline/repo/search"
	"sightline/repo/symbols"
	"sightline/review"
	"sightline/tui"
	"sightline/tui/keys"
	"sightline/tui/theme"
	"sightline/tui/tuitest"
)

// navTree is a small C program: helper is defined once in another file,
// twice in two, nothing nowhere.
var navTree = repotest.Tree{
	"src/main.c": {Content: "#include \"util.h\"\nint main(void) {\n    helper(1); /* helper is called here */\n    twice();\n    nothing();\n    return 0;\n}\n"},
	"src/util.c": {Content: "int helper(int x) {\n    return x + 1;\n}\n"},
	"lib/one.c":  {Content: "void twice(void) {}\n"},
	"lib/two.c":  {Content: "void twice(void) {}\n"},
}

// navWorkbench opens the workbench on src/main.c at line, with the symbol
// source the command line builds; built says whether the symbol index is
// in the cache directory (as the background child leaves it).
func navWorkbench(t *testing.T, line int, built bool) tea.Model {
	t.Helper()
	m, _ := navWorkbenchWS(t, line, built, false)
	return m
}

// navWorkbenchWS is navWorkbench with, when ws is set, a review workspace
// (returned) in a temporary directory.
func navWorkbenchWS(t *testing.T, line int, built, ws bool) (tea.Model, *review.Workspace) {
	t.Helper()
	t.Setenv("XDG_CACHE_HOME", t.TempDir())
	rt := repotest.New(t)
	rt.Commit("c", navTree)
	r, pin := pintest.Head(t, rt)
	if built {
		buildSymbolCache(t, r, pin)
	}
	src := &symbolSource{r: r, pin: pin, why: "this test starts no build", exe: sightlineBinary(t)}
	d := tui.Deps{Repo: r, Search: search.New(r, ""), Pin: pin, Styles: theme.PlainStyles(), Keys: keys.DefaultGlobal(),
		Symbols: src, Start: tui.Position{Path: "src/main.c", Line: line}}
	var w *review.Workspace
	if ws {
		var err error
		if w, err = review.Open(filepath.Join(t.TempDir(), "ws"), review.MetaFor(r, pin, nil, "")); err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { w.Close() })
		d.Review = tui.Review{WS: w, Repo: r}
	}
	m := tui.New(d)
	return tuitest.RunModel(t, m, append(tuitest.Exec(t, m.Init()), tea.WindowSizeMsg{Width: 120, Height: 30})...), w
}

// buildSymbolCache writes the pin's symbol index where the index child
// would.
func buildSymbolCache(t *testing.T, r *repo.Repo, pin repo.Pin) {
	t.Helper()
	dir, err := search.IndexDir()
	if err != nil {
		t.Fatal(err)
	}
	ix, err := symbols.Build(context.Background(), r, pin.Tree, symbols.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if err := os.MkdirAll(dir, 0o700); err != nil {
		t.Fatal(err)
	}
	if err := symbols.Save(ix, pin.Tree, symbols.CachePath(dir, pin.Tree)); err != nil {
		t.Fatal(err)
	}
}

func navPress(t *testing.T, m tea.Model, names ...string) (tea.Model, string) {
	t.Helper()
	for _, n := range names {
		m = tuitest.RunModel(t, m, tuitest.Key(n))
	}
	return m, tuitest.Screen(m.View())
}

func TestGdJumpsToTheOneDefinitionAndCtrlOReturns(t *testing.T) {
	m := navWorkbench(t, 3, true)
	m, screen := navPress(t, m, "g", "d")
	if !strings.Contains(screen, "definition: src/util.c:1 function helper (candidate)") || !strings.Contains(screen, "int helper(int x) {") {
		t.Fatalf("gd on helper did not open its definition:\n%s", screen)
	}
	if p := m.(tui.Model).Position(); p.Path != "src/util.c" || p.Line != 1 {
		t.Fatalf("after gd the workbench is at %+v, want src/util.c:1", p)
	}
	m, screen = navPress(t, m, "ctrl+o")
	if p := m.(tui.Model).Position(); p.Path != "src/main.c" || p.Line != 3 {
		t.Fatalf("ctrl+o went to %+v, want src/main.c:3:\n%s", p, screen)
	}
	// ctrl+] is gd too.
	m, _ = navPress(t, m, "ctrl+]")
	if p := m.(tui.Model).Position(); p.Path != "src/util.c" {
		t.Fatalf("ctrl+] went to %+v, want src/util.c", p)
	}
}

func TestGdListsSeveralCandidatesToPickFrom(t *testing.T) {
	m := navWorkbench(t, 4, true)
	m, screen := navPress(t, m, "g", "d")
	for _, want := range []string{"2 definitions of twice", "lib/one.c:1 function twice (candidate)", "lib/two.c:1 function twice (candidate)"} {
		if !strings.Contains(screen, want) {
			t.Fatalf("gd on twice: no %q in\n%s", want, screen)
		}
	}
	m, _ = navPress(t, m, "down", "enter")
	if p := m.(tui.Model).Position(); p.Path != "lib/two.c" || p.Line != 1 {
		t.Fatalf("picking the second candidate went to %+v", p)
	}
	m, _ = navPress(t, m, "ctrl+o")
	if p := m.(tui.Model).Position(); p.Path != "src/main.c" || p.Line != 4 {
		t.Fatalf("ctrl+o after a pick went to %+v, want src/main.c:4", p)
	}
}

func TestGdSaysWhyThereIsNoDefinition(t *testing.T) {
	m := navWorkbench(t, 5, true)
	m, screen := navPress(t, m, "g", "d")
	if !strings.Contains(screen, "no definition of «nothing» in the symbol index") {
		t.Fatalf("gd on an undefined name:\n%s", screen)
	}
	if p := m.(tui.Model).Position(); p.Path != "src/main.c" || p.Line != 5 {
		t.Fatalf("gd with no definition moved to %+v", p)
	}
	// Without the symbol index nothing is parsed here: it says so.
	m = navWorkbench(t, 3, false)
	_, screen = navPress(t, m, "g", "d")
	if !strings.Contains(screen, "symbol index not built yet") {
		t.Fatalf("gd without a symbol index:\n%s", screen)
	}
}

func TestGrListsCodeReferencesFirstThenComments(t *testing.T) {
	m := navWorkbench(t, 3, true)
	m, screen := navPress(t, m, "g", "r")
	// Grouped by file under "path (N)" headers, code first; the call
	// names its caller.
	mainHdr := strings.Index(screen, "src/main.c (1)")
	call := strings.Index(screen, "3:5 called from main(): helper(1);")
	utilHdr := strings.Index(screen, "src/util.c (1)")
	def := strings.Index(screen, "1:5 code: int helper(int x) {")
	commentHdr := strings.Index(screen, "src/main.c (1) in comments and strings")
	comment := strings.Index(screen, "3:19 comment in main: helper(1);")
	if mainHdr < 0 || call < mainHdr || utilHdr < call || def < utilHdr || commentHdr < def || comment < commentHdr ||
		!strings.Contains(screen, "references to helper: 2 in code (1 call), 1 in comments and strings") || !strings.Contains(screen, "1/3") {
		t.Fatalf("gr on helper:\n%s", screen)
	}
	m, _ = navPress(t, m, "down", "enter")
	if p := m.(tui.Model).Position(); p.Path != "src/util.c" {
		t.Fatalf("enter on the second reference went to %+v", p)
	}
}

func TestOutlineListsTheFileAndEnterJumps(t *testing.T) {
	m := navWorkbench(t, 3, true)
	m, screen := navPress(t, m, "o")
	if !strings.Contains(screen, "outline of src/main.c: 1 definitions") || !strings.Contains(screen, "> 2  function main") {
		t.Fatalf("o on src/main.c:\n%s", screen)
	}
	m, _ = navPress(t, m, "esc")
	m, _ = navPress(t, m, "g", "d", "o")
	if _, screen = navPress(t, m, "o"); !strings.Contains(screen, "outline of src/util.c") || !strings.Contains(screen, "1  function helper") {
		t.Fatalf("o on src/util.c:\n%s", screen)
	}
	m, _ = navPress(t, m, "enter")
	if p := m.(tui.Model).Position(); p.Path != "src/util.c" || p.Line != 1 {
		t.Fatalf("enter in the outline went to %+v", p)
	}
}

func TestCtrlTFindsEverySymbolAndJumps(t *testing.T) {
	m := navWorkbench(t, 3, true)
	m, screen := navPress(t, m, "ctrl+t")
	if !strings.Contains(screen, "every symbol at the pin") || !strings.Contains(screen, "4/4 symbols") {
		t.Fatalf("ctrl+t:\n%s", screen)
	}
	m, screen = navPress(t, m, "t", "w", "c")
	if !strings.Contains(screen, "2/4 symbols") || !strings.Contains(screen, "> twice  function  lib/one.c:1") ||
		!strings.Contains(screen, "twice  function  lib/two.c:1") || strings.Contains(screen, "helper  function") {
		t.Fatalf("ctrl+t twc:\n%s", screen)
	}
	m, _ = navPress(t, m, "down", "enter")
	if p := m.(tui.Model).Position(); p.Path != "lib/two.c" || p.Line != 1 {
		t.Fatalf("enter on the second twice went to %+v", p)
	}
	m, _ = navPress(t, m, "ctrl+o")
	if p := m.(tui.Model).Position(); p.Path != "src/main.c" || p.Line != 3 {
		t.Fatalf("ctrl+o after ctrl+t went to %+v", p)
	}
	// A is typed into the query; after tab it adds a step, and with no
	// workspace it says so.
	m, screen = navPress(t, m, "ctrl+t", "A")
	if !strings.Contains(screen, "symbol: A") {
		t.Fatalf("A in the query:\n%s", screen)
	}
	_, screen = navPress(t, m, "backspace", "h", "tab", "A")
	if !strings.Contains(screen, "review workspace") || strings.Contains(screen, "every symbol at the pin") {
		t.Fatalf("A in the list without a workspace:\n%s", screen)
	}
}

// A in gr's list adds the highlighted caller as the next step of the
// current finding, with the step shape A makes on a code line (commit,
// blob, lines, line hash); with no current finding it says what to do.
func TestAInGrAddsTheCallerAsAStep(t *testing.T) {
	m, ws := navWorkbenchWS(t, 3, true, true)
	m, screen := navPress(t, m, "g", "r", "A")
	if !strings.Contains(screen, "no current finding: make one with a") {
		t.Fatalf("A in gr with no current finding:\n%s", screen)
	}
	m, _ = navPress(t, m, "esc", "g", "d", "a")
	for _, k := range tuitest.Type("helper trusts x") {
		m = tuitest.RunModel(t, m, k)
	}
	m, screen = navPress(t, m, "ctrl+s")
	if !strings.Contains(screen, "saved F-0001 (src/util.c:1)") {
		t.Fatalf("saving the finding:\n%s", screen)
	}
	m, _ = navPress(t, m, "ctrl+o")
	m, screen = navPress(t, m, "g", "r", "A")
	if !strings.Contains(screen, "Add step to F-0001") || !strings.Contains(screen, "src/main.c:3") {
		t.Fatalf("A on the caller:\n%s", screen)
	}
	_, screen = navPress(t, m, "enter")
	if !strings.Contains(screen, "saved step 2 of F-0001 (src/main.c:3)") {
		t.Fatalf("saving the step:\n%s", screen)
	}
	f, ok := ws.Finding("F-0001")
	if !ok || len(f.Steps) != 2 {
		t.Fatalf("F-0001 is %+v", f)
	}
	l := f.Steps[1].Location
	if l.Path != "src/main.c" || l.StartLine != 3 || l.EndLine != 3 || len(l.Blob) != 40 || !strings.HasPrefix(l.LineHash, "sha256:") ||
		l.Commit != f.Steps[0].Location.Commit {
		t.Fatalf("the step added from gr is %+v", l)
	}
}
