package commitgraph

import (
	"bytes"
	"crypto/sha1"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"os"
	"sort"
	"strings"
)

// WriteCommit is one commit to write: its id, root tree, parents and
// committer time, and the paths its tree diff against its first parent
// (the empty tree for a root) changed, files only, as git's recursive
// tree diff names them. Large marks a diff of more than MaxChangedPaths
// paths (leading directories included), whose filter answers "maybe" for
// every path, as git's does.
type WriteCommit struct {
	ID, Tree ID
	Parents  []ID
	When     int64
	Changed  []string
	Large    bool
}

// Git's defaults for changed-path filters (bloom.h): 7 hashes, 10 bits
// per path, at most 512 paths per commit.
const (
	BloomHashes     = 7
	bloomBitsPerKey = 10
	MaxChangedPaths = 512
)

// Write writes commits as one commit-graph file, in git's format with
// version 2 changed-path filters (BIDX/BDAT), followed by extra chunks
// (id → contents; ids are 4 bytes) that git and Open ignore. Every parent
// must be among commits. The trailing checksum is git's: SHA-1 of all
// bytes before it.
func Write(w io.Writer, commits []WriteCommit, extra map[string][]byte) error {
	cs := append([]WriteCommit(nil), commits...)
	sort.Slice(cs, func(i, j int) bool { return bytes.Compare(cs[i].ID[:], cs[j].ID[:]) < 0 })
	pos := make(map[ID]uint32, len(cs))
	for i, c := range cs {
		if i > 0 && cs[i-1].ID == c.ID {
			return fmt.Errorf("commit %x listed twice", c.ID)
		}
		pos[c.ID] = uint32(i)
	}
	if uint64(len(cs)) >= parentNone {
		return errors.New("too many commits for one commit-graph file")
	}
	gens, err := generations(cs, pos)
	if err != nil {
		return err
	}
	chunks := []chunk{{"OIDF", fanout(cs)}, {"OIDL", oidList(cs)}}
	cdat, edges := commitData(cs, pos, gens)
	chunks = append(chunks, chunk{"CDAT", cdat})
	if len(edges) > 0 {
		chunks = append(chunks, chunk{"EDGE", edges})
	}
	bidx, bdat := bloomChunks(cs)
	chunks = append(chunks, chunk{"BIDX", bidx}, chunk{"BDAT", bdat})
	ids := make([]string, 0, len(extra))
	for id := range extra {
		if len(id) != 4 {
			return fmt.Errorf("extra chunk id %q is not 4 bytes", id)
		}
		ids = append(ids, id)
	}
	sort.Strings(ids)
	for _, id := range ids {
		chunks = append(chunks, chunk{id, extra[id]})
	}
	return writeChunks(w, chunks)
}

type chunk struct {
	id   string
	data []byte
}

func writeChunks(w io.Writer, chunks []chunk) error {
	var buf bytes.Buffer
	buf.Write(magic)
	buf.Write([]byte{1, 1, byte(len(chunks)), 0})
	off := uint64(headerLen + (len(chunks)+1)*chunkEntry)
	var e [chunkEntry]byte
	for _, c := range chunks {
		copy(e[:4], c.id)
		binary.BigEndian.PutUint64(e[4:], off)
		buf.Write(e[:])
		off += uint64(len(c.data))
	}
	copy(e[:4], []byte{0, 0, 0, 0})
	binary.BigEndian.PutUint64(e[4:], off)
	buf.Write(e[:])
	for _, c := range chunks {
		buf.Write(c.data)
	}
	sum := sha1.Sum(buf.Bytes())
	buf.Write(sum[:])
	_, err := w.Write(buf.Bytes())
	return err
}

// generations computes each commit's topological level (1 + the largest
// of its parents'), by an explicit depth-first walk so that a long
// history cannot exhaust the stack; a cycle is an error.
func generations(cs []WriteCommit, pos map[ID]uint32) ([]uint32, error) {
	gens := make([]uint32, len(cs))
	inProgress := make([]bool, len(cs))
	type frame struct{ at, next uint32 }
	for i := range cs {
		if gens[i] != 0 {
			continue
		}
		stack := []frame{{at: uint32(i)}}
		inProgress[i] = true
		for len(stack) > 0 {
			f := &stack[len(stack)-1]
			ps := cs[f.at].Parents
			if int(f.next) < len(ps) {
				pi, ok := pos[ps[f.next]]
				if !ok {
					return nil, fmt.Errorf("commit %x: parent %x is not in the graph", cs[f.at].ID, ps[f.next])
				}
				f.next++
				if inProgress[pi] {
					return nil, fmt.Errorf("commit %x is its own ancestor", cs[pi].ID)
				}
				if gens[pi] == 0 {
					inProgress[pi] = true
					stack = append(stack, frame{at: pi})
				}
				continue
			}
			g := uint32(1)
			for _, p := range ps {
				g = max(g, gens[pos[p]]+1)
			}
			gens[f.at] = min(g, genMax)
			inProgress[f.at] = false
			stack = stack[:len(stack)-1]
		}
	}
	return gens, nil
}

func fanout(cs []WriteCommit) []byte {
	out := make([]byte, 256*4)
	n := 0
	for b := 0; b < 256; b++ {
		for n < len(cs) && int(cs[n].ID[0]) <= b {
			n++
		}
		binary.BigEndian.PutUint32(out[b*4:], uint32(n))
	}
	return out
}

