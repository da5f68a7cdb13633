package repo

import (
	"context"
	"errors"
	"fmt"
	"io"

	"github.com/go-git/go-git/v5/plumbing"
)

// VerifyObject recomputes the id of object h from its type and content and
// fails with ErrHashMismatch when they differ. go-git (and git cat-file)
// return whatever the object file holds without checking it against the
// id it was asked for, so a substituted object reads as if it were the
// original (SECURITY-NOTES HOST-28); anything that vouches for content by
// id (a finding, a signed bundle) should call this first. Content is
// streamed, so a huge blob costs no memory.
func (r *Repo) VerifyObject(ctx context.Context, h Hash) error {
	if err := ctxErr(ctx); err != nil {
		return err
	}
	r.mu.Lock()
	obj, err := r.storage.EncodedObject(plumbing.AnyObject, h.plumbing())
	r.mu.Unlock()
	if err != nil {
		if errors.Is(err, plumbing.ErrObjectNotFound) {
			return fmt.Errorf("object %s: %w", h, ErrMissingObject)
		}
		return fmt.Errorf("object %s: %w", h, err)
	}
	r.mu.Lock()
	rd, err := obj.Reader()
	r.mu.Unlock()
	if err != nil {
		return fmt.Errorf("object %s: %w", h, err)
	}
	lr := &lockedReader{r: rd, mu: &r.mu}
	defer lr.Close()
	hasher := plumbing.NewHasher(obj.Type(), obj.Size())
	n, err := copyCtx(ctx, hasher, lr)
	if err != nil {
		return fmt.Errorf("%s %s: %w", obj.Type(), h, err)
	}
	if n != obj.Size() {
		return fmt.Errorf("%s %s: %w: its header says %d bytes but it holds %d", obj.Type(), h, ErrHashMismatch, obj.Size(), n)
	}
	if got := Hash(hasher.Sum()); got != h {
		return fmt.Errorf("%s %s: %w: its content hashes to %s (the object file was substituted or damaged)", obj.Type(), h, ErrHashMismatch, got)
	}
	return nil
}

// copyCtx copies like io.Copy, checking ctx between 1 MiB chunks.
func copyCtx(ctx context.Context, dst io.Writer, src io.Reader) (int64, error) {
	var total int64
	for {
		if err := ctxErr(ctx); err != nil {
			return total, err
		}
		n, err := io.CopyN(dst, src, 1<<20)
		total += n
		if errors.Is(err, io.EOF) {
			return total, nil
		}
		if err != nil {
			return total, err
		}
	}
}
