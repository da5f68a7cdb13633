package repo

import "errors"

// passBlame offers o's lines to the parents of o's commit, as git's
// pass_blame does: first look for the path itself in every parent, then
// for a rename source in the parents that lack it; a parent with the
// identical blob takes everything; otherwise each parent in order takes
// the lines it already had (a parent whose blob equals an earlier
// parent's is skipped). Whatever no parent takes stays with o.
func (b *blamer) passBlame(o *origin) error {
	c, err := b.commit(o.commit)
	if err != nil {
		return err
	}
	porigins := make([]*origin, len(c.parents))
	for pass := 0; pass < 2; pass++ {
		for i, p := range c.parents {
			if porigins[i] != nil {
				continue
			}
			var po *origin
			if pass == 0 {
				po, err = b.findOrigin(c, p, o)
			} else {
				po, err = b.findRename(c, p, o)
			}
			if errors.Is(err, errNoOrigin) {
				continue
			}
			if err != nil {
				return err
			}
			if po.blob == o.blob {
				if po.ids == nil {
					po.ids = o.ids // same blob, same lines: no second read
				}
				b.give(po, o.suspects)
				o.suspects = nil
				return nil
			}
			if !sameBlobBefore(porigins[:i], po.blob) {
				porigins[i] = po
			}
		}
	}
	for _, po := range porigins {
		if po == nil {
			continue
		}
		if err := b.passToParent(o, po, false); err != nil {
			return err
		}
		if len(o.suspects) == 0 {
			break
		}
	}
	if !b.ignore[o.commit] || len(o.suspects) == 0 {
		return nil
	}
	// An ignored commit: after every parent has taken the lines it had,
	// the first parent with the file takes the changed ones by position.
	for _, po := range porigins {
		if po != nil {
			return b.passToParent(o, po, true)
		}
	}
	return nil
}

func sameBlobBefore(earlier []*origin, blob Hash) bool {
	for _, e := range earlier {
		if e != nil && e.blob == blob {
			return true
		}
	}
	return false
}

// findOrigin is the file at the same path in parent p, if it is there
// with the same type (a file that became a symlink has no origin).
func (b *blamer) findOrigin(c *blameCommit, p Hash, o *origin) (*origin, error) {
	pc, err := b.commit(p)
	if err != nil {
		return nil, err
	}
	if b.unchangedInFirstParent(c, p, o.path) {
		return b.origin(p, o.path, o.blob, o.mode), nil
	}
	// o holds the file's entry in c's tree (every origin is made from
	// the tree of its commit), so only the parent's tree is read: in a
	// walk with filters, c's was often never read, while the parent's is
	// what the read-ahead looked up already.
	e, ok, err := b.probe.entryAt(pc.tree, splitPath(o.path))
	if err != nil || !ok {
		return nil, orNoOrigin(err)
	}
	if e.hash == o.blob && e.mode == o.mode {
		return b.origin(p, o.path, o.blob, o.mode), nil
	}
	if isDir(e.mode) || e.mode&0o170000 != o.mode&0o170000 {
		return nil, errNoOrigin
	}
	return b.origin(p, o.path, e.hash, e.mode), nil
}

func orNoOrigin(err error) error {
	if err != nil {
		return err
	}
	return errNoOrigin
}

// findRename looks for the file o was renamed from in parent p: only
// when p has nothing at o's path, with git's rename detection between p's
// tree and the commit's, restricted to o's path as the destination.
func (b *blamer) findRename(c *blameCommit, p Hash, o *origin) (*origin, error) {
	pc, err := b.commit(p)
	if err != nil {
		return nil, err
	}
	if e, ok, err := b.probe.entryAt(pc.tree, splitPath(o.path)); err != nil {
		return nil, err
	} else if ok && !isDir(e.mode) {
		return nil, errNoOrigin // there, but changed type: no origin
	}
	var changes []FileChange
	if err := b.r.diffTree(b.ctx, pc.tree, c.tree, "", 0, &changes); err != nil {
		return nil, err
	}
	var srcs []renameFile
	for i, ch := range changes {
		if ch.Status == 'D' {
			srcs = append(srcs, renameFile{idx: i, path: ch.OldPath, hash: ch.OldHash, mode: ch.OldMode})
		}
	}
	if len(srcs) == 0 {
		return nil, errNoOrigin
	}
	dst := []renameFile{{path: o.path, hash: o.blob, mode: o.mode}}
	rn := &renamer{ctx: b.ctx, r: b.r, cache: map[Hash]*blobSpans{}}
	pair, _, err := rn.detectRenames(srcs, dst)
	if err != nil {
		return nil, err
	}
	if pair[0] < 0 {
		return nil, errNoOrigin
	}
	s := srcs[pair[0]]
	return b.origin(p, s.path, s.hash, s.mode), nil
}

// passToParent diffs po's version against o's and moves to po every line
// of o that po already had, with its line number there. With guess (an
// ignored commit), a changed line also goes to po's line at the same
// offset in the changed chunk, when the chunk has one there.
func (b *blamer) passToParent(o, po *origin, guess bool) error {
	if err := b.load(o, nil); err != nil {
		return err
	}
	if err := b.load(po, o); err != nil {
		return err
	}
	chgP, chgO := b.diff.DiffNoContext(po.ids, o.ids)
	// 0: changed in o. Reused from step to step: a walk of a long file
	// through thousands of versions would otherwise allocate (and
	// collect) a line table at each.
	parentLine := b.parentLines(len(o.ids))
	for i, j := 0, 0; i < len(po.ids) || j < len(o.ids); {
		i0, j0 := i, j
		for i < len(po.ids) && chgP[i] {
			i++
		}
		for j < len(o.ids) && chgO[j] {
			j++
		}
		for k := 0; guess && i0+k < i && j0+k < j; k++ {
			parentLine[j0+k] = i0 + k + 1
		}
		if i >= len(po.ids) || j >= len(o.ids) {
			break // the rest of either side is changed: consumed above
		}
		parentLine[j] = i + 1
		i, j = i+1, j+1
	}
	n := 0
	for _, s := range o.suspects {
		if parentLine[s.orig-1] > 0 {
			n++
		}
	}
	moved := make([]suspect, 0, n) // sized once: appending grew it a step at a time
	kept := o.suspects[:0]
	for _, s := range o.suspects {
		if pl := parentLine[s.orig-1]; pl > 0 {
			moved = append(moved, suspect{final: s.final, orig: pl})
		} else {
			kept = append(kept, s)
		}
	}
	o.suspects = kept
	b.give(po, moved)
	return nil
}

// parentLines returns the blamer's line table for a version of n lines,
// zeroed.
func (b *blamer) parentLines(n int) []int {
	if cap(b.lineScratch) < n {
		b.lineScratch = make([]int, n)
	}
	t := b.lineScratch[:n]
	clear(t)
	return t
}
