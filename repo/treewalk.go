package repo

import (
	"context"
	"strings"
)

// The two-tree walk shared by the diff (DiffTrees, blame's rename search)
// and the history index's changed paths: one walk, so that what the
// Changes view lists and what the index's filters hold cannot drift
// apart. Each user supplies a visitor for the changes.

// treeChange is one entry the walk found changed, at Path. Old is the
// entry on the old side and New on the new; nil where the path is absent
// (added: Old nil; deleted: New nil). When both are there they have the
// same name and kind class: a directory sorts as "name/", so a file
// replaced by a directory is a deletion and an addition, as in git.
type treeChange struct {
	Path     string
	Old, New *rawEntry
}

// isTree reports whether the change is to a directory, which the walk can
// descend into: the old side's kind decides when both are there, as git's
// tree diff does.
func (c treeChange) isTree() bool {
	if c.Old != nil {
		return isDir(c.Old.mode)
	}
	return isDir(c.New.mode)
}

// subtrees are the trees to compare below a directory change (ZeroHash:
// the empty tree, on the side where it is absent).
func (c treeChange) subtrees() (a, b Hash) {
	if c.Old != nil {
		a = c.Old.hash
	}
	if c.New != nil {
		b = c.New.hash
	}
	return a, b
}

// treeVisitor is told of each changed entry, files and directories, in
// git's order (a directory before what changed inside it). For a
// directory its answer says whether the walk descends into it; for a
// file the answer is ignored. An error stops the walk and is returned.
// The entries are the tree cache's: a visitor must not change them.
type treeVisitor func(c treeChange) (descend bool, err error)

type treeWalker struct {
	r     *Repo
	ctx   context.Context
	visit treeVisitor
}

// walkTrees walks trees a and b (ZeroHash: empty), which sit at dir,
// depth levels below the root, in parallel in git's entry order,
// descending only into subtrees whose ids differ, and calls visit for
// every entry whose mode or id differs or that is on one side only.
// The guards against crafted trees are git's: a walk deeper than
// maxTreeDepth is ErrTooDeep, and a damaged subtree is an error naming its
// directory rather than a silently shorter list.
func (r *Repo) walkTrees(ctx context.Context, a, b Hash, dir string, depth int, visit treeVisitor) error {
	w := treeWalker{r: r, ctx: ctx, visit: visit}
	return w.walk(a, b, dir, depth)
}

func (w *treeWalker) walk(a, b Hash, dir string, depth int) error {
	if a == b {
		return nil
	}
	if err := ctxErr(w.ctx); err != nil {
		return err
	}
	if depth >= maxTreeDepth {
		return treeError(dir, ErrTooDeep) // a crafted tree; git stops there too
	}
	ea, err := w.r.treeEntries(a, dir)
	if err != nil {
		return err
	}
	eb, err := w.r.treeEntries(b, dir)
	if err != nil {
		return err
	}
	i, j := 0, 0
	for i < len(ea) || j < len(eb) {
		var c int
		switch {
		case i == len(ea):
			c = 1
		case j == len(eb):
			c = -1
		default:
			c = compareEntries(ea[i], eb[j])
		}
		var ch treeChange
		switch {
		case c < 0:
			ch.Old = &ea[i]
			i++
		case c > 0:
			ch.New = &eb[j]
			j++
		default:
			ch.Old, ch.New = &ea[i], &eb[j]
			i, j = i+1, j+1
			if ch.Old.hash == ch.New.hash && ch.Old.mode == ch.New.mode {
				continue
			}
		}
		if err := w.change(ch, dir, depth); err != nil {
			return err
		}
	}
	return nil
}

// change names one changed entry, tells the visitor, and descends into a
// directory when the visitor asks.
func (w *treeWalker) change(ch treeChange, dir string, depth int) error {
	name := ""
	if ch.Old != nil {
		name = ch.Old.name
	} else {
		name = ch.New.name
	}
	ch.Path = joinPath(dir, name)
	descend, err := w.visit(ch)
	if err != nil || !descend || !ch.isTree() {
		return err
	}
	a, b := ch.subtrees()
	return w.walk(a, b, ch.Path, depth+1)
}

func (r *Repo) treeEntries(t Hash, dir string) ([]rawEntry, error) {
	if t.IsZero() {
		return nil, nil
	}
	entries, err := r.loadTree(t)
	if err != nil {
		// A diff that silently skipped a damaged subtree would hide
		// changes from the reviewer: fail instead.
		return nil, treeError(dir, err)
	}
	return entries, nil
}

// compareEntries orders entries as git sorts a tree: by name, a directory
// compared as if its name ended in "/".
func compareEntries(a, b rawEntry) int {
	ka, kb := a.name, b.name
	if isDir(a.mode) {
		ka += "/"
	}
	if isDir(b.mode) {
		kb += "/"
	}
	return strings.Compare(ka, kb)
}

func isDir(mode uint32) bool { return mode&0o170000 == 0o040000 }
