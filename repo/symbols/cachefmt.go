package symbols

import (
	"bytes"
	"crypto/sha256"
	"encoding/binary"
	"errors"
)

// The .sym file, format 2. A lookup reads only what it needs from a
// read-only mapping, so the file is a set of fixed-size record tables
// and a string heap, and integrity is checked per 8 KiB block rather
// than over the whole file (small blocks: a name with many definitions
// touches a block for each, and each block read is hashed once):
//
//	header (headerLen bytes): magic, tree id, block size (uint32), data
//	  length (uint64), the sections (offset and length in the data, two
//	  uint64 each), SHA-256 of the block table, SHA-256 of all before it
//	block table: the SHA-256 of each 8 KiB block of the data, in order
//	data: the sections
//
// Opening checks the header and the block table; a lookup checks each
// block it reads, once. Every offset and count read from the file is
// checked against the section it points into, so a damaged or hostile
// cache is refused (ErrCacheInvalid), never a panic or an allocation by
// a claimed size. All integers are little-endian.
//
// Sections (records are fixed-size; strings are heap references, an
// offset and a length, both uint32):
//
//	heap      the bytes of every name, scope, path, language and reason
//	files     path, lang, blob id (20 bytes), first def, def count: the
//	          files tagged, in the order they were written
//	pathOrder uint32 file numbers sorted by path: binary search by path
//	defs      name, scope, file, line, col (uint32), kind, precise (uint8),
//	          two bytes of padding: each file's definitions contiguous,
//	          in the tagger's order
//	names     name, first posting, posting count: each name once, sorted
//	postings  uint32 def numbers, each name's together, ascending
//	skipped   path, reason: the files not tagged, sorted by path
const (
	// cacheMagic names the format and what the taggers find: a cache an
	// older tagger wrote is refused (and so rebuilt) like one of another
	// format, rather than kept for answers the taggers now give
	// differently. TestCacheMagicFollowsTheTaggers holds the two together.
	cacheMagic = "SLSYMIX3"
	cacheBlock = 8 << 10
)

const (
	secHeap = iota
	secFiles
	secPathOrder
	secDefs
	secNames
	secPostings
	secSkipped
	numSections
)

const (
	headerFixed = len(cacheMagic) + 20 + 4 + 8
	headerLen   = headerFixed + numSections*16 + 2*sha256.Size

	fileRec = 4*4 + 20 + 4 + 4
	defRec  = 7*4 + 4
	nameRec = 4 * 4
	skipRec = 4 * 4
)

// recSize is the record size of each section (1 for the heap).
var recSize = [numSections]uint64{secHeap: 1, secFiles: fileRec, secPathOrder: 4, secDefs: defRec, secNames: nameRec, secPostings: 4, secSkipped: skipRec}

// kinds numbers the kinds for the defs table; the number is the index.
var kinds = []Kind{Func, Method, Type, Struct, Union, Enum, Class, Interface, Macro, Const, Var, Namespace, Field}

func kindNumber(k Kind) (uint8, bool) {
	for i, x := range kinds {
		if x == k {
			return uint8(i), true
		}
	}
	return 0, false
}

type section struct{ off, len uint64 }

// header is the decoded fixed part of a .sym file.
type header struct {
	tree     [20]byte
	dataLen  uint64
	sections [numSections]section
	blockSum [sha256.Size]byte
}

func (h *header) nblocks() uint64 { return (h.dataLen + cacheBlock - 1) / cacheBlock }

// encode returns the header's bytes, its own checksum last.
func (h *header) encode() []byte {
	b := make([]byte, 0, headerLen)
	b = append(b, cacheMagic...)
	b = append(b, h.tree[:]...)
	b = binary.LittleEndian.AppendUint32(b, cacheBlock)
	b = binary.LittleEndian.AppendUint64(b, h.dataLen)
	for _, s := range h.sections {
		b = binary.LittleEndian.AppendUint64(b, s.off)
		b = binary.LittleEndian.AppendUint64(b, s.len)
	}
	b = append(b, h.blockSum[:]...)
	sum := sha256.Sum256(b)
	return append(b, sum[:]...)
}

// decodeHeader checks b's format, checksum and tree, and that the file
// of size bytes has exactly the header, block table and data it claims,
// with every section inside the data.
func decodeHeader(b []byte, tree [20]byte, size uint64) (*header, error) {
	if len(b) < headerLen || string(b[:len(cacheMagic)]) != cacheMagic {
		return nil, errors.New("not a sightline symbol index of this version")
	}
	b = b[:headerLen]
	if sum := sha256.Sum256(b[:headerLen-sha256.Size]); !bytes.Equal(sum[:], b[headerLen-sha256.Size:]) {
		return nil, errors.New("header checksum mismatch")
	}
	h := &header{}
	copy(h.tree[:], b[len(cacheMagic):])
	if h.tree != tree {
		return nil, errors.New("built for another tree")
	}
	p := len(cacheMagic) + 20
	if binary.LittleEndian.Uint32(b[p:]) != cacheBlock {
		return nil, errors.New("unknown block size")
	}
	h.dataLen = binary.LittleEndian.Uint64(b[p+4:])
	if h.dataLen > size {
		return nil, errors.New("wrong size")
	}
	if want := uint64(headerLen) + h.nblocks()*sha256.Size + h.dataLen; want != size {
		return nil, errors.New("wrong size")
	}
	p = headerFixed
	for i := range h.sections {
		s := section{binary.LittleEndian.Uint64(b[p:]), binary.LittleEndian.Uint64(b[p+8:])}
		p += 16
		if s.off > h.dataLen || s.len > h.dataLen-s.off || s.len%recSize[i] != 0 || s.len/recSize[i] > 1<<32-1 {
			return nil, errors.New("a section lies outside the file")
		}
		h.sections[i] = s
	}
	copy(h.blockSum[:], b[p:])
	return h, nil
}
