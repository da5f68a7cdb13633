package odb

import (
	"container/list"
	"sync"
)

// baseKey names a pack entry: which pack, and where in it.
type baseKey struct {
	pack int
	off  int64
}

// cachedBase is a resolved delta base. Bases are verified before they
// are cached (checkBase); id is what data hashes to when hashed is set
// (not when verification is off, or the base was checked on an earlier
// read and not hashed again).
type cachedBase struct {
	key    baseKey
	typ    Type
	data   []byte
	id     ID
	hashed bool
}

// baseCache holds recently resolved delta bases, least recently used
// out first, within a byte budget. The data it holds is never modified:
// callers get copies.
type baseCache struct {
	mu     sync.Mutex
	budget int
	used   int
	order  *list.List // front: most recent
	items  map[baseKey]*list.Element

	// The budget grows, up to maxBudget, when the cache keeps being
	// asked for bases it evicted: a walk whose bases form wide delta
	// trees (a file's thousands of versions, packed by size, not time)
	// needs more than one that reads each version after its base.
	maxBudget int
	ghosts    map[baseKey]bool // recently evicted
	ghostRing []baseKey
	ghostNext int
	regrets   int // evicted bases asked for again, since the last growth
}

// ghostCount is how many evicted keys the cache remembers, and
// regretsToGrow how many of them asked for again double the budget.
const (
	ghostCount    = 4096
	regretsToGrow = 512
)

func newBaseCache(budget, maxBudget int) *baseCache {
	return &baseCache{budget: budget, maxBudget: max(budget, maxBudget), order: list.New(), items: map[baseKey]*list.Element{}, ghosts: map[baseKey]bool{}}
}

// get returns the base cached for k as a resolved value (shared: the
// caller copies before handing the data out).
func (c *baseCache) get(k baseKey) (resolved, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	el, ok := c.items[k]
	if !ok {
		c.regret(k)
		return resolved{}, false
	}
	c.order.MoveToFront(el)
	b := el.Value.(*cachedBase)
	return resolved{typ: b.typ, data: b.data, shared: true, id: b.id, hashed: b.hashed}, true
}

// markHashed records that the entry cached for k hashes to id, when a
// read handed it out as an object and hashed it: a base kept without a
// hash (checked before, see checkedBases) is then not hashed again.
func (c *baseCache) markHashed(k baseKey, id ID) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if el, ok := c.items[k]; ok {
		b := el.Value.(*cachedBase)
		b.id, b.hashed = id, true
	}
}

// put keeps r's data (which the caller must not modify afterwards). An
// object bigger than a quarter of the budget is not kept: it would
// evict everything else for one use.
func (c *baseCache) put(k baseKey, r resolved) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if len(r.data) > c.budget/4 { // budget grows under the lock (regret)
		return
	}
	if el, ok := c.items[k]; ok {
		c.order.MoveToFront(el)
		return
	}
	c.items[k] = c.order.PushFront(&cachedBase{key: k, typ: r.typ, data: r.data, id: r.id, hashed: r.hashed})
	c.used += len(r.data)
	for c.used > c.budget {
		el := c.order.Back()
		b := el.Value.(*cachedBase)
		c.order.Remove(el)
		delete(c.items, b.key)
		c.used -= len(b.data)
		c.remember(b.key)
	}
}

// remember notes an evicted key, forgetting the oldest one noted.
func (c *baseCache) remember(k baseKey) {
	if c.budget >= c.maxBudget {
		return
	}
	if len(c.ghostRing) < ghostCount {
		c.ghostRing = append(c.ghostRing, k)
	} else {
		delete(c.ghosts, c.ghostRing[c.ghostNext])
		c.ghostRing[c.ghostNext] = k
		c.ghostNext = (c.ghostNext + 1) % ghostCount
	}
	c.ghosts[k] = true
}

// regret counts a miss on a key evicted lately, and doubles the budget
// once there are regretsToGrow of them.
func (c *baseCache) regret(k baseKey) {
	if !c.ghosts[k] {
		return
	}
	delete(c.ghosts, k)
	if c.regrets++; c.regrets >= regretsToGrow && c.budget < c.maxBudget {
		c.budget, c.regrets = min(2*c.budget, c.maxBudget), 0
	}
}
