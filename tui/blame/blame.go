// Package blame feeds the code view's blame gutter: it runs repo's blame
// of a file at the pin in a tea.Cmd, with progress and cancellation, reads
// the commits it names, and turns each line's origin into gutter text
// (short hash, author, date), sanitized. It draws nothing itself: the
// Files view hands Lines to the code view's extra gutter column.
package blame

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/ansi"

	"sightline/repo"
	"sightline/repo/textsafe"
)

// Source is what blame reads: *repo.Repo satisfies it.
type Source interface {
	BlameLive(ctx context.Context, commit repo.Hash, path string, ignore []repo.Hash, every time.Duration, fn func(partial []repo.BlameLine, done, total int)) ([]repo.BlameLine, error)
	ReadCommit(ctx context.Context, h repo.Hash) (repo.Commit, error)
}

// Width is the gutter's width in columns: "1a2b3c4d author---- 2024-01-02 ".
const Width = 8 + 1 + authorWidth + 1 + 10 + 1

const authorWidth = 12

// KeyMap holds blame's bindings, used in the code view.
type KeyMap struct {
	Toggle  key.Binding
	Show    key.Binding
	Reblame key.Binding // , : blame the cursor line's commit's lines from its parent
	Back    key.Binding // < : undo the last ,
}

// DefaultKeyMap returns blame's default bindings.
func DefaultKeyMap() KeyMap {
	return KeyMap{
		Toggle: key.NewBinding(key.WithKeys("b"), key.WithHelp("b", "toggle blame")),
		Show:   key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "blamed commit's diff")),
		// tig's keys: , blames the parent, < goes back.
		Reblame: key.NewBinding(key.WithKeys(","), key.WithHelp(",", "re-blame from the line commit's parent")),
		Back:    key.NewBinding(key.WithKeys("<"), key.WithHelp("<", "undo the last re-blame")),
	}
}

// LoadedMsg carries a finished blame of Path at Commit, for request Seq.
type LoadedMsg struct {
	Seq     int
	Path    string
	Commit  repo.Hash
	Ignore  []repo.Hash // the commits passed over (each , adds one)
	Lines   []repo.BlameLine
	Commits map[repo.Hash]repo.Commit // every commit Lines name
	Text    []string                  // gutter text per line, display-safe
	Search  []string                  // per line, what / matches besides the text (SearchText)
	Err     error
}

// ProgressMsg reports how far blame request Seq has got. For a plain
// blame (no , in force) it carries the gutter so far: Lines settled so
// far (a zero Commit: not yet), their gutter and search text, and the
// commits they name.
type ProgressMsg struct {
	Seq         int
	Done, Total int
	Lines       []repo.BlameLine
	Commits     map[repo.Hash]repo.Commit
	Text        []string
	Search      []string
	ch          <-chan ProgressMsg
}

// ShowCommitMsg asks the application to show Commit's diff (enter on a
// blamed line).
type ShowCommitMsg struct {
	Commit repo.Hash
	Path   string // the file in Commit (its name there, after a rename)
	Line   int    // the line's number in Commit's version of the file
}

// Model is the blame state of the code view: which file is blamed, the
// result, and the running request.
type Model struct {
	src      Source
	pin      repo.Hash
	seq      int
	cancel   context.CancelFunc
	path     string // the file asked for
	progress string
	result   LoadedMsg // the shown blame; Text nil when none
	live     LoadedMsg // the running plain blame's lines so far (live.go)
	err      error
	// back holds the blames each , replaced, newest last, for <; a
	// re-blame that is running has already pushed the one it replaces.
	back []LoadedMsg
}

// New returns blame state for files at pin.
func New(src Source, pin repo.Hash) Model { return Model{src: src, pin: pin} }

// Toggle blames path, or hides the blame if path's is shown or running.
func (m *Model) Toggle(path string) tea.Cmd {
	if m.path == path && (m.Shown(path) || m.cancel != nil) {
		m.Cancel()
		m.result, m.path = LoadedMsg{}, ""
		return nil
	}
	m.Cancel()
	m.path, m.result, m.err, m.back = path, LoadedMsg{}, nil, nil
	return m.start(path, nil, "blaming "+textsafe.Sanitize(path)+"…")
}

// start runs the blame of path at the pin, passing over ignore.
func (m *Model) start(path string, ignore []repo.Hash, progress string) tea.Cmd {
	m.seq++
	ctx, cancel := context.WithCancel(context.Background())
	m.cancel = cancel
	m.progress = progress
	m.live = LoadedMsg{}
	prog := make(chan ProgressMsg, 1)
	return tea.Batch(load(ctx, m.src, m.pin, path, ignore, m.seq, prog), wait(prog))
}

// Cancel stops a running blame; its result will be dropped.
func (m *Model) Cancel() {
	if m.cancel != nil {
		m.cancel()
		m.cancel = nil
		m.seq++
		m.live = LoadedMsg{}
		if n := len(m.back); n > 0 && m.result.Text != nil {
			m.back = m.back[:n-1] // a cancelled , : the shown blame stays
		} else {
			m.path = ""
		}
	}
	m.progress = ""
}

