// Package repo is sightline's read-only view of a git repository pinned at
// one commit.
//
// Objects are read by repo/internal/odb (packs and loose objects, with a
// shared cache of delta bases), references and configuration by go-git's
// storage layer, and nothing else: it never runs the git binary (a
// vendor's .git/config can make git execute programs), never reads the
// work tree or the index, and never writes to the repository. Nothing outside this package imports go-git;
// callers see the value types defined here (Hash, Pin, Entry, Blob, ...).
//
// A Repo is safe for concurrent use: odb is, and every use of go-git
// (which is not) goes through one mutex held only for that call.
package repo
