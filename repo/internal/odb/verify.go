package odb

import (
	"bytes"
	"errors"
	"fmt"
	"hash"
	"strconv"

	"github.com/pjbgf/sha1cd"
)

// ErrHashMismatch reports an object whose content does not hash to its
// id: the object file was substituted or damaged (SECURITY-NOTES
// HOST-28). Errors carrying it are a *HashMismatchError, or name the
// delta base that failed.
var ErrHashMismatch = errors.New("object content does not match its id")

// HashMismatchError is an object whose content hashes to another id.
type HashMismatchError struct {
	Type Type
	Want ID // the id asked for (for a delta base: the id its pack index lists at its offset)
	Got  ID // the id the content hashes to
	// Collision: sha1cd found the marks of a SHA-1 collision attack in
	// the content, so Got is its collision-safe hash, not plain SHA-1.
	Collision bool
}

func (e *HashMismatchError) Error() string {
	if e.Collision {
		return fmt.Sprintf("%s %s: %v: it carries a SHA-1 collision attack (hashes to %s with the attack neutralised): the object was forged",
			e.Type, e.Want, ErrHashMismatch, e.Got)
	}
	return fmt.Sprintf("%s %s: %v (hashes to %s): the object was substituted or damaged", e.Type, e.Want, ErrHashMismatch, e.Got)
}

func (e *HashMismatchError) Unwrap() error { return ErrHashMismatch }

// verifyIDs switches id recomputation; only the benchmarks that measure
// its cost turn it off.
var verifyIDs = true

// newHasher starts an object id: SHA-1 over "TYPE SIZE\0" and the
// content, as git defines it. sha1cd is the collision-detecting SHA-1
// git itself uses (SHA1DC), as fast here as crypto/sha1 (see
// BenchmarkHash): a forged pair of objects with one SHA-1 hashes to a
// different id instead of passing as the original.
func newHasher(typ Type, size int64) hash.Hash {
	h := sha1cd.New()
	var hdr [32]byte
	b := append(hdr[:0], typ.String()...)
	b = append(b, ' ')
	b = strconv.AppendInt(b, size, 10)
	h.Write(append(b, 0))
	return h
}

// sumOf finishes an id started by newHasher.
func sumOf(h hash.Hash) (id ID, collision bool) {
	sum, col := h.(interface {
		CollisionResistantSum([]byte) ([]byte, bool)
	}).CollisionResistantSum(id[:0])
	copy(id[:], sum)
	return id, col
}

// hashObject is the id of an object held whole.
func hashObject(typ Type, data []byte) (ID, bool) {
	h := newHasher(typ, int64(len(data)))
	h.Write(data)
	return sumOf(h)
}

// checkCached is checkID for an object read at (pi, off): a cached entry
// it hashes is marked in the cache, so that it is hashed once.
func (db *DB) checkCached(id ID, pi int, off int64, r *resolved) error {
	was := r.hashed
	if err := checkID(id, r); err != nil {
		return err
	}
	if r.shared && !was && r.hashed {
		db.cache.markHashed(baseKey{pi, off}, r.id)
	}
	return nil
}

// checkID verifies that r is object id, hashing it unless that was done.
func checkID(id ID, r *resolved) error {
	if !verifyIDs {
		return nil
	}
	col := false
	if !r.hashed {
		r.id, col = hashObject(r.typ, r.data)
		r.hashed = !col
	}
	if r.id != id || col {
		return &HashMismatchError{Type: r.typ, Want: id, Got: r.id, Collision: col}
	}
	return nil
}

// checkBase verifies a delta base read at off in pack pi before it is
// cached or used: its content must hash to an id the pack's index lists
// at that offset. A substituted base would otherwise poison every delta
// built on it, and the error would name the delta instead of the base.
//
// Each entry is checked once per DB (see checkedBases); r is marked hashed
// only when it was hashed now.
func (db *DB) checkBase(pi int, off int64, r *resolved) error {
	if !verifyIDs || db.checked.has(baseKey{pi, off}) {
		return nil
	}
	id, col := hashObject(r.typ, r.data)
	x := db.packs[pi].idx
	if !col && x.listsAt(id, off) {
		r.id, r.hashed = id, true
		db.checked.add(baseKey{pi, off})
		return nil
	}
	want, ok := x.idAt(off)
	if !ok {
		return fmt.Errorf("delta base at offset %d: %w: it hashes to %s, which the pack index does not list at that offset", off, ErrHashMismatch, id)
	}
	return fmt.Errorf("delta base at offset %d: %w", off, &HashMismatchError{Type: r.typ, Want: want, Got: id, Collision: col})
}

// listsAt reports whether the index lists id at offset off. A pack may
// (oddly) hold an object twice; its index then lists it twice, side by
// side.
func (x *packIndex) listsAt(id ID, off int64) bool {
	for i := x.find(id); i >= 0 && i < x.count && bytes.Equal(x.name(i), id[:]); i++ {
		if o, err := x.offset(i); err == nil && o == off {
			return true
		}
	}
	return false
}

// idAt returns the id the index lists at offset off. It scans the whole
// index: it is for error messages only.
func (x *packIndex) idAt(off int64) (ID, bool) {
	for i := range x.count {
		if o, err := x.offset(i); err == nil && o == off {
			var id ID
			copy(id[:], x.name(i))
			return id, true
		}
	}
	return ID{}, false
}
