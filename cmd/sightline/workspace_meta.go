package main

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"

	"sightline/repo/textsafe"
	"sightline/review"
)

// fillFromWorkspace fills in --repo and --rev when they were not given
// and --workspace names an existing workspace: the repository and pin it
// records, so that "findings list --workspace DIR" works from any
// directory. It says on stderr which repository it uses. When that
// repository is gone (moved, or the demo's temporary one), repoGone is
// set and --repo stays empty: read-only commands can still show the
// journal. Otherwise the defaults are . and HEAD, as before.
func (f *workspaceFlags) fillFromWorkspace(stderr io.Writer) error {
	if f.workspace != "" && (f.repo == "" || f.rev == "") {
		m, err := review.ReadMeta(f.workspace)
		switch {
		case errors.Is(err, fs.ErrNotExist):
			// a new workspace: nothing recorded yet
		case err != nil:
			return err
		default:
			f.fromWS = &m
			if f.rev == "" {
				f.rev = m.Pin.Commit
			}
			if f.repo == "" {
				if fi, err := os.Stat(m.GitDir); err != nil || !fi.IsDir() || m.GitDir == "" {
					f.repoGone = true
					return nil
				}
				f.repo = m.GitDir
				fmt.Fprintf(stderr, "sightline: repository %s (recorded in the workspace; --repo PATH picks another)\n", textsafe.Sanitize(m.GitDir))
			}
		}
	}
	if f.repo == "" {
		f.repo = "."
	}
	if f.rev == "" {
		f.rev = "HEAD"
	}
	return nil
}

// goneError says what to pass when the workspace's repository is gone.
func (f *workspaceFlags) goneError() error {
	m := f.fromWS
	return fmt.Errorf("the repository this workspace reviews (%s, %s at %s) is no longer at %s; pass --repo PATH with a clone that has commit %s",
		textsafe.Sanitize(m.Repository), m.Pin.Commit[:min(12, len(m.Pin.Commit))], textsafe.Sanitize(m.Pin.Ref),
		textsafe.Sanitize(m.GitDir), m.Pin.Commit)
}

// openWorkspaceToRead is openWorkspace for commands that only read the
// journal (findings list, show): when the workspace's repository is gone
// they still work, from the journal alone, with Repo nil, and say so.
func openWorkspaceToRead(f workspaceFlags, stderr io.Writer) (*openedWorkspace, error) {
	if err := f.fillFromWorkspace(stderr); err != nil {
		return nil, err
	}
	if !f.repoGone {
		return openWorkspace(f, stderr)
	}
	m := *f.fromWS
	m.Base = nil // Open would record a base it is given as a new one
	ws, err := review.Open(f.workspace, m)
	if err != nil {
		return nil, err
	}
	printWarnings(stderr, ws)
	fmt.Fprintf(stderr, "sightline: the workspace's repository (%s) is gone; showing the workspace's journal alone (--repo PATH names a clone)\n",
		textsafe.Sanitize(m.GitDir))
	return &openedWorkspace{WS: ws}, nil
}
