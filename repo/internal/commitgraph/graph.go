// Package commitgraph reads git's commit-graph file (objects/info/
// commit-graph, or the split chain in objects/info/commit-graphs): for each
// commit its root tree, parents, generation number and commit time, and
// the changed-path Bloom filters when it has them. History walks use it,
// as git does, to skip inflating commit objects and comparing trees.
//
// The file is written by whoever supplied the repository. Each file's
// trailing checksum is verified before anything in it is used, every
// offset and count is checked against the bytes actually there (nothing
// is allocated by a size the file claims), and any damage makes Open fail
// so the caller reads the commit objects instead. A position or chunk
// that does not fit makes the accessor report "not known", never panic.
package commitgraph

import (
	"bytes"
	"crypto/sha1"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
)

// ID is a SHA-1 object id.
type ID [20]byte

const (
	idLen      = 20
	headerLen  = 8
	chunkEntry = 12
	cdatLen    = idLen + 16
	// parentNone marks a missing parent; parentExtra, in the second
	// parent, points into the extra-edge list (octopus merges).
	parentNone  = 0x70000000
	parentExtra = 0x80000000
	// maxFileSize bounds what is read into memory: a larger file is not
	// used (history falls back to reading commits).
	maxFileSize = 1 << 30
	// maxChain bounds the layers of a split graph.
	maxChain = 128
	// maxParents bounds an octopus merge's parent list.
	maxParents = 1 << 16
)

var magic = []byte("CGPH")

// ErrNone is returned by Open when the repository has no commit-graph.
var ErrNone = errors.New("no commit-graph")

// Graph is one commit-graph: a single file, or the layers of a chain
// (base first). Positions run over all layers, base first, as in git.
type Graph struct {
	layers []*layer
}

type layer struct {
	data   []byte
	base   uint32 // commits in the layers below
	count  uint32
	fanout []byte // 256*4
	oids   []byte // count*20
	cdat   []byte // count*36
	edges  []byte // 4 each
	bidx   []byte // count*4, or nil
	bdat   []byte // filters, after the 12-byte header
	bloom  bloomSettings
	chunks map[string][]byte
}

// Open reads the commit-graph of the objects directory objDir: the single
// file if present, else the chain, as git chooses. ErrNone when there is
// neither; another error when one is there but damaged.
func Open(objDir string) (*Graph, error) {
	info := filepath.Join(objDir, "info")
	single := filepath.Join(info, "commit-graph")
	if _, err := os.Lstat(single); err == nil {
		l, err := readLayer(single, 0, nil)
		if err != nil {
			return nil, fmt.Errorf("commit-graph %s: %w", single, err)
		}
		return &Graph{layers: []*layer{l}}, nil
	}
	chainPath := filepath.Join(info, "commit-graphs", "commit-graph-chain")
	chain, err := readBounded(chainPath, maxChain*(2*idLen+1)+1)
	if err != nil {
		if errors.Is(err, os.ErrNotExist) {
			return nil, ErrNone
		}
		return nil, fmt.Errorf("commit-graph chain: %w", err)
	}
	names := strings.Fields(string(chain))
	if len(names) == 0 || len(names) > maxChain {
		return nil, fmt.Errorf("commit-graph chain %s: %d layers", chainPath, len(names))
	}
	g := &Graph{}
	var base uint32
	var ids []ID
	for _, name := range names {
		var id ID
		if len(name) != 2*idLen || !decodeHex(id[:], name) {
			return nil, fmt.Errorf("commit-graph chain %s: bad layer name %q", chainPath, name)
		}
		p := filepath.Join(info, "commit-graphs", "graph-"+name+".graph")
		l, err := readLayer(p, base, ids)
		if err != nil {
			return nil, fmt.Errorf("commit-graph %s: %w", p, err)
		}
		if !bytes.Equal(l.data[len(l.data)-idLen:], id[:]) {
			return nil, fmt.Errorf("commit-graph %s: checksum does not match its name", p)
		}
		if uint64(base)+uint64(l.count) >= parentNone {
			return nil, fmt.Errorf("commit-graph %s: too many commits", p)
		}
		base += l.count
		ids = append(ids, id)
		g.layers = append(g.layers, l)
	}
	return g, nil
}