// Busy reports whether a blame is running.
func (m Model) Busy() bool { return m.cancel != nil }

// Progress is the progress line of a running blame ("" when idle).
func (m Model) Progress() string { return m.progress }

// Err is the last blame's failure, if any.
func (m Model) Err() error { return m.err }

// Shown reports whether path's blame is ready to show.
func (m Model) Shown(path string) bool { return m.result.Text != nil && m.result.Path == path }

// Text returns the gutter text of path's blame, or of the lines blamed
// so far while it runs (nil when neither).
func (m Model) Text(path string) []string { return m.shown(path).Text }

// SearchText returns path's per-line search text (nil when not shown).
func (m Model) SearchText(path string) []string { return m.shown(path).Search }

// CommitAt returns the commit that last changed 1-based line n of path.
func (m Model) CommitAt(path string, n int) (repo.Hash, bool) {
	if !m.Shown(path) || n < 1 || n > len(m.result.Lines) {
		return repo.Hash{}, false
	}
	return m.result.Lines[n-1].Commit, true
}

// LineAt returns the origin of 1-based line n of path: the commit that
// last changed it, and the line's path and number in that commit. While
// the blame runs, only the lines settled so far have one.
func (m Model) LineAt(path string, n int) (repo.BlameLine, bool) {
	r := m.shown(path)
	if n < 1 || n > len(r.Lines) || r.Lines[n-1].Commit.IsZero() {
		return repo.BlameLine{}, false
	}
	l := r.Lines[n-1]
	if l.OrigPath == "" {
		l.OrigPath = path
	}
	return l, true
}

// Update takes blame results and progress.
func (m Model) Update(msg tea.Msg) (Model, tea.Cmd) {
	switch msg := msg.(type) {
	case ProgressMsg:
		if msg.Seq != m.seq || m.cancel == nil {
			return m, nil
		}
		m.progress = fmt.Sprintf("blaming %s: %d/%d lines", textsafe.Sanitize(m.path), msg.Done, msg.Total)
		if msg.Text != nil {
			m.live = LoadedMsg{Seq: msg.Seq, Path: m.path, Commit: m.pin, Lines: msg.Lines, Commits: msg.Commits, Text: msg.Text, Search: msg.Search}
		}
		return m, wait(msg.ch)
	case LoadedMsg:
		if msg.Seq != m.seq {
			return m, nil
		}
		m.cancel, m.progress, m.live = nil, "", LoadedMsg{}
		if len(msg.Ignore) > 0 {
			return m.reblamed(msg)
		}
		if msg.Err != nil {
			m.err, m.path = msg.Err, ""
			return m, nil
		}
		m.result = msg
	}
	return m, nil
}

// Gutter formats one gutter line per blamed line: the commit's short hash,
// its author (sanitized, cut to fit) and its author date. A line whose
// commit is the same as the line above shows only a continuation mark, so
// the eye sees blocks. A line not yet blamed (zero Commit, in a blame
// still running) shows dots, and the first of a run says "blaming…".
func Gutter(lines []repo.BlameLine, commits map[repo.Hash]repo.Commit) []string {
	out := make([]string, len(lines))
	for i, l := range lines {
		switch {
		case l.Commit.IsZero() && (i == 0 || !lines[i-1].Commit.IsZero()):
			out[i] = pending + " blaming…"
			continue
		case l.Commit.IsZero():
			out[i] = pending
			continue
		case i > 0 && lines[i-1].Commit == l.Commit:
			out[i] = strings.Repeat(" ", 8) + " ┆"
			continue
		}
		c := commits[l.Commit]
		author := ansi.Truncate(textsafe.Sanitize(c.Author.Name), authorWidth, "…")
		author += strings.Repeat(" ", max(0, authorWidth-ansi.StringWidth(author)))
		out[i] = l.Commit.String()[:8] + " " + author + " " + c.Author.When.Format("2006-01-02")
	}
	return out
}

// SearchText is, per blamed line, what / finds in the blame view besides
// the code: the commit's full hash, author, date and subject, sanitized as
// the status line shows them, so that the lines of a commit or of an
// author can be searched.
func SearchText(lines []repo.BlameLine, commits map[repo.Hash]repo.Commit) []string {
	out := make([]string, len(lines))
	byCommit := map[repo.Hash]string{}
	for i, l := range lines {
		s, ok := byCommit[l.Commit]
		if !ok && !l.Commit.IsZero() { // a line still being blamed has none
			c := commits[l.Commit]
			s = l.Commit.String() + " " + textsafe.Sanitize(c.Author.Name) + " " +
				c.Author.When.Format("2006-01-02") + " " + textsafe.Sanitize(c.Subject())
			byCommit[l.Commit] = s
		}
		out[i] = s
	}
	return out
}
