package repo

import (
	"bytes"
	"context"
	"fmt"
	"strconv"
	"strings"

	"github.com/go-git/go-git/v5/plumbing"

	"sightline/repo/internal/odb"
)

// Kind says what a tree entry is, from its mode.
type Kind uint8

// The kinds of tree entry. KindError marks an entry sightline could not
// read (a missing or corrupt object, an unknown mode, a tree nested too
// deep): it is listed in place so that the reviewer sees something is
// there, never a shorter tree.
const (
	KindFile      Kind = iota // regular file (100644)
	KindExec                  // executable file (100755)
	KindSymlink               // symbolic link (120000); the blob is the target
	KindDir                   // directory (040000)
	KindSubmodule             // gitlink (160000); Hash is the pinned commit
	KindError                 // unreadable; Entry.Err says why
)

// String names the kind for display and tests.
func (k Kind) String() string {
	switch k {
	case KindFile:
		return "file"
	case KindExec:
		return "exec"
	case KindSymlink:
		return "symlink"
	case KindDir:
		return "dir"
	case KindSubmodule:
		return "submodule"
	case KindError:
		return "error"
	}
	return "kind(" + strconv.Itoa(int(k)) + ")"
}

// Entry is one name in a tree at the pin.
type Entry struct {
	Name string // the raw bytes of the name: may hold control bytes or invalid UTF-8
	Path string // slash-joined raw names from the root
	Kind Kind
	Mode uint32 // the mode as recorded in the tree object (e.g. 0100644)
	Hash Hash   // blob, tree, or (for a submodule) the pinned commit
	Err  error  // why the entry is KindError
}

// maxTreeDepth bounds how deep WalkFiles and ReadTree expand directories:
// a crafted tree can nest thousands of levels, and git's own walker stops
// at the same depth.
const maxTreeDepth = 1024

// rawEntry is a tree entry as stored, before it is given a path.
type rawEntry struct {
	name string
	mode uint32
	hash Hash
}

// ReadTree lists one tree object, entries in git's order, each with Path =
// dir + "/" + Name (or Name when dir is ""). It reads the tree entries
// itself rather than through go-git's walkers, which stop at control
// characters, skip gitlinks and end silently at a corrupt subtree. A tree
// object that cannot be read at all is an error; one that is malformed
// part-way lists what it could and then an entry of KindError.
func (r *Repo) ReadTree(ctx context.Context, tree Hash, dir string) ([]Entry, error) {
	if err := ctxErr(ctx); err != nil {
		return nil, err
	}
	raw, bad := r.loadTree(tree)
	if raw == nil && bad != nil {
		return nil, treeError(dir, bad)
	}
	depth := pathDepth(dir)
	out := make([]Entry, 0, len(raw)+1)
	for _, e := range raw {
		out = append(out, makeEntry(dir, e, depth+1))
	}
	if bad != nil {
		out = append(out, Entry{Name: "?", Path: joinPath(dir, "?"), Kind: KindError, Hash: tree, Err: bad})
	}
	return out, nil
}

// Lookup finds the entry at path (slash-separated raw names) under the
// root tree. The empty path is the root itself, as a directory.
func (r *Repo) Lookup(ctx context.Context, root Hash, path string) (Entry, error) {
	cur := Entry{Kind: KindDir, Mode: 0o40000, Hash: root}
	if path == "" {
		return cur, nil
	}
	names := strings.Split(path, "/")
	for i, name := range names {
		if err := ctxErr(ctx); err != nil {
			return Entry{}, err
		}
		if cur.Kind != KindDir {
			return Entry{}, fmt.Errorf("%q: %w (%q is not a directory: %s)", path, ErrNotFound, cur.Path, cur.Kind)
		}
		raw, bad := r.loadTree(cur.Hash)
		found := false
		for _, e := range raw {
			if e.name == name {
				cur, found = makeEntry(cur.Path, e, i+1), true
				break
			}
		}
		if !found {
			if bad != nil {
				return Entry{}, fmt.Errorf("%q: %w", path, treeError(cur.Path, bad))
			}
			return Entry{}, fmt.Errorf("%q: %w", path, ErrNotFound)
		}
	}
	return cur, nil
}

// WalkFiles calls fn for every entry under root that is not a directory
// (files, symlinks, submodules and KindError entries for unreadable
// subtrees), depth first in git's order, which is also the order of
// "git ls-tree -r" and "git grep". An error from fn stops the walk and is
// returned.
func (r *Repo) WalkFiles(ctx context.Context, root Hash, fn func(Entry) error) error {
	return r.walk(ctx, root, "", 0, fn)
}

