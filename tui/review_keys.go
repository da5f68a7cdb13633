package tui

import (
	"fmt"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"sightline/repo/textsafe"
	"sightline/review"
	"sightline/tui/form"
	"sightline/tui/nav"
)

// ReviewKeys are the annotation keys of the Files view and the global
// export key.
type ReviewKeys struct {
	Select, Add, AddStep, Mark, NextStep, PrevStep, Export key.Binding
}

// DefaultReviewKeys returns the annotation bindings.
func DefaultReviewKeys() ReviewKeys {
	return ReviewKeys{
		Select:   key.NewBinding(key.WithKeys("V"), key.WithHelp("V", "select lines (code view or diff); j/k extend, esc drops")),
		Add:      key.NewBinding(key.WithKeys("a"), key.WithHelp("a", "new finding from the selection / line")),
		AddStep:  key.NewBinding(key.WithKeys("A"), key.WithHelp("A", "add the selection as a step of the current finding")),
		Mark:     key.NewBinding(key.WithKeys("m"), key.WithHelp("m", "mark file (or directory) reviewed / not")),
		NextStep: key.NewBinding(key.WithKeys("]s"), key.WithHelp("]s", "next step of the current finding (none: the first finding)")),
		PrevStep: key.NewBinding(key.WithKeys("[s"), key.WithHelp("[s", "previous step")),
		Export:   key.NewBinding(key.WithKeys("E"), key.WithHelp("E", "export findings (bundle, SARIF, Markdown)")),
	}
}

// ShortHelp lists the annotation keys.
func (k ReviewKeys) ShortHelp() []key.Binding {
	return []key.Binding{k.Add, k.AddStep, k.Mark, k.Export}
}

// FullHelp lists the annotation keys in two columns.
func (k ReviewKeys) FullHelp() [][]key.Binding {
	return [][]key.Binding{{k.Select, k.Add, k.AddStep, k.Mark}, {k.NextStep, k.PrevStep, k.Export}}
}

// reviewKey handles the annotation keys in the Files and Findings views;
// ok is false for any other key.
func (m *Model) reviewKey(msg tea.KeyMsg) (tea.Cmd, bool) {
	id := m.tabs[m.active].id
	k := msg.String()
	if id == nav.ViewChanges {
		// ]s and [s walk the steps here too; ]c, ]f and the rest still
		// reach the diff, prefix first.
		if p := m.rv.pending; p != "" {
			m.rv.pending = ""
			if k == "s" {
				return m.walkStep(map[string]int{"]": 1, "[": -1}[p]), true
			}
			cmd := m.updateActive(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune(p)})
			if next, ok := m.reviewKey(msg); ok {
				return tea.Batch(cmd, next), true
			}
			return tea.Batch(cmd, m.updateActive(msg)), true
		}
		if k == "]" || k == "[" {
			m.rv.pending = k
			return nil, true
		}
	}
	switch {
	case id == nav.ViewChanges && (k == "a" || k == "A"):
		if v := m.tabs[m.active].view.(changesView); !v.page.DiffFocused() {
			return nil, false
		}
		if k == "a" {
			return m.startAdd(), true
		}
		return m.startStep(), true
	case id == nav.ViewChanges && k == "m":
		return m.markChanged(), true
	case id != nav.ViewFiles && id != nav.ViewFindings:
		if k == "E" {
			return m.openExport(), true
		}
		return nil, false
	}
	if p := m.rv.pending; p != "" {
		m.rv.pending = ""
		if k == "s" {
			if p == "]" {
				return m.walkStep(1), true
			}
			return m.walkStep(-1), true
		}
	}
	switch k {
	case "]", "[":
		m.rv.pending = k
		return nil, true
	case "E":
		return m.openExport(), true
	}
	if id != nav.ViewFiles {
		return nil, false
	}
	switch k {
	case "a":
		return m.startAdd(), true
	case "A":
		return m.startStep(), true
	case "m":
		return m.toggleReviewed(), true
	}
	return nil, false
}

// noWorkspace explains why an annotation key does nothing.
const noWorkspace = "no review workspace in this session: findings cannot be saved"

// selectionDraft is the lines the reviewer means: the V selection, else
// the cursor line, of the file open in the code view, or of the diff in
// the Changes view.
func (m *Model) selectionDraft() (draft, error) {
	if m.tabs[m.active].id == nav.ViewChanges {
		return m.diffDraft()
	}
	f := m.tabs[m.tabIndex(nav.ViewFiles)].view.(filesView)
	doc := f.code.Doc()
	if doc == nil || f.code.Path() != doc.Path || f.code.Total() == 0 {
		return draft{}, fmt.Errorf("open a file and put the cursor on a line (V selects several) first")
	}
	from, to, ok := f.code.Selection()
	if !ok {
		from, to = f.code.Line(), f.code.Line()
	}
	return draft{path: doc.Path, start: from, end: to, commit: m.deps.Pin.Commit}, nil
}

// startAdd opens the new-finding form for the selection.
func (m *Model) startAdd() tea.Cmd {
	if !m.reviewActive() {
		m.err = noWorkspace
		return nil
	}
	d, err := m.selectionDraft()
	if err != nil {
		m.err = err.Error()
		return nil
	}
	m.rv.draft = d
	m.rv.form = form.FindingForm(form.IDAddFinding, "New finding", review.Finding{}, m.deps.Styles)
	m.rv.form.SetNote(d.String())
	return m.openModal()
}

