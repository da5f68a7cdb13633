package repo

import (
	"context"
	"runtime"
	"sync"

	"sightline/repo/internal/commitgraph"
	"sightline/repo/internal/odb"
)

// versionReadAhead reads, on another core, the versions of the file a
// Blame with Bloom filters will diff, so that the walk finds each one
// read and checked against its id when it gets there. With filters the
// walk reads few trees (the filters pass over the commits that left the
// file alone); what is left is reading those versions, interning and
// diffing them, one after another. The read-ahead walks the same
// commits in about the walk's order, asks its own copy of the filters,
// and at each commit that may have changed the file reads the file in
// every parent: the version the walk diffs next. The walk takes a
// version read ahead, waits for one being read, and reads any other
// itself; results never depend on it, only the time does. It follows
// the path only (after a rename the walk reads alone).
type versionReadAhead struct {
	mu       sync.Mutex
	moved    *sync.Cond // a version was taken, or the read-ahead ended
	versions map[Hash]*versionAhead
	asked    map[Hash]bool // read or being read, or already known to the walk
	held     int           // bytes read and not yet taken
	idle     bool          // done, or waiting for room (tests)
	cancel   context.CancelFunc
	wg       sync.WaitGroup
}

// versionAhead is one version being read or read; ready closes once
// data holds it (ok) or the read failed (the walk reads it itself and
// meets the error).
type versionAhead struct {
	data  []byte
	ok    bool
	ready chan struct{}
}

// readAheadHeld bounds the bytes read and not yet taken. Tests set
// readAheadTaken to count the versions the walk took, and
// readAheadStarted to hold the walk back while the read-ahead leads.
var (
	readAheadHeld    = 8 << 20
	readAheadTaken   func()
	readAheadStarted func(*versionReadAhead)
)

// startVersionReadAhead starts reading ahead for a Blame of path from
// commit from, with the commit-graph g's filters. known lists the
// versions the walk will not read (kept from an earlier blame). nil on a
// single core.
func startVersionReadAhead(ctx context.Context, r *Repo, g *commitgraph.Graph, from Hash, path string, known func(Hash) bool, read readHeadFunc) *versionReadAhead {
	if runtime.GOMAXPROCS(0) < prefetchMinCores || g == nil || !g.HasFilters() {
		return nil
	}
	ctx, cancel := context.WithCancel(ctx)
	v := &versionReadAhead{versions: map[Hash]*versionAhead{}, asked: map[Hash]bool{}, cancel: cancel}
	v.moved = sync.NewCond(&v.mu)
	v.wg.Add(1)
	go func() {
		defer v.wg.Done()
		defer v.end()
		v.walk(ctx, r, g, from, path, known, read)
		v.mu.Lock()
		v.idle = true
		v.mu.Unlock()
	}()
	if readAheadStarted != nil {
		readAheadStarted(v)
	}
	return v
}

// walk visits the commits in the walk's order (walkNewestFirst) and
// reads the file in the parents of each commit the filters cannot
// clear. It stops at the first error: the walk meets the same error
// itself.
func (v *versionReadAhead) walk(ctx context.Context, r *Repo, g *commitgraph.Graph, from Hash, path string, known func(Hash) bool, read readHeadFunc) {
	comps := splitPath(path)
	q := g.Query(path) // a query caches its keys: not shared with the walk's
	probe := newPathProbe(r)
	walkNewestFirst(ctx, from, read, func(c commitHead) bool {
		if len(c.parents) == 0 || c.inGraph && len(c.parents) == 1 && !g.MaybeChanged(c.graphPos, q) {
			return true // no parent, or the filters clear it: nothing to diff
		}
		for _, parent := range c.parents {
			pc, err := read(ctx, parent)
			if err != nil {
				return false
			}
			if e, ok, err := probe.entryAt(pc.tree, comps); err == nil && ok && !isDir(e.mode) && !known(e.hash) {
				v.readVersion(ctx, r, e.hash)
			}
		}
		return ctx.Err() == nil
	})
}

// readVersion reads blob h, unless it has been asked for, once the walk
// has taken enough of what was read before.
func (v *versionReadAhead) readVersion(ctx context.Context, r *Repo, h Hash) {
	v.mu.Lock()
	for v.held >= readAheadHeld && !v.asked[h] && ctx.Err() == nil {
		v.idle = true
		v.moved.Wait()
		v.idle = false
	}
	if v.asked[h] || ctx.Err() != nil {
		v.mu.Unlock()
		return
	}
	v.asked[h] = true
	e := &versionAhead{ready: make(chan struct{})}
	v.versions[h] = e
	v.mu.Unlock()
	defer close(e.ready)
	// The walk refuses a version over the big-file limit unread; so
	// does the read-ahead.
	if _, size, err := r.objects.Header(odb.ID(h)); err != nil || size > r.bigFile {
		return
	}
	blob, err := r.ReadBlob(ctx, h, -1)
	if err != nil {
		return
	}
	v.mu.Lock()
	e.data, e.ok = blob.Data, true
	v.held += len(blob.Data)
	v.mu.Unlock()
}

// take hands over version h when it was read ahead (waiting while it is
// being read); false means the walk reads it itself, and the read-ahead
// then leaves it alone.
func (v *versionReadAhead) take(h Hash) ([]byte, bool) {
	if v == nil {
		return nil, false
	}
	v.mu.Lock()
	e, ok := v.versions[h]
	if !ok {
		v.asked[h] = true
		v.mu.Unlock()
		return nil, false
	}
	v.mu.Unlock()
	<-e.ready
	v.mu.Lock()
	delete(v.versions, h)
	v.held -= len(e.data)
	v.moved.Broadcast()
	v.mu.Unlock()
	if e.ok && readAheadTaken != nil {
		readAheadTaken()
	}
	return e.data, e.ok
}

// end releases the read-ahead's wait for room.
func (v *versionReadAhead) end() {
	v.mu.Lock()
	v.moved.Broadcast()
	v.mu.Unlock()
}

// stop ends the read-ahead and waits for its goroutines.
func (v *versionReadAhead) stop() {
	if v == nil {
		return
	}
	v.cancel()
	v.end() // after the cancel: a read waiting for room wakes to see it
	v.wg.Wait()
}
