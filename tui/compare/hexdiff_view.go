package compare

import (
	"strings"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"sightline/tui/diff"
	"sightline/tui/keys"
	"sightline/tui/theme"
)

// hexDiffKey handles a key while the hex diff is shown: the list keys
// move, ]c/[c go between ranges, esc goes back to the diff.
func (m Model) hexDiffKey(k tea.KeyMsg) (Model, tea.Cmd) {
	hd := &m.hd
	if key.Matches(k, m.keys.Back) {
		m.closeHexDiff()
		return m, nil
	}
	var seq string
	hd.pending, seq = diff.Sequence(hd.pending, k)
	if seq == "" {
		return m, nil
	}
	hd.note = ""
	h := m.hexDiffHeight()
	dk := m.diff.KeyMap()
	switch {
	case diff.Matches(seq, dk.NextHunk):
		m.hexRange(1)
	case diff.Matches(seq, dk.PrevHunk):
		m.hexRange(-1)
	default:
		if mo, _, ok := keys.DefaultNav().Move(seq, h, false); ok {
			hd.top = mo.Apply(hd.top, max(len(hd.lines)-h+1, 1))
		} else if seq == "gg" {
			hd.top = 0
		}
	}
	return m, nil
}

// hexRange goes to the next (dir 1) or previous (-1) changed range.
func (m *Model) hexRange(dir int) {
	hd := &m.hd
	n := len(hd.starts)
	switch {
	case n == 0:
		hd.note = "no changed ranges"
		return
	case hd.cur+dir >= n:
		hd.note = "this is the last changed range"
		return
	case hd.cur+dir < 0 && hd.cur >= 0:
		hd.note = "this is the first changed range"
		return
	case hd.cur < 0 && dir < 0:
		hd.cur = n - 1
	default:
		hd.cur += dir
	}
	hd.top = max(0, min(hd.starts[hd.cur], len(hd.lines)-m.hexDiffHeight()))
}

// hexDiffHeight is the rows the hex diff has (the diff pane's).
func (m Model) hexDiffHeight() int { return max(m.height-1, 1) }

// hexDiffWidth is the columns the hex diff has (the diff pane's).
func (m Model) hexDiffWidth() int {
	if m.zoomed {
		return m.width
	}
	return max(0, m.width-m.listWidth()-1)
}

// hexDiffView draws the hex diff in the diff pane's place.
func (m Model) hexDiffView() string {
	hd, w, h := m.hd, m.hexDiffWidth(), m.hexDiffHeight()
	var lines []string
	switch {
	case hd.loading:
		lines = []string{"comparing the two blobs byte by byte …", "esc cancels"}
	case hd.err != nil:
		lines = []string{"⚠ hex diff failed: " + hd.err.Error()}
	default:
		lines = hd.lines[min(hd.top, len(hd.lines)):]
	}
	rows := make([]string, 0, h)
	for i := 0; i < h; i++ {
		var segs []theme.Seg
		if i < len(lines) {
			st := m.styles.Text
			if hd.cur >= 0 && hd.top+i == hd.starts[hd.cur] && !hd.loading {
				st = m.styles.Title
			}
			segs = theme.Clip(m.styles.Untrusted(lines[i], st), w)
		}
		segs = append(segs, theme.Seg{Text: strings.Repeat(" ", max(0, w-theme.SegsWidth(segs))), Style: m.styles.Text})
		rows = append(rows, theme.Render(segs))
	}
	return strings.Join(rows, "\n")
}

// hexDiffStatus is the page's status line under the hex diff.
func (m Model) hexDiffStatus() string {
	if m.hd.note != "" {
		return m.hd.note
	}
	return "hex diff · ]c/[c changed ranges · j/k scroll · esc back to the diff"
}
