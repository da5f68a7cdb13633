package grep

import (
	"context"
	"errors"
	"regexp"
	"time"

	tea "github.com/charmbracelet/bubbletea"

	"sightline/repo"
	"sightline/repo/search"
)

// Searcher searches the pinned tree. *search.Searcher satisfies it.
type Searcher interface {
	Grep(ctx context.Context, root repo.Hash, re *regexp.Regexp, opts search.Options, fn func(search.Match) error) error
}

// MaxResults stops a search that matches too much: the list is for
// reading, and memory must stay bounded.
const MaxResults = 10000

// flushEvery bounds how long a match waits before it is shown.
const flushEvery = 40 * time.Millisecond

// ResultsMsg carries a batch of matches and the progress of search Seq.
// Done is set on the last batch; next waits for the following one.
type ResultsMsg struct {
	Seq       int
	Matches   []search.Match
	FilesDone int
	FilesAll  int
	Done      bool
	Capped    bool
	Err       error
	next      tea.Cmd
}

var errCapped = errors.New("result cap reached")

// start runs the search in a goroutine and returns the Cmd that waits for
// its first batch. Cancelling ctx stops it.
func start(ctx context.Context, s Searcher, root repo.Hash, re *regexp.Regexp, seq int) tea.Cmd {
	ch := make(chan ResultsMsg, 4)
	go func() {
		var batch []search.Match
		done, all, n := 0, 0, 0
		last := time.Now()
		send := func() {
			msg := ResultsMsg{Seq: seq, Matches: batch, FilesDone: done, FilesAll: all}
			batch = nil
			last = time.Now()
			select {
			case ch <- msg:
			case <-ctx.Done():
			}
		}
		opts := search.Options{Progress: func(d, a int) {
			done, all = d, a
			if time.Since(last) > flushEvery {
				send()
			}
		}}
		err := s.Grep(ctx, root, re, opts, func(gm search.Match) error {
			if n == MaxResults {
				return errCapped
			}
			n++
			batch = append(batch, gm)
			if len(batch) >= 200 || time.Since(last) > flushEvery {
				send()
			}
			return ctx.Err()
		})
		capped := errors.Is(err, errCapped)
		if capped {
			err = nil
		}
		msg := ResultsMsg{Seq: seq, Matches: batch, FilesDone: done, FilesAll: all, Done: true, Err: err, Capped: capped}
		select {
		case ch <- msg:
		case <-ctx.Done():
		}
		close(ch)
	}()
	return wait(ch)
}

// wait returns the next batch from ch, with a Cmd to wait for the one
// after.
func wait(ch <-chan ResultsMsg) tea.Cmd {
	return func() tea.Msg {
		msg, ok := <-ch
		if !ok {
			return nil // cancelled: the model already forgot this search
		}
		if !msg.Done {
			msg.next = wait(ch)
		}
		return msg
	}
}
