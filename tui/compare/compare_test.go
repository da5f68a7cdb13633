package compare

import (
	"fmt"
	"io"
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
	"github.com/go-git/go-git/v5/plumbing/filemode"
	"github.com/muesli/termenv"

	"sightline/repo"
	"sightline/repo/repotest"
	"sightline/repo/repotest/pintest"
	"sightline/tui/internal/drive"
	"sightline/tui/nav"
	"sightline/tui/theme"
)

func asciiStyles() theme.Styles {
	r := lipgloss.NewRenderer(io.Discard)
	r.SetColorProfile(termenv.Ascii)
	return theme.NewStyles(theme.Default(), r)
}

func update(m Model, msg tea.Msg) (Model, tea.Cmd) { return m.Update(msg) }

func lines(n int, repl map[int]string) string {
	var b strings.Builder
	for i := 1; i <= n; i++ {
		if s, ok := repl[i]; ok {
			b.WriteString(s + "\n")
			continue
		}
		fmt.Fprintf(&b, "line %d\n", i)
	}
	return b.String()
}

// pair builds base and head commits differing in every way the Changes
// list distinguishes: a.go two hunks, bin.dat binary, c.go one hunk, d.md
// deleted, old.txt renamed to new.txt unchanged, run.sh made executable.
func pair(t *testing.T) (*repo.Repo, repo.Hash, repo.Hash) {
	t.Helper()
	rt := repotest.New(t)
	base := rt.Commit("base", repotest.Tree{
		"a.go":    {Content: lines(40, nil)},
		"bin.dat": {Content: "\x00\x01binary"},
		"c.go":    {Content: lines(10, nil)},
		"d.md":    {Content: "gone\nsoon\n"},
		"old.txt": {Content: lines(20, map[int]string{1: "a file that moves"})},
		"run.sh":  {Content: "echo hi\n"},
	})
	head := rt.Commit("head", rt.Edit(base, repotest.Tree{
		"a.go":    {Content: lines(40, map[int]string{5: "five", 35: "thirty-five"})},
		"bin.dat": {Content: "\x00\x02binary"},
		"c.go":    {Content: lines(10, map[int]string{3: "three"})},
		"d.md":    repotest.Delete,
		"old.txt": repotest.Delete,
		"new.txt": {Content: lines(20, map[int]string{1: "a file that moves"})},
		"run.sh":  {Content: "echo hi\n", Mode: filemode.Executable},
	}))
	r := pintest.Open(t, rt.Dir)
	return r, repo.Hash(base), repo.Hash(head)
}

func loaded(t *testing.T) Model {
	t.Helper()
	r, base, head := pair(t)
	m := New(r, asciiStyles())
	m.SetSize(140, 30)
	m.Focus()
	m, _ = drive.Run(m, update, m.Compare(base, head, "v1", "v2"))
	if _, _, ok := m.Comparison(); !ok {
		t.Fatalf("changes not listed:\n%s", m.View())
	}
	return m
}

func TestChangesListStatusesCountsTotals(t *testing.T) {
	m := loaded(t)
	v := m.View()
	for _, want := range []string{
		"6 files changed, +3 -5 (1 binary, 1 deleted)",
		"v1 (", "→ v2 (",
		"M     +2 -2  a.go",
		"bin  bin.dat  8 → 8 B", // issue 12.5: sizes, not the word "binary"
		"M     +1 -1  c.go",
		"D     +0 -2  d.md",
		"R100  +0 -0  old.txt → new.txt",
		"M     +0 -0  run.sh  mode 100644→100755",
	} {
		if !strings.Contains(v, want) {
			t.Errorf("view lacks %q:\n%s", want, v)
		}
	}
}

func TestWalkEveryHunkAcrossFilesAndBack(t *testing.T) {
	m := loaded(t)
	keep := []any{nav.OpenFileMsg{}}
	m, _ = drive.Keys(m, update, keep, "enter")
	if !m.DiffFocused() {
		t.Fatal("enter on the list did not focus the diff")
	}
	want := []string{"hunk 1/2 · file 1/6", "hunk 2/2 · file 1/6", "hunk 1/1 · file 3/6", "hunk 1/1 · file 4/6"}
	var got []string
	for range want {
		m, _ = drive.Keys(m, update, keep, "]c")
		got = append(got, m.Diff().Indicator())
	}
	if strings.Join(got, "; ") != strings.Join(want, "; ") {
		t.Fatalf("]c walk = %q, want %q", got, want)
	}
	m, _ = drive.Keys(m, update, keep, "]c")
	if v := m.View(); !strings.Contains(v, "no more hunks") || m.Diff().Indicator() != want[3] {
		t.Errorf("]c past the end: indicator %q, view:\n%s", m.Diff().Indicator(), v)
	}
	got = nil
	for range 3 {
		m, _ = drive.Keys(m, update, keep, "[c")
		got = append(got, m.Diff().Indicator())
	}
	back := []string{want[2], want[1], want[0]}
	if strings.Join(got, "; ") != strings.Join(back, "; ") {
		t.Fatalf("[c walk = %q, want %q", got, back)
	}
	m, _ = drive.Keys(m, update, keep, "]f")
	if got := m.Diff().Indicator(); got != "no hunks · file 2/6" || !strings.Contains(m.View(), "binary file: contents differ") {
		t.Errorf("]f to bin.dat: indicator %q, view:\n%s", got, m.View())
	}
}

