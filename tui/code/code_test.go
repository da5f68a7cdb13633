package code

import (
	"context"
	"fmt"
	"os"
	"strings"
	"testing"

	"github.com/charmbracelet/lipgloss"
	"github.com/go-git/go-git/v5/plumbing"
	"github.com/go-git/go-git/v5/plumbing/filemode"

	"sightline/repo"
	"sightline/repo/repotest"
	"sightline/repo/repotest/pintest"
	"sightline/tui/theme"
	"sightline/tui/tuitest"
)

const goSource = "package main\n\nimport \"fmt\"\n\nfunc main() {\n\tfmt.Println(\"hello\")\n}\n"

func fixture(t *testing.T, files repotest.Tree) (*repotest.Repo, *repo.Repo, repo.Pin) {
	t.Helper()
	rt := repotest.New(t)
	rt.Commit("c", files)
	r, pin := pintest.Head(t, rt)
	return rt, r, pin
}

// opened returns a focused 80×20 code view with path loaded and lexed.
func opened(t *testing.T, r *repo.Repo, pin repo.Pin, path string, line int) Model {
	t.Helper()
	m := New(r, pin.Tree, theme.PlainStyles(), DefaultKeyMap())
	m.SetSize(80, 20)
	m.Focus()
	cmd := m.Open(path, line)
	return tuitest.Run(t, m, tuitest.Exec(t, cmd)...)
}

func screen(m Model) string { return tuitest.Screen(m.View()) }

func TestOpensGoFileHighlightedWithLineNumbers(t *testing.T) {
	_, r, pin := fixture(t, repotest.Tree{"main.go": {Content: goSource}})
	m := opened(t, r, pin, "main.go", 0)
	s := screen(m)
	for _, want := range []string{"  1 package main", "  6     fmt.Println(\"hello\")", "  7 }"} {
		if !strings.Contains(s, want) {
			t.Errorf("view lacks %q:\n%s", want, s)
		}
	}
	if m.Lexer() != "Go" {
		t.Errorf("lexer %q, want Go", m.Lexer())
	}
	if m.Total() != 7 || m.Line() != 1 {
		t.Errorf("position %d/%d, want 1/7", m.Line(), m.Total())
	}
	if n := strings.Count(m.View(), "\n") + 1; n != 20 {
		t.Errorf("view is %d lines, want 20", n)
	}
}

func TestHighlightingColoursTokensButNeverEmitsContentEscapes(t *testing.T) {
	_, r, pin := fixture(t, repotest.Tree{"main.go": {Content: goSource + "// \x1b]0;owned\x07 \x1b[2J\n"}})
	m := New(r, pin.Tree, theme.NewStyles(theme.Default(), trueColor()), DefaultKeyMap())
	m.SetSize(80, 20)
	m = tuitest.Run(t, m, tuitest.Exec(t, m.Open("main.go", 0))...)
	v := m.View()
	if !strings.Contains(v, "\x1b[") {
		t.Fatal("no colour at all in a true-colour render")
	}
	for _, bad := range []string{"\x1b]", "\x1b[2J", "\x07"} {
		if strings.Contains(v, bad) {
			t.Errorf("content escape %q reached the output", bad)
		}
	}
	if !strings.Contains(stripANSI(v), "^[]0;owned^G ^[[2J") {
		t.Errorf("markers missing:\n%s", stripANSI(v))
	}
}

func TestHostileFileHasBannerGutterMarksAndCount(t *testing.T) {
	content := "normal line\nESC CSI: \x1b[31mRED\x1b[0m\n  /*\u202e } \u2066if (isAdmin)\u2069 \u2066 begin admins only */\nok\n"
	_, r, pin := fixture(t, repotest.Tree{"trojan.c": {Content: content}})
	m := opened(t, r, pin, "trojan.c", 0)
	s := screen(m)
	for _, want := range []string{
		"⚠ 4 bidirectional control characters, 2 control characters",
		"!   2 ESC CSI: ^[[31mRED^[[0m",
		"!   3   /*<U+202E> } <U+2066>if (isAdmin)<U+2069> <U+2066> begin admins only */",
		"    1 normal line",
	} {
		if !strings.Contains(s, want) {
			t.Errorf("view lacks %q:\n%s", want, s)
		}
	}
	if m.HostileCount() < 5 {
		t.Errorf("HostileCount %d, want at least 5", m.HostileCount())
	}
	m = tuitest.Run(t, m, tuitest.Key("!"))
	if m.Line() != 2 {
		t.Errorf("! moved to line %d, want 2", m.Line())
	}
	m = tuitest.Run(t, m, tuitest.Key("!"), tuitest.Key("!"))
	if m.Line() != 2 {
		t.Errorf("! did not wrap around to line 2 (at %d)", m.Line())
	}
}

