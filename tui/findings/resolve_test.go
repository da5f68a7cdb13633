package findings

import (
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"

	"sightline/review"
	"sightline/tui/nav"
	"sightline/tui/tuitest"
)

// disputed: bob's finding with its title in conflict (a hostile name and
// value among them) and a change of alice's waiting for confirmation.
func disputed() *nav.Team {
	return &nav.Team{Reviewers: []string{"alice", "bob"}, Me: []string{"alice"},
		Findings: []nav.TeamFinding{{
			Finding: review.Finding{ID: "T-1a2b3c4d", Title: "overflow", Severity: "high", Status: "open", Reviewer: "bob"},
			Author:  "bob", Store: "s1", TeamID: "1a2b3c4d" + strings.Repeat("0", 56),
			Conflicts: []string{"title: bob says overflow; mal\x1b[2J says \x1b]0;pwn\x07x"},
			Disputes: []nav.Dispute{{Field: "title", Said: []nav.Said{{Reviewer: "bob", Value: "overflow"},
				{Reviewer: "mal\x1b[2J", Value: "\x1b]0;pwn\x07x"}}}},
			Pending: "false-positive by alice: needs a second reviewer's confirmation", PendingBy: "alice",
			Queued: []string{"severity low"},
		}}}
}

// asks keeps the requests to the root among msgs (a text input's
// cursor blink is not one).
func asks(msgs []tea.Msg) []tea.Msg {
	var out []tea.Msg
	for _, m := range msgs {
		switch m.(type) {
		case ResolveMsg, ConfirmMsg, EditMsg, StatusMsg, DeleteMsg, JumpMsg:
			out = append(out, m)
		}
	}
	return out
}

func TestResolvePickerTypesAnotherTitle(t *testing.T) {
	m := newView(t)
	m.SetTeam(disputed())
	m, _ = press(t, m, "G")
	if v := m.View(); !strings.Contains(v, "QUEUED severity low (the next team push signs and sends it)") {
		t.Fatalf("the queued change is not shown:\n%s", v)
	}
	m, out := press(t, m, "r")
	v := m.View()
	if len(out) != 0 || !m.Confirming() || !strings.Contains(v, "> title overflow (bob says)") ||
		!strings.Contains(v, "title ^[]0;pwn^Gx (mal^[[2J says)") || !strings.Contains(v, "title: another value") {
		t.Fatalf("picker (out %v):\n%s", out, v)
	}
	if err := tuitest.Inert(v, false); err != nil {
		t.Fatal(err)
	}
	// esc leaves the conflict as it is and asks for nothing.
	if m2, out := press(t, m, "esc"); len(out) != 0 || m2.Confirming() || !strings.Contains(m2.View(), "conflict left as it is") {
		t.Fatalf("esc: %v\n%s", out, m2.View())
	}
	m, out = press(t, m, "j", "j", "enter")
	out = asks(out)
	if len(out) != 0 || !strings.Contains(m.View(), "title: ") {
		t.Fatalf("another value should ask for the title: %v\n%s", out, m.View())
	}
	m, out = press(t, m, "enter")
	out = asks(out)
	if len(out) != 0 || !strings.Contains(m.View(), "type the title") {
		t.Fatalf("an empty title: %v\n%s", out, m.View())
	}
	m, out = press(t, m, "h", "e", "a", "p", "enter")
	out = asks(out)
	want := ResolveMsg{ID: "T-1a2b3c4d", Store: "s1", TeamID: "1a2b3c4d" + strings.Repeat("0", 56), Field: "title", Value: "heap"}
	if len(out) != 1 || out[0] != want || m.Confirming() {
		t.Fatalf("typed title: %v", out)
	}
	// v on alice's own pending change is refused: she is not a second reviewer.
	m, out = press(t, m, "v")
	if len(out) != 0 || !strings.Contains(m.View(), "you (alice) proposed this change; a second reviewer must confirm it") {
		t.Fatalf("alice's v: %v\n%s", out, m.View())
	}
	// r on a finding with no conflict says so.
	m, _ = press(t, m, "g", "g", "r")
	if v := m.View(); m.Confirming() || !strings.Contains(v, "F-0001 has no conflict to resolve") {
		t.Fatalf("r without a conflict:\n%s", v)
	}
}
