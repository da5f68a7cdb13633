package repo

// With Bloom filters, a path walk asks the trees only at the commits the
// filters cannot clear, and comparing a commit's tree with its parent's
// (sameAt) read both. But the path's entry in a commit is already known
// whenever the walk reached the commit from a child: a child the filters
// cleared has the same entry, and a child compared with it looked it up.
// So the walk carries each commit's entry to its parents and reads only
// the parents' trees: half the tree reads of a warm path log.

// pathEntry is the walk's path in one commit's tree: its entry, or none
// (missing, or under something that is not a directory).
type pathEntry struct {
	e  rawEntry
	ok bool
}

// sameAs is sameAt's answer for two commits whose entries are a and b.
func (a pathEntry) sameAs(b pathEntry) bool {
	if !a.ok || !b.ok {
		return a.ok == b.ok
	}
	return a.e.mode == b.e.mode && a.e.hash == b.e.hash
}

// passEntry hands c's entry, when known, to its first parent: the filters
// proved the path unchanged between them.
func (w *walker) passEntry(c commitHead) {
	if pe, ok := w.entries[c.hash]; ok {
		w.entries[c.parents[0]] = pe
		delete(w.entries, c.hash)
	}
}

// simplifyByEntry is simplify for a commit the filters cannot clear: its
// entry (carried, or looked up) against each parent's, looked up and
// carried to that parent.
func (w *walker) simplifyByEntry(c commitHead, comps []string) ([]Hash, bool, error) {
	pe, ok := w.entries[c.hash]
	delete(w.entries, c.hash)
	if !ok {
		e, found, err := w.probe.entryAt(c.tree, comps)
		if err != nil {
			return nil, false, err
		}
		pe = pathEntry{e, found}
	}
	for _, p := range c.parents {
		pt, err := w.treeOf(p)
		if err != nil {
			return nil, false, err
		}
		e, found, err := w.probe.entryAt(pt, comps)
		if err != nil {
			return nil, false, err
		}
		w.entries[p] = pathEntry{e, found}
		if (pathEntry{e, found}).sameAs(pe) {
			return []Hash{p}, true, nil
		}
	}
	return c.parents, false, nil
}
