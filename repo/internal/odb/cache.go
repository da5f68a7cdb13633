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

type cachedBase struct {
	key  baseKey
	typ  Type
	data []byte
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

func (c *baseCache) get(k baseKey) (Type, []byte, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	el, ok := c.items[k]
	if !ok {
		return 0, nil, false
	}
	c.order.MoveToFront(el)
	b := el.Value.(*cachedBase)
	return b.typ, b.data, true
}

// put keeps data (which the caller must not modify afterwards). An
// object bigger than a quarter of the budget is not kept: it would
// evict everything else for one use.
func (c *baseCache) put(k baseKey, typ Type, data []byte) {
	if len(data) > c.budget/4 {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if el, ok := c.items[k]; ok {
		c.order.MoveToFront(el)
		return
	}
	c.items[k] = c.order.PushFront(&cachedBase{key: k, typ: typ, data: data})
	c.used += len(data)
	for c.used > c.budget {
		el := c.order.Back()
		b := el.Value.(*cachedBase)
		c.order.Remove(el)
		delete(c.items, b.key)
		c.used -= len(b.data)
	}
}
