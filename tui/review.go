package tui

import (
	"context"
	"fmt"
	"strconv"
	"sync/atomic"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"

	"sightline/repo"
	"sightline/review"
	"sightline/review/bundle"
	"sightline/tui/code"
	"sightline/tui/form"
	"sightline/tui/nav"
	"sightline/tui/theme"
)

// Review is the review workspace the workbench annotates. The zero Review
// browses only: the annotation keys then say that there is no workspace.
type Review struct {
	WS       *review.Workspace
	Reviewer string // recorded on new findings; "" lets the workspace choose
	// Locate makes the location of lines start..end of path at commit
	// (review.NewLocation over the open repository). It does I/O and is
	// only called from Cmds.
	Locate func(ctx context.Context, commit repo.Hash, path string, start, end int, side string) (review.Location, error)
	// Export writes an export of the workspace (bundle.Export with the
	// repository and workspace filled in). Nil disables E.
	Export func(ctx context.Context, opts bundle.ExportOptions) ([]string, error)
}

// Dir is the workspace directory, or "" without one.
func (r Review) Dir() string {
	if r.WS == nil {
		return ""
	}
	return r.WS.Dir()
}

// modalKind is the review dialog open over the workbench.
type modalKind int

const (
	modalNone   modalKind = iota
	modalForm             // add/edit finding, step note
	modalExport           // the export dialog
)

// draft is what the open form is about: the lines it annotates and the
// finding it changes.
type draft struct {
	path       string
	start, end int
	side       string
	commit     repo.Hash
	base       *repo.Pin // the diff's base, for a base-side location
	id         string    // finding being edited or extended
}

// reviewState is the root's view of the workspace: a snapshot of its
// findings and coverage (refreshed after every change) and the state of
// the review dialogs.
type reviewState struct {
	findings   []review.Finding
	reviewed   map[string]bool
	snap       *atomic.Int64 // snapshot counter shared with Cmds; older snapshots are dropped
	applied    int64         // the snapshot shown
	totalFiles int           // files at the pin (from the path listing); 0 until known

	current string // the current finding: ]s/[s walk it, A extends it
	step    int    // its step last opened
	pending string // "]" or "[" waiting for s

	modal  modalKind
	form   form.Model
	draft  draft
	saving bool // the form was submitted and the save has not answered yet

	marksKey string     // "snapshot\x00path" of the marks the code view has
	treeSnap int64      // the snapshot whose reviewed set the tree has
	shown    nav.ViewID // the tab shown at the last sync

	// Coverage of the changed files of the Changes tab, recounted when the
	// snapshot or the list of changes changes.
	changedKey            string
	changed, changedTotal int

	diffMarksKey string // snapshot, paths and commits of the diff's marks
}

func newReviewState() reviewState {
	return reviewState{reviewed: map[string]bool{}, snap: new(atomic.Int64), applied: -1, treeSnap: -1}
}

// active reports whether there is a workspace to annotate.
func (m Model) reviewActive() bool { return m.deps.Review.WS != nil }

// syncReview hands the code view the marks of the open file and the tree
// the reviewed files, when the file or the snapshot changed. It runs
// after every Update and does no I/O; on arriving at the Findings tab it
// returns a Cmd that reads what other processes (a script running
// 'sightline findings') wrote meanwhile.
func (m *Model) syncReview(msg tea.Msg) tea.Cmd {
	if m.deps.Review.WS == nil {
		return nil
	}
	var cmd tea.Cmd
	if id := m.tabs[m.active].id; id != m.rv.shown {
		m.rv.shown = id
		if id == nav.ViewFindings {
			cmd = loadSnapshot(m.deps.Review, m.rv.snap)
		}
	}
	switch msg.(type) {
	case tea.WindowSizeMsg:
		if m.rv.modal != modalNone {
			m.rv.form.SetWidth(m.modalWidth())
			m.rv.form.SetHeight(m.modalHeight())
		}
	case tea.KeyMsg, tea.MouseMsg:
		// Marks follow the open file and the snapshot, which only change
		// when a result message arrives, never on a key itself.
		return cmd
	}
	m.countChanged()
	m.syncDiffMarks()
	i := m.tabAt(nav.ViewFiles)
	if i < 0 {
		return cmd
	}
	f := m.tabs[i].view.(filesView)
	changed := false
	if d := f.code.Doc(); d != nil && f.code.Path() == d.Path {
		k := strconv.FormatInt(m.rv.applied, 10) + "\x00" + d.Path
		if k != m.rv.marksKey {
			f.code.SetMarks(d.Path, lineMarks(m.rv.findings, m.deps.Pin.Commit.String(), d.Path, m.deps.Styles))
			m.rv.marksKey = k
			changed = true
		}
	}
	if m.rv.treeSnap != m.rv.applied {
		f.tree.SetReviewed(m.rv.reviewed)
		m.rv.treeSnap = m.rv.applied
		changed = true
	}
	if changed {
		m.tabs[i].view = f
	}
	return cmd
}

// tabAt is tabIndex without copying the model, for the per-message sync.
func (m *Model) tabAt(id nav.ViewID) int {
	for i := range m.tabs {
		if m.tabs[i].id == id {
			return i
		}
	}
	return -1
}

// countChanged counts the reviewed files among the files the Changes tab
// lists as changed at the pin (deleted files do not count: they are not
// there to read).
func (m *Model) countChanged() {
	i := m.tabAt(nav.ViewChanges)
	if i < 0 {
		m.rv.changed, m.rv.changedTotal = 0, 0
		return
	}
	page := m.tabs[i].view.(changesView).page
	_, head, loaded := page.Comparison()
	chs := page.List().Changes()
	k := fmt.Sprintf("%d\x00%d\x00%v\x00%s", m.rv.applied, len(chs), loaded, head)
	if k == m.rv.changedKey {
		return
	}
	m.rv.changedKey = k
	m.rv.changed, m.rv.changedTotal = 0, 0
	if !loaded || head != m.deps.Pin.Commit {
		return
	}
	for _, c := range chs {
		if c.NewPath == "" {
			continue
		}
		m.rv.changedTotal++
		if m.rv.reviewed[c.NewPath] {
			m.rv.changed++
		}
	}
}

// lineMarks turns the findings' steps in path into gutter marks: runs of
// lines whose most severe finding is the same become one mark, in that
// finding's severity colour, titled with its id and title.
func lineMarks(fs []review.Finding, commit, path string, s theme.Styles) []code.Mark {
	byLine := review.LineMarks(fs, commit, path)
	if len(byLine) == 0 {
		return nil
	}
	maxLine := 0
	for n := range byLine {
		maxLine = max(maxLine, n)
	}
	var out []code.Mark
	for n := 1; n <= maxLine; n++ {
		f, ok := byLine[n]
		if !ok {
			continue
		}
		if k := len(out) - 1; k >= 0 && out[k].End == n-1 && out[k].Title == markTitle(f) {
			out[k].End = n
			continue
		}
		out = append(out, code.Mark{Start: n, End: n, Style: severityStyle(f.Severity, s), Title: markTitle(f)})
	}
	return out
}

// markTitle is what the status bar shows on a marked line. The title is
// raw: the Files view sanitizes it.
func markTitle(f review.Finding) string {
	return f.ID + " [" + string(f.Severity) + "] " + f.Title
}

func severityStyle(sev review.Severity, s theme.Styles) lipgloss.Style {
	if st, ok := s.Severity[string(sev)]; ok {
		return st
	}
	return s.Text
}
