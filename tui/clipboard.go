package tui

import (
	"encoding/base64"
	"io"
	"sync"

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
// may block), and says what was copied on the message line. Copies are
// numbered: y then Y pressed quickly start two Cmds, and without the
// order the clipboard could end with the first text while the message
// line names the second.
func (m *Model) copy(msg nav.CopyMsg) tea.Cmd {
	c := m.clip
	if c == nil {
		m.info = "copying is off (clipboard off in the config, or a terminal without OSC 52)"
		return nil
	}
	m.copySeq++
	n, seq, shown := m.copySeq, OSC52(msg.Text), textsafe.Sanitize(msg.Text)
	return func() tea.Msg {
		wrote, err := c.write(n, seq)
		if !wrote {
			return nil // a later copy is already on the clipboard
		}
		return copiedMsg{seq: n, text: "copied " + msg.What + " " + shown, err: err}
	}
}

// clipboard serializes the model's copy Cmds: writes land in request
// order and one older than what was written is skipped, so the clipboard
// ends with what was asked for last. It is shared by the model's copies
// (one terminal), hence a pointer.
type clipboard struct {
	w       io.Writer
	mu      sync.Mutex
	written int // number of the last copy written
}

// write writes copy n's sequence unless a later copy was written first;
// wrote is false when it was skipped.
func (c *clipboard) write(n int, seq string) (wrote bool, err error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if n <= c.written {
		return false, nil
	}
	c.written = n
	_, err = io.WriteString(c.w, seq)
	return true, err
}

// copiedMsg is a copy's outcome. The root shows it only if no copy was
// asked for since (seq is still the latest): the Cmds' messages may
// arrive out of order.
type copiedMsg struct {
	seq  int
	text string
	err  error
}

// copied shows a copy's outcome unless a later copy was asked for.
func (m *Model) copied(msg copiedMsg) {
	if msg.seq != m.copySeq {
		return
	}
	if msg.err != nil {
		m.err = msg.err.Error()
		return
	}
	m.info = msg.text
}
