package odb

import (
	"bytes"
	"encoding/hex"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sort"
)

// ID is a SHA-1 object id.
type ID [20]byte

func (id ID) String() string { return hex.EncodeToString(id[:]) }

// Type is an object's type, numbered as the pack format numbers them.
type Type int8

// The four object types.
const (
	TypeCommit Type = 1
	TypeTree   Type = 2
	TypeBlob   Type = 3
	TypeTag    Type = 4
)

func (t Type) String() string {
	switch t {
	case TypeCommit:
		return "commit"
	case TypeTree:
		return "tree"
	case TypeBlob:
		return "blob"
	case TypeTag:
		return "tag"
	}
	return fmt.Sprintf("type %d", int(t))
}

// ErrNotFound reports an object that is in no pack and not loose.
var ErrNotFound = errors.New("object not found")

// maxChain bounds a delta chain. git writes chains of at most 4,095;
// ref-delta entries can also form a cycle, which this stops.
const maxChain = 10000

// entryRead is an entry header with the window it came in.
type entryRead struct {
	e entry
	w *window
}

// keptWindows bounds how many links of a delta chain keep their read
// window until the chain is applied.
const keptWindows = 64

// DB reads the objects of one objects directory. It is safe for
// concurrent use.
type DB struct {
	dir     string
	packs   []*pack
	cache   *baseCache
	checked checkedBases
}

// Options tunes a DB.
type Options struct {
	// CacheBytes is the delta base cache's budget; 0 means 64 MiB.
	CacheBytes int
	// MaxCacheBytes is what the budget may grow to when the cache keeps
	// evicting bases that are asked for again; at most CacheBytes when 0.
	MaxCacheBytes int
}

// Open opens the objects directory dir (".git/objects"): every pack
// index under pack/ is read now, loose objects on demand. An index
// without its pack is skipped, as git skips it; a damaged index or pack
// is an error naming the file.
func Open(dir string, opts Options) (*DB, error) {
	if opts.CacheBytes <= 0 {
		opts.CacheBytes = 64 << 20
	}
	db := &DB{dir: dir, cache: newBaseCache(opts.CacheBytes, opts.MaxCacheBytes)}
	idxs, err := filepath.Glob(filepath.Join(dir, "pack", "*.idx"))
	if err != nil {
		return nil, err
	}
	sort.Strings(idxs)
	for _, ip := range idxs {
		if _, err := os.Stat(ip[:len(ip)-len(".idx")] + ".pack"); errors.Is(err, os.ErrNotExist) {
			continue
		}
		p, err := openPack(ip)
		if err != nil {
			db.Close()
			return nil, err
		}
		db.packs = append(db.packs, p)
	}
	return db, nil
}

// Close closes the pack files.
func (db *DB) Close() error {
	var first error
	for _, p := range db.packs {
		if err := p.f.Close(); err != nil && first == nil {
			first = err
		}
	}
	return first
}

// locate finds id in the packs.
func (db *DB) locate(id ID) (pi int, off int64, ok bool, err error) {
	for pi, p := range db.packs {
		if i := p.idx.find(id); i >= 0 {
			off, err := p.idx.offset(i)
			return pi, off, err == nil, err
		}
	}
	return 0, 0, false, nil
}

// Has reports whether the object exists (without reading it).
func (db *DB) Has(id ID) bool {
	if _, _, ok, _ := db.locate(id); ok {
		return true
	}
	fi, err := os.Stat(db.loosePath(id))
	return err == nil && fi.Mode().IsRegular()
}

// Read returns an object's type and its whole content, which the caller
// owns. The content is checked against id (after delta resolution): an
// object that hashes to another id is a *HashMismatchError.
func (db *DB) Read(id ID) (Type, []byte, error) {
	r, err := db.read(id, false)
	if err != nil {
		return 0, nil, err
	}
	if r.shared {
		r.data = bytes.Clone(r.data)
	}
	return r.typ, r.data, nil
}

// ReadShared is Read for a caller that only looks at the content and
// keeps no part of it: the content may be the delta base cache's and must
// not be modified. A tree read this way is kept in that cache, verified,
// because a history walk reads next the older trees a pack stores as
// deltas of it; without it each of them re-resolves (and re-hashes) the
// chain below.
func (db *DB) ReadShared(id ID) (Type, []byte, error) {
	r, err := db.read(id, true)
	if err != nil {
		return 0, nil, err
	}
	return r.typ, r.data, nil
}

// read resolves and verifies object id; keepTree caches a packed tree.
func (db *DB) read(id ID, keepTree bool) (resolved, error) {
	pi, off, ok, err := db.locate(id)
	if err != nil {
		return resolved{}, err
	}
	if !ok {
		typ, data, err := db.readLoose(id)
		return resolved{typ: typ, data: data}, err
	}
	r, err := db.resolve(pi, off, nil)
	if err != nil {
		return resolved{}, err
	}
	if err := db.checkCached(id, pi, off, &r); err != nil {
		return resolved{}, err
	}
	if keepTree && !r.shared && r.typ == TypeTree && r.hashed {
		db.cache.put(baseKey{pi, off}, r)
		r.shared = true
	}
	return r, nil
}

