package repo

import (
	"context"
	"errors"
	"fmt"
	"io"

	"github.com/go-git/go-git/v5/plumbing"

	"sightline/repo/internal/odb"
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
	typ, size, rd, err := r.objects.Stream(odb.ID(h))
	if err != nil {
		return objectError("object", h, err)
	}
	defer rd.Close()
	kind := typ.String()
	hasher := plumbing.NewHasher(plumbing.ObjectType(typ), size)
	if _, err := copyCtx(ctx, hasher, rd); err != nil {
		if errors.Is(err, odb.ErrSizeMismatch) {
			return fmt.Errorf("%s %s: %w: %v", kind, h, ErrHashMismatch, err)
		}
		return fmt.Errorf("%s %s: %w", kind, h, err)
	}
	if got := Hash(hasher.Sum()); got != h {
		return fmt.Errorf("%s %s: %w: its content hashes to %s (the object file was substituted or damaged)", kind, h, ErrHashMismatch, got)
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
