package repo

import (
	"context"
	"errors"
	"fmt"
	"io"

	"sightline/repo/internal/odb"
)

// VerifyObject recomputes the id of object h from its type and content and
// fails with ErrHashMismatch when they differ. go-git (and git cat-file)
// return whatever the object file holds without checking it against the
// id it was asked for, so a substituted object reads as if it were the
// original (SECURITY-NOTES HOST-28). Every read through odb now checks
// (ReadBlob, trees, commits), but a caller that shows only part of a blob
// reads only part of it; anything that vouches for content by id (a
// finding, a signed bundle) should call this. Content is streamed, so a
// huge blob costs no memory; odb hashes it as it is read.
func (r *Repo) VerifyObject(ctx context.Context, h Hash) error {
	if err := ctxErr(ctx); err != nil {
		return err
	}
	typ, _, rd, err := r.objects.Stream(odb.ID(h))
	if err != nil {
		return readError("object", h, err)
	}
	defer rd.Close()
	if _, err := copyCtx(ctx, io.Discard, rd); err != nil {
		switch {
		case isMismatchOf(err, h):
			return err // it names h and what the content hashes to
		case errors.Is(err, odb.ErrSizeMismatch):
			return fmt.Errorf("%s %s: %w: %v", typ, h, ErrHashMismatch, err)
		}
		return fmt.Errorf("%s %s: %w", typ, h, err)
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
