package history

import (
	"context"
	"time"

	tea "github.com/charmbracelet/bubbletea"

	"sightline/repo"
	"sightline/tui/compare"
)

// Source is what the History view reads: *repo.Repo satisfies it.
type Source interface {
	compare.Source
	Log(ctx context.Context, from repo.Hash, fn func(repo.Commit) error) error
	PathLog(ctx context.Context, from repo.Hash, path string, fn func(repo.Commit) error) error
	RangeLog(ctx context.Context, from, hide repo.Hash, fn func(repo.Commit) error) error
	Decorations() (map[repo.Hash][]repo.Ref, error)
	ReadCommit(ctx context.Context, h repo.Hash) (repo.Commit, error)
}

// maxCommits caps a listing, to bound memory on enormous histories; the
// view says when it stopped there.
const maxCommits = 500_000

// defaultPageSize is how many commits a walk lists before it waits for
// the reviewer to scroll near the end: a long history is not read (nor
// held in memory) until someone looks at it.
const defaultPageSize = 2000

// batchEvery is how often a running walk hands its commits to the UI.
const batchEvery = 100 * time.Millisecond

// BatchMsg carries the next commits of walk Seq. Done says the walk is
// over (Err says why, if it failed).
type BatchMsg struct {
	Seq     int
	Commits []repo.Commit
	Done    bool
	Err     error
	feed    *feed
	paused  bool // the walk waits for the reviewer to scroll after this batch
}

// CommitMsg carries a commit read by id, to show its diff (Seq numbers
// the request).
type CommitMsg struct {
	Seq    int
	Commit repo.Commit
	Path   string // the file whose change to show first ("" for none)
	Line   int    // ... at this new-side line (0: its top)
	Err    error
}

// startWalk runs Log (path "", hide zero), RangeLog (hide..from) or
// PathLog in a goroutine that feeds its commits to the UI as it finds
// them, and returns the Cmd that delivers the first ones.
func startWalk(ctx context.Context, src Source, from, hide repo.Hash, path string, seq, pageSize int) tea.Cmd {
	f := newFeed(ctx, seq)
	walk := func() {
		n := 0
		fn := func(c repo.Commit) error {
			n++
			if n > maxCommits {
				return repo.ErrStopWalk
			}
			return f.add(c, n, pageSize)
		}
		var err error
		switch {
		case path == "" && !hide.IsZero():
			err = src.RangeLog(ctx, from, hide, fn)
		case path == "":
			err = src.Log(ctx, from, fn)
		default:
			err = src.PathLog(ctx, from, path, fn)
		}
		f.finish(err)
	}
	return func() tea.Msg {
		go walk() // started by the Cmd, so a dropped Cmd reads nothing
		return f.next()()
	}
}

// readCommit reads commit h for ShowCommit.
func readCommit(src Source, h repo.Hash, path string, line, seq int) tea.Cmd {
	return func() tea.Msg {
		c, err := src.ReadCommit(context.Background(), h)
		return CommitMsg{Seq: seq, Commit: c, Path: path, Line: line, Err: err}
	}
}

// DecorationsMsg carries the references at each commit, read once.
type DecorationsMsg struct {
	Refs map[repo.Hash][]repo.Ref
	Err  error
}

// readDecorations reads the branches and tags for the list's labels.
func readDecorations(src Source) tea.Cmd {
	return func() tea.Msg {
		refs, err := src.Decorations()
		return DecorationsMsg{Refs: refs, Err: err}
	}
}
