package repo

import (
	"container/heap"
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"sightline/repo/internal/commitgraph"
)

// ErrStopWalk, returned by the callback of Log or PathLog, ends the walk
// early; the walk then returns nil.
var ErrStopWalk = errors.New("stop walk")

// Log calls fn for every commit reachable from from, newest first, in the
// order "git log --format=%H" prints them: a walk by committer date where
// a commit's parents are queued when it is shown, and equal dates keep the
// order they were queued in. An error from fn stops the walk and is
// returned (nil for ErrStopWalk). Objects are read one at a time under the
// Repo's lock, so other readers are served during a long walk.
func (r *Repo) Log(ctx context.Context, from Hash, fn func(Commit) error) error {
	w := newWalker(ctx, r)
	if err := w.push(from); err != nil {
		return err
	}
	for w.queue.Len() > 0 {
		if err := ctxErr(ctx); err != nil {
			return err
		}
		c := w.pop()
		// A parent that cannot be read ends the walk, but after c itself:
		// c was read, and the reviewer should see every commit there is.
		var perr error
		for _, p := range c.parents {
			if perr = w.push(p); perr != nil {
				break
			}
		}
		full, err := r.fullCommit(ctx, c)
		if err != nil {
			return err
		}
		if err := fn(full); err != nil {
			return stopOK(err)
		}
		if perr != nil {
			return perr
		}
	}
	return nil
}

// PathLog calls fn for the commits "git log --format=%H -- path" prints,
// newest first, with git's default history simplification: a commit is
// shown when its content at path differs from its parent's; a merge that
// has a parent with the same content at path follows only the first such
// parent and is not shown; a merge that differs from every parent is shown
// and all its parents are followed. path names a file or a directory
// (everything under it); "" is the whole tree.
//
// Like git's default (without --follow), PathLog does not follow renames:
// history stops at the commit that created path under this name. Blame,
// like git blame, does follow whole-file renames.
//
// The comparison walks tree entries component by component from the root
// and stops at the first unchanged subtree, so a commit costs a few tree
// reads, never a full diff.
//
// Without Bloom filters to ask, PathLog reads ahead on another core, as
// Blame does (prefetch.go): on an idle machine a cold path log takes a
// fifth to a quarter less time, for a quarter to a third more CPU; on a
// machine with no idle core it takes as long as alone (BENCHMARKS.md,
// issue 16). With filters most commits need no read, and the prefetch
// would read them all.
func (r *Repo) PathLog(ctx context.Context, from Hash, path string, fn func(Commit) error) error {
	comps := splitPath(path)
	w := newWalker(ctx, r)
	if w.graph != nil && len(comps) > 0 && w.graph.HasFilters() {
		w.query = w.graph.Query(strings.Join(comps, "/"))
		w.entries = map[Hash]pathEntry{}
		if x := r.histChanged.Load(); x != nil && w.graph == r.histIndex.Load() {
			w.exact = x
			w.exactID, w.exactIn = x.pathID(strings.Join(comps, "/"))
		}
	}
	defer func() {
		if walkStatsHook != nil {
			walkStatsHook(w.stats)
		}
	}()
	if w.query == nil {
		w.pre = startPrefetch(ctx, from, comps, w.probe, w.readObject) // nil on one core
		defer w.pre.stop()
	}
	if err := w.push(from); err != nil {
		return err
	}
	for w.queue.Len() > 0 {
		if err := ctxErr(ctx); err != nil {
			return err
		}
		c := w.pop()
		parents, same, err := w.simplify(c, comps)
		if err != nil {
			return err
		}
		for _, p := range parents {
			if err := w.push(p); err != nil {
				return err
			}
		}
		if same {
			continue
		}
		full, err := r.fullCommit(ctx, c)
		if err != nil {
			return err
		}
		if err := fn(full); err != nil {
			return stopOK(err)
		}
	}
	return nil
}

// walkStats counts what a path walk read, for tests that check the
// commit-graph was used.
type walkStats struct {
	fromGraph  int // commits read from the commit-graph
	fromObject int // commits read as objects
	bloomSkips int // commits a Bloom filter (or the changed paths) showed unchanged at the path
	exactShown int // commits the history index's changed paths showed changed, no tree read
}

// walkStatsHook, when set (by tests), receives each PathLog's counts.
var walkStatsHook func(walkStats)

// unchanged reports whether c's Bloom filter proves c did not change the
// walk's path against its first parent, as git's log -- PATH asks it.
func (w *walker) unchanged(c commitHead) bool {
	return w.query != nil && c.inGraph && len(c.parents) > 0 && !w.graph.MaybeChanged(c.graphPos, w.query)
}

// changedExactly is the history index's list of what c changed against
// its first parent (histindex_changed.go), when it has one for c.
func (w *walker) changedExactly(c commitHead) (changed, known bool) {
	if w.exact == nil || !c.inGraph || len(c.parents) == 0 {
		return false, false
	}
	return w.exact.changed(c.graphPos, w.exactID, w.exactIn)
}

// simplify applies git's default history simplification to c: it returns
// the parents to follow and whether c is TREESAME (not shown).
func (w *walker) simplify(c commitHead, comps []string) ([]Hash, bool, error) {
	if len(c.parents) == 0 {
		same, err := w.probe.sameAt(c.tree, ZeroHash, comps)
		return nil, same, err
	}
	if changed, known := w.changedExactly(c); known {
		if !changed {
			// TREESAME to its first parent: git follows it alone, unshown.
			w.stats.bloomSkips++
			w.passEntry(c)
			return c.parents[:1], true, nil
		}
		if len(c.parents) == 1 {
			w.stats.exactShown++
			delete(w.entries, c.hash)
			return c.parents, false, nil
		}
	}
	if w.unchanged(c) {
		// TREESAME to its first parent: git follows it alone, unshown.
		w.stats.bloomSkips++
		w.passEntry(c)
		return c.parents[:1], true, nil
	}
	if w.entries != nil && len(comps) > 0 {
		return w.simplifyByEntry(c, comps)
	}
	for _, p := range c.parents {
		pt, err := w.treeOf(p)
		if err != nil {
			return nil, false, err
		}
		same, err := w.probe.sameAt(c.tree, pt, comps)
		if err != nil {
			return nil, false, err
		}
		if same {
			return []Hash{p}, true, nil
		}
	}
	return c.parents, false, nil
}

