package repo

import (
	"context"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"sort"
	"strings"

	"github.com/go-git/go-git/v5/plumbing"

	"sightline/repo/internal/odb"
)

// Pin is the commit under review: everything sightline shows is read from
// this commit's tree, never the work tree or the index.
type Pin struct {
	Commit Hash   // full commit id
	Tree   Hash   // the commit's root tree
	Ref    string // the revision as the reviewer gave it ("v1.2", "HEAD~3")
}

// revisionHint ends every "unknown revision" message with what to give.
const revisionHint = "give a branch, a tag, a commit id (full, or at least 4 hex digits), HEAD, or one of those with ~N or ^"

// Resolve turns a revision (full or short hash, branch, tag, HEAD, HEAD~3,
// ...) into a Pin. An annotated tag is peeled to its commit. A short hash
// that matches more than one commit is refused rather than guessed: a
// vendor can make colliding prefixes.
func (r *Repo) Resolve(rev string) (Pin, error) {
	if rev == "" {
		rev = "HEAD"
	}
	if strings.Contains(rev, ":") {
		return Pin{}, fmt.Errorf("revision %q: %w: REV:PATH names a file, not a commit; %s", rev, ErrUnknownRevision, revisionHint)
	}
	if strings.Contains(rev, "@{") {
		// go-git ignores @{N} and @{upstream} and would pin the ref itself:
		// refuse rather than show the reviewer another commit.
		return Pin{}, fmt.Errorf("revision %q: %w: reflog and upstream forms (@{...}) are not supported; %s", rev, ErrUnknownRevision, revisionHint)
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	h, err := r.resolveLocked(rev)
	if err != nil {
		return Pin{}, err
	}
	// Only the headers: a commit with a huge message is not held whole.
	c, err := r.readCommitHead(context.Background(), Hash(h))
	if err != nil {
		// Say which object failed and how, through the ref named, when
		// the revision is one (a truncated object "cannot be read").
		if derr := r.damagedRefLocked(rev); derr != nil {
			return Pin{}, derr
		}
		if problem := r.commitProblem(Hash(h)); problem != nil {
			return Pin{}, fmt.Errorf("revision %q: %w: it names %w", rev, ErrUnknownRevision, problem)
		}
		return Pin{}, fmt.Errorf("revision %q: %w: commit %s does not parse (%w); %s", rev, ErrUnknownRevision, h, err, damagedHint)
	}
	pin := Pin{Commit: c.hash, Tree: c.tree, Ref: rev}
	if err := r.treeProblem(rev, pin.Commit, pin.Tree); err != nil {
		return Pin{}, err
	}
	return pin, nil
}

// resolveLocked finds the commit a revision names; r.mu is held.
func (r *Repo) resolveLocked(rev string) (plumbing.Hash, error) {
	if isHex(rev) && len(rev) >= 4 && len(rev) <= 40 {
		if h, ok, err := r.resolveHexLocked(rev); ok || err != nil {
			return h, err
		}
	}
	if h, ok := r.resolveRefLocked(rev); ok {
		return h, nil
	}
	h, err := r.git.ResolveRevision(plumbing.Revision(rev))
	if err != nil {
		if err := r.damagedRefLocked(rev); err != nil {
			return plumbing.ZeroHash, err
		}
		cause := err.Error()
		switch {
		case errors.Is(err, plumbing.ErrReferenceNotFound) && (rev == "HEAD" || rev == "@"):
			cause = r.unbornHeadLocked()
		case errors.Is(err, plumbing.ErrReferenceNotFound):
			cause = "no such branch, tag or commit"
		case errors.Is(err, io.EOF):
			// go-git's answer for ~N or ^N past the first commit.
			cause = "the history has no such ancestor or parent"
		}
		return plumbing.ZeroHash, fmt.Errorf("revision %q: %w (%s); %s", rev, ErrUnknownRevision, cause, revisionHint)
	}
	return *h, nil
}

// resolveRefLocked resolves a plain reference name (HEAD, main, v1.2)
// the way git does, through its refs/ prefixes, to the commit it peels
// to, reading only object headers: go-git's ResolveRevision decodes the
// whole commit, and a commit with a huge message must not be held whole.
// A revision with ~, ^ or : is left to ResolveRevision.
func (r *Repo) resolveRefLocked(rev string) (plumbing.Hash, bool) {
	if rev == "" || strings.ContainsAny(rev, "~^:@{}* ") {
		return plumbing.ZeroHash, false
	}
	for _, name := range []string{rev, "refs/" + rev, "refs/tags/" + rev, "refs/heads/" + rev, "refs/remotes/" + rev, "refs/remotes/" + rev + "/HEAD"} {
		ref, err := r.git.Reference(plumbing.ReferenceName(name), true)
		if err != nil {
			continue
		}
		return r.peelLocked(ref.Hash())
	}
	return plumbing.ZeroHash, false
}

// unbornHeadLocked explains a HEAD that resolves to nothing: an empty
// repository, or a bare copy whose HEAD names a branch that was never
// pushed (HEAD -> master while the branches are main, ...).
func (r *Repo) unbornHeadLocked() string {
	target := "a missing branch"
	if ref, err := r.storage.Reference(plumbing.HEAD); err == nil && ref.Type() == plumbing.SymbolicReference {
		target = ref.Target().String()
	}
	var names []string
	if iter, err := r.storage.IterReferences(); err == nil {
		_ = iter.ForEach(func(ref *plumbing.Reference) error {
			if ref.Name().IsBranch() || ref.Name().IsTag() {
				names = append(names, ref.Name().Short())
			}
			return nil
		})
	}
	if len(names) == 0 {
		return "HEAD points to " + target + ", and the repository has no branches or tags: it holds no commits"
	}
	sort.Strings(names)
	if len(names) > 5 {
		names = append(names[:5], "...")
	}
	return "HEAD points to " + target + ", which does not exist; branches and tags here: " + strings.Join(names, ", ")
}

// resolveHexLocked resolves a revision that may be an object id or a
// prefix of one. ok is false when no object has that prefix (it may still
// be a branch name made of hex digits).
func (r *Repo) resolveHexLocked(rev string) (h plumbing.Hash, ok bool, err error) {
	rev = strings.ToLower(rev)
	prefix, _ := hex.DecodeString(rev[:len(rev)&^1])
	objects, err := r.storage.HashesWithPrefix(prefix)
	if err != nil {
		return h, false, fmt.Errorf("revision %q: %w", rev, err)
	}
	var commits, others []plumbing.Hash
	for _, o := range objects {
		if !strings.HasPrefix(o.String(), rev) {
			continue // the odd last digit did not match
		}
		if c, ok := r.peelLocked(o); ok {
			commits = appendNew(commits, c)
		} else {
			others = append(others, o)
		}
	}
	if ref, err := r.git.Reference(plumbing.ReferenceName("refs/heads/"+rev), true); err == nil {
		if c, ok := r.peelLocked(ref.Hash()); ok {
			commits = appendNew(commits, c)
		}
	}
	switch {
	case len(commits) == 1:
		return commits[0], true, nil
	case len(commits) > 1:
		names := make([]string, len(commits))
		for i, c := range commits {
			names[i] = c.String()[:12]
		}
		return h, true, fmt.Errorf("revision %q: %w: the prefix is ambiguous (commits %s); give more hex digits", rev, ErrUnknownRevision, strings.Join(names, ", "))
	case len(others) > 0:
		problem := r.commitProblem(Hash(others[0]))
		if problem == nil { // peelLocked and commitProblem disagree: say no more than that
			problem = fmt.Errorf("object %s, not a commit; %s", others[0], revisionHint)
		}
		return h, true, fmt.Errorf("revision %q: %w: it names %w", rev, ErrUnknownRevision, problem)
	}
	return h, false, nil
}

// peelLocked returns the commit h is, or that the annotated tag h points
// at (through tags of tags).
func (r *Repo) peelLocked(h plumbing.Hash) (plumbing.Hash, bool) {
	for range 10 {
		// The type from the header and the target from the tag's
		// headers: a commit or tag with a huge message is not read whole.
		typ, _, err := r.objects.Header(odb.ID(h))
		if err != nil {
			return h, false
		}
		switch plumbing.ObjectType(typ) {
		case plumbing.CommitObject:
			return h, true
		case plumbing.TagObject:
			t, err := r.tagTarget(Hash(h))
			if err != nil {
				return h, false
			}
			h = plumbing.Hash(t)
		default:
			return h, false
		}
	}
	return h, false
}

func appendNew(hs []plumbing.Hash, h plumbing.Hash) []plumbing.Hash {
	for _, x := range hs {
		if x == h {
			return hs
		}
	}
	return append(hs, h)
}

func isHex(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !('0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F') {
			return false
		}
	}
	return s != ""
}
