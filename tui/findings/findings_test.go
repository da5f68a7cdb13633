package findings

import (
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"

	"sightline/review"
	"sightline/tui/theme"
	"sightline/tui/tuitest"
)

func loc(path string, a, b int) review.Location {
	return review.Location{Path: path, StartLine: a, EndLine: b}
}

func sample() []review.Finding {
	return []review.Finding{
		{ID: "F-0001", Title: "Back door in update", Severity: "critical", Status: "open", CWE: "CWE-506",
			Reviewer: "alice", Description: "First line.\nSecond \x1b[31mline.",
			Steps: []review.Step{{Location: loc("src/update.c", 10, 12)}, {Location: loc("src/net.c", 5, 5), Note: "reaches exec"}}},
		{ID: "F-0002", Title: "Weak hash", Severity: "low", Status: "confirmed",
			Steps: []review.Step{{Location: loc("src/crypto.c", 3, 4)}}},
		{ID: "F-0003", Title: "evil\x1b[2Jtitle\u202e", Severity: "high", Status: "needs-info",
			Steps: []review.Step{{Location: loc("a\x1b]0;x\x07.c", 1, 1)}}},
	}
}

func newView(t *testing.T) Model {
	t.Helper()
	m := New("/data/ws", theme.PlainStyles(), DefaultKeyMap())
	m.SetSize(100, 20)
	m.Focus()
	m.SetFindings(sample())
	return m
}

func press(t *testing.T, m Model, keys ...string) (Model, []tea.Msg) {
	t.Helper()
	var out []tea.Msg
	for _, k := range keys {
		var cmd tea.Cmd
		m, cmd = m.Update(tuitest.Key(k))
		out = append(out, tuitest.Exec(t, cmd)...)
	}
	return m, out
}

func TestViewListsFindings(t *testing.T) {
	v := newView(t).View()
	for _, want := range []string{
		"3 of 3 findings", "F-0001", "critical", "Back door in update", "2 steps", "src/update.c:10-12",
		"F-0002", "low", "confirmed", "1 step ", "workspace /data/ws",
		"step 1  src/update.c:10-12", "step 2  src/net.c:5  — reaches exec",
		"CWE-506 · reviewer alice", "First line.", "Second ^[[31mline.",
	} {
		if !strings.Contains(v, want) {
			t.Errorf("view lacks %q:\n%s", want, v)
		}
	}
	if strings.ContainsAny(v, "\x1b\x07\u202e") {
		t.Errorf("a hostile title or path reaches the screen raw: %q", v)
	}
	lines := strings.Split(v, "\n")
	if len(lines) != 20 {
		t.Errorf("view has %d lines, want 20", len(lines))
	}
	for _, l := range lines {
		if w := lipgloss.Width(l); w > 100 {
			t.Errorf("line %q is %d cells wide, more than 100", l, w)
		}
	}
}

func TestFilters(t *testing.T) {
	m := newView(t)
	m, _ = press(t, m, "s", "s") // severity: info, then low
	if m.Len() != 1 || !strings.Contains(m.View(), "Weak hash") || strings.Contains(m.View(), "Back door") {
		t.Errorf("severity low shows %d:\n%s", m.Len(), m.View())
	}
	m, _ = press(t, m, "s", "s", "s", "s") // medium, high, critical, any
	if m.Len() != 3 {
		t.Errorf("severity any shows %d", m.Len())
	}
	m, _ = press(t, m, "t", "t") // status: open, then confirmed
	if f, ok := m.Selected(); m.Len() != 1 || !ok || f.ID != "F-0002" {
		t.Errorf("status confirmed: %d rows, selected %v", m.Len(), f.ID)
	}
	if !strings.Contains(m.View(), "severity any, status confirmed") {
		t.Errorf("the header does not name the filter:\n%s", m.View())
	}
}

func TestKeysAskTheRoot(t *testing.T) {
	m := newView(t)
	_, msgs := press(t, m, "enter")
	if len(msgs) != 1 || msgs[0] != (JumpMsg{ID: "F-0001", Step: 0}) {
		t.Errorf("enter: %v", msgs)
	}
	_, msgs = press(t, m, "l", "enter")
	if len(msgs) != 1 || msgs[0] != (JumpMsg{ID: "F-0001", Step: 1}) {
		t.Errorf("l enter: %v", msgs)
	}
	_, msgs = press(t, m, "j", "e")
	if len(msgs) != 1 || msgs[0] != (EditMsg{ID: "F-0002"}) {
		t.Errorf("j e: %v", msgs)
	}
	for k, st := range map[string]review.Status{"o": "open", "c": "confirmed", "f": "false-positive", "i": "needs-info"} {
		_, msgs = press(t, m, k)
		if len(msgs) != 1 || msgs[0] != (StatusMsg{ID: "F-0001", Status: st}) {
			t.Errorf("%s: %v", k, msgs)
		}
	}
}

func TestDeleteAsksFirst(t *testing.T) {
	m := newView(t)
	m, msgs := press(t, m, "x")
	if len(msgs) != 0 || !m.Confirming() || !strings.Contains(m.View(), "delete F-0001? y deletes") {
		t.Fatalf("x should ask: msgs %v\n%s", msgs, m.View())
	}
	m, msgs = press(t, m, "q") // anything but y keeps it
	if len(msgs) != 0 || m.Confirming() {
		t.Errorf("q after x: msgs %v, confirming %v", msgs, m.Confirming())
	}
	_, msgs = press(t, m, "x", "y")
	if len(msgs) != 1 || msgs[0] != (DeleteMsg{ID: "F-0001"}) {
		t.Errorf("x y: %v", msgs)
	}
}

func TestSelectionSurvivesRefresh(t *testing.T) {
	m := newView(t)
	m, _ = press(t, m, "G")
	fs := sample()
	fs = append([]review.Finding{}, fs[1:]...) // F-0001 deleted elsewhere
	m.SetFindings(fs)
	if f, _ := m.Selected(); f.ID != "F-0003" {
		t.Errorf("selected %s after refresh, want F-0003", f.ID)
	}
	empty := New("/ws", theme.PlainStyles(), DefaultKeyMap())
	empty.SetSize(80, 10)
	if v := empty.View(); !strings.Contains(v, "no findings yet") {
		t.Errorf("empty view:\n%s", v)
	}
}
