package repo

import (
	"context"
	"fmt"
	"sort"
	"strings"

	"github.com/go-git/go-git/v5/plumbing"
)

// rangeSlop is how many commits past the last interesting one a range
// walk reads before it stops, as git's limit_list does (its SLOP): a
// commit dated before its parent may still turn out to be hidden.
const rangeSlop = 5

// RangeLog calls fn for the commits "git log --format=%H hide..from"
// prints: those reachable from from and not from hide, newest first, in
// git's order. Like git's limited walk, it walks from and hide together
// by committer date and stops once every commit still queued is reachable
// from hide, so a short range costs a short walk; the commits are handed
// to fn at the end, when each is known not to be reachable from hide.
// hide zero is Log.
func (r *Repo) RangeLog(ctx context.Context, from, hide Hash, fn func(Commit) error) error {
	if hide == ZeroHash {
		return r.Log(ctx, from, fn)
	}
	w := newWalker(ctx, r)
	rw := rangeWalk{w: w, hidden: map[Hash]bool{}, parents: map[Hash][]Hash{}}
	// git queues the hidden side first ("A..B" is "^A B").
	if err := rw.push(hide, true); err != nil {
		return err
	}
	if err := rw.push(from, false); err != nil {
		return err
	}
	shown, err := rw.run()
	if err != nil {
		return err
	}
	for _, h := range shown {
		if rw.hidden[h] {
			continue // found reachable from hide after it was read
		}
		c, err := r.readCommitHead(ctx, h)
		if err != nil {
			return err
		}
		full, err := c.full()
		if err != nil {
			return err
		}
		if err := fn(full); err != nil {
			return stopOK(err)
		}
	}
	return nil
}

// rangeWalk is the state of RangeLog's limited walk.
type rangeWalk struct {
	w       *walker
	hidden  map[Hash]bool   // reachable from hide, as far as known
	parents map[Hash][]Hash // the parents of every commit popped
	live    int             // queued commits not known hidden
}

func (rw *rangeWalk) push(h Hash, hidden bool) error {
	_, queued := rw.w.seen[h]
	switch {
	case hidden && queued:
		rw.markQueued(h)
	case hidden:
		rw.hidden[h] = true
	case !queued:
		rw.live++
	}
	return rw.w.push(h)
}

// markQueued marks h hidden; while h waits in the queue it no longer
// counts as live.
func (rw *rangeWalk) markQueued(h Hash) {
	if rw.hidden[h] {
		return
	}
	rw.hidden[h] = true
	if _, popped := rw.parents[h]; !popped {
		rw.live--
	}
}

// run pops commits until only hidden ones remain (and rangeSlop more),
// returning the ones popped while not known hidden, in order. Only their
// ids are kept: a base unrelated to the pin makes the range the whole
// history, and the commits are read again, one at a time, to be shown.
func (rw *rangeWalk) run() ([]Hash, error) {
	var shown []Hash
	slop := rangeSlop
	for rw.w.queue.Len() > 0 {
		if err := ctxErr(rw.w.ctx); err != nil {
			return nil, err
		}
		c := rw.w.pop()
		rw.parents[c.hash] = c.parents
		hidden := rw.hidden[c.hash]
		if !hidden {
			rw.live--
		}
		if hidden {
			rw.hide(c.parents)
		}
		for _, p := range c.parents {
			if err := rw.push(p, hidden); err != nil {
				return nil, err
			}
		}
		if !hidden {
			shown = append(shown, c.hash)
			slop = rangeSlop
			continue
		}
		if rw.live == 0 {
			if slop--; slop <= 0 {
				break
			}
		} else {
			slop = rangeSlop
		}
	}
	return shown, nil
}

// hide marks hs and, through the commits already popped, their ancestors
// as reachable from the hidden side.
func (rw *rangeWalk) hide(hs []Hash) {
	stack := append([]Hash(nil), hs...)
	for len(stack) > 0 {
		h := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		if rw.hidden[h] {
			continue
		}
		if _, queued := rw.w.seen[h]; queued {
			rw.markQueued(h)
		} else {
			rw.hidden[h] = true
		}
		stack = append(stack, rw.parents[h]...)
	}
}

// RefKind says what a decoration names.
type RefKind int

// The kinds of references decorations show.
const (
	RefBranch RefKind = iota
	RefRemote
	RefTag
	RefHead // HEAD itself, when it is detached
)

// Ref is a reference that points at a commit: its short name (raw,
// untrusted: a ref name may hold any byte git allows) and kind.
type Ref struct {
	Name string
	Kind RefKind
}

// maxRefs bounds how many references Decorations reads: a crafted
// repository may hold millions.
const maxRefs = 100_000

// Decorations maps each commit to the branches, remote branches and tags
// that point at it (annotated tags peeled), as "git log --decorate" shows
// them, each commit's refs sorted: a detached HEAD, tags, remote branches,
// branches, then by name.
func (r *Repo) Decorations() (map[Hash][]Ref, error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	iter, err := r.storage.IterReferences()
	if err != nil {
		return nil, fmt.Errorf("reading references: %w", err)
	}
	out := map[Hash][]Ref{}
	n := 0
	err = iter.ForEach(func(ref *plumbing.Reference) error {
		if n++; n > maxRefs {
			return errStopRefs
		}
		if ref.Type() != plumbing.HashReference {
			return nil
		}
		name := ref.Name()
		var kind RefKind
		switch {
		case name.IsTag():
			kind = RefTag
		case name.IsBranch():
			kind = RefBranch
		case name.IsRemote():
			kind = RefRemote
		case name == plumbing.HEAD:
			kind = RefHead // detached: an attached HEAD is symbolic
		default:
			return nil // notes, stash, pull requests: not decorations
		}
		if c, ok := r.peelLocked(ref.Hash()); ok {
			out[Hash(c)] = append(out[Hash(c)], Ref{Name: name.Short(), Kind: kind})
		}
		return nil
	})
	if err != nil && err != errStopRefs {
		return nil, fmt.Errorf("reading references: %w", err)
	}
	for _, refs := range out {
		sort.Slice(refs, func(i, j int) bool {
			if refs[i].Kind != refs[j].Kind {
				return refs[i].Kind > refs[j].Kind // HEAD, tags, remotes, branches
			}
			return strings.Compare(refs[i].Name, refs[j].Name) < 0
		})
	}
	return out, nil
}

var errStopRefs = fmt.Errorf("too many references")
