package findings

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"sightline/repo"
	"sightline/review"
	"sightline/tui/diff"
)

// Reader reads the blobs a carried step's comparison shows. *repo.Repo
// satisfies it.
type Reader interface {
	ReadBlob(ctx context.Context, h repo.Hash, limit int64) (repo.Blob, error)
}

// comparison is a carried step's old text beside its new, read-only, in
// a diff pane of its own.
type comparison struct {
	open  bool
	seq   int
	id    string // the finding and step shown
	step  int
	title string // "old ... at C1 → new ... at C2", raw (drawn sanitized)
	check string // what the line hashes say, raw
	bad   bool   // a line hash did not match: check is drawn as an error
	pane  diff.Model
	st    diff.Styles
}

// comparedMsg is a comparison read in a Cmd.
type comparedMsg struct {
	seq         int
	id          string
	step        int
	title       string
	check       string
	bad         bool
	file        diff.File
	loadFailure error
}

func newComparison(m Model) comparison {
	st := diff.NewStyles(m.styles)
	km := diff.DefaultKeyMap()
	// One region of one file: no other files, no context to widen, and
	// enter opens the step at the pin (the list's own enter).
	for _, b := range []*key.Binding{&km.NextFile, &km.PrevFile, &km.MoreContext, &km.LessContext, &km.Open} {
		b.SetEnabled(false)
	}
	return comparison{pane: diff.New(km, st), st: st}
}

// SetSource gives the view what it reads a carried step's old and new
// text from; without one, the comparison says it cannot.
func (m *Model) SetSource(r Reader) { m.src = r }

// Comparing reports whether a carried step's comparison is shown.
func (m Model) Comparing() bool { return m.cmp.open }

// CloseCompare closes the comparison, back to the list; it reports
// whether one was open.
func (m *Model) CloseCompare() bool {
	if !m.cmp.open {
		return false
	}
	m.cmp.open = false
	m.cmp.pane.Blur()
	return true
}

// compare starts reading the selected step's old and new text.
func (m Model) compare(f review.Finding) (Model, tea.Cmd) {
	if m.step >= len(f.Steps) || f.Steps[m.step].Carried == nil {
		m.note = "this step was made at this pin: it has no older text to compare (d works on carried steps)"
		return m, nil
	}
	if m.src == nil {
		m.note = "no repository to read the old text from"
		return m, nil
	}
	m.cmp.seq++
	seq, src, st, step := m.cmp.seq, m.src, m.cmp.st, f.Steps[m.step]
	id, i := f.ID, m.step
	return m, func() tea.Msg { return readComparison(src, st, seq, id, i, step) }
}

// compared shows a comparison that was read.
func (m Model) compared(msg comparedMsg) Model {
	if msg.seq != m.cmp.seq {
		return m
	}
	if msg.loadFailure != nil {
		m.note = msg.loadFailure.Error()
		return m
	}
	c := &m.cmp
	c.open, c.id, c.step, c.title, c.check, c.bad = true, msg.id, msg.step, msg.title, msg.check, msg.bad
	c.pane.SetFile(msg.file, diff.AnchorTop)
	c.pane.Focus()
	m.sizeCompare()
	return m
}

func (m *Model) sizeCompare() { m.cmp.pane.SetSize(m.width, max(1, m.height-2)) }

