package symbols

import (
	"bytes"
	"crypto/sha256"
	"encoding/binary"
	"fmt"
	"io"
	"os"
	"runtime/debug"
	"sort"
	"strings"
	"sync"
)

// Cache is an open .sym file: lookups read from its mapping only the
// records they need, each block checked against its SHA-256 before it is
// used. It is safe for concurrent use.
type Cache struct {
	path  string
	data  []byte // the data area of the mapping
	hdr   *header
	table []byte // the block table
	unmap func()

	mu       sync.Mutex
	verified []uint64 // a bit per block already checked
}

// Open maps the symbol index of tree at path and checks its header and
// block table; the blocks are checked as lookups read them. A missing
// file is an error satisfying errors.Is(err, fs.ErrNotExist); any other
// fault wraps ErrCacheInvalid.
func Open(path string, tree [20]byte) (c *Cache, err error) {
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
		return nil, fmt.Errorf("%s: %w (not a regular file)", path, ErrCacheInvalid)
	}
	m, unmap, err := mapCache(f, fi.Size())
	if err != nil {
		return nil, fmt.Errorf("%s: %w (%v)", path, ErrCacheInvalid, err)
	}
	c = &Cache{path: path, unmap: unmap}
	defer func() {
		if err != nil {
			unmap()
			c = nil
		}
	}()
	defer debug.SetPanicOnFault(debug.SetPanicOnFault(true))
	defer c.recoverFault(&err)
	h, err := decodeHeader(m, tree, uint64(len(m)))
	if err != nil {
		return nil, c.invalid(err.Error())
	}
	tableEnd := headerLen + int(h.nblocks())*sha256.Size
	c.hdr, c.table, c.data = h, m[headerLen:tableEnd], m[tableEnd:]
	if sum := sha256.Sum256(c.table); !bytes.Equal(sum[:], h.blockSum[:]) {
		return nil, c.invalid("block table checksum mismatch")
	}
	c.verified = make([]uint64, (h.nblocks()+63)/64)
	return c, nil
}

// Peek checks only the header of the cache at path: its format, tree,
// checksum and size, without reading the rest. It is the cheap test of
// whether a cache must be built; Open and the lookups check the rest.
func Peek(path string, tree [20]byte) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	fi, err := f.Stat()
	if err != nil {
		return err
	}
	b := make([]byte, headerLen)
	if _, err := io.ReadFull(f, b); err != nil {
		return fmt.Errorf("%s: %w (not a sightline symbol index of this version)", path, ErrCacheInvalid)
	}
	if _, err := decodeHeader(b, tree, uint64(fi.Size())); err != nil {
		return fmt.Errorf("%s: %w (%v)", path, ErrCacheInvalid, err)
	}
	return nil
}

// Close unmaps the file. The Cache must not be used after.
func (c *Cache) Close() error {
	c.unmap()
	return nil
}

func (c *Cache) invalid(why string) error {
	return fmt.Errorf("%s: %w (%s)", c.path, ErrCacheInvalid, why)
}

// recoverFault, deferred with debug.SetPanicOnFault(true) in force,
// turns a fault reading the mapping (the file truncated under us) into
// ErrCacheInvalid; any other panic is a bug and goes on.
func (c *Cache) recoverFault(err *error) {
	r := recover()
	if r == nil {
		return
	}
	if _, ok := r.(interface{ Addr() uintptr }); ok {
		*err = c.invalid("the file changed or became unreadable while it was read")
		return
	}
	panic(r)
}

// guard runs fn with faults on the mapping turned into errors.
func (c *Cache) guard(fn func() error) (err error) {
	defer debug.SetPanicOnFault(debug.SetPanicOnFault(true))
	defer c.recoverFault(&err)
	return fn()
}

