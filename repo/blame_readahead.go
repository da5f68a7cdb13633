package repo

import (
	"context"
	"runtime"
	"sync"

	"sightline/repo/internal/commitgraph"
	"sightline/repo/internal/odb"
)

// versionReadAhead reads, on the other cores, the versions of the file a
// Blame with Bloom filters will diff, so that the walk finds each one
// read and checked against its id when it gets there. With filters the
// walk reads few trees (the filters pass over the commits that left the
// file alone); what is left is reading those versions (inflating,
// checking against their ids), interning and diffing them. One goroutine
// finds the versions: it walks the same commits in about the walk's
// order, asks its own copy of the filters, and at each commit that may
// have changed the file lists the file in every parent, the version the
// walk diffs next. Two more read what it lists, in that order: reading
// is most of a blame, and the walk, which interns a version in a
// fraction of the time one takes to read, would otherwise wait on a
// single reader. The walk takes a version read, waits for one being
// read, and reads itself one listed but not started (or never listed);
// results never depend on the read-ahead, only the time does. It follows
// the path only (after a rename the walk reads alone).
type versionReadAhead struct {
	mu       sync.Mutex
	moved    *sync.Cond // a version listed, started or taken, or the finder ended
	versions map[Hash]*versionAhead
	asked    map[Hash]bool // listed, or already known to the walk
	listed   []Hash        // versions to read, in the walk's order
	found    bool          // the finder has listed all it will
	reading  int           // readers reading a version
	waiting  int           // readers waiting for room
	held     int           // bytes read and not yet taken
	cancel   context.CancelFunc
	wg       sync.WaitGroup
}

// versionAhead is one version listed, being read or read; ready closes
// once data holds it (ok) or the read failed or was given up (the walk
// reads it itself and meets any error).
type versionAhead struct {
	started bool
	data    []byte
	ok      bool
	ready   chan struct{}
}

// readAheadHeld bounds the bytes read and not yet taken (a reader starts
// no version past it; two may each finish one). readAheadListed bounds
// the versions listed and not yet started. Tests set readAheadTaken to
// count the versions the walk took, readAheadStarted to hold the walk
// back while the read-ahead leads, and readAheadUnused to count the
// versions read for nothing.
var (
	readAheadHeld    = 8 << 20
	readAheadTaken   func()
	readAheadStarted func(*versionReadAhead)
	readAheadUnused  func(n int) // versions read and never taken, at the stop
)

const (
	readAheadReaders = 2
	readAheadListed  = 64
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
	v.wg.Add(1 + readAheadReaders)
	go func() {
		defer v.wg.Done()
		v.find(ctx, r, g, from, path, known, read)
		v.mu.Lock()
		v.found = true
		v.moved.Broadcast()
		v.mu.Unlock()
	}()
	for range readAheadReaders {
		go func() {
			defer v.wg.Done()
			v.readListed(ctx, r)
		}()
	}
	if readAheadStarted != nil {
		readAheadStarted(v)
	}
	return v
}

// find visits the commits in the walk's order (walkNewestFirst) and
// lists the file in the parents of each commit the filters cannot
// clear. It stops at the first error: the walk meets the same error
// itself.
func (v *versionReadAhead) find(ctx context.Context, r *Repo, g *commitgraph.Graph, from Hash, path string, known func(Hash) bool, read readHeadFunc) {
	comps := splitPath(path)
	q := g.Query(path) // a query caches its keys: not shared with the walk's
	probe := newPathProbe(r)
	walkNewestFirst(ctx, from, read, func(c commitHead) bool {
		// No parent, or the filters clear the commit against its first
		// parent: the walk passes every line to that parent, whatever the
		// others hold (a merge too, as git blame does), and diffs nothing.
		if len(c.parents) == 0 || c.inGraph && !g.MaybeChanged(c.graphPos, q) {
			return true
		}
		for _, parent := range c.parents {
			pc, err := read(ctx, parent)
			if err != nil {
				return false
			}
			if e, ok, err := probe.entryAt(pc.tree, comps); err == nil && ok && !isDir(e.mode) && !known(e.hash) {
				v.list(ctx, e.hash)
			}
		}
		return ctx.Err() == nil
	})
}

