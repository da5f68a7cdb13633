package statusbar

import (
	"strings"
	"testing"

	"github.com/charmbracelet/lipgloss"

	"sightline/tui/theme"
)

func TestStatusLineFieldsAndWidth(t *testing.T) {
	s := theme.PlainStyles()
	st := Status{
		Repo: "otaupd", Commit: "0123456789ab", Ref: "v1.1", Path: "src/\x1b]0;x\x07update.c",
		Line: 90, Total: 117, Hostile: 6, Extra: "C", Help: "? help",
	}
	got := Line(st, 100, s)
	want := " otaupd @ 0123456789ab (v1.1) │ src/^[]0;x^Gupdate.c │ 90/117 │ ⚠ 6 hostile characters │ C"
	if !strings.HasPrefix(got, want) || !strings.HasSuffix(got, "? help ") {
		t.Errorf("status line\n%q\nwant prefix\n%q and the help hint at the right", got, want)
	}
	if w := lipgloss.Width(got); w != 100 {
		t.Errorf("status line is %d columns, want 100", w)
	}
	narrow := Line(st, 30, s)
	if w := lipgloss.Width(narrow); w != 30 || !strings.HasSuffix(narrow, "? help ") {
		t.Errorf("narrow status line %q (%d columns): want 30 columns ending in the help hint", narrow, w)
	}
	if got := Line(Status{Repo: "r", Commit: "abc", Ref: "abc"}, 20, s); strings.Contains(got, "(abc)") {
		t.Errorf("a ref equal to the hash is repeated: %q", got)
	}
	if got := Line(Status{Repo: "r", Hostile: 1}, 60, s); !strings.Contains(got, "⚠ 1 hostile character ") {
		t.Errorf("singular: %q", got)
	}
	for n, want := range map[int]string{1: "r │ ⚠ 1 unreadable subtree │ p", 3: "r │ ⚠ 3 unreadable subtrees │ p"} {
		if got := Line(Status{Repo: "r", Path: "p", Damaged: n}, 60, s); !strings.Contains(got, want) {
			t.Errorf("damaged %d: %q, want %q", n, got, want)
		}
	}
	if got := Line(Status{Repo: "r", Path: "p"}, 60, s); strings.Contains(got, "unreadable") {
		t.Errorf("an intact tree is said to be damaged: %q", got)
	}
}

func TestMessageLinePriorities(t *testing.T) {
	s := theme.PlainStyles()
	cases := []struct {
		msg  Message
		want string
	}{
		{Message{Prompt: ":12", Err: "e", Info: "i"}, ":12"},
		{Message{Err: "bad \x1b[2J thing", Info: "i"}, "⚠ bad ^[[2J thing"},
		{Message{Info: "searching"}, "searching"},
		{Message{}, ""},
	}
	for _, c := range cases {
		got := MessageLine(c.msg, 40, s)
		if strings.TrimRight(got, " ") != c.want || lipgloss.Width(got) != 40 {
			t.Errorf("MessageLine(%+v) = %q, want %q padded to 40", c.msg, got, c.want)
		}
	}
}

// The blamed line's commit (Lead) comes before the coverage count and the
// notes, so at 120 columns it is not the part that is cut off.
func TestLeadIsDrawnBeforeTheCoverageCount(t *testing.T) {
	s := theme.PlainStyles()
	st := Status{
		Repo: "otaupd", Commit: "b3f281bc7f09", Ref: "v1.1", Path: "src/update.c", Line: 20, Total: 117, Hostile: 6,
		Lead:  "019875f1 Maria Lindqvist 2025-02-10 Import \x1b[31mthe updater",
		Extra: "reviewed 2/27 files, 7%; changed 1/14 · C · blob 0123abcd", Help: "? help",
	}
	got := Line(st, 120, s)
	if !strings.Contains(got, "⚠ 6 hostile characters │ 019875f1 Maria Lindqvist") || strings.Contains(got, "reviewed") {
		t.Errorf("the blamed commit does not come before the coverage count at 120 columns:\n%q", got)
	}
	if got := Line(st, 240, s); !strings.Contains(got, "│ 019875f1 Maria Lindqvist 2025-02-10 Import ^[[31mthe updater │ reviewed") {
		t.Errorf("the blamed commit is not whole and escaped before the coverage count at 240 columns:\n%q", got)
	}
}
