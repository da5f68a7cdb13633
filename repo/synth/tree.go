package synth

import (
	"bytes"
	"fmt"
	"sort"
	"strings"

	"github.com/go-git/go-git/v5/plumbing"
)

// file is one blob in the working model, with its current content.
type file struct {
	data []byte
	hash plumbing.Hash
	exec bool
}

// dir is one directory of the working model. Its tree object is rewritten
// only when something under it changed (dirty), so an unchanged subtree
// costs nothing per commit.
type dir struct {
	files  map[string]*file
	dirs   map[string]*dir
	names  []string // sorted in git's tree order; nil when stale
	dirty  bool
	hash   plumbing.Hash
	encode []byte // the last tree object written, the delta base for the next
}

func newDir() *dir { return &dir{files: map[string]*file{}, dirs: map[string]*dir{}, dirty: true} }

// walk returns the directory holding path's last element, creating the
// directories on the way when create is set, and marks them dirty.
func (d *dir) walk(path string, create bool) (*dir, string, error) {
	parts := strings.Split(path, "/")
	cur := d
	for _, p := range parts[:len(parts)-1] {
		cur.dirty = true
		next, ok := cur.dirs[p]
		if !ok {
			if !create {
				return nil, "", fmt.Errorf("no directory %q in %q", p, path)
			}
			next = newDir()
			cur.dirs[p] = next
			cur.names = nil
		}
		cur = next
	}
	cur.dirty = true
	return cur, parts[len(parts)-1], nil
}

// lookup returns the file at path, or nil.
func (d *dir) lookup(path string) *file {
	parts := strings.Split(path, "/")
	cur := d
	for _, p := range parts[:len(parts)-1] {
		if cur = cur.dirs[p]; cur == nil {
			return nil
		}
	}
	return cur.files[parts[len(parts)-1]]
}

// setFile places f at path.
func (d *dir) setFile(path string, f *file) error {
	parent, name, err := d.walk(path, true)
	if err != nil {
		return err
	}
	if _, ok := parent.files[name]; !ok {
		parent.names = nil
	}
	parent.files[name] = f
	return nil
}

// removeFile takes the file at path out of the model and drops
// directories left empty.
func (d *dir) removeFile(path string) (*file, error) {
	parts := strings.Split(path, "/")
	chain := []*dir{d}
	for _, p := range parts[:len(parts)-1] {
		next := chain[len(chain)-1].dirs[p]
		if next == nil {
			return nil, fmt.Errorf("remove %q: no such directory", path)
		}
		chain = append(chain, next)
	}
	last := chain[len(chain)-1]
	f := last.files[parts[len(parts)-1]]
	if f == nil {
		return nil, fmt.Errorf("remove %q: no such file", path)
	}
	delete(last.files, parts[len(parts)-1])
	for i := len(chain) - 1; i >= 0; i-- {
		c := chain[i]
		c.dirty, c.names = true, nil
		if i > 0 && len(c.files) == 0 && len(c.dirs) == 0 {
			delete(chain[i-1].dirs, parts[i-1])
		}
	}
	return f, nil
}

// sortedNames lists the entries in git's tree order, where a directory
// sorts as if its name ended in "/".
func (d *dir) sortedNames() []string {
	if d.names != nil {
		return d.names
	}
	names := make([]string, 0, len(d.files)+len(d.dirs))
	for n := range d.files {
		names = append(names, n)
	}
	for n := range d.dirs {
		names = append(names, n)
	}
	key := func(n string) string {
		if _, ok := d.dirs[n]; ok {
			return n + "/"
		}
		return n
	}
	sort.Slice(names, func(i, j int) bool { return key(names[i]) < key(names[j]) })
	d.names = names
	return names
}

// write stores the tree objects of every dirty directory, bottom up, and
// returns this directory's tree hash.
func (d *dir) write(p *packWriter) (plumbing.Hash, error) {
	if !d.dirty {
		return d.hash, nil
	}
	var buf bytes.Buffer
	for _, n := range d.sortedNames() {
		if sub, ok := d.dirs[n]; ok {
			h, err := sub.write(p)
			if err != nil {
				return plumbing.ZeroHash, err
			}
			buf.WriteString("40000 ")
			buf.WriteString(n)
			buf.WriteByte(0)
			buf.Write(h[:])
			continue
		}
		f := d.files[n]
		if f.exec {
			buf.WriteString("100755 ")
		} else {
			buf.WriteString("100644 ")
		}
		buf.WriteString(n)
		buf.WriteByte(0)
		buf.Write(f.hash[:])
	}
	data := buf.Bytes()
	h, err := p.put(plumbing.TreeObject, data, d.hash, d.encode)
	if err != nil {
		return plumbing.ZeroHash, err
	}
	d.hash, d.encode, d.dirty = h, data, false
	return h, nil
}

// walkNoMark finds the directory holding path's last element without
// creating or dirtying anything.
func (d *dir) walkNoMark(path string) (*dir, string, error) {
	parts := strings.Split(path, "/")
	cur := d
	for _, p := range parts[:len(parts)-1] {
		if cur = cur.dirs[p]; cur == nil {
			return nil, "", fmt.Errorf("no directory %q in %q", p, path)
		}
	}
	return cur, parts[len(parts)-1], nil
}

// moveDir moves the directory at from to to, subtree and all: its tree
// objects are reused unchanged, which is how git sees a directory rename.
func (d *dir) moveDir(from, to string) error {
	fp, fname, err := d.walk(from, false)
	if err != nil {
		return err
	}
	node := fp.dirs[fname]
	if node == nil {
		return fmt.Errorf("move %q: no such directory", from)
	}
	tp, tname, err := d.walk(to, true)
	if err != nil {
		return err
	}
	if tp.dirs[tname] != nil || tp.files[tname] != nil {
		return fmt.Errorf("move %q: %q exists", from, to)
	}
	delete(fp.dirs, fname)
	fp.names = nil
	tp.dirs[tname] = node
	tp.names = nil
	return nil
}
