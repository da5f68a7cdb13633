package repo

import (
	"container/list"
	"sync"
)

// treeCacheSize is how many decoded trees a Repo keeps: enough for the
// directories a reviewer has open and the path walks of log and blame,
// small enough (a few MiB) not to matter.
const treeCacheSize = 2048

// cachedTree is a decoded tree object, or the error met decoding it, so a
// corrupt tree is not re-read on every expand.
type cachedTree struct {
	entries []rawEntry
	err     error
}

// treeCache is a small LRU of decoded trees by hash. go-git caches the
// encoded object but decodes it again on every read; trees are immutable,
// so their decoded form can be shared.
type treeCache struct {
	mu    sync.Mutex
	max   int
	order *list.List // of Hash, most recent first
	items map[Hash]*list.Element
	trees map[Hash]cachedTree
}

func newTreeCache(max int) *treeCache {
	return &treeCache{max: max, order: list.New(), items: map[Hash]*list.Element{}, trees: map[Hash]cachedTree{}}
}

func (c *treeCache) get(h Hash) (cachedTree, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	el, ok := c.items[h]
	if !ok {
		return cachedTree{}, false
	}
	c.order.MoveToFront(el)
	return c.trees[h], true
}

func (c *treeCache) put(h Hash, t cachedTree) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if el, ok := c.items[h]; ok {
		c.order.MoveToFront(el)
		c.trees[h] = t
		return
	}
	c.items[h] = c.order.PushFront(h)
	c.trees[h] = t
	for c.order.Len() > c.max {
		old := c.order.Remove(c.order.Back()).(Hash)
		delete(c.items, old)
		delete(c.trees, old)
	}
}
