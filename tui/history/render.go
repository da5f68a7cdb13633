package history

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/charmbracelet/x/ansi"

	"sightline/repo"
	"sightline/tui/theme"
)

// dateFormat is how commit dates are listed.
const dateFormat = "2006-01-02"

// View draws the commit list over the detail pane, or a commit's diff.
func (m Model) View() string {
	if m.width <= 0 || m.height <= 0 {
		return ""
	}
	if m.showDiff {
		return m.diff.View()
	}
	lines := []string{m.styles.Title.Render(fit(m.title(), m.width))}
	lh := m.listHeight()
	for i := m.top; i < len(m.commits) && i < m.top+lh; i++ {
		lines = append(lines, Row(m.commits[i], m.refs[m.commits[i].Hash], m.width, i == m.cursor, m.focused, m.styles))
	}
	for len(lines) < lh+1 {
		lines = append(lines, "")
	}
	lines = append(lines, m.styles.Muted.Render(strings.Repeat("─", m.width)))
	if c, ok := m.Selected(); ok && m.parents {
		lines = append(lines, m.parentWindow(c)...)
	} else if ok {
		lines = append(lines, m.detailWindow(m.detail(c))...)
	}
	for len(lines) < m.height-1 {
		lines = append(lines, "")
	}
	lines = lines[:m.height-1]
	hint := "enter diff · B set as base · r base..pin / full history · J/K scroll message · p parents · / search · :hash · esc back"
	if m.path != "" {
		hint = "enter this file's change in the commit · B set as base · J/K scroll message · p parents · esc back to the file"
	}
	status := m.styles.Muted.Render(fit(hint, m.width))
	if m.note != "" {
		status = m.styles.Title.Render(fit(m.note, m.width))
	}
	if m.find.Editing() {
		status = fit(m.find.View(), m.width)
	}
	return strings.Join(append(lines, status), "\n")
}

// Row draws one commit: short hash, date, author, the branches and tags
// at it, subject. Author, names and subject are untrusted.
func Row(c repo.Commit, refs []repo.Ref, w int, cursor, focused bool, st theme.Styles) string {
	segs := []theme.Seg{
		{Text: c.Hash.String()[:8] + " ", Style: st.Key},
		{Text: c.Author.When.Format(dateFormat) + " ", Style: st.Muted},
	}
	author := theme.Clip(st.Untrusted(c.Author.Name, st.Text), 16)
	segs = append(segs, author...)
	segs = append(segs, theme.Seg{Text: strings.Repeat(" ", 17-theme.SegsWidth(author)), Style: st.Text})
	segs = append(segs, refSegs(refs, st)...)
	segs = append(segs, st.Untrusted(c.Subject(), st.Text)...)
	line := theme.Render(theme.Clip(segs, w-2))
	mark := "  "
	if cursor {
		mark = st.LineNumberCursor.Render("▌ ")
		if focused {
			line = st.ListSelected.Render(ansi.Strip(line))
		}
	}
	line = mark + line
	if pad := w - ansi.StringWidth(line); pad > 0 {
		line += strings.Repeat(" ", pad)
	}
	return line
}

// detailWindow is the part of the detail lines the pane has room for,
// from msgTop, saying on its last line how many more there are.
func (m Model) detailWindow(all []string) []string {
	h := m.detailHeight()
	top := min(m.msgTop, max(0, len(all)-h))
	win := all[top:min(len(all), top+h)]
	if rest := len(all) - top - len(win); rest > 0 && len(win) > 0 {
		win = append(win[:len(win)-1:len(win)-1], m.styles.Muted.Render(fit(fmt.Sprintf("  … %d more lines · J/K scroll the message", rest+1), m.width)))
	}
	return win
}

// maxInlineParents is how many parents the detail pane lists above the
// message; a commit with more shows their number, and p lists them.
const maxInlineParents = 4

