package form

import (
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"

	"sightline/review"
	"sightline/tui/theme"
	"sightline/tui/tuitest"
)

// hostileText holds a ZWJ emoji, a TAB, an ESC sequence and a bidi
// override: what issue 17.5's Edit form rewrote on an unchanged save.
const hostileText = "zwj \U0001F468\u200D\U0001F4BB tab\tesc\x1b[2J bidi\u202Eevil"

func hostileFinding() review.Finding {
	return review.Finding{Title: hostileText, Severity: "high", Status: "open", CWE: "CWE-78",
		Description: hostileText + "\nsecond line"}
}

func submitted(t *testing.T, msgs []tea.Msg) SubmittedMsg {
	t.Helper()
	if len(msgs) != 1 {
		t.Fatalf("want one SubmittedMsg, got %v", msgs)
	}
	sub, ok := msgs[0].(SubmittedMsg)
	if !ok {
		t.Fatalf("got %#v", msgs[0])
	}
	return sub
}

func TestEditFormKeepsHostileTextUnchanged(t *testing.T) {
	f := hostileFinding()
	m := FindingForm(IDEditFinding, "Edit F-0001", f, theme.PlainStyles())
	m.SetWidth(70)
	_, msgs := send(t, m, k("ctrl+s"))
	sub := submitted(t, msgs)
	if !sub.Unchanged() {
		t.Errorf("an untouched form reports changes: %v", sub.Changed)
	}
	if sub.Values[FieldTitle] != f.Title || sub.Values[FieldDescription] != f.Description {
		t.Errorf("values are not the stored bytes:\n%q\n%q", sub.Values[FieldTitle], sub.Values[FieldDescription])
	}
	g := f
	ApplyChanges(&g, sub)
	if g.Title != f.Title || g.Description != f.Description || g.Severity != f.Severity || g.CWE != f.CWE || g.Status != f.Status {
		t.Errorf("ApplyChanges changed an unchanged finding: %+v", g)
	}
}

func TestEditFormChangingSeverityKeepsTextBytes(t *testing.T) {
	f := hostileFinding()
	m := FindingForm(IDEditFinding, "Edit F-0001", f, theme.PlainStyles())
	m, _ = send(t, m, k("tab"), k("right")) // severity high -> next
	_, msgs := send(t, m, k("ctrl+s"))
	sub := submitted(t, msgs)
	want := []bool{false, true, false, false, false}
	for i := range want {
		if sub.Changed[i] != want[i] {
			t.Fatalf("Changed = %v, want %v", sub.Changed, want)
		}
	}
	g := f
	ApplyChanges(&g, sub)
	if g.Title != f.Title || g.Description != f.Description || g.CWE != f.CWE || g.Severity == f.Severity {
		t.Errorf("after a severity change: %+v", g)
	}
}

func TestEditFormViewIsSanitized(t *testing.T) {
	m := FindingForm(IDEditFinding, "Edit F-0001", hostileFinding(), theme.PlainStyles())
	m.SetWidth(70)
	for i := 0; i < 5; i++ {
		v := m.View()
		if err := tuitest.Inert(v, false); err != nil || strings.ContainsAny(v, "\x1b\t\u200d\u202e") {
			t.Fatalf("field %d: raw characters reach the view (%v):\n%q", i, err, v)
		}
		if !strings.Contains(v, "^[[2J") || !strings.Contains(v, "<U+202E>") || !strings.Contains(v, "read-only") {
			t.Errorf("field %d: the markers or the read-only note are missing:\n%s", i, v)
		}
		m, _ = send(t, m, k("tab"))
	}
}

// Typing into a field whose stored text cannot be shown as itself keeps
// the text and says why; ctrl+r empties it for a new value.
func TestReadOnlyFieldRefusesEditsUntilCleared(t *testing.T) {
	f := hostileFinding()
	m := FindingForm(IDEditFinding, "Edit", f, theme.PlainStyles())
	m.SetWidth(70)
	m, _ = send(t, m, tuitest.Type("x")[0], k("backspace"))
	if got := m.Values()[FieldTitle]; got != f.Title {
		t.Fatalf("typing changed a read-only title to %q", got)
	}
	if v := m.View(); !strings.Contains(v, "Title is read-only") || !strings.Contains(v, "ctrl+r empties it") {
		t.Errorf("the refusal is not explained:\n%s", v)
	}
	m, _ = send(t, m, k("ctrl+r"))
	m, _ = send(t, m, tuitest.Type("clean title")...)
	m, _ = send(t, m, k("tab"), k("tab"), k("tab")) // description: read-only too; enter moves on
	m, _ = send(t, m, k("enter"))
	if m.Focused() != FieldStatus {
		t.Errorf("enter on a read-only description should move on, focus %d", m.Focused())
	}
	_, msgs := send(t, m, k("ctrl+s"))
	sub := submitted(t, msgs)
	if sub.Values[FieldTitle] != "clean title" || !sub.Changed[FieldTitle] || sub.Values[FieldDescription] != f.Description || sub.Changed[FieldDescription] {
		t.Errorf("after ctrl+r and typing: %q %v", sub.Values, sub.Changed)
	}
}

// A hostile character the reviewer pastes is kept, shown as a marker, and
// locks the field, so it never reaches the screen raw.
func TestPastedBidiIsKeptAndShownAsMarker(t *testing.T) {
	m := FindingForm(IDAddFinding, "New", review.Finding{}, theme.PlainStyles())
	m, _ = send(t, m, tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune("a\u202eb"), Paste: true})
	if got := m.Values()[FieldTitle]; got != "a\u202eb" {
		t.Errorf("value %q, want the pasted runes", got)
	}
	if v := m.View(); strings.Contains(v, "\u202e") || !strings.Contains(v, "a<U+202E>b") {
		t.Errorf("view:\n%q", v)
	}
}

// Plain text is edited as before: no lock, no note.
func TestPlainTextIsEditable(t *testing.T) {
	f := review.Finding{Title: "plain", Severity: "low", Description: "one\ntwo"}
	m := FindingForm(IDEditFinding, "Edit", f, theme.PlainStyles())
	m, _ = send(t, m, tuitest.Type("!")...)
	if got := m.Values()[FieldTitle]; got != "plain!" || strings.Contains(m.View(), "read-only") {
		t.Errorf("title %q; view:\n%s", got, m.View())
	}
}
