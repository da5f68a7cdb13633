package main

import (
	"sync"

	"sightline/tui"
)

// refsMemo keeps the references gr found this session, by name. The
// pin does not move within a session, so a name's references do not
// change: following a call path up and back (gr, a caller, gr, ctrl+o,
// gr again) answers the repeat at once instead of running the child
// again (most of a second on a large tree). Only answers are kept, never
// errors; the oldest goes first past refsMemoNames names or
// refsMemoHits references in all.
type refsMemo struct {
	mu    sync.Mutex
	names []string // oldest first
	hits  map[string][]tui.SymbolHit
	total int
}

var (
	refsMemoNames = 32
	refsMemoHits  = 200_000
)

func (m *refsMemo) get(name string) ([]tui.SymbolHit, bool) {
	m.mu.Lock()
	defer m.mu.Unlock()
	h, ok := m.hits[name]
	return h, ok
}

func (m *refsMemo) put(name string, hits []tui.SymbolHit) {
	if len(hits) > refsMemoHits {
		return
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.hits == nil {
		m.hits = map[string][]tui.SymbolHit{}
	}
	if _, ok := m.hits[name]; ok {
		return
	}
	for len(m.names) > 0 && (len(m.names) >= refsMemoNames || m.total+len(hits) > refsMemoHits) {
		old := m.names[0]
		m.names = m.names[1:]
		m.total -= len(m.hits[old])
		delete(m.hits, old)
	}
	m.names = append(m.names, name)
	m.hits[name] = hits
	m.total += len(hits)
}