// readBounded reads a regular file of at most limit bytes.
func readBounded(path string, limit int64) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	fi, err := f.Stat()
	if err != nil {
		return nil, err
	}
	if !fi.Mode().IsRegular() {
		return nil, fmt.Errorf("not a regular file (%s)", fi.Mode().Type())
	}
	if fi.Size() > limit {
		return nil, fmt.Errorf("%d bytes, over the %d-byte limit", fi.Size(), limit)
	}
	data := make([]byte, fi.Size())
	if _, err := io.ReadFull(f, data); err != nil {
		return nil, err
	}
	return data, nil
}

// readLayer reads and checks one graph file; bases are the ids of the
// layers below it, which its BASE chunk must list.
func readLayer(path string, base uint32, bases []ID) (*layer, error) {
	data, err := readBounded(path, maxFileSize)
	if err != nil {
		return nil, err
	}
	if len(data) < headerLen+chunkEntry+idLen {
		return nil, fmt.Errorf("truncated (%d bytes)", len(data))
	}
	sum := sha1.Sum(data[:len(data)-idLen])
	if !bytes.Equal(sum[:], data[len(data)-idLen:]) {
		return nil, errors.New("checksum does not match: the file is damaged")
	}
	if !bytes.Equal(data[:4], magic) {
		return nil, errors.New("not a commit-graph file")
	}
	if data[4] != 1 {
		return nil, fmt.Errorf("unsupported version %d", data[4])
	}
	if data[5] != 1 {
		return nil, fmt.Errorf("unsupported hash version %d (SHA-1 only)", data[5])
	}
	chunks, err := readChunks(data, int(data[6]))
	if err != nil {
		return nil, err
	}
	l := &layer{data: data, base: base, chunks: chunks}
	if err := l.parse(chunks, int(data[7]), bases); err != nil {
		return nil, err
	}
	return l, nil
}

// readChunks reads the table of contents: n chunks plus a terminating
// entry, every offset ascending and inside the file before the checksum.
func readChunks(data []byte, n int) (map[string][]byte, error) {
	end := len(data) - idLen
	toc := data[headerLen:]
	if len(toc) < (n+1)*chunkEntry {
		return nil, errors.New("truncated chunk table")
	}
	out := map[string][]byte{}
	for i := 0; i < n; i++ {
		e := toc[i*chunkEntry:]
		id := string(e[:4])
		start := binary.BigEndian.Uint64(e[4:12])
		stop := binary.BigEndian.Uint64(e[chunkEntry+4 : chunkEntry+12])
		if start < uint64(headerLen+(n+1)*chunkEntry) || stop < start || stop > uint64(end) {
			return nil, fmt.Errorf("chunk %q lies outside the file", id)
		}
		if _, dup := out[id]; dup {
			return nil, fmt.Errorf("chunk %q appears twice", id)
		}
		out[id] = data[start:stop]
	}
	return out, nil
}

func (l *layer) parse(chunks map[string][]byte, nbase int, bases []ID) error {
	l.fanout = chunks["OIDF"]
	if len(l.fanout) != 256*4 {
		return errors.New("missing or bad OID fan-out chunk")
	}
	prev := uint32(0)
	for i := 0; i < 256; i++ {
		n := binary.BigEndian.Uint32(l.fanout[i*4:])
		if n < prev {
			return errors.New("OID fan-out is not ascending")
		}
		prev = n
	}
	l.count = prev
	l.oids = chunks["OIDL"]
	if uint64(len(l.oids)) != uint64(l.count)*idLen {
		return errors.New("OID lookup chunk does not match the fan-out")
	}
	l.cdat = chunks["CDAT"]
	if uint64(len(l.cdat)) != uint64(l.count)*cdatLen {
		return errors.New("commit data chunk does not match the fan-out")
	}
	l.edges = chunks["EDGE"]
	if len(l.edges)%4 != 0 {
		return errors.New("bad extra-edge chunk")
	}
	if nbase != len(bases) {
		return fmt.Errorf("names %d base layers, the chain has %d below it", nbase, len(bases))
	}
	if b := chunks["BASE"]; len(b) != nbase*idLen {
		return errors.New("bad base-graph chunk")
	} else {
		for i, id := range bases {
			if !bytes.Equal(b[i*idLen:(i+1)*idLen], id[:]) {
				return errors.New("base-graph chunk does not match the chain")
			}
		}
	}
	l.parseBloom(chunks["BIDX"], chunks["BDAT"])
	return nil
}

// Lookup finds commit id; its position, or false when the graph does not
// hold it.
func (g *Graph) Lookup(id ID) (uint32, bool) {
	for i := len(g.layers) - 1; i >= 0; i-- {
		if p, ok := g.layers[i].find(id); ok {
			return g.layers[i].base + p, true
		}
	}
	return 0, false
}