func TestEnterOnDiffLineOpensFileAtPin(t *testing.T) {
	m := loaded(t)
	keep := []any{nav.OpenFileMsg{}}
	m, _ = drive.Keys(m, update, keep, "enter", "]c", "]c", "j")
	_, out := drive.Keys(m, update, keep, "enter")
	if len(out) != 1 || out[0] != (nav.OpenFileMsg{Path: "a.go", Line: 35}) {
		t.Fatalf("enter sent %v, want OpenFileMsg a.go:35", out)
	}
}

func TestMoreContextReloadsAtSameLine(t *testing.T) {
	m := loaded(t)
	m, _ = drive.Keys(m, update, nil, "enter", "]c", "e")
	f, _ := m.Diff().File()
	// Line 5 changed: with 13 lines of context its hunk runs from line 1
	// to line 18.
	if f.Context != 13 || len(f.Hunks) != 2 || f.Hunks[0].OldStart != 1 || f.Hunks[0].OldLines != 18 {
		t.Fatalf("after e: context %d, hunks %d, first -%d,%d; want 13, 2, -1,18", f.Context, len(f.Hunks), f.Hunks[0].OldStart, f.Hunks[0].OldLines)
	}
	if i, _ := m.Diff().Hunk(); i != 0 {
		t.Errorf("cursor left hunk 1 after more context (now %d)", i+1)
	}
	if !strings.Contains(m.View(), "context 13") {
		t.Errorf("header does not show the context:\n%s", m.View())
	}
}

func TestEscCancelsAndLateResultIsDropped(t *testing.T) {
	r, base, head := pair(t)
	m := New(r, asciiStyles())
	m.SetSize(120, 20)
	m.Focus()
	cmd := m.Compare(base, head, "v1", "v2")
	if !strings.Contains(m.View(), "listing changed files… · esc cancels") {
		t.Errorf("no progress line:\n%s", m.View())
	}
	m, _ = m.Update(tea.KeyMsg{Type: tea.KeyEsc})
	m, _ = drive.Run(m, update, cmd)
	if _, _, ok := m.Comparison(); ok || len(m.List().Changes()) != 0 {
		t.Fatalf("a cancelled load was listed")
	}
	if !strings.Contains(m.View(), "cancelled") {
		t.Errorf("view does not say cancelled:\n%s", m.View())
	}
}

func TestNamesShowBeforeCounts(t *testing.T) {
	r, base, head := pair(t)
	m := New(r, asciiStyles())
	m.SetSize(140, 20)
	m.Focus()
	names := m.Compare(base, head, "v1", "v2")()
	m, cmd := m.Update(names)
	v := m.View()
	for _, want := range []string{"6 files changed (counting lines…)", "M         …  a.go", "counting changed lines…", "esc cancels"} {
		if !strings.Contains(v, want) {
			t.Errorf("before counts, view lacks %q:\n%s", want, v)
		}
	}
	m, _ = drive.Run(m, update, cmd)
	if v := m.View(); !strings.Contains(v, "6 files changed, +3 -5") || !strings.Contains(v, "hunk 1/2 · file 1/6") {
		t.Errorf("after counts:\n%s", v)
	}
}

func TestEscDuringCountsKeepsNames(t *testing.T) {
	r, base, head := pair(t)
	m := New(r, asciiStyles())
	m.SetSize(140, 20)
	m.Focus()
	m, cmd := m.Update(m.Compare(base, head, "v1", "v2")())
	m, _ = m.Update(tea.KeyMsg{Type: tea.KeyEsc})
	m, _ = drive.Run(m, update, cmd)
	v := m.View()
	if !strings.Contains(v, "6 files changed (counting lines…)") || !strings.Contains(v, "cancelled") {
		t.Errorf("after esc during counting:\n%s", v)
	}
	// Without counts, ]c still walks into files (binary ones are found
	// out when read).
	m, _ = drive.Keys(m, update, nil, "enter", "]c", "]c", "]c")
	if got := m.Diff().Indicator(); got != "hunk 1/1 · file 3/6" {
		t.Errorf("]c walk without counts ended at %q", got)
	}
}

func TestSubmoduleChangeShowsCommitLines(t *testing.T) {
	rt := repotest.New(t)
	base := rt.Commit("base", repotest.Tree{"vendor/sub": {Content: strings.Repeat("1", 40), Mode: filemode.Submodule}})
	head := rt.Commit("head", repotest.Tree{"vendor/sub": {Content: strings.Repeat("2", 40), Mode: filemode.Submodule}})
	r := pintest.Open(t, rt.Dir)
	m := New(r, asciiStyles())
	m.SetSize(140, 20)
	m.Focus()
	m, _ = drive.Run(m, update, m.Compare(repo.Hash(base), repo.Hash(head), "v1", "v2"))
	v := m.View()
	for _, want := range []string{"+1 -1  vendor/sub", "-Subproject commit " + strings.Repeat("1", 40), "+Subproject commit " + strings.Repeat("2", 40)} {
		if !strings.Contains(v, want) {
			t.Errorf("view lacks %q:\n%s", want, v)
		}
	}
}
