package repo

import (
	"fmt"

	"github.com/go-git/go-git/v5/plumbing"
)

// Pin is the commit under review: everything sightline shows is read from
// this commit's tree, never the work tree or the index.
type Pin struct {
	Commit Hash   // full commit id
	Tree   Hash   // the commit's root tree
	Ref    string // the revision as the reviewer gave it ("v1.2", "HEAD~3")
}

// Resolve turns a revision (full or short hash, branch, tag, HEAD, HEAD~3,
// ...) into a Pin. An annotated tag is peeled to its commit.
func (r *Repo) Resolve(rev string) (Pin, error) {
	if rev == "" {
		rev = "HEAD"
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	h, err := r.git.ResolveRevision(plumbing.Revision(rev))
	if err != nil {
		return Pin{}, fmt.Errorf("revision %q: %w (%v)", rev, ErrUnknownRevision, err)
	}
	c, err := r.git.CommitObject(*h)
	if err != nil {
		return Pin{}, fmt.Errorf("revision %q: commit %s: %w", rev, h, err)
	}
	return Pin{Commit: fromPlumbing(c.Hash), Tree: fromPlumbing(c.TreeHash), Ref: rev}, nil
}