func (r *Repo) walk(ctx context.Context, tree Hash, dir string, depth int, fn func(Entry) error) error {
	if err := ctxErr(ctx); err != nil {
		return err
	}
	raw, bad := r.loadTree(tree)
	for _, e := range raw {
		ent := makeEntry(dir, e, depth+1)
		if ent.Kind != KindDir {
			if err := fn(ent); err != nil {
				return err
			}
			continue
		}
		if err := r.walk(ctx, ent.Hash, ent.Path, depth+1, fn); err != nil {
			return err
		}
	}
	if bad != nil {
		ent := Entry{Name: baseName(dir), Path: dir, Kind: KindError, Hash: tree, Err: treeError(dir, bad)}
		if len(raw) > 0 {
			// Part of the tree was readable: name the spot after it.
			ent.Name, ent.Path = "?", joinPath(dir, "?")
		}
		return fn(ent)
	}
	return nil
}

// makeEntry gives a stored entry its path and kind. depth is the number of
// names in the entry's path.
func makeEntry(dir string, e rawEntry, depth int) Entry {
	ent := Entry{Name: e.name, Path: joinPath(dir, e.name), Mode: e.mode, Hash: e.hash}
	switch e.mode & 0o170000 {
	case 0o100000:
		ent.Kind = KindFile
		if e.mode&0o100 != 0 {
			ent.Kind = KindExec
		}
	case 0o120000:
		ent.Kind = KindSymlink
	case 0o040000:
		ent.Kind = KindDir
		if depth >= maxTreeDepth {
			ent.Kind, ent.Err = KindError, ErrTooDeep
		}
	case 0o160000:
		ent.Kind = KindSubmodule
	default:
		ent.Kind, ent.Err = KindError, fmt.Errorf("unknown mode %o for object %s", e.mode, e.hash)
	}
	return ent
}

func joinPath(dir, name string) string {
	if dir == "" {
		return name
	}
	return dir + "/" + name
}

func baseName(path string) string {
	return path[strings.LastIndexByte(path, '/')+1:]
}

func pathDepth(dir string) int {
	if dir == "" {
		return 0
	}
	return strings.Count(dir, "/") + 1
}

func treeError(dir string, err error) error {
	if dir == "" {
		return fmt.Errorf("root tree: %w", err)
	}
	return fmt.Errorf("directory %q: %w", dir, err)
}

// loadTree returns the decoded entries of a tree object, from the cache
// when it can. On a malformed object it returns the entries before the
// damage together with the error; on an unreadable one, nil and the error.
func (r *Repo) loadTree(h Hash) ([]rawEntry, error) {
	if t, ok := r.trees.get(h); ok {
		return t.entries, t.err
	}
	data, err := r.readObject(h, plumbing.TreeObject)
	if err != nil {
		return nil, err
	}
	entries, err := parseTree(data)
	if err != nil {
		err = fmt.Errorf("tree %s is corrupt: %w", h, err)
	}
	r.trees.put(h, cachedTree{entries: entries, err: err})
	return entries, err
}

// readObject reads a whole object of the wanted type. It is for trees,
// which are small (blobs are read by ReadBlob with a limit), and its
// callers only look: the content may be shared with the object cache, so
// it is never modified and no part of it is kept (parseTree copies).
func (r *Repo) readObject(h Hash, want plumbing.ObjectType) ([]byte, error) {
	typ, data, err := r.objects.ReadShared(odb.ID(h))
	if err != nil {
		return nil, objectError(want.String(), h, err)
	}
	if plumbing.ObjectType(typ) != want {
		return nil, fmt.Errorf("object %s is a %s, not a %s", h, typ.String(), want)
	}
	return data, nil
}

// parseTree decodes a tree object: a sequence of "MODE SP NAME NUL HASH"
// with a 20-byte binary hash. It returns the entries before any damage.
func parseTree(data []byte) ([]rawEntry, error) {
	entries := make([]rawEntry, 0, bytes.Count(data, []byte{0}))
	for len(data) > 0 {
		sp := bytes.IndexByte(data, ' ')
		if sp <= 0 {
			return entries, fmt.Errorf("entry %d: no mode", len(entries)+1)
		}
		mode, err := strconv.ParseUint(string(data[:sp]), 8, 32)
		if err != nil {
			return entries, fmt.Errorf("entry %d: bad mode %q", len(entries)+1, data[:sp])
		}
		rest := data[sp+1:]
		nul := bytes.IndexByte(rest, 0)
		if nul < 0 || len(rest) < nul+1+len(Hash{}) {
			return entries, fmt.Errorf("entry %d: truncated", len(entries)+1)
		}
		e := rawEntry{name: string(rest[:nul]), mode: uint32(mode)}
		copy(e.hash[:], rest[nul+1:])
		entries = append(entries, e)
		data = rest[nul+1+len(Hash{}):]
	}
	return entries, nil
}
