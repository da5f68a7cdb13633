package form

import (
	"testing"

	tea "github.com/charmbracelet/bubbletea"

	"sightline/review"
	"sightline/tui/theme"
	"sightline/tui/tuitest"
)

// Keys that arrive in one read reach the form before its SubmittedMsg
// reaches the owner: "enter enter" on the last field, or "ctrl+s ctrl+s",
// submit once. A refused save (SetError) lets the form be submitted again.
func TestSecondSubmitIsIgnored(t *testing.T) {
	for _, keys := range [][]string{{"ctrl+s", "ctrl+s"}, {"enter", "enter"}, {"ctrl+s", "enter", "ctrl+s"}} {
		m := FindingForm(IDAddFinding, "New finding", review.Finding{}, theme.PlainStyles())
		m, _ = send(t, m, tuitest.Type("Back door")...)
		m, _ = send(t, m, k("shift+tab")) // the last field: enter submits
		var pressed []tea.KeyMsg
		for _, name := range keys {
			pressed = append(pressed, k(name))
		}
		m, msgs := send(t, m, pressed...)
		if len(msgs) != 1 {
			t.Errorf("%v sent %d messages, want one SubmittedMsg: %v", keys, len(msgs), msgs)
		}
		m.SetError("refused")
		if _, msgs := send(t, m, k("ctrl+s")); len(msgs) != 1 {
			t.Errorf("%v: after a refusal ctrl+s sent %v, want one SubmittedMsg", keys, msgs)
		}
	}
}
