package annotate

import (
	"testing"

	tea "github.com/charmbracelet/bubbletea"

	"sightline/tui/nav"
	"sightline/tui/tuitest"
)

// "ctrl+s ctrl+s" in one read saves the new finding once.
func TestDoubleSubmitSavesOnce(t *testing.T) {
	ws, m, pane := repoWorkspace(t)
	m, _, _ = m.Key(tuitest.Key("a"), nav.ViewFiles, pane)
	m = modalKeys(t, m, tuitest.Type("Back door")...)
	var cmds []tea.Cmd
	for range 2 {
		var cmd tea.Cmd
		m, cmd = m.ModalKey(tuitest.Key("ctrl+s"))
		cmds = append(cmds, cmd)
	}
	m = runReversed(t, m, cmds...)
	if got := ws.Findings(); len(got) != 1 {
		t.Fatalf("the workspace holds %d findings, want 1: %+v", len(got), got)
	}
	if m.Modal() || len(m.Review().Findings) != 1 || m.current != ws.Findings()[0].ID {
		t.Errorf("after the save: modal %v, %d findings shown, current %q", m.Modal(), len(m.Review().Findings), m.current)
	}
}
