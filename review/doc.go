// Package review holds the reviewer's work on one pinned repository: the
// findings (each a path of steps through the code), the coverage (which
// files were read), and the workspace that keeps them on disk.
//
// A location is keyed so it cannot drift: commit, path, the blob at that
// path, the line range and the SHA-256 of those lines' exact bytes, by
// the one line model of repo.SplitLines.
//
// The workspace is an append-only, hash-chained journal of JSON events,
// each fsynced before the call that made it returns. State is rebuilt by
// replaying the journal. See journal.go for the record format and
// workspace.go for the locking between processes.
//
// Taking a review out of the room (the signed bundle, SARIF, Markdown)
// and checking one that comes back is package review/bundle's job; it
// sees this package only through its exported API.
package review
