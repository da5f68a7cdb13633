package form

import (
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"

	"sightline/review"
	"sightline/tui/theme"
	"sightline/tui/tuitest"
)

// send feeds keys and returns the model and the messages its Cmds made.
func send(t *testing.T, m Model, keys ...tea.KeyMsg) (Model, []tea.Msg) {
	t.Helper()
	var out []tea.Msg
	for _, k := range keys {
		var cmd tea.Cmd
		m, cmd = m.Update(k)
		out = append(out, tuitest.Exec(t, cmd)...)
	}
	return m, out
}

func k(name string) tea.KeyMsg { return tuitest.Key(name) }

func TestFindingFormFillAndSave(t *testing.T) {
	m := FindingForm(IDAddFinding, "New finding", review.Finding{}, theme.PlainStyles())
	m.SetWidth(60)
	m, _ = send(t, m, tuitest.Type("Back door")...)
	m, _ = send(t, m, k("tab"), tuitest.Type("h")[0], k("tab")) // severity: high
	m, _ = send(t, m, tuitest.Type("cwe-78")...)
	m, _ = send(t, m, k("tab"))
	m, _ = send(t, m, tuitest.Type("first")...)
	m, _ = send(t, m, k("enter")) // a new line in the description, not a save
	m, _ = send(t, m, tuitest.Type("second")...)
	m, _ = send(t, m, k("tab"), k("right")) // status: confirmed
	if m.Focused() != FieldStatus {
		t.Fatalf("focus on field %d, want status", m.Focused())
	}
	m, msgs := send(t, m, k("enter"))
	if len(msgs) != 1 {
		t.Fatalf("enter on the last field sent %v, want one SubmittedMsg", msgs)
	}
	sub, ok := msgs[0].(SubmittedMsg)
	if !ok || sub.ID != IDAddFinding {
		t.Fatalf("got %#v", msgs[0])
	}
	var f review.Finding
	ApplyFinding(&f, sub.Values)
	want := review.Finding{Title: "Back door", Severity: "high", CWE: "cwe-78", Description: "first\nsecond", Status: "confirmed"}
	if f.Title != want.Title || f.Severity != want.Severity || f.CWE != want.CWE || f.Description != want.Description || f.Status != want.Status {
		t.Errorf("finding %+v, want %+v", f, want)
	}
	if v := m.View(); !strings.Contains(v, "[high]") || !strings.Contains(v, "[confirmed]") || !strings.Contains(v, "Back door") {
		t.Errorf("view does not show the values:\n%s", v)
	}
}

func TestFindingFormRefusesBadCWE(t *testing.T) {
	m := FindingForm(IDAddFinding, "New finding", review.Finding{}, theme.PlainStyles())
	m, _ = send(t, m, tuitest.Type("T")...)
	m, _ = send(t, m, k("tab"), k("tab"))
	m, _ = send(t, m, tuitest.Type("78")...)
	m, msgs := send(t, m, k("ctrl+s"))
	if len(msgs) != 0 {
		t.Fatalf("a bad CWE was submitted: %v", msgs)
	}
	if m.Focused() != FieldCWE {
		t.Errorf("focus %d, want the CWE field", m.Focused())
	}
	if v := m.View(); !strings.Contains(v, "write CWE- and the weakness") || !strings.Contains(v, "like CWE-78, or leave it empty") {
		t.Errorf("the error does not say what is allowed:\n%s", v)
	}
	// An empty title is refused too, and named.
	m = FindingForm(IDAddFinding, "New finding", review.Finding{}, theme.PlainStyles())
	m, msgs = send(t, m, k("ctrl+s"))
	if len(msgs) != 0 || !strings.Contains(m.View(), "a finding needs a title") {
		t.Errorf("empty title: msgs %v, view:\n%s", msgs, m.View())
	}
}

func TestFormCancel(t *testing.T) {
	m := NoteForm("Add step", theme.PlainStyles())
	_, msgs := send(t, m, tuitest.Type("x")[0], k("esc"))
	if len(msgs) != 1 || msgs[0] != (CancelledMsg{ID: IDStepNote}) {
		t.Errorf("esc sent %v", msgs)
	}
}

func TestChoiceByFirstLetter(t *testing.T) {
	m := FindingForm(IDAddFinding, "x", review.Finding{}, theme.PlainStyles())
	m, _ = send(t, m, k("tab"))
	for _, c := range []struct{ key, want string }{{"c", "critical"}, {"i", "info"}, {"l", "low"}, {"left", "info"}, {"left", "critical"}} {
		kk := k(c.key)
		m, _ = send(t, m, kk)
		if got := m.Values()[FieldSeverity]; got != c.want {
			t.Errorf("after %q severity is %q, want %q", c.key, got, c.want)
		}
	}
}

func TestHostileValuesAreDrawnSafely(t *testing.T) {
	f := review.Finding{Title: "evil\x1b]0;pwned\x07title", Description: "a\u202eb", Severity: "low"}
	m := FindingForm(IDEditFinding, "Edit", f, theme.PlainStyles())
	v := m.View()
	if strings.ContainsAny(v, "\x1b\x07\u202e") {
		t.Errorf("raw control characters reach the screen: %q", v)
	}
}

func TestEditKeepsDescriptionLineBreaks(t *testing.T) {
	f := review.Finding{Title: "T", Severity: "low", Status: "open", Description: "first line\nsecond line"}
	m := FindingForm(IDEditFinding, "Edit", f, theme.PlainStyles())
	m.SetWidth(60)
	if v := m.View(); strings.Contains(v, "^J") || !strings.Contains(v, "second line") {
		t.Errorf("the description is not shown on two lines:\n%s", v)
	}
	_, msgs := send(t, m, k("ctrl+s"))
	if len(msgs) != 1 {
		t.Fatalf("ctrl+s sent %v, want one SubmittedMsg", msgs)
	}
	var got review.Finding
	ApplyFinding(&got, msgs[0].(SubmittedMsg).Values)
	if got.Description != f.Description {
		t.Errorf("saving an unchanged edit form turned the description into %q, want %q", got.Description, f.Description)
	}
}

func TestShortFormKeepsTheFocusedFieldInView(t *testing.T) {
	m := FindingForm(IDAddFinding, "New finding", review.Finding{}, theme.PlainStyles())
	m.SetWidth(60)
	m.SetHeight(14)
	for _, want := range []string{"› Title", "› Severity", "› CWE", "› Description", "› Status"} {
		v := m.View()
		if n := strings.Count(v, "\n") + 1; n > 14 {
			t.Errorf("%s: the form takes %d rows, more than 14:\n%s", want, n, v)
		}
		if !strings.Contains(v, want) || !strings.Contains(v, "New finding") || !strings.Contains(v, "more fields") {
			t.Errorf("focused field %q, the title or the 'more fields' line is not shown:\n%s", want, v)
		}
		m, _ = send(t, m, k("tab"))
	}
	m.SetHeight(0)
	if v := m.View(); strings.Contains(v, "more fields") || !strings.Contains(v, "Title") || !strings.Contains(v, "Status") {
		t.Errorf("without a height limit every field is shown:\n%s", v)
	}
}
