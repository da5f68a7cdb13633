package odb

import "testing"

// fill puts n entries of size bytes at offsets base, base+1, ...
func fill(c *baseCache, base, n, size int) {
	for i := range n {
		c.put(baseKey{0, int64(base + i)}, resolved{typ: TypeBlob, data: make([]byte, size)})
	}
}

func TestBaseCacheGrowsWhenItsEvictionsAreAskedForAgain(t *testing.T) {
	const size = 1 << 10
	c := newBaseCache(64*size, 256*size)
	// Cycling over 200 bases that do not fit evicts each before it is
	// asked for again: every miss is a regret.
	for range 8 {
		for i := range 200 {
			if _, ok := c.get(baseKey{0, int64(i)}); !ok {
				fill(c, i, 1, size)
			}
		}
	}
	if c.budget <= 64*size {
		t.Fatalf("budget stayed %d after %d regrets' worth of misses", c.budget, 8*200)
	}
	if c.budget > 256*size {
		t.Fatalf("budget %d is past the maximum %d", c.budget, 256*size)
	}
	if c.used > c.budget {
		t.Fatalf("%d bytes held over the budget %d", c.used, c.budget)
	}
	// Grown to hold them all, the cycle now hits.
	for i := range 200 {
		if _, ok := c.get(baseKey{0, int64(i)}); !ok {
			fill(c, i, 1, size)
		}
	}
	hits := 0
	for i := range 200 {
		if _, ok := c.get(baseKey{0, int64(i)}); ok {
			hits++
		}
	}
	if hits != 200 {
		t.Fatalf("after growing to %d bytes, %d of 200 bases hit", c.budget, hits)
	}
}

func TestBaseCacheKeepsItsBudgetForAWalkThatDoesNotReturn(t *testing.T) {
	const size = 1 << 10
	c := newBaseCache(64*size, 256*size)
	// A walk that reads each base once and moves on (a log's trees, a
	// blame whose versions are deltas of the one read before) evicts a
	// great deal and never asks for an evicted base again.
	for i := range 100_000 {
		if _, ok := c.get(baseKey{0, int64(i)}); !ok {
			fill(c, i, 1, size)
		}
	}
	if c.budget != 64*size {
		t.Fatalf("budget grew to %d without a single regret", c.budget)
	}
	// Without room to grow it remembers nothing.
	d := newBaseCache(64*size, 0)
	fill(d, 0, 1000, size)
	if len(d.ghosts) != 0 || d.budget != 64*size {
		t.Fatalf("a cache that cannot grow kept %d evicted keys, budget %d", len(d.ghosts), d.budget)
	}
}

// Readers share the cache, and one of them may grow it while another
// puts: under -race, a budget read outside the lock is reported.
func TestBaseCacheGrowsUnderConcurrentReaders(t *testing.T) {
	const size = 1 << 10
	c := newBaseCache(64*size, 256*size)
	done := make(chan struct{})
	for g := range 2 {
		go func() {
			defer func() { done <- struct{}{} }()
			for range 6 {
				for i := range 200 {
					k := baseKey{0, int64((i + 100*g) % 200)}
					if _, ok := c.get(k); !ok {
						c.put(k, resolved{typ: TypeBlob, data: make([]byte, size)})
					}
				}
			}
		}()
	}
	<-done
	<-done
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.budget == 64*size || c.used > c.budget {
		t.Fatalf("budget %d, %d bytes held: want grown, within it", c.budget, c.used)
	}
}
