// Package repo is sightline's read-only view of a git repository pinned at
// one commit: the object model (Hash, Pin, Entry, Blob, Commit), trees,
// blobs, commits, history, diffs and blame, and the readers built on them
// (the hostile-character scan, git's diff formats).
//
// Objects are read by repo/internal/odb (packs and loose objects, with a
// shared cache of delta bases), references and configuration by go-git's
// storage layer, and nothing else: it never runs the git binary (a
// vendor's .git/config can make git execute programs), never reads the
// work tree or the index, and never writes to the repository
// (RefuseInside is the one check for callers that write files the
// reviewer placed). Callers see the value types defined here; go-git is
// imported only under repo/.
//
// Around it: repo/search (grep, the trigram index, and when to use it),
// repo/internal/linediff (the line diff under diffs and blame), repo/demo
// (builds the demo repository: the only code that writes one) and
// repo/textsafe (the sanitizer, a leaf that imports nothing of ours).
//
// A Repo is safe for concurrent use: odb is, and every use of go-git
// (which is not) goes through one mutex held only for that call.
package repo
