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
	ch      <-chan BatchMsg
	more    chan<- struct{} // asks a paused walk for the next page
	paused  bool            // the walk waits on more after this batch
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
// PathLog in a goroutine that sends batches of commits, and returns the
// Cmd that waits for the first one.
func startWalk(ctx context.Context, src Source, from, hide repo.Hash, path string, seq, pageSize int) tea.Cmd {
	ch := make(chan BatchMsg, 4)
	more := make(chan struct{}, 1)
	return func() tea.Msg {
		go func() {
			defer close(ch)
			var batch []repo.Commit
			last, n := time.Now(), 0
			send := func(paused bool) error {
				select {
				case ch <- BatchMsg{Seq: seq, Commits: batch, more: more, paused: paused}:
				case <-ctx.Done():
					return ctx.Err()
				}
				batch, last = nil, time.Now()
				return nil
			}
			fn := func(c repo.Commit) error {
				batch = append(batch, c)
				n++
				switch {
				case n >= maxCommits:
					return repo.ErrStopWalk
				case n%pageSize == 0:
					if err := send(true); err != nil {
						return err
					}
					select { // pause until the reviewer scrolls near the end
					case <-more:
					case <-ctx.Done():
						return ctx.Err()
					}
				case time.Since(last) >= batchEvery:
					return send(false)
				}
				return nil
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
			select {
			case ch <- BatchMsg{Seq: seq, Commits: batch, Done: true, Err: err, more: more}:
			case <-ctx.Done():
			}
		}()
		return wait(ch)()
	}
}

// wait returns the Cmd that delivers the next batch from ch.
func wait(ch <-chan BatchMsg) tea.Cmd {
	return func() tea.Msg {
		b, ok := <-ch
		if !ok {
			return nil
		}
		b.ch = ch
		return b
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
