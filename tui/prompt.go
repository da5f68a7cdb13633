package tui

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/charmbracelet/bubbles/cursor"
	"github.com/charmbracelet/bubbles/textinput"
	tea "github.com/charmbracelet/bubbletea"

	"sightline/tui/code"
	"sightline/tui/files"
	"sightline/tui/nav"
	"sightline/tui/theme"
)

// promptKind is what the message-line input is for.
type promptKind int

const (
	promptNone   promptKind = iota
	promptGoto              // ":N" goes to line N
	promptSearch            // "/text" searches the open file
)

// prompt is the one-line input on the message line, shared by ":" and
// "/".
type prompt struct {
	kind  promptKind
	input textinput.Model
}

func newPrompt(s theme.Styles) prompt {
	in := textinput.New()
	// A static cursor: a blinking one redraws the screen twice a second
	// for nothing.
	in.Cursor.SetMode(cursor.CursorStatic)
	in.CharLimit = 256
	in.PromptStyle = s.Key
	in.TextStyle = s.Text
	return prompt{input: in}
}

// open starts editing with the given prompt character.
func (p *prompt) open(k promptKind) tea.Cmd {
	p.kind = k
	p.input.SetValue("")
	p.input.Prompt = map[promptKind]string{promptGoto: ":", promptSearch: "/"}[k]
	return p.input.Focus()
}

func (p *prompt) close() {
	p.kind = promptNone
	p.input.Blur()
}

func (p prompt) active() bool { return p.kind != promptNone }

func (p prompt) view() string { return p.input.View() }

// handlePromptKey edits the prompt: enter submits, esc cancels, and a
// search runs as the reviewer types.
func (m *Model) handlePromptKey(msg tea.KeyMsg) tea.Cmd {
	switch msg.String() {
	case "esc":
		kind := m.prompt.kind
		m.prompt.close()
		if kind == promptSearch {
			return m.updateTab(nav.ViewFiles, files.SearchMsg{Clear: true})
		}
		return nil
	case "enter":
		kind, val := m.prompt.kind, strings.TrimSpace(m.prompt.input.Value())
		m.prompt.close()
		if kind == promptGoto {
			// A line number, or a byte offset (decimal or 0x…) for a
			// binary file shown as hex: the Files tab knows which it shows.
			n, err := strconv.Atoi(val)
			if _, oerr := code.ParseOffset(val); (err != nil || n < 1) && oerr != nil {
				m.err = fmt.Sprintf("not a line number: %q (type : then a number, or an offset such as 0x1f0 in a hex view, then enter)", val)
				return nil
			}
			m.jumped()
			return m.updateTab(nav.ViewFiles, files.GotoLineMsg{Line: n, Text: val})
		}
		return nil
	}
	var cmd tea.Cmd
	before := m.prompt.input.Value()
	m.prompt.input, cmd = m.prompt.input.Update(msg)
	if after := m.prompt.input.Value(); m.prompt.kind == promptSearch && after != before {
		return tea.Batch(cmd, m.updateTab(nav.ViewFiles, files.SearchMsg{Query: after}))
	}
	return cmd
}
