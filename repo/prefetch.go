package repo

import (
	"container/heap"
	"context"
	"runtime"
	"sync"
)

// historyPrefetch reads ahead of a history walk (Blame) on the
// other cores, so that the walk itself reads almost nothing. One
// goroutine reads the commits newest first, as the walk will; others
// look the path up in each commit's tree through the walk's own probe.
// The walk waits for a commit it needs (and for its path lookups) rather
// than reading it a second time; a commit the prefetch did not or will
// not read, the walk reads itself. Results never depend on the prefetch,
// only the time does.
//
// A walk is a chain of dependent reads (a commit names its parents), so
// one goroutine reads the commits one after another; the path lookups,
// most of the work, spread over the rest.
type historyPrefetch struct {
	mu      sync.Mutex
	moved   *sync.Cond // the walk took a step or waits, or the prefetch ended
	entries map[Hash]*prefetched
	passed  map[Hash]bool // commits the prefetch has read
	ended   bool          // the prefetch reads no more commits
	waiting bool          // the walk waits for a commit not read yet
	steps   int           // commits the walk has taken
	read    int           // commits the prefetch has read
	cancel  context.CancelFunc
	wg      sync.WaitGroup
}

// prefetched is one commit read ahead; ready closes once it and its path
// lookups are done (ok false: not read after all).
type prefetched struct {
	c     commitHead
	ok    bool
	ready chan struct{}
}

// prefetchAhead bounds how far the prefetch runs ahead of the walk, in
// commits (a few hundred KiB of them). prefetchMinCores is the fewest
// cores it runs on. Variables so that tests can force the prefetch on and
// make it fall behind.
var (
	prefetchAhead    = 2048
	prefetchMinCores = 2
	prefetchTaken    func() // tests: a commit the walk took read ahead
)

// readHeadFunc reads a commit as the walk sees it (from the commit-graph
// or the object, shallow boundaries cut); safe for concurrent use.
type readHeadFunc func(ctx context.Context, h Hash) (commitHead, error)

// startPrefetch starts reading ahead of a walk from commit from along the
// path comps, filling probe: for each commit read, the path is looked up
// in its tree. It returns
// nil on a single core, where it could only slow the walk down. Call stop
// when the walk ends.
func startPrefetch(ctx context.Context, from Hash, comps []string, probe *pathProbe, read readHeadFunc) *historyPrefetch {
	cores := runtime.GOMAXPROCS(0)
	if cores < prefetchMinCores {
		return nil
	}
	ctx, cancel := context.WithCancel(ctx)
	p := &historyPrefetch{entries: map[Hash]*prefetched{}, passed: map[Hash]bool{}, cancel: cancel}
	p.moved = sync.NewCond(&p.mu)
	work := make(chan *prefetched, prefetchAhead)
	p.wg.Add(1)
	go func() {
		defer p.wg.Done()
		defer p.end()
		defer close(work)
		p.walk(ctx, from, read, work)
	}()
	stopWaiting := context.AfterFunc(ctx, func() { p.end() })
	var looking sync.WaitGroup
	for range min(cores, 4) {
		looking.Add(1)
		go func() {
			defer looking.Done()
			for e := range work {
				if ctx.Err() == nil {
					probe.lookup(e.c.tree, comps)
				}
				close(e.ready)
			}
		}()
	}
	p.wg.Add(1)
	go func() {
		defer p.wg.Done()
		looking.Wait()
		stopWaiting()
	}()
	return p
}

// walk reads commits in about the walk's order (newest committer date
// first) and hands them to the path lookups. It stops at the first
// error: the walk meets the same error itself and reports it.
func (p *historyPrefetch) walk(ctx context.Context, from Hash, read readHeadFunc, work chan<- *prefetched) {
	if !p.waitForWalk(ctx) {
		return
	}
	walkNewestFirst(ctx, from, read, func(c commitHead) bool {
		p.mu.Lock()
		e := p.entry(c.hash)
		e.c, e.ok = c, true
		p.passed[c.hash] = true
		p.read++
		p.mu.Unlock()
		work <- e // waits while the lookups are behind
		return p.waitForWalk(ctx)
	})
}