func (l *layer) find(id ID) (uint32, bool) {
	lo := uint32(0)
	if id[0] > 0 {
		lo = binary.BigEndian.Uint32(l.fanout[(int(id[0])-1)*4:])
	}
	hi := binary.BigEndian.Uint32(l.fanout[int(id[0])*4:])
	for lo < hi {
		mid := lo + (hi-lo)/2
		switch bytes.Compare(l.oids[mid*idLen:(mid+1)*idLen], id[:]) {
		case 0:
			return mid, true
		case -1:
			lo = mid + 1
		default:
			hi = mid
		}
	}
	return 0, false
}

// layerOf finds the layer holding position pos and the local index.
func (g *Graph) layerOf(pos uint32) (*layer, uint32, bool) {
	for _, l := range g.layers {
		if pos >= l.base && pos-l.base < l.count {
			return l, pos - l.base, true
		}
	}
	return nil, 0, false
}

// ID returns the commit id at position pos.
func (g *Graph) ID(pos uint32) (ID, bool) {
	var id ID
	l, i, ok := g.layerOf(pos)
	if !ok {
		return id, false
	}
	copy(id[:], l.oids[i*idLen:])
	return id, true
}

// Commit is what the graph records of one commit.
type Commit struct {
	Tree       ID
	Parents    []ID
	Generation uint32 // topological level: 1 for a root
	When       int64  // committer time, Unix seconds
}

// ErrInconsistent is returned by Commit when the graph contradicts
// itself about a commit: a parent outside it, or a parent whose
// generation is not below the commit's (a cycle). The file was damaged or
// forged; it must not be trusted for any commit.
var ErrInconsistent = errors.New("the commit-graph contradicts itself: damaged or forged")

// genMax is the largest topological level the graph records; commits
// above it are all recorded at it.
const genMax = 0x3fffffff

// Commit returns the commit at position pos.
func (g *Graph) Commit(pos uint32) (Commit, error) {
	var c Commit
	l, i, ok := g.layerOf(pos)
	if !ok {
		return c, ErrInconsistent
	}
	d := l.cdat[i*cdatLen : (i+1)*cdatLen]
	copy(c.Tree[:], d)
	p1 := binary.BigEndian.Uint32(d[idLen:])
	p2 := binary.BigEndian.Uint32(d[idLen+4:])
	w := binary.BigEndian.Uint32(d[idLen+8:])
	c.Generation = w >> 2
	c.When = int64(w&3)<<32 | int64(binary.BigEndian.Uint32(d[idLen+12:]))
	if p1 != parentNone {
		if err := g.appendParent(&c, p1); err != nil {
			return c, err
		}
	}
	switch {
	case p2 == parentNone:
	case p2&parentExtra == 0:
		if err := g.appendParent(&c, p2); err != nil {
			return c, err
		}
	default:
		for e := uint64(p2 &^ parentExtra); ; e++ {
			if (e+1)*4 > uint64(len(l.edges)) || len(c.Parents) > maxParents {
				return c, ErrInconsistent
			}
			v := binary.BigEndian.Uint32(l.edges[e*4:])
			if err := g.appendParent(&c, v&^parentExtra); err != nil {
				return c, err
			}
			if v&parentExtra != 0 {
				break
			}
		}
	}
	return c, nil
}

// appendParent adds the parent at pos to c, checking its generation is
// below c's, as it is in every graph git writes.
func (g *Graph) appendParent(c *Commit, pos uint32) error {
	l, i, ok := g.layerOf(pos)
	if !ok {
		return ErrInconsistent
	}
	gen := binary.BigEndian.Uint32(l.cdat[i*cdatLen+idLen+8:]) >> 2
	if gen >= c.Generation && c.Generation != genMax {
		return ErrInconsistent
	}
	var id ID
	copy(id[:], l.oids[i*idLen:])
	c.Parents = append(c.Parents, id)
	return nil
}

func decodeHex(dst []byte, s string) bool {
	for i := range dst {
		hi, ok1 := unhex(s[2*i])
		lo, ok2 := unhex(s[2*i+1])
		if !ok1 || !ok2 {
			return false
		}
		dst[i] = hi<<4 | lo
	}
	return true
}

func unhex(c byte) (byte, bool) {
	switch {
	case '0' <= c && c <= '9':
		return c - '0', true
	case 'a' <= c && c <= 'f':
		return c - 'a' + 10, true
	}
	return 0, false
}
