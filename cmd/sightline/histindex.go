package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"time"

	"sightline/repo"
	"sightline/repo/search"
	"sightline/repo/textsafe"
)

// The history index (repo/histindex.go): for a repository without git's
// commit-graph, "sightline index" writes one beside the search index,
// named by the pinned commit, and log, blame and the workbench's History
// tab and blame gutter read it.

// writeHistoryIndex builds the pin's history index under dir unless the
// repository has a commit-graph of its own (git's is used then) or one
// was built before and opens. A shallow clone gets none, with a note.
func writeHistoryIndex(ctx context.Context, r *repo.Repo, pin repo.Pin, dir string, stdout, stderr io.Writer) error {
	if !needsHistoryIndex(r, dir, pin) {
		return nil
	}
	start := time.Now()
	path := repo.HistoryIndexPath(dir, pin.Commit)
	st, err := r.BuildHistoryIndex(ctx, pin.Commit, path)
	if errors.Is(err, repo.ErrShallowHistory) {
		fmt.Fprintf(stderr, "sightline index: note: %v\n", err)
		return nil
	}
	if err != nil {
		return fmt.Errorf("history index of commit %s: %w", pin.Commit.Short(), err)
	}
	fmt.Fprintf(stdout, "history index of %d commits (%d with too many changes for a filter) in %s, %d bytes: %s\n",
		st.Commits, st.Large, time.Since(start).Round(time.Millisecond), st.Bytes, path)
	return nil
}

// needsHistoryIndex reports whether the pin's history index is missing
// or outdated: the repository has no commit-graph of its own, is not
// shallow, and no index file for this pin is there, or one written
// before the index listed each commit's changed paths (it works, slower;
// the rebuild replaces it). A file that is there but fails its checks is
// reported where it is used, not rebuilt behind the reviewer's back.
func needsHistoryIndex(r *repo.Repo, dir string, pin repo.Pin) bool {
	if r.HasOwnCommitGraph() || r.IsShallow() {
		return false
	}
	path := repo.HistoryIndexPath(dir, pin.Commit)
	_, err := os.Lstat(path)
	return errors.Is(err, os.ErrNotExist) || err == nil && repo.HistoryIndexOutdated(path)
}

// useHistoryIndex makes r read the pin's history index from the default
// cache directory when there is one; the returned note, when not empty,
// says why an index that is there was not used (history then reads the
// commits, as without one).
func useHistoryIndex(r *repo.Repo, pin repo.Pin) string {
	dir, err := search.IndexDir()
	if err != nil || r.RefuseInside(dir) != nil {
		return ""
	}
	if _, err := r.UseHistoryIndex(repo.HistoryIndexPath(dir, pin.Commit), pin.Commit); err != nil {
		return textsafe.Sanitize(err.Error())
	}
	return ""
}

// noteHistoryIndex is useHistoryIndex for the log and blame commands:
// the note goes to stderr.
func noteHistoryIndex(r *repo.Repo, pin repo.Pin, stderr io.Writer) {
	if note := useHistoryIndex(r, pin); note != "" {
		fmt.Fprintf(stderr, "sightline: note: %s\n", note)
	}
}
