package main

import (
	"flag"
	"fmt"
	"io"

	"sightline/repo"
	"sightline/repo/textsafe"
	"sightline/review"
)

// workspaceFlags are the flags of every command that works on a review:
// which repository, which pin, optionally which base, and where the
// workspace lives.
type workspaceFlags struct {
	repo, rev, base, workspace string
	// fromWS is set by fillFromWorkspace: the existing --workspace's
	// Meta, and whether the repository it names is gone.
	fromWS   *review.Meta
	repoGone bool
}

// add registers --repo, --rev, --base and --workspace on fs.
func (f *workspaceFlags) add(fs *flag.FlagSet) {
	fs.StringVar(&f.repo, "repo", "", "the repository under review (default: the one an existing --workspace names, else .)")
	fs.StringVar(&f.rev, "rev", "", "the pinned revision: hash, branch, tag, HEAD~N (default: an existing --workspace's pin, else HEAD)")
	fs.StringVar(&f.base, "base", "", "the older revision of a diff review (recorded in the workspace)")
	fs.StringVar(&f.workspace, "workspace", "", "the workspace directory (default: $XDG_DATA_HOME/sightline/workspaces/NAME-PIN-HASH)")
}

// openedWorkspace is a repository pinned at a revision and the review
// workspace for it. Close releases both.
type openedWorkspace struct {
	Repo *repo.Repo
	Pin  repo.Pin
	Base *repo.Pin // nil unless the review has a base
	WS   *review.Workspace
}

// Close closes the workspace (writing anything pending) and the
// repository. The workspace's error comes first: it may mean lost work.
func (o *openedWorkspace) Close() error {
	err := o.WS.Close()
	if o.Repo == nil {
		return err
	}
	if rerr := o.Repo.Close(); err == nil {
		err = rerr
	}
	return err
}

// openWorkspace opens the repository, resolves the pin (and base), and
// opens or creates the workspace: the --workspace directory, else the
// default one for this repository and pin. It refuses a workspace inside
// the repository, which sightline never writes to. Warnings from opening
// (a torn journal end set aside) go to stderr.
func openWorkspace(f workspaceFlags, stderr io.Writer) (*openedWorkspace, error) {
	if err := f.fillFromWorkspace(stderr); err != nil {
		return nil, err
	}
	if f.repoGone {
		return nil, f.goneError()
	}
	r, err := repo.Open(f.repo)
	if err != nil {
		return nil, err
	}
	o, err := openWorkspaceIn(r, f, stderr)
	if err != nil {
		_ = r.Close()
		return nil, err
	}
	return o, nil
}

func openWorkspaceIn(r *repo.Repo, f workspaceFlags, stderr io.Writer) (*openedWorkspace, error) {
	pin, err := r.Resolve(f.rev)
	if err != nil {
		return nil, err
	}
	if f.fromWS != nil && f.rev == f.fromWS.Pin.Commit {
		pin.Ref = f.fromWS.Pin.Ref // the name the reviewer pinned, not the hash
	}
	o := &openedWorkspace{Repo: r, Pin: pin}
	if f.base != "" {
		b, err := r.Resolve(f.base)
		if err != nil {
			return nil, fmt.Errorf("--base: %w", err)
		}
		o.Base = &b
	}
	dir := f.workspace
	if dir == "" {
		if dir, err = review.DefaultDir(r.Name(), r.GitDir(), pin.Commit); err != nil {
			return nil, err
		}
	}
	if err := r.RefuseInside(dir); err != nil {
		return nil, fmt.Errorf("workspace %w; pass --workspace with a directory outside it", err)
	}
	// The journal's head is written outside the workspace, under
	// $XDG_STATE_HOME: the same rule holds there.
	if heads, err := review.DefaultHeadDir(); err == nil {
		if err := r.RefuseInside(heads); err != nil {
			return nil, fmt.Errorf("journal head directory %w; set XDG_STATE_HOME to a directory outside it (--workspace does not move it)", err)
		}
	}
	if o.WS, err = review.Open(dir, review.MetaFor(r, pin, o.Base, "")); err != nil {
		return nil, err
	}
	printWarnings(stderr, o.WS)
	if o.Base == nil {
		if b := o.WS.Meta().Base; b != nil {
			if bp, err := r.Resolve(b.Commit); err == nil {
				bp.Ref = b.Ref
				o.Base = &bp
			}
		}
	}
	return o, nil
}

func printWarnings(stderr io.Writer, ws *review.Workspace) {
	for _, w := range ws.Warnings() {
		fmt.Fprintf(stderr, "sightline: warning: %s\n", textsafe.Sanitize(w))
	}
}
