package repo

import (
	"context"
	"fmt"
	"runtime"
	"sync"

	"sightline/repo/internal/linediff"
	"sightline/repo/internal/odb"
)

// CountChanges fills Added, Removed and Binary of changes listed by
// DiffTrees with NamesOnly, in place, so a view can show the list first
// and the counts when they are ready without diffing the trees twice.
// progress is called as for DiffOptions.Progress.
func (r *Repo) CountChanges(ctx context.Context, changes []FileChange, progress func(filesDone, filesTotal int)) error {
	return r.countLines(ctx, changes, progress)
}

// countLines fills Added, Removed and Binary of every change, as
// "git diff --numstat" counts them. Blob reads share the Repo's storage
// (and its cache of delta bases: a private storage per core was measured
// slower on a cold cache and heavier); the line diffs run on all cores.
func (r *Repo) countLines(ctx context.Context, changes []FileChange, progress func(done, total int)) error {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	jobs := make(chan int)
	var (
		mu       sync.Mutex
		firstErr error
		done     int
		wg       sync.WaitGroup
	)
	for w := 0; w < runtime.GOMAXPROCS(0); w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range jobs {
				err := countChange(ctx, r.readForDiff, &changes[i])
				mu.Lock()
				if err != nil && firstErr == nil {
					firstErr = err
					cancel()
				}
				done++
				if progress != nil && firstErr == nil {
					progress(done, len(changes))
				}
				mu.Unlock()
			}
		}()
	}
	for i := range changes {
		if ctx.Err() != nil {
			break
		}
		jobs <- i
	}
	close(jobs)
	wg.Wait()
	if firstErr != nil {
		return firstErr
	}
	return ctxErr(ctx)
}

// blobReader reads a blob, at most limit bytes (limit < 0: all).
type blobReader func(ctx context.Context, h Hash, limit int64) (Blob, error)

// BigFileThreshold is git's default core.bigFileThreshold (512 MiB): git
// diff treats a blob larger than this as binary without reading it, and
// so do sightline's counts, which keeps a diff's memory bounded whatever
// size a hostile blob has.
const BigFileThreshold = 512 << 20

// readForDiff reads a blob for the line counts, as git does: a blob over
// the big-file threshold (its size read from the object header) is
// binary, and only its first bytes are read.
func (r *Repo) readForDiff(ctx context.Context, h Hash, limit int64) (Blob, error) {
	if limit < 0 {
		if _, size, err := r.objects.Header(odb.ID(h)); err == nil && size > r.bigFile {
			b, err := r.ReadBlob(ctx, h, BinarySniffLen)
			b.Binary = true
			return b, err
		}
	}
	return r.ReadBlob(ctx, h, limit)
}

// countChange diffs one change's two sides.
func countChange(ctx context.Context, read blobReader, c *FileChange) error {
	same := c.OldHash == c.NewHash
	limit := int64(-1)
	if same {
		limit = BinarySniffLen // only the binary test needs content
	}
	oldData, oldBin, err := sideContent(ctx, read, c.OldHash, c.OldMode, limit)
	if err != nil {
		return fmt.Errorf("%s: %w", QuotePath(c.Path()), err)
	}
	newData, newBin, err := sideContent(ctx, read, c.NewHash, c.NewMode, limit)
	if err != nil {
		return fmt.Errorf("%s: %w", QuotePath(c.Path()), err)
	}
	c.Binary = oldBin || newBin
	if c.Binary || same {
		return nil
	}
	del, add := linediff.Changes(SplitLines(oldData), SplitLines(newData))
	c.Added, c.Removed = countTrue(add), countTrue(del)
	return nil
}

// sideContent is what git diffs for one side of a change: nothing for a
// missing side, "Subproject commit <id>" for a submodule, else the blob.
func sideContent(ctx context.Context, read blobReader, h Hash, mode uint32, limit int64) ([]byte, bool, error) {
	switch {
	case h.IsZero() && mode == 0:
		return nil, false, nil
	case mode&0o170000 == 0o160000:
		return []byte("Subproject commit " + h.String() + "\n"), false, nil
	}
	b, err := read(ctx, h, limit)
	if err != nil {
		return nil, false, err
	}
	return b.Data, b.Binary, nil
}

func countTrue(bs []bool) int {
	n := 0
	for _, b := range bs {
		if b {
			n++
		}
	}
	return n
}

// DiffBlobs diffs two blobs line by line (ZeroHash for the missing side of
// an added or deleted file) and returns unified hunks with context lines
// of context (< 0: 3). It diffs binary content too; check
// FileChange.Binary before showing the result as text.
func (r *Repo) DiffBlobs(ctx context.Context, oldBlob, newBlob Hash, context int) ([]Hunk, error) {
	var sides [2][]byte
	for i, h := range []Hash{oldBlob, newBlob} {
		if h.IsZero() {
			continue
		}
		b, err := r.ReadBlob(ctx, h, -1)
		if err != nil {
			return nil, err
		}
		sides[i] = b.Data
	}
	if err := ctxErr(ctx); err != nil {
		return nil, err
	}
	return DiffLines(SplitLines(sides[0]), SplitLines(sides[1]), context), nil
}