// walkNewestFirst reads the commits reachable from from in about a
// history walk's order, newest committer date first, and hands each to
// visit, until visit returns false, a read fails (the walk meets the
// same error itself and reports it) or none is left. The read-aheads
// use it to keep to the walk they serve.
func walkNewestFirst(ctx context.Context, from Hash, read readHeadFunc, visit func(commitHead) bool) {
	var queue commitQueue
	seen := map[Hash]bool{from: true}
	seq := 0
	for next := from; ctx.Err() == nil; {
		c, err := read(ctx, next)
		if err != nil || !visit(c) {
			return
		}
		for _, parent := range c.parents {
			if !seen[parent] {
				seen[parent] = true
				seq++
				// A parent's date is not known before it is read: queue it
				// under its child's, which keeps the order close to the
				// walk's (dates mostly fall going back).
				heap.Push(&queue, queued{c: commitHead{hash: parent}, when: c.when, seq: seq})
			}
		}
		if queue.Len() == 0 {
			return
		}
		next = heap.Pop(&queue).(queued).c.hash
	}
}

// entry returns the entry for h, making it; p.mu is held.
func (p *historyPrefetch) entry(h Hash) *prefetched {
	e, ok := p.entries[h]
	if !ok {
		e = &prefetched{ready: make(chan struct{})}
		p.entries[h] = e
	}
	return e
}

// waitForWalk holds the prefetch while it is prefetchAhead commits ahead
// of the walk, unless the walk waits for it; false when it should stop.
func (p *historyPrefetch) waitForWalk(ctx context.Context) bool {
	p.mu.Lock()
	defer p.mu.Unlock()
	for p.read-p.steps >= prefetchAhead && !p.waiting && ctx.Err() == nil {
		p.moved.Wait()
	}
	return ctx.Err() == nil
}

// end marks the prefetch as reading no more commits and releases every
// wait for a commit it did not read.
func (p *historyPrefetch) end() {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.ended {
		return
	}
	p.ended = true
	for h, e := range p.entries {
		if !p.passed[h] {
			close(e.ready) // ok stays false: the walk reads it itself
			delete(p.entries, h)
		}
	}
	p.moved.Broadcast()
}

// take hands over commit h, waiting for the prefetch when it will read h
// soon; false means the walk must read h itself.
func (p *historyPrefetch) take(h Hash) (commitHead, bool) {
	if p == nil {
		return commitHead{}, false
	}
	p.mu.Lock()
	p.steps++
	p.moved.Signal()
	e, known := p.entries[h]
	if !known && (p.ended || p.passed[h]) {
		p.mu.Unlock() // read before, and taken already; or never will be
		return commitHead{}, false
	}
	if !known {
		e = p.entry(h) // the prefetch fills it when it gets there
	}
	p.waiting = !p.passed[h]
	p.moved.Signal()
	p.mu.Unlock()
	<-e.ready
	p.mu.Lock()
	p.waiting = false
	if p.entries[h] == e {
		delete(p.entries, h)
	}
	p.mu.Unlock()
	if e.ok && prefetchTaken != nil {
		prefetchTaken()
	}
	return e.c, e.ok
}

// stop ends the prefetch and waits for its goroutines.
func (p *historyPrefetch) stop() {
	if p == nil {
		return
	}
	p.cancel()
	p.wg.Wait()
}

// lookup reads what sameAt will need of tree along comps: the entry of
// each component in turn, while it is a directory.
func (p *pathProbe) lookup(tree Hash, comps []string) {
	for _, name := range comps {
		e, ok, err := p.child(tree, name)
		if err != nil || !ok {
			return
		}
		if tree = dirHash(e, ok); tree.IsZero() {
			return
		}
	}
}
