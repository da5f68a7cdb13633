package repo

import (
	"errors"

	"sightline/repo/internal/odb"
)

var (
	// ErrNotRepository means the path is neither a work tree, a .git
	// directory, a bare repository nor a .git file pointing at one.
	ErrNotRepository = errors.New("not a git repository")
	// ErrUnsupportedFormat means go-git v5 cannot read the repository (for
	// example the SHA-256 object format, or an [extensions] section such as
	// a partial clone).
	ErrUnsupportedFormat = errors.New("unsupported repository format")
	// ErrUnknownRevision means a revision did not resolve to a commit.
	ErrUnknownRevision = errors.New("unknown revision")
	// ErrNotFound means a path does not exist in the pinned tree.
	ErrNotFound = errors.New("no such path at this commit")
	// ErrMissingObject means an object the pinned tree or history refers
	// to is not in the repository (a damaged or partial copy).
	ErrMissingObject = errors.New("object missing from the repository")
	// ErrHashMismatch means an object's content does not hash to its id:
	// the object file was substituted or damaged (SECURITY-NOTES HOST-28).
	// go-git and git do not check this on read; every read here does
	// (odb recomputes the id of everything it hands out), so any read of
	// a substituted object fails with it. It is odb's sentinel, so that
	// errors.Is holds however many layers an error passed through.
	ErrHashMismatch = odb.ErrHashMismatch
)
