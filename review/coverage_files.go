package review

import (
	"context"
	"fmt"

	"sightline/repo"
)

// FileSource is what FilesUnder reads at the pin. *repo.Repo satisfies
// it, and so does any narrower reader a caller holds (the TUI's).
type FileSource interface {
	Lookup(ctx context.Context, root repo.Hash, path string) (repo.Entry, error)
	WalkFiles(ctx context.Context, root repo.Hash, fn func(repo.Entry) error) error
	ReadBlob(ctx context.Context, h repo.Hash, limit int64) (repo.Blob, error)
}

// NotFileError means the path given to FilesUnder is neither a file nor a
// directory (a symlink or a submodule), so there is nothing to read.
type NotFileError struct {
	Path string    // raw
	Kind repo.Kind // what the path is
}

func (e *NotFileError) Error() string {
	return fmt.Sprintf("%q is a %s, not a file or directory", e.Path, e.Kind)
}

// FilesUnder lists what marking path reviewed marks: the file at path in
// the tree root, or every regular or executable file under the directory
// at path (the empty path is the root), in git's order, each with its
// blob id and its line count by repo.SplitLines. Symlinks, submodules and
// unreadable subtrees are not files to read and are left out, so a
// directory may give none.
//
// A path not in the tree gives Lookup's error, wrapping repo.ErrNotFound;
// a symlink or submodule gives a *NotFileError; a blob that cannot be
// read gives an error naming its path.
func FilesUnder(ctx context.Context, src FileSource, root repo.Hash, path string) ([]ReviewedFile, error) {
	_, entries, err := EntriesUnder(ctx, src, root, path)
	if err != nil {
		return nil, err
	}
	out := make([]ReviewedFile, 0, len(entries))
	for _, c := range entries {
		f, err := ReviewedFileOf(ctx, src, c)
		if err != nil {
			return nil, err
		}
		out = append(out, f)
	}
	return out, nil
}

// EntriesUnder is the walk behind FilesUnder without reading any blob
// (unmarking needs only the paths): the entries of the files at or under
// path, and whether path is a directory. Errors are FilesUnder's.
func EntriesUnder(ctx context.Context, src FileSource, root repo.Hash, path string) (isDir bool, entries []repo.Entry, err error) {
	e, err := src.Lookup(ctx, root, path)
	if err != nil {
		return false, nil, err
	}
	switch e.Kind {
	case repo.KindFile, repo.KindExec:
		return false, []repo.Entry{e}, nil
	case repo.KindDir:
		err = src.WalkFiles(ctx, e.Hash, func(c repo.Entry) error {
			if c.Kind == repo.KindFile || c.Kind == repo.KindExec {
				if path != "" {
					c.Path = path + "/" + c.Path
				}
				entries = append(entries, c)
			}
			return nil
		})
		return true, entries, err
	}
	return false, nil, &NotFileError{Path: path, Kind: e.Kind}
}

// ReviewedFileOf reads the blob of a file entry for its reviewed record:
// the blob id and the line count, or for a binary file its size in bytes.
// The blob is read whole, so it is checked against its id.
func ReviewedFileOf(ctx context.Context, src FileSource, e repo.Entry) (ReviewedFile, error) {
	b, err := src.ReadBlob(ctx, e.Hash, -1)
	if err != nil {
		return ReviewedFile{}, fmt.Errorf("%q: %w", e.Path, err)
	}
	if b.Binary {
		return ReviewedFile{Path: e.Path, Blob: e.Hash.String(), Bytes: b.Size}, nil
	}
	return ReviewedFile{Path: e.Path, Blob: e.Hash.String(), Lines: len(repo.SplitLines(b.Data))}, nil
}
