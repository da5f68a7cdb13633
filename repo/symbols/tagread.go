package symbols

import (
	"bytes"
	"context"
	"io"

	"sightline/repo"
)

// Why a file is not tagged, besides the errors and limits that say so.
const (
	whyBinary = "binary"
	// whyAbsent: the file does not hold Options.MustContain; it is left
	// out, not listed as skipped.
	whyAbsent = "\x00absent"
)

// readEntry reads the content of e for tagging, from stored when it has
// it, else from the repository; a non-empty why says why it is not
// tagged.
func readEntry(ctx context.Context, r *repo.Repo, e repo.Entry, opt Options, stored func(repo.Entry) ([]byte, bool)) (data []byte, why string) {
	lim := opt.Limits.MaxBytes
	if stored != nil {
		if d, ok := stored(e); ok && (lim <= 0 || int64(len(d)) <= lim) {
			switch {
			case opt.MustContain != "" && !bytes.Contains(d, []byte(opt.MustContain)):
				return nil, whyAbsent
			case bytes.IndexByte(d[:min(len(d), repo.BinarySniffLen)], 0) >= 0:
				return nil, whyBinary
			}
			return d, ""
		}
	}
	readLim := int64(-1)
	if lim > 0 {
		readLim = lim + 1 // enough to know it is over
	}
	b, err := r.ReadBlob(ctx, e.Hash, readLim)
	if err != nil {
		return nil, err.Error()
	}
	if opt.MustContain != "" && !bytes.Contains(b.Data, []byte(opt.MustContain)) {
		// Beyond what was read, look for it in the rest of the blob, so
		// that a large file holding it is still reported as skipped.
		if !b.Truncated || !blobHolds(ctx, r, e.Hash, opt.MustContain) {
			return nil, whyAbsent
		}
	}
	if b.Binary {
		return nil, whyBinary
	}
	if lim > 0 && b.Size > lim {
		return nil, "over the size limit (" + sizeText(b.Size) + ")"
	}
	return b.Data, ""
}

// blobHolds streams blob h looking for s, a piece at a time; a blob that
// cannot be read is said to hold it, so that the build reads it again
// and reports why.
func blobHolds(ctx context.Context, r *repo.Repo, h repo.Hash, s string) bool {
	rd, _, err := r.OpenBlob(ctx, h)
	if err != nil {
		return true
	}
	defer rd.Close()
	buf := make([]byte, 0, 1<<20)
	keep := len(s) - 1
	for {
		n, err := io.ReadFull(rd, buf[len(buf):cap(buf)])
		buf = buf[:len(buf)+n]
		if bytes.Contains(buf, []byte(s)) {
			return true
		}
		if err == io.EOF || err == io.ErrUnexpectedEOF {
			return false
		}
		if err != nil || ctx.Err() != nil {
			return true
		}
		// Keep the tail that could begin a match across the pieces.
		buf = buf[:copy(buf, buf[max(0, len(buf)-keep):])]
	}
}
