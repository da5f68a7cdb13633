package repo

import "errors"

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
)