// list adds version h for the readers, unless it was asked for, once
// fewer than readAheadListed wait to be started.
func (v *versionReadAhead) list(ctx context.Context, h Hash) {
	v.mu.Lock()
	defer v.mu.Unlock()
	for len(v.listed) >= readAheadListed && !v.asked[h] && ctx.Err() == nil {
		v.moved.Wait()
	}
	if v.asked[h] || ctx.Err() != nil {
		return
	}
	v.asked[h] = true
	v.versions[h] = &versionAhead{ready: make(chan struct{})}
	v.listed = append(v.listed, h)
	v.moved.Broadcast()
}

// readListed reads listed versions, oldest listing first, while there
// is room, until the finder is done and nothing is left.
func (v *versionReadAhead) readListed(ctx context.Context, r *Repo) {
	for {
		v.mu.Lock()
		for ctx.Err() == nil && (len(v.listed) == 0 && !v.found || len(v.listed) > 0 && v.held >= readAheadHeld) {
			if len(v.listed) > 0 {
				v.waiting++
				v.moved.Wait()
				v.waiting--
			} else {
				v.moved.Wait()
			}
		}
		if ctx.Err() != nil || len(v.listed) == 0 {
			v.mu.Unlock()
			return
		}
		h := v.listed[0]
		v.listed = v.listed[1:]
		v.moved.Broadcast() // the finder may list another
		e := v.versions[h]
		if e == nil || e.started { // the walk took it to read itself
			v.mu.Unlock()
			continue
		}
		e.started = true
		v.reading++
		v.mu.Unlock()
		data, ok := v.read(ctx, r, h)
		v.mu.Lock()
		e.data, e.ok = data, ok
		v.held += len(data)
		v.reading--
		close(e.ready)
		v.moved.Broadcast()
		v.mu.Unlock()
	}
}

// read reads version h; false leaves it to the walk, which meets the
// error itself. The walk refuses a version over the big-file limit
// unread; so does the read-ahead.
func (v *versionReadAhead) read(ctx context.Context, r *Repo, h Hash) ([]byte, bool) {
	if _, size, err := r.objects.Header(odb.ID(h)); err != nil || size > r.bigFile {
		return nil, false
	}
	blob, err := r.ReadBlob(ctx, h, -1)
	if err != nil {
		return nil, false
	}
	return blob.Data, true
}

// take hands over version h when it was read ahead (waiting while it is
// being read); false means the walk reads it itself (it was not listed,
// or not yet started), and the read-ahead then leaves it alone.
func (v *versionReadAhead) take(h Hash) ([]byte, bool) {
	if v == nil {
		return nil, false
	}
	v.mu.Lock()
	e, ok := v.versions[h]
	if !ok || !e.started {
		v.asked[h] = true
		delete(v.versions, h) // a reader that meets it in the list skips it
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

// idle says whether the read-ahead has read all it will, or waits for
// room with nothing being read (tests).
func (v *versionReadAhead) idle() bool {
	v.mu.Lock()
	defer v.mu.Unlock()
	return v.reading == 0 && (v.found && len(v.listed) == 0 || v.waiting > 0)
}

// stop ends the read-ahead and waits for its goroutines.
func (v *versionReadAhead) stop() {
	if v == nil {
		return
	}
	v.cancel()
	// After the cancel: a goroutine waiting for room, or for work, wakes
	// to see it.
	v.mu.Lock()
	v.moved.Broadcast()
	v.mu.Unlock()
	v.wg.Wait()
	if readAheadUnused != nil {
		unused := 0
		for _, e := range v.versions {
			if e.ok {
				unused++
			}
		}
		readAheadUnused(unused)
	}
}
