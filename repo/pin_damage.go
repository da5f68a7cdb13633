package repo

import (
	"errors"
	"fmt"
	"strings"

	"github.com/go-git/go-git/v5/plumbing"
	"github.com/go-git/go-git/v5/plumbing/object"

	"sightline/repo/internal/odb"
)

// damagedHint ends every message about a revision whose objects cannot be
// read: the names are right, the copy is not.
const damagedHint = "the repository is damaged: ask for a fresh clone or a git bundle"

// damagedRefLocked explains a revision that go-git could not resolve
// although its name (before any ~N or ^) is a ref: the object the ref
// points to is missing, unreadable, not a commit, or a commit that does
// not parse. go-git reports all of these as a missing reference, which
// would send the reviewer looking for a branch that is there. It returns
// nil when the name is no ref or its commit reads; r.mu is held.
func (r *Repo) damagedRefLocked(rev string) error {
	base := rev
	if i := strings.IndexAny(rev, "~^"); i >= 0 {
		base = rev[:i]
	}
	if base == "@" {
		base = "HEAD"
	}
	for _, name := range []string{base, "refs/" + base, "refs/tags/" + base, "refs/heads/" + base, "refs/remotes/" + base} {
		ref, err := r.git.Reference(plumbing.ReferenceName(name), true)
		if err != nil {
			continue
		}
		via := ref.Name().String()
		if via != base {
			via = base + " (" + via + ")"
		}
		if problem := r.commitProblem(Hash(ref.Hash())); problem != nil {
			return fmt.Errorf("revision %q: %w: %s points to %w", rev, ErrUnknownRevision, via, problem)
		}
		return nil
	}
	return nil
}

// commitProblem says why h, through any annotated tags, is not a commit
// sightline can read, naming the object that failed; nil when it reads.
func (r *Repo) commitProblem(h Hash) error {
	for range 10 {
		typ, data, err := r.objects.Read(odb.ID(h))
		if errors.Is(err, odb.ErrNotFound) {
			return fmt.Errorf("object %s, which is %w; %s", h, ErrMissingObject, damagedHint)
		}
		if err != nil {
			return fmt.Errorf("object %s, which cannot be read (%w); %s", h, err, damagedHint)
		}
		switch plumbing.ObjectType(typ) {
		case plumbing.CommitObject:
			if _, err := r.git.CommitObject(plumbing.Hash(h)); err != nil {
				return fmt.Errorf("commit %s, which does not parse (%v); %s", h, err, damagedHint)
			}
			return nil
		case plumbing.TagObject:
			var t object.Tag
			o := &plumbing.MemoryObject{}
			o.SetType(plumbing.TagObject)
			_, _ = o.Write(data)
			if err := t.Decode(o); err != nil {
				return fmt.Errorf("tag %s, which does not parse (%v); %s", h, err, damagedHint)
			}
			h = Hash(t.Target)
		default:
			return fmt.Errorf("a %s (%s), not a commit; %s", plumbing.ObjectType(typ), h, revisionHint)
		}
	}
	return fmt.Errorf("tag %s, through more than 10 tags; %s", h, revisionHint)
}

// treeProblem says why the root tree of commit c cannot be read; nil when
// it can. Everything sightline shows comes from that tree, so a pin
// without it is refused at once rather than at every later read.
func (r *Repo) treeProblem(rev string, c, tree Hash) error {
	if raw, err := r.loadTree(tree); raw == nil && err != nil {
		return fmt.Errorf("revision %q: %w: commit %s: its root tree cannot be read (%w); %s", rev, ErrUnknownRevision, c, err, damagedHint)
	}
	return nil
}
