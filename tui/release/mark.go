package release

import (
	"fmt"

	tea "github.com/charmbracelet/bubbletea"

	"sightline/repo/artifact"
	"sightline/repo/textsafe"
)

// Marks are written one at a time, in the order m was pressed. Cmds run
// and answer in no set order: two writes in flight could land on disk in
// either order, and an older answer (the marks after the first write)
// could replace a newer one on screen. So a mark asked for while another
// is written waits in the queue, and each toggle is decided from the
// state the earlier ones will leave: "m m" marks and unmarks.

// markReq is one mark to write: member path, its blob, on or off.
type markReq struct {
	path, blob string
	on         bool
	inScope    int
}

// toggleMark marks or unmarks a member in scope, after any marks still
// being written.
func (m Model) toggleMark(res artifact.Result) (Model, tea.Cmd) {
	if !inScope(res.Class) || res.Member == nil {
		m.err = fmt.Sprintf("%s is %s: only members that differ from the tree or from upstream are marked", textsafe.Sanitize(res.Path), res.Class)
		return m, nil
	}
	blob := res.Member.Blob.String()
	_, total := m.Coverage()
	m.queued = append(m.queued, markReq{path: res.Path, blob: blob, on: !m.willBeMarked(res.Path, blob), inScope: total})
	if m.marking != nil {
		m.info = "still saving the last mark: this one follows"
		return m, nil
	}
	return m.nextMark()
}

// willBeMarked says whether path is marked with blob once the marks being
// written and queued are on disk.
func (m Model) willBeMarked(path, blob string) bool {
	on := m.marks[path] == blob
	if r := m.marking; r != nil && r.path == path {
		on = r.on && r.blob == blob
	}
	for _, r := range m.queued {
		if r.path == path {
			on = r.on && r.blob == blob
		}
	}
	return on
}

// nextMark starts writing the first queued mark, if any.
func (m Model) nextMark() (Model, tea.Cmd) {
	if len(m.queued) == 0 {
		return m, nil
	}
	r := m.queued[0]
	m.queued = m.queued[1:]
	m.marking = &r
	return m, markCmd(m.d.WS, m.ref, r.path, r.blob, r.on, r.inScope)
}

// marked shows the marks a write left on disk and starts the next one.
// After a failed write the marks queued behind it are dropped (they were
// decided from a state that is not on disk) and the screen keeps the
// last marks written.
func (m Model) marked(msg markedMsg) (Model, tea.Cmd) {
	m.marking = nil
	if msg.err != nil {
		m.err, m.queued = msg.err.Error(), nil
		return m, nil
	}
	m.marks, m.info = msg.marks.Reviewed, msg.done
	m.rebuild()
	return m.nextMark()
}

// inScope says which classes the release coverage counts: what differs
// from the tree or from upstream, which a reviewer must read.
func inScope(c artifact.Class) bool {
	switch c {
	case artifact.ClassModifiedUpstream, artifact.ClassDiffers, artifact.ClassUnknown, artifact.ClassMode:
		return true
	}
	return false
}

// Coverage is how many members in scope are marked reviewed (with their
// current blob), of how many.
func (m Model) Coverage() (reviewed, total int) {
	if m.rep == nil {
		return 0, 0
	}
	for _, r := range m.rep.Results {
		if inScope(r.Class) && r.Member != nil {
			total++
			if m.marks[r.Path] == r.Member.Blob.String() {
				reviewed++
			}
		}
	}
	return reviewed, total
}