// readComparison reads the step's old lines (its Carried.From) and, unless
// the step is gone, its lines at the pin, checks each against its
// recorded line hash and diffs them with their own line numbers.
func readComparison(src Reader, st diff.Styles, seq int, id string, i int, s review.Step) tea.Msg {
	from, to := s.Carried.From, s.Location
	msg := comparedMsg{seq: seq, id: id, step: i}
	old, oldOK, err := readLines(src, from)
	if err != nil {
		msg.loadFailure = fmt.Errorf("the old text of %s step %d: %w", id, i+1, err)
		return msg
	}
	var checks []string
	checks, msg.bad = appendCheck(checks, "old", oldOK, msg.bad)
	var cur [][]byte
	gone := s.Carried.Verdict == review.VerdictGone
	if !gone {
		var curOK bool
		if cur, curOK, err = readLines(src, to); err != nil {
			msg.loadFailure = fmt.Errorf("the new text of %s step %d: %w", id, i+1, err)
			return msg
		}
		checks, msg.bad = appendCheck(checks, "new", curOK, msg.bad)
	}
	msg.title = fmt.Sprintf("%s step %d [%s] · old %s at %s → ", id, i+1, s.Carried.Verdict, from, shortID(from.Commit))
	if gone {
		msg.title += "gone at " + shortID(to.Commit)
	} else {
		msg.title += fmt.Sprintf("new %s at %s", to, shortID(to.Commit))
	}
	msg.check = strings.Join(checks, "; ")
	if !msg.bad && !gone {
		msg.check = "the old and the new lines match their recorded line hashes"
	}
	msg.check += " · read-only · enter opens the step, q/esc back"
	ch := repo.FileChange{Status: 'M', OldPath: from.Path, NewPath: to.Path}
	ch.OldHash, _ = repo.ParseHash(from.Blob)
	switch {
	case gone:
		ch.Status, ch.NewPath = 'D', ""
	case from.Path != to.Path:
		ch.Status = 'R'
	}
	if !gone {
		ch.NewHash, _ = repo.ParseHash(to.Blob)
	}
	msg.file = diff.Prepare(ch, regionHunks(old, cur, from.StartLine, to.StartLine), diff.DefaultContext, st)
	return msg
}

func appendCheck(checks []string, side string, ok, bad bool) ([]string, bool) {
	if ok {
		return append(checks, "the "+side+" lines match their recorded line hash"), bad
	}
	return append(checks, "the "+side+" lines do NOT match their recorded line hash: the repository or the journal changed"), true
}

// readLines reads a location's lines and reports whether they hash to
// its recorded line hash.
func readLines(src Reader, l review.Location) ([][]byte, bool, error) {
	h, err := repo.ParseHash(l.Blob)
	if err != nil {
		return nil, false, fmt.Errorf("blob id %q: %w", l.Blob, err)
	}
	b, err := src.ReadBlob(context.Background(), h, -1)
	if err != nil {
		if l.Archive != nil {
			return nil, false, fmt.Errorf("%s is a member of release archive %s, not in the repository: %w", l.Path, l.Archive.Name, err)
		}
		return nil, false, err
	}
	lines := repo.SplitLines(b.Data)
	if l.StartLine < 1 || l.EndLine < l.StartLine || l.EndLine > len(lines) {
		return nil, false, fmt.Errorf("lines %d-%d: %w: blob %s has %d lines", l.StartLine, l.EndLine, errRange, shortID(l.Blob), len(lines))
	}
	hash, _ := review.LineHash(b.Data, l.StartLine, l.EndLine)
	return lines[l.StartLine-1 : l.EndLine], hash == l.LineHash, nil
}

var errRange = errors.New("not in the file")

// regionHunks diffs the old region (starting at old line os) with the new
// one (at new line ns) as one hunk numbered by the files' own lines; two
// equal regions are one hunk of context, so the text is shown either way.
func regionHunks(old, cur [][]byte, os, ns int) []repo.Hunk {
	hs := repo.DiffLines(old, cur, len(old)+len(cur))
	if len(hs) == 0 {
		h := repo.Hunk{OldStart: 1, OldLines: len(old), NewStart: 1, NewLines: len(cur)}
		for j, l := range old {
			h.Lines = append(h.Lines, repo.DiffLine{Kind: ' ', OldLine: j + 1, NewLine: j + 1,
				Text: bytes.TrimSuffix(l, []byte{'\n'}), NoEOL: !bytes.HasSuffix(l, []byte{'\n'})})
		}
		hs = []repo.Hunk{h}
	}
	for i := range hs {
		h := &hs[i]
		h.OldStart += os - 1
		if len(cur) > 0 {
			h.NewStart += ns - 1
		}
		for j := range h.Lines {
			if h.Lines[j].OldLine > 0 {
				h.Lines[j].OldLine += os - 1
			}
			if h.Lines[j].NewLine > 0 {
				h.Lines[j].NewLine += ns - 1
			}
		}
	}
	return hs
}
