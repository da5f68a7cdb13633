package tui

import (
	"encoding/base64"
	"io"

	tea "github.com/charmbracelet/bubbletea"

	"sightline/repo/textsafe"
	"sightline/tui/nav"
)

// OSC52 is the sequence that asks a terminal to put text on the system
// clipboard: ESC ] 52 ; c ; base64 BEL. The payload is the sanitized
// text, so a hostile path pasted later into a shell carries visible
// markers, never a control character or a bidi override. It is not
// wrapped for tmux's passthrough (off by default since tmux 3.3): tmux
// with "set -g set-clipboard on" takes the sequence itself, keeps a
// buffer and passes it on to the terminal it runs in.
func OSC52(text string) string {
	return "\x1b]52;c;" + base64.StdEncoding.EncodeToString([]byte(textsafe.Sanitize(text))) + "\a"
}

// copy writes msg's text to the clipboard, in a Cmd (a terminal write
// may block), and says what was copied on the message line.
func (m *Model) copy(msg nav.CopyMsg) tea.Cmd {
	w := m.deps.Clipboard
	if w == nil {
		m.info = "copying is off (clipboard off in the config, or a terminal without OSC 52)"
		return nil
	}
	seq, shown := OSC52(msg.Text), textsafe.Sanitize(msg.Text)
	return func() tea.Msg {
		if _, err := io.WriteString(w, seq); err != nil {
			return nav.ErrorMsg{Err: err}
		}
		return nav.InfoMsg{Text: "copied " + msg.What + " " + shown}
	}
}