func TestNULInSourceIsTextWithBanner(t *testing.T) {
	_, r, pin := fixture(t, repotest.Tree{"nulsrc.c": {Content: "int main(void){\x00return 42;}\n"}})
	s := screen(opened(t, r, pin, "nulsrc.c", 0))
	for _, want := range []string{
		"NUL byte in source file (compilers such as GCC ignore NUL with a warning)",
		"int main(void){^@return 42;}",
	} {
		if !strings.Contains(s, want) {
			t.Errorf("view lacks %q:\n%s", want, s)
		}
	}
}

func TestBinaryFileShowsHexAndTextOnDemand(t *testing.T) {
	data := "\x00\x01\x02PNG\xff\xfe" + strings.Repeat("\x00\x9b\x1b", 100)
	_, r, pin := fixture(t, repotest.Tree{"blob.bin": {Content: data}})
	m := opened(t, r, pin, "blob.bin", 0)
	s := screen(m)
	for _, want := range []string{"binary file, 308 bytes, blob ", "blob ", "00000000  00 01 02 50 4e 47 ff fe  00 9b 1b 00 9b 1b 00 9b |...PNG..........|"} {
		if !strings.Contains(s, want) {
			t.Errorf("hex view lacks %q:\n%s", want, s)
		}
	}
	m = tuitest.Run(t, m, tuitest.Key("x"))
	if s := screen(m); !strings.Contains(s, "^@^A^B") || !strings.Contains(s, `\xFF\xFE`) {
		t.Errorf("x did not show the text view with markers:\n%s", s)
	}
}

func TestLongLineIsCutWithMarkerAndScrolls(t *testing.T) {
	long := strings.Repeat("x", 1<<20-10) + "TAILMARK"
	_, r, pin := fixture(t, repotest.Tree{"long.txt": {Content: "short\n" + long + "\n"}})
	m := opened(t, r, pin, "long.txt", 0)
	s := screen(m)
	if !strings.Contains(s, "long line: 1,048,574 bytes") {
		t.Fatalf("no long-line marker:\n%s", s)
	}
	m = tuitest.Run(t, m, tuitest.Key("j"), tuitest.Key("$"))
	if !strings.Contains(screen(m), "TAILMARK") {
		t.Fatalf("$ did not reach the end of the long line:\n%s", screen(m))
	}
	m = tuitest.Run(t, m, tuitest.Key("0"), tuitest.Key("l"), tuitest.Key("l"))
	if m.xoff != 2*hscroll {
		t.Fatalf("l l: xoff %d, want %d", m.xoff, 2*hscroll)
	}
	m = tuitest.Run(t, m, tuitest.Key("h"))
	if m.xoff != hscroll {
		t.Fatalf("h: xoff %d, want %d", m.xoff, hscroll)
	}
}

func TestWrapToggle(t *testing.T) {
	line := strings.Repeat("abcdefghij", 12) // 120 columns
	_, r, pin := fixture(t, repotest.Tree{"w.txt": {Content: line + "\nnext\n"}})
	m := opened(t, r, pin, "w.txt", 0)
	if strings.Contains(screen(m), "ghij\n") || !strings.Contains(screen(m), "  2 next") {
		t.Fatalf("unexpected unwrapped view:\n%s", screen(m))
	}
	m = tuitest.Run(t, m, tuitest.Key("w"))
	rows := strings.Split(screen(m), "\n")
	if !m.Wrapped() || !strings.HasPrefix(rows[1], "      ") || !strings.Contains(rows[1], "abcdefghij") || !strings.Contains(rows[2], "  2 next") {
		t.Fatalf("w did not wrap the long line onto a continuation row:\n%s", screen(m))
	}
}

