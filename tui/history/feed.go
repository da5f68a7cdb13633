package history

import (
	"context"
	"sync"
	"time"

	tea "github.com/charmbracelet/bubbletea"

	"sightline/repo"
)

// feed hands a running walk's commits to the UI. The walk appends under
// the lock and signals; the UI's Cmd takes whatever is pending. So the
// first commit found reaches the screen at once, a walk that stalls
// between finds never holds commits back, and a fast walk is delivered
// at most every batchEvery rather than one message per commit.
type feed struct {
	seq    int
	ctx    context.Context
	notify chan struct{} // cap 1: "something changed"
	more   chan struct{} // cap 1: a paused walk may list its next page
	mu     sync.Mutex    // guards the fields below
	got    []repo.Commit // found, not yet taken
	paused bool          // the walk waits on more
	done   bool          // the walk is over
	err    error         // why it stopped, when it failed
	last   time.Time     // the UI's last take (zero: none yet)
}

func newFeed(ctx context.Context, seq int) *feed {
	return &feed{seq: seq, ctx: ctx, notify: make(chan struct{}, 1), more: make(chan struct{}, 1)}
}

func (f *feed) signal() {
	select {
	case f.notify <- struct{}{}:
	default: // already signalled: the next take gets this too
	}
}

// add is the walk's callback: it queues c and, every pageSize commits,
// pauses until the reviewer scrolls near the end (or the walk is
// cancelled).
func (f *feed) add(c repo.Commit, n, pageSize int) error {
	f.mu.Lock()
	f.got = append(f.got, c)
	pause := n%pageSize == 0
	f.paused = pause
	f.mu.Unlock()
	f.signal()
	if !pause {
		return nil
	}
	select {
	case <-f.more: // askMore cleared paused
		return nil
	case <-f.ctx.Done():
		return f.ctx.Err()
	}
}

// finish records the walk's end.
func (f *feed) finish(err error) {
	f.mu.Lock()
	f.done, f.err, f.paused = true, err, false
	f.mu.Unlock()
	f.signal()
}

// next returns the Cmd that delivers the commits found since the last
// take: at once for the first ones, a page's end or the walk's end, else
// no sooner than batchEvery after the last delivery. It returns nil when
// the walk is cancelled.
func (f *feed) next() tea.Cmd {
	return func() tea.Msg {
		for {
			select {
			case <-f.notify:
			case <-f.ctx.Done():
				return nil
			}
			f.mu.Lock()
			urgent := f.last.IsZero() || f.done || f.paused
			wait := batchEvery - time.Since(f.last)
			f.mu.Unlock()
			if !urgent && wait > 0 {
				select {
				case <-time.After(wait):
				case <-f.ctx.Done():
					return nil
				}
			}
			if b, ok := f.take(); ok {
				return b
			}
		}
	}
}

// take empties the pending commits into a BatchMsg; ok is false when
// there is nothing new to say.
func (f *feed) take() (BatchMsg, bool) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if len(f.got) == 0 && !f.done && !f.paused {
		return BatchMsg{}, false
	}
	b := BatchMsg{Seq: f.seq, Commits: f.got, Done: f.done, Err: f.err, feed: f, paused: f.paused}
	f.got, f.last = nil, time.Now()
	return b, true
}

// askMore lets a paused walk list its next page. It clears paused
// first, so that a take before the walk resumes does not report the same
// pause again (and ask for a second page).
func (f *feed) askMore() {
	f.mu.Lock()
	f.paused = false
	f.mu.Unlock()
	select {
	case f.more <- struct{}{}:
	default: // already asked
	}
}