// startStep opens the note form for a new step of the current finding.
func (m *Model) startStep() tea.Cmd {
	if !m.reviewActive() {
		m.err = noWorkspace
		return nil
	}
	if m.rv.current == "" {
		m.err = "no current finding: make one with a, or pick one in 4 Findings with enter"
		return nil
	}
	d, err := m.selectionDraft()
	if err != nil {
		m.err = err.Error()
		return nil
	}
	d.id = m.rv.current
	m.rv.draft = d
	m.rv.form = form.NoteForm(fmt.Sprintf("Add step to %s", d.id), m.deps.Styles)
	m.rv.form.SetNote(d.String())
	return m.openModal()
}

// startEdit opens the edit form for finding id.
func (m *Model) startEdit(id string) tea.Cmd {
	f, ok := m.findingByID(id)
	if !ok {
		m.err = "finding " + id + " is gone"
		return nil
	}
	m.rv.draft = draft{id: id}
	m.rv.form = form.FindingForm(form.IDEditFinding, "Edit "+id, f, m.deps.Styles)
	return m.openModal()
}

func (m *Model) openModal() tea.Cmd {
	m.rv.modal = modalForm
	m.rv.saving = false
	m.rv.form.SetWidth(m.modalWidth())
	m.rv.form.SetHeight(m.modalHeight())
	return nil
}

// modalWidth is the inner width of a review dialog.
func (m Model) modalWidth() int { return max(min(m.width-8, 90), 20) }

// modalHeight is the inner height of a review dialog: the body less the
// border and the "saving…" line.
func (m Model) modalHeight() int { return max(m.bodyHeight()-3, 8) }

func lineRange(a, b int) string {
	if a == b {
		return fmt.Sprint(a)
	}
	return fmt.Sprintf("%d-%d", a, b)
}

// toggleReviewed marks the open file (or the tree's selected file or
// directory) reviewed, or unmarks it.
func (m *Model) toggleReviewed() tea.Cmd {
	if !m.reviewActive() {
		m.err = noWorkspace
		return nil
	}
	f := m.tabs[m.tabIndex(nav.ViewFiles)].view.(filesView)
	path := ""
	if f.focus == focusTree {
		if e, ok := f.tree.Selected(); ok {
			path = e.Path
		}
	} else if d := f.code.Doc(); d != nil {
		path = d.Path
	}
	if path == "" {
		m.err = "select a file or directory to mark reviewed"
		return nil
	}
	return markCmd(m.deps.Review, m.rv.snap, m.deps.Repo, m.deps.Pin.Tree, path, m.rv.reviewed)
}

// markChanged marks the Changes view's selected file reviewed at the pin,
// or unmarks it; the reviewer reads a release there, file by file.
func (m *Model) markChanged() tea.Cmd {
	if !m.reviewActive() {
		m.err = noWorkspace
		return nil
	}
	l := m.tabs[m.active].view.(changesView).page.List()
	chs, i := l.Changes(), l.Cursor()
	if i < 0 || i >= len(chs) {
		m.err = "no changed file selected to mark reviewed"
		return nil
	}
	if chs[i].NewPath == "" {
		m.err = textsafe.Sanitize(chs[i].OldPath) + " is deleted at the pin: there is nothing to mark reviewed"
		return nil
	}
	return markCmd(m.deps.Review, m.rv.snap, m.deps.Repo, m.deps.Pin.Tree, chs[i].NewPath, m.rv.reviewed)
}

// walkStep opens the next (+1) or previous (-1) step of the current
// finding. With none (after a restart, say) it starts on the first
// finding by id: its first step for ]s, its last for [s.
func (m *Model) walkStep(d int) tea.Cmd {
	f, ok := m.findingByID(m.rv.current)
	if !ok {
		first, any := m.firstFinding()
		if !any || len(first.Steps) == 0 {
			m.err = "no findings yet: make one with a on a line or a selection"
			return nil
		}
		n := 0
		if d < 0 {
			n = len(first.Steps) - 1
		}
		cmd := m.jump(first, n)
		m.info = "no current finding: starting at " + first.ID + " (the first by id); " + m.info
		return cmd
	}
	n := m.rv.step + d
	if n < 0 || n >= len(f.Steps) {
		m.info = fmt.Sprintf("%s has %d steps; this is step %d", f.ID, len(f.Steps), m.rv.step+1)
		return nil
	}
	return m.jump(f, n)
}

// jump opens step n of f: a pin-side (or tree) step in the Files view, a
// base-side one in the Changes tab's diff, where the removed line is.
func (m *Model) jump(f review.Finding, n int) tea.Cmd {
	if n < 0 || n >= len(f.Steps) {
		return nil
	}
	m.rv.current, m.rv.step = f.ID, n
	l := f.Steps[n].Location
	m.info = fmt.Sprintf("%s step %d/%d", f.ID, n+1, len(f.Steps))
	if f.Steps[n].Note != "" {
		m.info += ": " + textsafe.Sanitize(f.Steps[n].Note)
	}
	if l.Side == review.SideBase {
		return m.openBaseStep(l)
	}
	path, line := l.Path, l.StartLine
	return func() tea.Msg { return nav.OpenFileMsg{Path: path, Line: line} }
}

func (m Model) findingByID(id string) (review.Finding, bool) {
	for _, f := range m.rv.findings {
		if f.ID == id {
			return f, true
		}
	}
	return review.Finding{}, false
}

// firstFinding is the finding with the lowest id (F-0002 before F-0010,
// and F-9999 before F-10000).
func (m Model) firstFinding() (review.Finding, bool) {
	var best review.Finding
	for i, f := range m.rv.findings {
		if i == 0 || len(f.ID) < len(best.ID) || len(f.ID) == len(best.ID) && f.ID < best.ID {
			best = f
		}
	}
	return best, len(m.rv.findings) > 0
}