// resolved is a pack entry with its deltas applied.
type resolved struct {
	typ    Type
	data   []byte
	shared bool // held by the cache: copy it before handing it out
	id     ID   // what data hashes to, when hashed
	hashed bool
}

// chainLink is one delta of a chain being resolved.
type chainLink struct {
	pi  int
	off int64
	e   entry
	w   *window
}

// resolve reads the pack entry at (pi, off), applying deltas. Every
// delta base is verified (checkBase) before it is cached or used; the
// result itself is the caller's to check, against the id it asked for.
//
// first, when set, is the entry at (pi, off) already read by the caller
// (resolve takes over its window).
func (db *DB) resolve(pi int, off int64, first *entryRead) (r resolved, err error) {
	var chain []chainLink
	defer func() { // windows not consumed on an error
		for _, l := range chain {
			if l.w != nil {
				l.w.release()
			}
		}
	}()
	for {
		if b, ok := db.cache.get(baseKey{pi, off}); ok {
			if first != nil && first.w != nil {
				first.w.release()
			}
			r = b
			break
		}
		p := db.packs[pi]
		var e entry
		var w *window
		if first != nil {
			e, w, first = first.e, first.w, nil
		} else if e, w, err = p.readEntry(off); err != nil {
			return resolved{}, err
		}
		if e.typ <= TypeTag {
			if r.data, err = p.inflate(e, w); err != nil {
				return resolved{}, err
			}
			r.typ = e.typ
			if len(chain) > 0 {
				if err := db.keepBase(pi, off, &r); err != nil {
					return resolved{}, err
				}
			}
			break
		}
		if len(chain) >= keptWindows && w != nil {
			w.release() // a long (perhaps hostile) chain re-reads instead
			w = nil
		}
		chain = append(chain, chainLink{pi, off, e, w})
		if len(chain) > maxChain {
			return resolved{}, fmt.Errorf("delta chain longer than %d (or a cycle)", maxChain)
		}
		if e.typ == typeOfsDelta {
			off = e.baseOff
			continue
		}
		bpi, boff, ok, err := db.locate(e.baseID)
		if err != nil {
			return resolved{}, err
		}
		if !ok {
			if r, err = db.looseBase(e.baseID); err != nil {
				return resolved{}, err
			}
			break
		}
		pi, off = bpi, boff
	}
	return db.applyChain(chain, r)
}

// applyChain applies the deltas of chain, last first, to base, keeping
// each intermediate result as a base.
func (db *DB) applyChain(chain []chainLink, base resolved) (resolved, error) {
	r := base
	for i := len(chain) - 1; i >= 0; i-- {
		l := chain[i]
		delta, err := db.packs[l.pi].inflate(l.e, l.w)
		chain[i].w = nil // released by inflate
		if err != nil {
			return resolved{}, err
		}
		data, err := applyDelta(r.data, delta, maxDeltaResult)
		if err != nil {
			return resolved{}, fmt.Errorf("entry at %d: %w", l.e.dataOff, err)
		}
		r = resolved{typ: r.typ, data: data}
		if i > 0 {
			if err := db.keepBase(l.pi, l.off, &r); err != nil {
				return resolved{}, err
			}
		}
	}
	return r, nil
}

// keepBase verifies the delta base r read at (pi, off) and caches it.
func (db *DB) keepBase(pi int, off int64, r *resolved) error {
	if err := db.checkBase(pi, off, r); err != nil {
		return err
	}
	db.cache.put(baseKey{pi, off}, *r)
	r.shared = true
	return nil
}

// looseBase reads the loose object a ref-delta names as its base
// (readLoose verifies it against that id).
func (db *DB) looseBase(id ID) (resolved, error) {
	typ, data, err := db.readLoose(id)
	if errors.Is(err, ErrHashMismatch) {
		return resolved{}, fmt.Errorf("delta base: %w", err)
	}
	if err != nil {
		return resolved{}, fmt.Errorf("delta base %s: %w", id, err)
	}
	return resolved{typ: typ, data: data, id: id, hashed: verifyIDs}, nil
}

// WithPrefix returns the ids, packed or loose, that start with the given
// lower-case hex digits (at least two), each once, in ascending order.
func (db *DB) WithPrefix(prefix string) []ID {
	if len(prefix) < 2 {
		return nil
	}
	var ids []ID
	for _, p := range db.packs {
		ids = p.idx.withPrefix(prefix, ids)
	}
	ids = db.looseIDs(prefix, ids)
	sort.Slice(ids, func(i, j int) bool { return bytes.Compare(ids[i][:], ids[j][:]) < 0 })
	out := ids[:0]
	for i, id := range ids {
		if i == 0 || id != ids[i-1] {
			out = append(out, id)
		}
	}
	return out
}

// DropMappedPages releases from this process's resident memory the pages
// of mapped packs it has read. A build that reads every object once (the
// search and symbol indexes) calls it as it goes, so that its resident
// size does not grow with the pack: a large repository's 350 MB pack was
// most of the build's peak. Safe during concurrent reads.
func (db *DB) DropMappedPages() {
	for _, p := range db.packs {
		if m, ok := p.r.(mappedFile); ok && len(m) > 0 {
			dropPages(m)
		}
	}
}