func TestWrappedLongLineSaysItGoesOnOnlyOnItsLastRow(t *testing.T) {
	long := strings.Repeat("x", 2*LongLine) + "\n"
	_, r, pin := fixture(t, repotest.Tree{"long.txt": {Content: long}})
	m := opened(t, r, pin, "long.txt", 0)
	m = tuitest.Run(t, m, tuitest.Key("w"))
	var rows []string
	for _, row := range strings.Split(screen(m), "\n") {
		if strings.Contains(row, "xxxx") {
			rows = append(rows, row)
		}
	}
	if len(rows) != maxWrapRows {
		t.Fatalf("the wrapped line takes %d rows, want %d:\n%s", len(rows), maxWrapRows, screen(m))
	}
	for i, row := range rows {
		if got := strings.Contains(row, "long line:"); got != (i == len(rows)-1) {
			t.Errorf("row %d has the long-line note: %v, want it only on the last row:\n%s", i, got, screen(m))
		}
	}
}

func TestGotoSearchAndSelection(t *testing.T) {
	var b strings.Builder
	for i := 1; i <= 200; i++ {
		fmt.Fprintf(&b, "line %d %s\n", i, map[bool]string{true: "needle", false: "hay"}[i%50 == 0])
	}
	_, r, pin := fixture(t, repotest.Tree{"f.txt": {Content: b.String()}})
	m := opened(t, r, pin, "f.txt", 120)
	if m.Line() != 120 || !strings.Contains(screen(m), "120 line 120 hay") {
		t.Fatalf("open at line 120: at %d\n%s", m.Line(), screen(m))
	}
	m = tuitest.Run(t, m, tuitest.Exec(t, m.GotoLine(7))...)
	if m.Line() != 7 {
		t.Fatalf("GotoLine(7): at %d", m.Line())
	}
	m = tuitest.Run(t, m, tuitest.Exec(t, m.SetSearch("needle"))...)
	if m.MatchCount() != 4 || m.Line() != 50 || m.SearchStatus() != "/needle: 1/4 matches" {
		t.Fatalf("search: %d matches, at line %d, status %q", m.MatchCount(), m.Line(), m.SearchStatus())
	}
	m = tuitest.Run(t, m, tuitest.Key("n"), tuitest.Key("n"))
	if m.Line() != 150 {
		t.Fatalf("n n: at %d, want 150", m.Line())
	}
	m = tuitest.Run(t, m, tuitest.Key("N"), tuitest.Key("N"), tuitest.Key("N"))
	if m.Line() != 200 {
		t.Fatalf("N N N: at %d, want 200 (wrapped)", m.Line())
	}
	m = tuitest.Run(t, m, tuitest.Exec(t, m.SetSearch("line [0-9]+5 hay"))...)
	if m.SearchStatus() == "" || !strings.Contains(m.SearchStatus(), "(regexp)") || m.MatchCount() != 19 {
		t.Fatalf("regexp search: %d matches, status %q", m.MatchCount(), m.SearchStatus())
	}
	m = tuitest.Run(t, m, tuitest.Exec(t, m.SetSearch("line [0-9"))...)
	if m.MatchCount() != 0 || strings.Contains(m.SearchStatus(), "regexp") {
		t.Fatalf("invalid regexp should be searched as text: %q", m.SearchStatus())
	}
	m = tuitest.Run(t, m, tuitest.Key("esc"))
	if m.SearchStatus() != "" {
		t.Fatalf("esc kept the search: %q", m.SearchStatus())
	}
	m = tuitest.Run(t, m, tuitest.Exec(t, m.GotoLine(10))...)
	m = tuitest.Run(t, m, tuitest.Key("V"), tuitest.Key("j"), tuitest.Key("j"))
	from, to, ok := m.Selection()
	if !ok || from != 10 || to != 12 {
		t.Fatalf("V j j: selection %d-%d %v, want 10-12", from, to, ok)
	}
	if !strings.Contains(screen(m), " 11┃line 11") {
		t.Fatalf("selected lines not marked:\n%s", screen(m))
	}
	m = tuitest.Run(t, m, tuitest.Key("k"), tuitest.Key("k"), tuitest.Key("k"))
	if from, to, _ := m.Selection(); from != 9 || to != 10 {
		t.Fatalf("selection above the anchor: %d-%d, want 9-10", from, to)
	}
	m = tuitest.Run(t, m, tuitest.Key("esc"))
	if _, _, ok := m.Selection(); ok {
		t.Fatal("esc kept the selection")
	}
}