func oidList(cs []WriteCommit) []byte {
	out := make([]byte, 0, len(cs)*idLen)
	for _, c := range cs {
		out = append(out, c.ID[:]...)
	}
	return out
}

// commitData is the CDAT chunk and the extra edges of octopus merges.
func commitData(cs []WriteCommit, pos map[ID]uint32, gens []uint32) (cdat, edges []byte) {
	cdat = make([]byte, len(cs)*cdatLen)
	for i, c := range cs {
		d := cdat[i*cdatLen:]
		copy(d, c.Tree[:])
		p1, p2 := uint32(parentNone), uint32(parentNone)
		if len(c.Parents) > 0 {
			p1 = pos[c.Parents[0]]
		}
		switch {
		case len(c.Parents) == 2:
			p2 = pos[c.Parents[1]]
		case len(c.Parents) > 2:
			p2 = parentExtra | uint32(len(edges)/4)
			for j, p := range c.Parents[1:] {
				v := pos[p]
				if j == len(c.Parents)-2 {
					v |= parentExtra
				}
				edges = binary.BigEndian.AppendUint32(edges, v)
			}
		}
		binary.BigEndian.PutUint32(d[idLen:], p1)
		binary.BigEndian.PutUint32(d[idLen+4:], p2)
		when := uint64(max(c.When, 0)) & (1<<34 - 1)
		binary.BigEndian.PutUint32(d[idLen+8:], gens[i]<<2|uint32(when>>32))
		binary.BigEndian.PutUint32(d[idLen+12:], uint32(when))
	}
	return cdat, edges
}

// bloomChunks builds each commit's filter as git's bloom.c does: every
// changed path and each of its leading directories, once; 10 bits per
// path rounded up to whole bytes (at least one); a one-byte all-ones
// filter when there are more than MaxChangedPaths.
func bloomChunks(cs []WriteCommit) (bidx, bdat []byte) {
	s := bloomSettings{version: 2, hashes: BloomHashes}
	bdat = binary.BigEndian.AppendUint32(bdat, s.version)
	bdat = binary.BigEndian.AppendUint32(bdat, s.hashes)
	bdat = binary.BigEndian.AppendUint32(bdat, bloomBitsPerKey)
	for _, c := range cs {
		bdat = append(bdat, Filter(c.Changed, c.Large)...)
		bidx = binary.BigEndian.AppendUint32(bidx, uint32(len(bdat)-bdatHeader))
	}
	return bidx, bdat
}

// Filter is the version 2 changed-path filter of a commit whose tree diff
// changed the files paths (large: more than MaxChangedPaths).
func Filter(paths []string, large bool) []byte {
	keys := LeadingPaths(paths)
	if large || len(keys) > MaxChangedPaths {
		return []byte{0xff}
	}
	n := (len(keys)*bloomBitsPerKey + 7) / 8
	if n == 0 {
		n = 1
	}
	f := make([]byte, n)
	nbits := uint64(n) * 8
	s := bloomSettings{version: 2, hashes: BloomHashes}
	for _, k := range keys {
		for _, h := range bloomKey(k, s) {
			b := uint64(h) % nbits
			f[b/8] |= 1 << (b % 8)
		}
	}
	return f
}

// LeadingPaths is paths with each one's leading directories added, each
// once: what git's filters hold.
func LeadingPaths(paths []string) []string {
	seen := make(map[string]bool, len(paths))
	var out []string
	for _, p := range paths {
		for p != "" && !seen[p] {
			seen[p] = true
			out = append(out, p)
			i := strings.LastIndexByte(p, '/')
			if i < 0 {
				break
			}
			p = p[:i]
		}
	}
	return out
}

// OpenFile reads one commit-graph file at path, with the checks Open
// makes (a file that is not there is ErrNone).
func OpenFile(path string) (*Graph, error) {
	l, err := readLayer(path, 0, nil)
	if err != nil {
		if errors.Is(err, os.ErrNotExist) {
			return nil, ErrNone
		}
		return nil, fmt.Errorf("commit-graph %s: %w", path, err)
	}
	return &Graph{layers: []*layer{l}}, nil
}

// Extra returns the contents of chunk id of a single-file graph (one
// Write added), or nil.
func (g *Graph) Extra(id string) []byte {
	if len(g.layers) != 1 {
		return nil
	}
	return g.layers[0].chunks[id]
}

// Count is the number of commits in the graph.
func (g *Graph) Count() uint32 {
	n := uint32(0)
	for _, l := range g.layers {
		n += l.count
	}
	return n
}

// Bloom is the murmur3 version of the first layer's changed-path
// filters; 0 when it has none.
func (g *Graph) Bloom() int {
	if len(g.layers) == 0 {
		return 0
	}
	return int(g.layers[0].bloom.version)
}

// FilterAt returns the changed-path filter of the commit at pos as
// stored (nil when there is none), for comparing indexes.
func (g *Graph) FilterAt(pos uint32) []byte {
	l, i, ok := g.layerOf(pos)
	if !ok || l.bloom.version == 0 {
		return nil
	}
	start := uint32(0)
	if i > 0 {
		start = binary.BigEndian.Uint32(l.bidx[(i-1)*4:])
	}
	end := binary.BigEndian.Uint32(l.bidx[i*4:])
	if end < start || uint64(end) > uint64(len(l.bdat)) {
		return nil
	}
	return l.bdat[start:end]
}
