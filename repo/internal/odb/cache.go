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
}

func newBaseCache(budget int) *baseCache {
	return &baseCache{budget: budget, order: list.New(), items: map[baseKey]*list.Element{}}
}

// get returns the base cached for k as a resolved value (shared: the
// caller copies before handing the data out).
func (c *baseCache) get(k baseKey) (resolved, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	el, ok := c.items[k]
	if !ok {
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
	if len(r.data) > c.budget/4 {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
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
	}
}
