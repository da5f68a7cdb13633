package repo

import (
	"context"
	"time"
)

// BlameLive is BlameIgnoring for a view that shows lines as they are
// settled. fn gets a copy of the result so far, where a line not yet
// settled has a zero Commit, with the count settled and the file's line
// count: once as soon as the file is read (nothing settled yet: the view
// can show the text and a pending gutter at once), then at most every
// `every` while the walk settles lines. The whole answer is returned, as
// from BlameIgnoring; fn is not called with it. fn runs on the blaming
// goroutine, so a slow fn slows the blame.
func (r *Repo) BlameLive(ctx context.Context, commit Hash, path string, ignore []Hash, every time.Duration, fn func(partial []BlameLine, done, total int)) ([]BlameLine, error) {
	return r.blame(ctx, commit, path, ignore, func(b *blamer) {
		fn(make([]BlameLine, len(b.result)), 0, len(b.result))
		last := time.Now()
		b.progress = func(done, total int) {
			if done >= total || time.Since(last) < every {
				return
			}
			fn(append([]BlameLine(nil), b.result...), done, total)
			last = time.Now()
		}
	})
}
