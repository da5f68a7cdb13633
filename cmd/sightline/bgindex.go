package main

import (
	"os"
	"os/exec"

	"sightline/repo"
	"sightline/repo/search"
	"sightline/repo/symbols"
	"sightline/repo/textsafe"
)

// startIndexing builds the search index of the pinned tree, and its
// symbol index, in the background when there is none yet, so that the workbench's repo-wide
// search (ctrl+f) reads only the files that can match once it is done
// (before that, it reads every file, as without an index).
//
// The build runs as a child process, this binary's own "index" command
// (never git): its memory stays out of the workbench's, and quitting
// simply kills it (the index is written to a temporary file and renamed
// into place, so a killed build leaves nothing behind). It runs at low
// priority so that the workbench stays responsive while it reads.
//
// The returned stop ends the build if it is still running. note, when
// not empty, tells the reviewer why no build was started: the cache
// directory lies inside the repository under review, which sightline
// never writes to (the rule workspaces and exports follow too).
func startIndexing(r *repo.Repo, pin repo.Pin) (stop func(), note string) {
	nothing := func() {}
	dir, err := search.IndexDir()
	if err != nil {
		return nothing, ""
	}
	if err := refuseIndexInside(r, dir); err != nil {
		return nothing, "no search index built (ctrl+f reads every file): " + textsafe.Sanitize(err.Error())
	}
	if !needsIndex(search.IndexPath(dir, pin.Tree), pin.Tree) && !needsSymbols(dir, pin.Tree) {
		return nothing, "" // built before (their contents are checked when used)
	}
	exe, err := os.Executable()
	if err != nil {
		return nothing, ""
	}
	cmd := exec.Command(exe, "index", "--repo", r.GitDir(), "--rev", pin.Commit.String(), "--dir", dir)
	if err := cmd.Start(); err != nil {
		return nothing, ""
	}
	lowerPriority(cmd.Process.Pid)
	done := make(chan struct{})
	go func() {
		_ = cmd.Wait() // reaps the child; a failed build just leaves search cold
		close(done)
	}()
	return func() {
		select {
		case <-done:
		default:
			_ = cmd.Process.Kill()
			<-done
		}
	}, ""
}

// needsIndex reports whether the index at path must be built: it is
// missing, or does not open (damaged, or written by a sightline whose
// format differs), so searches would read every file for good.
func needsIndex(path string, tree repo.Hash) bool {
	idx, err := search.OpenIndex(path, tree)
	if err != nil {
		return true
	}
	idx.Close()
	return false
}

// needsSymbols reports whether the symbol index of tree under dir must be
// built: it is missing, of another format, or cut short. Only its header
// is read here, at start; the rest is checked when it is loaded.
func needsSymbols(dir string, tree repo.Hash) bool {
	return symbols.Peek(symbols.CachePath(dir, tree), tree) != nil
}
