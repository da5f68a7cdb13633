package symbols

// The names table read on its own: what ctrl+t lists on a large tree.

import "encoding/binary"

// NumNames is the number of distinct names defined.
func (c *Cache) NumNames() int { return c.count(secNames) }

// Name is one entry of the names table: a name, how many definitions it
// has and, when it has exactly one, that definition (without its scope,
// which the names table's readers do not show).
type Name struct {
	Name  string
	Count int
	One   *Def // nil when Count > 1
}

// Names calls fn with every defined name in name order, reading the
// sorted names table rather than every definition: only a name with a
// single definition has that one decoded (its file's record read once
// and its path shared), so a tree of millions of definitions under far
// fewer names is listed without holding or decoding them all.
func (c *Cache) Names(fn func(Name) error) error {
	files := map[int]*cfile{}
	return c.guard(func() error {
		for i := 0; i < c.count(secNames); i++ {
			b, err := c.record(secNames, i)
			if err != nil {
				return err
			}
			n := Name{Count: int(binary.LittleEndian.Uint32(b[12:]))}
			if n.Name, err = c.str(b); err != nil {
				return err
			}
			start := uint64(binary.LittleEndian.Uint32(b[8:]))
			if n.Count == 0 || start+uint64(n.Count) > uint64(c.count(secPostings)) {
				return c.invalid("a name's postings lie outside the table")
			}
			if n.Count == 1 {
				if n.One, err = c.single(int(start), n.Name, files); err != nil {
					return err
				}
			}
			if err := fn(n); err != nil {
				return err
			}
		}
		return nil
	})
}

// single decodes the one definition at posting p of name, each file
// record read once into files.
func (c *Cache) single(p int, name string, files map[int]*cfile) (*Def, error) {
	pb, err := c.record(secPostings, p)
	if err != nil {
		return nil, err
	}
	di := int(binary.LittleEndian.Uint32(pb))
	db, err := c.record(secDefs, di)
	if err != nil {
		return nil, err
	}
	fi := int(binary.LittleEndian.Uint32(db[16:]))
	f := files[fi]
	if f == nil {
		cf, err := c.file(fi)
		if err != nil {
			return nil, err
		}
		f = &cf
		files[fi] = f
	}
	if di < f.defStart || di >= f.defStart+f.defCount {
		return nil, c.invalid("a definition is not in its file's range")
	}
	k := int(db[28])
	if k >= len(kinds) {
		return nil, c.invalid("unknown kind of definition")
	}
	return &Def{Name: name, Path: f.path, Lang: f.lang, Kind: kinds[k], Precise: db[29] != 0,
		Line: int(binary.LittleEndian.Uint32(db[20:])), Col: int(binary.LittleEndian.Uint32(db[24:]))}, nil
}
