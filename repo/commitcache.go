package repo

import (
	"container/list"
	"slices"
	"sync"
)

// commitCacheBytes bounds the commits a Repo keeps decoded; a commit
// whose object is bigger than commitCacheEntryMax is not kept, so that a
// hostile message cannot take the budget.
const (
	commitCacheBytes    = 16 << 20
	commitCacheEntryMax = 64 << 10
)

// commitCache keeps decoded commits by id, least recently used out first,
// within a byte budget. The History view and blame read the same commits
// walk after walk; a commit is immutable and was checked against its id
// when read, so its decoded form can be shared. What a commit-graph or
// history index says of a commit is still checked against it on every
// use (fullCommit).
type commitCache struct {
	mu    sync.Mutex
	used  int
	order *list.List // of *cachedCommit, most recent first
	items map[Hash]*list.Element
}

type cachedCommit struct {
	c    Commit
	size int
}

func newCommitCache() *commitCache {
	return &commitCache{order: list.New(), items: map[Hash]*list.Element{}}
}

// get returns a copy of the commit kept for h: its Parents are the
// caller's to change.
func (cc *commitCache) get(h Hash) (Commit, bool) {
	cc.mu.Lock()
	defer cc.mu.Unlock()
	el, ok := cc.items[h]
	if !ok {
		return Commit{}, false
	}
	cc.order.MoveToFront(el)
	c := el.Value.(*cachedCommit).c
	c.Parents = slices.Clone(c.Parents)
	return c, true
}

// put keeps c, read from an object of size bytes.
func (cc *commitCache) put(c Commit, size int64) {
	if size > commitCacheEntryMax {
		return
	}
	cc.mu.Lock()
	defer cc.mu.Unlock()
	if _, ok := cc.items[c.Hash]; ok {
		return
	}
	c.Parents = slices.Clone(c.Parents)
	cc.items[c.Hash] = cc.order.PushFront(&cachedCommit{c: c, size: int(size)})
	cc.used += int(size)
	for cc.used > commitCacheBytes {
		old := cc.order.Remove(cc.order.Back()).(*cachedCommit)
		delete(cc.items, old.c.Hash)
		cc.used -= old.size
	}
}
