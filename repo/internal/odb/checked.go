package odb

import "sync"

// checkedBases remembers the pack entries checkBase has verified. A
// warm history walk resolves the same delta bases over and over once the
// base cache has let them go, and re-hashing them was a quarter of its
// CPU. The check of a base is on top of the check of every object handed
// out (which is never skipped), so doing it once per entry keeps both
// guarantees: what is returned hashes to its id, and a damaged base is
// named the first time a chain crosses it. A base passed because it was
// checked before is not marked hashed, so that if it is handed out as an
// object itself, it is hashed then.
type checkedBases struct {
	mu   sync.Mutex
	seen map[baseKey]struct{}
	// checks counts the bases hashed and found good, for tests.
	checks int
}

// checkedBasesMax bounds the set (about 40 bytes an entry); it is
// dropped whole when full, which only costs re-checks.
const checkedBasesMax = 1 << 18

func (c *checkedBases) has(k baseKey) bool {
	c.mu.Lock()
	defer c.mu.Unlock()
	_, ok := c.seen[k]
	return ok
}

func (c *checkedBases) add(k baseKey) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.seen == nil || len(c.seen) >= checkedBasesMax {
		c.seen = map[baseKey]struct{}{}
	}
	c.seen[k] = struct{}{}
	c.checks++
}