// splitPath turns a user's path into tree entry names: "a/b/" and "/a/b"
// are "a","b"; "" and "." are the root.
func splitPath(path string) []string {
	path = strings.Trim(path, "/")
	if path == "" || path == "." {
		return nil
	}
	var out []string
	for _, c := range strings.Split(path, "/") {
		if c != "" && c != "." {
			out = append(out, c)
		}
	}
	return out
}

func dirHash(e rawEntry, ok bool) Hash {
	if ok && e.mode&0o170000 == 0o040000 {
		return e.hash
	}
	return ZeroHash
}

// walker is git's revision walk: a queue ordered by committer date, ties
// in the order commits were queued.
type walker struct {
	ctx     context.Context
	r       *Repo
	queue   commitQueue
	seen    map[Hash]Hash       // commit -> its tree, for every commit queued
	peek    map[Hash]commitHead // read for a comparison but not queued
	shallow map[Hash]bool       // boundary commits of a shallow clone
	probe   *pathProbe
	pre     *historyPrefetch // nil: no reading ahead
	graph   *commitgraph.Graph
	query   *commitgraph.PathQuery // the path's Bloom keys; nil: no filters to ask
	entries map[Hash]pathEntry     // the path's entry in commits reached, with filters (log_entries.go)
	exact   *changedIndex          // the history index's changed paths; nil: none
	exactID uint32                 // the path's number in exact
	exactIn bool                   // whether exact numbers the path at all
	stats   walkStats
	seq     int
}

func newWalker(ctx context.Context, r *Repo) *walker {
	return &walker{ctx: ctx, r: r, seen: map[Hash]Hash{}, peek: map[Hash]commitHead{}, shallow: r.shallowCommits(), probe: newPathProbe(r), graph: r.commitGraph()}
}

// readCommit reads a commit as history walks see it: from the prefetch,
// the commit-graph, or the object.
func (w *walker) readCommit(h Hash) (commitHead, error) {
	c, ok := w.pre.take(h)
	var err error
	if !ok {
		c, err = w.readObject(w.ctx, h)
	}
	if err == nil {
		if c.inGraph {
			w.stats.fromGraph++
		} else {
			w.stats.fromObject++
		}
	}
	return c, err
}

// readObject reads commit h from the commit-graph when it holds it, else
// the object; a shallow clone's boundary commits have no parents (their
// parents are not there), as in git. Safe for concurrent use.
func (w *walker) readObject(ctx context.Context, h Hash) (commitHead, error) {
	if c, ok, err := graphHead(w.graph, h); ok || err != nil {
		return c, err
	}
	c, err := w.r.readCommitHead(ctx, h)
	if w.shallow[h] {
		c.parents = nil
	}
	return c, err
}

// shallowCommits lists the boundary commits of a shallow clone (the
// "shallow" file in the git directory); nil for a full clone.
func (r *Repo) shallowCommits() map[Hash]bool {
	data, err := os.ReadFile(filepath.Join(r.gitDir, "shallow"))
	if err != nil {
		return nil
	}
	out := map[Hash]bool{}
	for _, line := range strings.Fields(string(data)) {
		if h, err := ParseHash(line); err == nil {
			out[h] = true
		}
	}
	return out
}

// push queues commit h unless it was queued before.
func (w *walker) push(h Hash) error {
	if _, ok := w.seen[h]; ok {
		return nil
	}
	c, ok := w.peek[h]
	if ok {
		delete(w.peek, h)
	} else {
		var err error
		if c, err = w.readCommit(h); err != nil {
			return err
		}
	}
	w.seen[h] = c.tree
	w.seq++
	heap.Push(&w.queue, queued{c: c, when: c.when, seq: w.seq})
	return nil
}

func (w *walker) pop() commitHead { return heap.Pop(&w.queue).(queued).c }

// treeOf returns the root tree of commit h, reading it if it was not
// queued yet.
func (w *walker) treeOf(h Hash) (Hash, error) {
	if t, ok := w.seen[h]; ok {
		return t, nil
	}
	if c, ok := w.peek[h]; ok {
		return c.tree, nil
	}
	c, err := w.readCommit(h)
	if err != nil {
		return ZeroHash, fmt.Errorf("parent: %w", err)
	}
	w.peek[h] = c
	return c.tree, nil
}

type queued struct {
	c    commitHead
	when int64
	seq  int
}

// commitQueue is a heap: newest committer date first, then first queued.
type commitQueue []queued

func (q commitQueue) Len() int { return len(q) }
func (q commitQueue) Less(i, j int) bool {
	if q[i].when != q[j].when {
		return q[i].when > q[j].when
	}
	return q[i].seq < q[j].seq
}
func (q commitQueue) Swap(i, j int) { q[i], q[j] = q[j], q[i] }
func (q *commitQueue) Push(x any)   { *q = append(*q, x.(queued)) }
func (q *commitQueue) Pop() any {
	old := *q
	x := old[len(old)-1]
	*q = old[:len(old)-1]
	return x
}

func stopOK(err error) error {
	if errors.Is(err, ErrStopWalk) {
		return nil
	}
	return err
}
