package triage

import (
	"context"
	"crypto/sha1"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"

	"sightline/repo"
	"sightline/review"
)

// locator checks scanner locations against the tree at the pin, reading
// each file once.
type locator struct {
	ctx   context.Context
	r     *repo.Repo
	pin   repo.Pin
	files map[string]*fileAt
	held  int // bytes of file content the cache holds
}

// maxHeld bounds the file content kept between results: past it the
// cache is dropped, and files are read again as results need them.
const maxHeld = 64 << 20

type fileAt struct {
	blob    repo.Hash
	lines   [][]byte
	missing string
}

func newLocator(ctx context.Context, r *repo.Repo, pin repo.Pin) *locator {
	return &locator{ctx: ctx, r: r, pin: pin, files: map[string]*fileAt{}}
}

// place checks s at the pin: with a Location when the path is a file
// there and the lines exist, else with Missing saying why not.
func (l *locator) place(s Spot) (Place, error) {
	disp, b64 := review.EncodePath(s.Path)
	p := Place{Path: disp, PathBytes: b64, StartLine: s.StartLine, EndLine: s.EndLine, Note: s.Note}
	if s.Bad != "" {
		p.Missing = s.Bad
		return p, nil
	}
	f, err := l.file(s.Path)
	if err != nil {
		return p, err
	}
	switch {
	case f.missing != "":
		p.Missing = f.missing
	case s.StartLine > len(f.lines):
		p.Missing = fmt.Sprintf("line %d is past the end of the file at the pin (%d lines)", s.StartLine, len(f.lines))
	case s.EndLine > len(f.lines):
		p.Missing = fmt.Sprintf("lines %d-%d run past the end of the file at the pin (%d lines)", s.StartLine, s.EndLine, len(f.lines))
	default:
		// The same hash as review.LineHash, from lines split once per file.
		h := sha256.New()
		for _, ln := range f.lines[s.StartLine-1 : s.EndLine] {
			h.Write(ln)
		}
		p.Location = &review.Location{Commit: l.pin.Commit.String(), Path: s.Path, Blob: f.blob.String(),
			StartLine: s.StartLine, EndLine: s.EndLine, LineHash: "sha256:" + hex.EncodeToString(h.Sum(nil))}
	}
	return p, nil
}

// file reads path at the pin once. A path that is not a readable file
// there is a miss, not an error; a damaged repository is an error.
func (l *locator) file(path string) (*fileAt, error) {
	if f, ok := l.files[path]; ok {
		return f, nil
	}
	f := &fileAt{}
	if l.held > maxHeld {
		clear(l.files)
		l.held = 0
	}
	e, err := l.r.Lookup(l.ctx, l.pin.Tree, path)
	switch {
	case errors.Is(err, repo.ErrNotFound):
		f.missing = "no such file at the pin " + l.pin.Commit.Short()
		l.files[path] = f
		return f, nil
	case err != nil:
		return nil, err
	case e.Kind != repo.KindFile && e.Kind != repo.KindExec:
		f.missing = fmt.Sprintf("a %s at the pin, not a file", e.Kind)
		l.files[path] = f
		return f, nil
	}
	b, err := l.r.ReadBlob(l.ctx, e.Hash, -1)
	if err != nil {
		return nil, fmt.Errorf("%q at the pin: %w", path, err)
	}
	// Recomputed from the bytes, as review.NewLocation does, so a
	// substituted object is refused rather than pinned.
	if got := blobID(b.Data); got != e.Hash {
		return nil, fmt.Errorf("%q at the pin: blob %s: %w (its bytes hash to %s)", path, e.Hash, repo.ErrHashMismatch, got)
	}
	f.blob = e.Hash
	f.lines = repo.SplitLines(b.Data)
	l.held += len(b.Data)
	l.files[path] = f
	return f, nil
}

func blobID(data []byte) repo.Hash {
	h := sha1.New()
	fmt.Fprintf(h, "blob %d\x00", len(data))
	h.Write(data)
	var id repo.Hash
	copy(id[:], h.Sum(nil))
	return id
}