func TestGutterAndMarks(t *testing.T) {
	_, r, pin := fixture(t, repotest.Tree{"main.go": {Content: goSource}})
	m := opened(t, r, pin, "main.go", 0)
	m.SetGutter(Gutter{Path: "main.go", Width: 10, Lines: []string{"abc123 bob", "", "def456 alice-long-name"}})
	m.SetMarks("main.go", []Mark{{Start: 5, End: 6, Style: lipgloss.NewStyle(), Title: "back door"}})
	s := screen(m)
	for _, want := range []string{"  abc123 bob   1 package main", "  def456 al…   3 import", " ▌             5 func main() {"} {
		if !strings.Contains(s, want) {
			t.Errorf("view lacks %q:\n%s", want, s)
		}
	}
	if mk := m.MarksAt(6); len(mk) != 1 || mk[0].Title != "back door" {
		t.Errorf("MarksAt(6) = %v", mk)
	}
	if mk := m.MarksAt(7); len(mk) != 0 {
		t.Errorf("MarksAt(7) = %v, want none", mk)
	}
}

func TestSymlinkSubmoduleAndMissingBlob(t *testing.T) {
	rt, r, pin := fixture(t, repotest.Tree{
		"link":       {Content: "/etc/passwd", Mode: filemode.Symlink},
		"vendor/sub": {Content: "1111111111111111111111111111111111111111", Mode: filemode.Submodule},
		"gone.txt":   {Content: "will be removed\n"},
	})
	if s := screen(opened(t, r, pin, "link", 0)); !strings.Contains(s, "symlink → /etc/passwd (the target is shown, never followed)") {
		t.Errorf("symlink view:\n%s", s)
	}
	if s := screen(opened(t, r, pin, "vendor/sub", 0)); !strings.Contains(s, "submodule pinned at commit 1111111111111111111111111111111111111111") {
		t.Errorf("submodule view:\n%s", s)
	}
	e, err := r.Lookup(context.Background(), pin.Tree, "gone.txt")
	if err != nil {
		t.Fatal(err)
	}
	if err := os.Remove(rt.ObjectPath(plumbing.Hash(e.Hash))); err != nil {
		t.Fatal(err)
	}
	m := opened(t, r, pin, "gone.txt", 0)
	if s := screen(m); !strings.Contains(s, "⚠") || m.Err() == nil {
		t.Errorf("missing blob: want an error line:\n%s", s)
	}
}

func TestTabsAndCRLF(t *testing.T) {
	_, r, pin := fixture(t, repotest.Tree{"t.txt": {Content: "a\tb\r\n\tc\r\n"}})
	s := screen(opened(t, r, pin, "t.txt", 0))
	if !strings.Contains(s, "  1 a   b\n") || !strings.Contains(s, "  2     c") || strings.Contains(s, "^M") {
		t.Errorf("tabs or CRLF drawn wrong:\n%s", s)
	}
}

func TestStaleLoadIsDropped(t *testing.T) {
	_, r, pin := fixture(t, repotest.Tree{"a.txt": {Content: "AAA\n"}, "b.txt": {Content: "BBB\n"}})
	m := New(r, pin.Tree, theme.PlainStyles(), DefaultKeyMap())
	m.SetSize(80, 10)
	first := tuitest.Exec(t, m.Open("a.txt", 0))
	second := tuitest.Exec(t, m.Open("b.txt", 0))
	m = tuitest.Run(t, m, append(second, first...)...)
	if !strings.Contains(screen(m), "BBB") || m.Path() != "b.txt" {
		t.Fatalf("a late answer for a.txt replaced b.txt:\n%s", screen(m))
	}
}

func trueColor() *lipgloss.Renderer {
	r := lipgloss.NewRenderer(os.Stdout)
	r.SetColorProfile(0) // termenv.TrueColor
	r.SetHasDarkBackground(true)
	return r
}

func stripANSI(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] == 0x1b && i+1 < len(s) && s[i+1] == '[' {
			j := i + 2
			for j < len(s) && (s[j] < 0x40 || s[j] > 0x7e) {
				j++
			}
			i = j
			continue
		}
		b.WriteByte(s[i])
	}
	return b.String()
}