// bytes returns n bytes at off in the data area, once every block they
// touch has been checked.
func (c *Cache) bytes(off, n uint64) ([]byte, error) {
	if off > uint64(len(c.data)) || n > uint64(len(c.data))-off {
		return nil, c.invalid("a reference points outside the file")
	}
	if n == 0 {
		return nil, nil
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	for b := off / cacheBlock; b <= (off+n-1)/cacheBlock; b++ {
		if c.verified[b/64]&(1<<(b%64)) != 0 {
			continue
		}
		end := min((b+1)*cacheBlock, uint64(len(c.data)))
		sum := sha256.Sum256(c.data[b*cacheBlock : end])
		if !bytes.Equal(sum[:], c.table[b*sha256.Size:(b+1)*sha256.Size]) {
			return nil, c.invalid(fmt.Sprintf("block %d checksum mismatch", b))
		}
		c.verified[b/64] |= 1 << (b % 64)
	}
	return c.data[off : off+n], nil
}

// count is the number of records in section s.
func (c *Cache) count(s int) int { return int(c.hdr.sections[s].len / recSize[s]) }

// record returns record i of section s.
func (c *Cache) record(s, i int) ([]byte, error) {
	if i < 0 || i >= c.count(s) {
		return nil, c.invalid("a record number is out of range")
	}
	return c.bytes(c.hdr.sections[s].off+uint64(i)*recSize[s], recSize[s])
}

// str reads the heap reference at b[0:8] and copies the string out of
// the mapping.
func (c *Cache) str(b []byte) (string, error) {
	off, n := binary.LittleEndian.Uint32(b), binary.LittleEndian.Uint32(b[4:])
	heap := c.hdr.sections[secHeap]
	if uint64(off)+uint64(n) > heap.len {
		return "", c.invalid("a string lies outside the heap")
	}
	s, err := c.bytes(heap.off+uint64(off), uint64(n))
	return string(s), err
}

// cfile is one decoded file record.
type cfile struct {
	path, lang         string
	blob               [20]byte
	defStart, defCount int
}

func (c *Cache) file(i int) (cfile, error) {
	b, err := c.record(secFiles, i)
	if err != nil {
		return cfile{}, err
	}
	var f cfile
	if f.path, err = c.str(b); err == nil {
		f.lang, err = c.str(b[8:])
	}
	copy(f.blob[:], b[16:36])
	start, n := uint64(binary.LittleEndian.Uint32(b[36:])), uint64(binary.LittleEndian.Uint32(b[40:]))
	if err == nil && start+n > uint64(c.count(secDefs)) {
		err = c.invalid("a file's definitions lie outside the table")
	}
	f.defStart, f.defCount = int(start), int(n)
	return f, err
}

// fileAt returns the file number at position i of the path order.
func (c *Cache) fileAt(i int) (int, error) {
	b, err := c.record(secPathOrder, i)
	if err != nil {
		return 0, err
	}
	return int(binary.LittleEndian.Uint32(b)), nil
}

// pathAt returns the file at position i of the path order.
func (c *Cache) pathAt(i int) (cfile, error) {
	n, err := c.fileAt(i)
	if err != nil {
		return cfile{}, err
	}
	return c.file(n)
}

// search returns the first position in [0, n) at which less is false,
// as sort.Search, stopping at the first error.
func search(n int, less func(i int) (bool, error)) (int, error) {
	var err error
	i := sort.Search(n, func(i int) bool {
		if err != nil {
			return true
		}
		l, e := less(i)
		if e != nil {
			err = e
			return true
		}
		return !l
	})
	return i, err
}

// lookupPath returns the file recorded for path.
func (c *Cache) lookupPath(path string) (cfile, bool, error) {
	i, err := search(c.count(secPathOrder), func(i int) (bool, error) {
		f, err := c.pathAt(i)
		return f.path < path, err
	})
	if err != nil || i == c.count(secPathOrder) {
		return cfile{}, false, err
	}
	f, err := c.pathAt(i)
	return f, err == nil && f.path == path, err
}

// def decodes definition i of a file already read.
func (c *Cache) def(i int, f *cfile) (Def, error) {
	b, err := c.record(secDefs, i)
	if err != nil {
		return Def{}, err
	}
	d := Def{Path: f.path, Lang: f.lang}
	if d.Name, err = c.str(b); err == nil {
		d.Scope, err = c.str(b[8:])
	}
	d.Line, d.Col = int(binary.LittleEndian.Uint32(b[20:])), int(binary.LittleEndian.Uint32(b[24:]))
	k := int(b[28])
	if err == nil && k >= len(kinds) {
		err = c.invalid("unknown kind of definition")
	}
	if err == nil {
		d.Kind, d.Precise = kinds[k], b[29] != 0
	}
	return d, err
}

// fileDefs appends the definitions of f, in the tagger's order.
func (c *Cache) fileDefs(out []Def, f *cfile) ([]Def, error) {
	for i := f.defStart; i < f.defStart+f.defCount; i++ {
		d, err := c.def(i, f)
		if err != nil {
			return nil, err
		}
		out = append(out, d)
	}
	return out, nil
}

// Defs returns the definitions of name, in path order.
func (c *Cache) Defs(name string) (defs []Def, err error) {
	err = c.guard(func() error {
		n := c.count(secNames)
		i, err := search(n, func(i int) (bool, error) {
			b, err := c.record(secNames, i)
			if err != nil {
				return false, err
			}
			s, err := c.str(b)
			return s < name, err
		})
		if err != nil || i == n {
			return err
		}
		b, err := c.record(secNames, i)
		if err != nil {
			return err
		}
		if s, err := c.str(b); err != nil || s != name {
			return err
		}
		start, cnt := uint64(binary.LittleEndian.Uint32(b[8:])), uint64(binary.LittleEndian.Uint32(b[12:]))
		if start+cnt > uint64(c.count(secPostings)) {
			return c.invalid("a name's postings lie outside the table")
		}
		files := map[int]*cfile{}
		for p := int(start); p < int(start+cnt); p++ {
			pb, err := c.record(secPostings, p)
			if err != nil {
				return err
			}
			di := int(binary.LittleEndian.Uint32(pb))
			db, err := c.record(secDefs, di)
			if err != nil {
				return err
			}
			fi := int(binary.LittleEndian.Uint32(db[16:]))
			f := files[fi]
			if f == nil {
				cf, err := c.file(fi)
				if err != nil {
					return err
				}
				f = &cf
				files[fi] = f
			}
			if di < f.defStart || di >= f.defStart+f.defCount {
				return c.invalid("a definition is not in its file's range")
			}
			d, err := c.def(di, f)
			if err != nil {
				return err
			}
			defs = append(defs, d)
		}
		// Postings are in the order files were written; within a file
		// that is the tagger's order, which a stable sort keeps.
		sort.SliceStable(defs, func(i, j int) bool { return defs[i].Path < defs[j].Path })
		return nil
	})
	if err != nil {
		return nil, err
	}
	return defs, nil
}

// Outline returns the definitions in the file at path in the tagger's
// order, and whether the index holds that file.
func (c *Cache) Outline(path string) (defs []Def, found bool, err error) {
	err = c.guard(func() error {
		f, ok, err := c.lookupPath(path)
		if err != nil || !ok {
			return err
		}
		found = true
		defs, err = c.fileDefs(nil, &f)
		return err
	})
	return defs, found, err
}

// Under returns the definitions in the file or directory under ("" is
// the whole tree), in path order, each file's in the tagger's order.
func (c *Cache) Under(under string) (defs []Def, err error) {
	err = c.eachFile(under, func(f *cfile) error {
		var err error
		defs, err = c.fileDefs(defs, f)
		return err
	})
	return defs, err
}

// Each calls fn with every definition under ("" is the whole tree) in
// path order, without holding them all: what ctrl+t lists.
func (c *Cache) Each(under string, fn func(Def) error) error {
	return c.eachFile(under, func(f *cfile) error {
		for i := f.defStart; i < f.defStart+f.defCount; i++ {
			d, err := c.def(i, f)
			if err == nil {
				err = fn(d)
			}
			if err != nil {
				return err
			}
		}
		return nil
	})
}

// eachFile calls fn with each file under, in path order.
func (c *Cache) eachFile(under string, fn func(*cfile) error) error {
	return c.guard(func() error {
		n := c.count(secPathOrder)
		i, err := search(n, func(i int) (bool, error) {
			f, err := c.pathAt(i)
			return f.path < under, err
		})
		for ; err == nil && i < n; i++ {
			f, err := c.pathAt(i)
			if err != nil {
				return err
			}
			if !strings.HasPrefix(f.path, under) {
				break
			}
			if under == "" || f.path == under || strings.HasPrefix(f.path, under+"/") {
				if err := fn(&f); err != nil {
					return err
				}
			}
		}
		return err
	})
}

// Files is the number of files tagged; NumDefs the number of definitions.
func (c *Cache) Files() int   { return c.count(secFiles) }
func (c *Cache) NumDefs() int { return c.count(secDefs) }

// Skipped returns the files the build left out, in path order.
func (c *Cache) Skipped() (out []Skipped, err error) {
	err = c.guard(func() error {
		for i := 0; i < c.count(secSkipped); i++ {
			b, err := c.record(secSkipped, i)
			if err != nil {
				return err
			}
			var s Skipped
			if s.Path, err = c.str(b); err == nil {
				s.Reason, err = c.str(b[8:])
			}
			if err != nil {
				return err
			}
			out = append(out, s)
		}
		return nil
	})
	return out, err
}