// parentWindow is the detail pane listing the parents of c, from msgTop:
// a title line, then one parent a line. Only the lines in view are
// drawn, however many parents there are.
func (m Model) parentWindow(c repo.Commit) []string {
	h := m.detailHeight()
	if h <= 0 {
		return nil
	}
	title := fmt.Sprintf("%s parents of %s · J/K scroll · p back to the message", count(len(c.Parents)), c.Hash.Short())
	win := []string{m.styles.Title.Render(fit(title, m.width))}
	top := min(m.msgTop, max(0, len(c.Parents)+1-h))
	for i := top; i < len(c.Parents) && len(win) < h; i++ {
		win = append(win, fit(fmt.Sprintf("  %*d  %s", len(strconv.Itoa(len(c.Parents))), i+1, c.Parents[i]), m.width))
	}
	if rest := len(c.Parents) - top - (len(win) - 1); rest > 0 && len(win) > 1 {
		win[len(win)-1] = m.styles.Muted.Render(fit(fmt.Sprintf("  … %s more · J/K scroll", count(rest+1)), m.width))
	}
	return win
}

// count writes n with thousands separators: 10,000.
func count(n int) string {
	s := strconv.Itoa(n)
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}

// Detail draws a commit's header and whole message, in lines of w
// columns. The message is untrusted: each line goes through the
// sanitizer, so an escape sequence or a CR shows as a marker.
func Detail(c repo.Commit, w int, st theme.Styles) []string {
	sig := func(s repo.Signature) string {
		return s.Name + " <" + s.Email + ">  " + s.When.Format("2006-01-02 15:04:05 -0700")
	}
	var lines []string
	add := func(label, text string, base func(string) []theme.Seg) {
		segs := append([]theme.Seg{{Text: label, Style: st.Muted}}, base(text)...)
		lines = append(lines, theme.Render(theme.Clip(segs, w)))
	}
	untrusted := func(s string) []theme.Seg { return st.Untrusted(s, st.Text) }
	add("commit    ", c.Hash.String(), untrusted)
	if n := len(c.Parents); n > maxInlineParents {
		// A crafted merge can name thousands: listed here they would
		// push the message out of sight.
		add("parents   ", count(n)+" (p lists them)", untrusted)
	} else {
		for _, p := range c.Parents {
			add("parent    ", p.String(), untrusted)
		}
	}
	add("author    ", sig(c.Author), untrusted)
	if a, k := c.Author, c.Committer; a.Name != k.Name || a.Email != k.Email || !a.When.Equal(k.When) {
		add("committer ", sig(c.Committer), untrusted)
	}
	lines = append(lines, "")
	for _, l := range strings.Split(strings.TrimRight(c.Message, "\n"), "\n") {
		add("    ", l, untrusted)
	}
	if c.MessageCut > 0 {
		muted := func(s string) []theme.Seg { return []theme.Seg{{Text: s, Style: st.Muted}} }
		lines = append(lines, "")
		add("    ", fmt.Sprintf("[message cut: the commit is %d bytes; only its first %d are read]", c.MessageCut, repo.ObjectPrefixMax), muted)
	}
	return lines
}

// detail is Detail with the commit's branches and tags under its id.
func (m Model) detail(c repo.Commit) []string {
	lines := Detail(c, m.width, m.styles)
	if refs := m.refs[c.Hash]; len(refs) > 0 && len(lines) > 0 {
		row := m.styles.Muted.Render("refs      ") + theme.Render(theme.Clip(m.styles.Untrusted(refsText(refs), m.styles.Key), m.width-10))
		lines = append(lines[:1:1], append([]string{row}, lines[1:]...)...)
	}
	return lines
}

// fit cuts or pads plain text to exactly w columns.
func fit(s string, w int) string {
	if w <= 0 {
		return ""
	}
	s = ansi.Truncate(s, w, "…")
	return s + strings.Repeat(" ", max(0, w-ansi.StringWidth(s)))
}
