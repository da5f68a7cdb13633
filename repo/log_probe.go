package repo

import (
	"bytes"
	"fmt"
	"strconv"
	"sync"

	"github.com/go-git/go-git/v5/plumbing"
)

// pathProbe finds one name per tree level for history walks. It scans the
// raw tree object for the name instead of decoding every entry (a walk
// visits thousands of versions of the same directories and needs one
// entry of each), stays out of the Repo's tree cache (which holds what the
// reviewer browses), and remembers recent answers, since each tree is
// asked about twice: as a commit's and as its child's parent's. A Repo
// has one, so that the walks after the first (History and blame of a
// file, again) find the answers of the earlier ones: a tree is immutable
// and was checked against its id when read.
type pathProbe struct {
	r    *Repo
	mu   sync.Mutex // guards memo: a prefetch fills it from other goroutines
	memo map[probeKey]probeResult
}

type probeKey struct {
	tree Hash
	name string
}

type probeResult struct {
	e  rawEntry
	ok bool
}

// probeMemoMax bounds the memo; it is dropped whole when full, which only
// costs a few re-reads.
const probeMemoMax = 1 << 16

// newPathProbe returns r's probe.
func newPathProbe(r *Repo) *pathProbe {
	r.probeOnce.Do(func() { r.probe = &pathProbe{r: r, memo: map[probeKey]probeResult{}} })
	return r.probe
}

// child finds name in tree t (ZeroHash: the empty tree).
func (p *pathProbe) child(t Hash, name string) (rawEntry, bool, error) {
	if t.IsZero() {
		return rawEntry{}, false, nil
	}
	k := probeKey{t, name}
	p.mu.Lock()
	res, ok := p.memo[k]
	p.mu.Unlock()
	if ok {
		return res.e, res.ok, nil
	}
	data, err := p.r.readObject(t, plumbing.TreeObject)
	if err != nil {
		return rawEntry{}, false, err
	}
	e, ok, err := findRawEntry(data, name)
	if err != nil {
		return rawEntry{}, false, fmt.Errorf("tree %s is corrupt: %w", t, err)
	}
	p.mu.Lock()
	if len(p.memo) >= probeMemoMax {
		clear(p.memo)
	}
	p.memo[k] = probeResult{e, ok}
	p.mu.Unlock()
	return e, ok, nil
}

// findRawEntry scans a tree object ("MODE SP NAME NUL HASH"...) for name.
// Damage before the name is an error: the name may lie past it.
func findRawEntry(data []byte, name string) (rawEntry, bool, error) {
	for n := 1; len(data) > 0; n++ {
		sp := bytes.IndexByte(data, ' ')
		if sp <= 0 {
			return rawEntry{}, false, fmt.Errorf("entry %d: no mode", n)
		}
		rest := data[sp+1:]
		nul := bytes.IndexByte(rest, 0)
		if nul < 0 || len(rest) < nul+1+len(Hash{}) {
			return rawEntry{}, false, fmt.Errorf("entry %d: truncated", n)
		}
		if string(rest[:nul]) == name {
			mode, err := strconv.ParseUint(string(data[:sp]), 8, 32)
			if err != nil {
				return rawEntry{}, false, fmt.Errorf("entry %d: bad mode %q", n, data[:sp])
			}
			e := rawEntry{name: name, mode: uint32(mode)}
			copy(e.hash[:], rest[nul+1:])
			return e, true, nil
		}
		data = rest[nul+1+len(Hash{}):]
	}
	return rawEntry{}, false, nil
}

// sameAt reports whether trees a and b (ZeroHash: the empty tree) hold the
// same entry (mode and id) at the path comps, or both lack it, descending
// only while the subtrees differ.
func (p *pathProbe) sameAt(a, b Hash, comps []string) (bool, error) {
	for i, name := range comps {
		if a == b {
			return true, nil
		}
		ea, oka, err := p.child(a, name)
		if err != nil {
			return false, err
		}
		eb, okb, err := p.child(b, name)
		if err != nil {
			return false, err
		}
		if i == len(comps)-1 {
			if !oka || !okb {
				return oka == okb, nil
			}
			return ea.mode == eb.mode && ea.hash == eb.hash, nil
		}
		// A file or a missing entry where the path needs a directory
		// holds nothing under the path: the empty tree.
		a, b = dirHash(ea, oka), dirHash(eb, okb)
	}
	return a == b, nil
}

// entryAt finds the entry at comps under tree.
func (p *pathProbe) entryAt(tree Hash, comps []string) (rawEntry, bool, error) {
	var e rawEntry
	for i, name := range comps {
		found, ok, err := p.child(tree, name)
		if err != nil || !ok {
			return e, false, err
		}
		if i < len(comps)-1 {
			if !isDir(found.mode) {
				return e, false, nil
			}
			tree = found.hash
		}
		e = found
	}
	return e, true, nil
}
