package repo

import (
	"encoding/binary"
	"errors"
	"fmt"
	"slices"
	"sort"

	"sightline/repo/internal/commitgraph"
)

// The history index's own chunk of changed paths: for every commit, the
// paths (files and their leading directories) its diff against its first
// parent changed, exactly, where the Bloom filter beside it only says
// "maybe". A path walk asks it first: a commit it lists the path for is
// shown without reading a tree (only a merge still compares its other
// parents). Its "unchanged" answers are the filters' own (both come from
// the same diff), so it cannot make the walk differ from one that reads
// the filters and the trees.
//
// Layout (big-endian, as git's chunks):
//
//	u32 commits, u32 paths, u32 ids
//	(paths+1) × u32   where each path's name starts in names
//	(commits+1) × u32 where each commit's ids start in ids
//	ceil(commits/8)   one bit per commit (graph order): its list is unknown
//	                  (a diff over the filters' 512-path limit)
//	names             the paths, sorted, back to back
//	ids × u32         each commit's path numbers, ascending
const changedChunk = "SLCH"

// changedIndex reads a changed-paths chunk.
type changedIndex struct {
	commits, paths uint32
	pathOff        []byte // (paths+1) × u32
	idStart        []byte // (commits+1) × u32
	unknown        []byte
	names          []byte
	ids            []byte // u32 each
}

// buildChangedChunk makes the chunk for commits (in any order: it is
// written in the graph's order, by commit id).
func buildChangedChunk(commits []commitgraph.WriteCommit) []byte {
	cs := slices.Clone(commits)
	sort.Slice(cs, func(i, j int) bool { return string(cs[i].ID[:]) < string(cs[j].ID[:]) })
	number := map[string]uint32{}
	lists := make([][]string, len(cs))
	for i, c := range cs {
		if c.Large {
			continue
		}
		lists[i] = commitgraph.LeadingPaths(c.Changed)
		for _, p := range lists[i] {
			number[p] = 0
		}
	}
	names := make([]string, 0, len(number))
	for p := range number {
		names = append(names, p)
	}
	sort.Strings(names)
	nameBytes := 0
	for i, p := range names {
		number[p] = uint32(i)
		nameBytes += len(p)
	}
	var out []byte
	u32 := func(v int) { out = binary.BigEndian.AppendUint32(out, uint32(v)) }
	nIDs := 0
	for _, l := range lists {
		nIDs += len(l)
	}
	u32(len(cs))
	u32(len(names))
	u32(nIDs)
	off := 0
	for _, p := range names {
		u32(off)
		off += len(p)
	}
	u32(off)
	start := 0
	for _, l := range lists {
		u32(start)
		start += len(l)
	}
	u32(start)
	unknown := make([]byte, (len(cs)+7)/8)
	for i, c := range cs {
		if c.Large {
			unknown[i/8] |= 1 << (i % 8)
		}
	}
	out = append(out, unknown...)
	out = slices.Grow(out, nameBytes+4*nIDs)
	for _, p := range names {
		out = append(out, p...)
	}
	ids := make([]uint32, 0, 64)
	for _, l := range lists {
		ids = ids[:0]
		for _, p := range l {
			ids = append(ids, number[p])
		}
		slices.Sort(ids)
		for _, id := range ids {
			out = binary.BigEndian.AppendUint32(out, id)
		}
	}
	return out
}

var errChangedChunk = errors.New("its changed-paths chunk is damaged")

// parseChangedChunk checks b whole (sizes, offsets in order and in
// bounds, names sorted, ids in range and ascending) so that no answer
// read from it later can go out of bounds or be ambiguous.
func parseChangedChunk(b []byte, commits uint32) (*changedIndex, error) {
	if len(b) < 12 {
		return nil, errChangedChunk
	}
	x := &changedIndex{commits: binary.BigEndian.Uint32(b), paths: binary.BigEndian.Uint32(b[4:])}
	nIDs := uint64(binary.BigEndian.Uint32(b[8:]))
	if x.commits != commits {
		return nil, fmt.Errorf("%w: it lists %d commits, the index %d", errChangedChunk, x.commits, commits)
	}
	rest := b[12:]
	take := func(n uint64) ([]byte, bool) {
		if n > uint64(len(rest)) {
			return nil, false
		}
		s := rest[:n]
		rest = rest[n:]
		return s, true
	}
	var ok1, ok2, ok3 bool
	x.pathOff, ok1 = take(4 * (uint64(x.paths) + 1))
	x.idStart, ok2 = take(4 * (uint64(x.commits) + 1))
	x.unknown, ok3 = take((uint64(x.commits) + 7) / 8)
	if !ok1 || !ok2 || !ok3 {
		return nil, errChangedChunk
	}
	nameBytes := uint64(x.u32(x.pathOff, x.paths))
	var ok4, ok5 bool
	x.names, ok4 = take(nameBytes)
	x.ids, ok5 = take(4 * nIDs)
	if !ok4 || !ok5 || len(rest) != 0 || x.u32(x.pathOff, 0) != 0 || uint64(x.u32(x.idStart, 0)) != 0 || uint64(x.u32(x.idStart, x.commits)) != nIDs {
		return nil, errChangedChunk
	}
	for i := uint32(0); i < x.paths; i++ {
		if x.u32(x.pathOff, i) > x.u32(x.pathOff, i+1) {
			return nil, errChangedChunk
		}
		if i > 0 && string(x.name(i-1)) >= string(x.name(i)) {
			return nil, errChangedChunk
		}
	}
	for c := uint32(0); c < x.commits; c++ {
		lo, hi := x.u32(x.idStart, c), x.u32(x.idStart, c+1)
		if lo > hi {
			return nil, errChangedChunk
		}
		for k := lo; k < hi; k++ {
			id := x.u32(x.ids, k)
			if id >= x.paths || k > lo && x.u32(x.ids, k-1) >= id {
				return nil, errChangedChunk
			}
		}
	}
	return x, nil
}

func (x *changedIndex) u32(s []byte, i uint32) uint32 {
	return binary.BigEndian.Uint32(s[4*uint64(i):])
}

func (x *changedIndex) name(i uint32) []byte {
	return x.names[x.u32(x.pathOff, i):x.u32(x.pathOff, i+1)]
}

// pathID numbers path ("a/b", as the filters key it); false when no
// commit's diff ever changed it.
func (x *changedIndex) pathID(path string) (uint32, bool) {
	i := sort.Search(int(x.paths), func(i int) bool { return string(x.name(uint32(i))) >= path })
	if i < int(x.paths) && string(x.name(uint32(i))) == path {
		return uint32(i), true
	}
	return 0, false
}

// changed says whether the commit at graph position pos changed the path
// numbered id (in the table: inTable) against its first parent; known is
// false when its diff was too big to list.
func (x *changedIndex) changed(pos, id uint32, inTable bool) (changed, known bool) {
	if pos >= x.commits || x.unknown[pos/8]&(1<<(pos%8)) != 0 {
		return false, false
	}
	if !inTable {
		return false, true
	}
	lo, hi := x.u32(x.idStart, pos), x.u32(x.idStart, pos+1)
	for lo < hi { // binary search in the commit's ascending ids
		m := lo + (hi-lo)/2
		switch v := x.u32(x.ids, m); {
		case v == id:
			return true, true
		case v < id:
			lo = m + 1
		default:
			hi = m
		}
	}
	return false, true
}
