// Package oplog keeps append-only logs in a bare git repository of our
// own (never the repository under review): one ref per writer, each
// pointing at a chain of commits whose tree holds one blob, the entry
// appended by that commit. It is written with go-git only, never the git
// binary, so a team can carry it between rooms on removable media.
//
// Crash safety: the objects of an entry are written first and fsynced,
// then the ref is replaced atomically (temp file, fsync, rename, fsync of
// the directory) under a lock file, and only when it still names the head
// the writer read. go-git's own ref update truncates the ref file in place
// and never fsyncs, so a crash could leave it empty; it is not used.
package oplog

import (
	"bytes"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/go-git/go-billy/v5/osfs"
	git "github.com/go-git/go-git/v5"
	"github.com/go-git/go-git/v5/plumbing"
	"github.com/go-git/go-git/v5/plumbing/cache"
	"github.com/go-git/go-git/v5/plumbing/filemode"
	"github.com/go-git/go-git/v5/plumbing/object"
	"github.com/go-git/go-git/v5/storage/filesystem"
)

// ConfigRef holds the store's configuration entry.
const ConfigRef = "refs/sightline/config"

// entryName is the one file in each commit's tree.
const entryName = "entry"

var (
	// ErrNotStore means the directory is not a store made by Init.
	ErrNotStore = errors.New("not a sightline team store")
	// ErrMoved means a ref no longer names the head the writer read:
	// someone else appended meanwhile, or history was rewritten.
	ErrMoved = errors.New("the log moved")
)

// Store is an open store.
type Store struct {
	dir string
	r   *git.Repository
}

// Entry is one appended entry and the commit that holds it.
type Entry struct {
	Commit string
	Data   []byte
}

// Init creates a store in dir (which must not exist or be empty) whose
// configuration entry is config.
func Init(dir string, config []byte) error {
	if ents, err := os.ReadDir(dir); err == nil && len(ents) > 0 {
		return fmt.Errorf("create team store %s: the directory is not empty", dir)
	}
	r, err := git.PlainInit(dir, true)
	if err != nil {
		return fmt.Errorf("create team store %s: %w", dir, err)
	}
	s := &Store{dir: dir, r: r}
	if _, err := s.Append(ConfigRef, "", config); err != nil {
		return fmt.Errorf("create team store %s: %w", dir, err)
	}
	return syncTree(dir)
}

// Open opens a store made by Init.
func Open(dir string) (*Store, error) {
	// A small object cache: entries are read once, and go-git's default
	// cache would keep up to 96 MiB of them alive through a pull.
	if fi, err := os.Stat(filepath.Join(dir, "objects")); err != nil || !fi.IsDir() {
		return nil, fmt.Errorf("open team store %s: %w (no objects directory)", dir, ErrNotStore)
	}
	st := filesystem.NewStorage(osfs.New(dir, osfs.WithBoundOS()), cache.NewObjectLRU(4*cache.MiByte))
	r, err := git.Open(st, nil)
	if err != nil {
		return nil, fmt.Errorf("open team store %s: %w (%v)", dir, ErrNotStore, err)
	}
	s := &Store{dir: dir, r: r}
	if h, err := s.Head(ConfigRef); err != nil || h == "" {
		return nil, fmt.Errorf("open team store %s: %w (no %s)", dir, ErrNotStore, ConfigRef)
	}
	return s, nil
}

// Config returns the configuration entry.
func (s *Store) Config() ([]byte, error) {
	es, err := s.Entries(ConfigRef)
	if err != nil {
		return nil, err
	}
	return es[len(es)-1].Data, nil
}

// Head returns the commit ref names, or "" when there is no such ref.
func (s *Store) Head(ref string) (string, error) {
	b, err := os.ReadFile(s.refPath(ref))
	if errors.Is(err, os.ErrNotExist) {
		return "", nil
	}
	if err != nil {
		return "", err
	}
	h := strings.TrimSpace(string(b))
	if len(h) != 40 || !plumbing.IsHash(h) {
		return "", fmt.Errorf("ref %s: not a commit id", ref)
	}
	return h, nil
}

// Refs lists the refs under prefix ("refs/sightline/reviewers/") and
// their heads.
func (s *Store) Refs(prefix string) (map[string]string, error) {
	out := map[string]string{}
	ents, err := os.ReadDir(s.refPath(prefix))
	if errors.Is(err, os.ErrNotExist) {
		return out, nil
	}
	if err != nil {
		return nil, err
	}
	for _, e := range ents {
		if e.IsDir() || strings.HasSuffix(e.Name(), ".lock") || strings.HasPrefix(e.Name(), ".") {
			continue
		}
		h, err := s.Head(prefix + e.Name())
		if err != nil {
			return nil, err
		}
		out[prefix+e.Name()] = h
	}
	return out, nil
}

func (s *Store) refPath(ref string) string { return filepath.Join(s.dir, filepath.FromSlash(ref)) }

// Entries returns ref's entries, oldest first. Every commit must have at
// most one parent and a tree of exactly one entry blob.
func (s *Store) Entries(ref string) ([]Entry, error) {
	h, err := s.Head(ref)
	if err != nil || h == "" {
		return nil, err
	}
	return s.EntriesAt(h)
}

// EntriesAt returns the entries of the chain ending at commit head.
func (s *Store) EntriesAt(head string) ([]Entry, error) {
	links, err := s.Chain(head)
	if err != nil {
		return nil, err
	}
	out := make([]Entry, len(links))
	for i, l := range links {
		data, err := s.Read(l)
		if err != nil {
			return nil, err
		}
		out[i] = Entry{Commit: l.Commit, Data: data}
	}
	return out, nil
}

// Link is one entry of a chain, not yet read: a reader of a long log
// reads one entry at a time instead of holding every entry's data.
type Link struct {
	Commit string
	blob   plumbing.Hash
}

// Chain returns the links of the chain ending at commit head, oldest
// first. Every commit must have at most one parent and a tree of exactly
// one entry blob.
func (s *Store) Chain(head string) ([]Link, error) {
	var out []Link
	for h := plumbing.NewHash(head); ; {
		c, err := s.r.CommitObject(h)
		if err != nil {
			return nil, fmt.Errorf("commit %s: %w", h, err)
		}
		if c.NumParents() > 1 {
			return nil, fmt.Errorf("commit %s has %d parents; a log is a chain", h, c.NumParents())
		}
		t, err := s.r.TreeObject(c.TreeHash)
		if err != nil {
			return nil, fmt.Errorf("commit %s: %w", h, err)
		}
		if len(t.Entries) != 1 || t.Entries[0].Name != entryName {
			return nil, fmt.Errorf("commit %s: tree is not one %q blob", h, entryName)
		}
		out = append(out, Link{Commit: h.String(), blob: t.Entries[0].Hash})
		if c.NumParents() == 0 {
			break
		}
		h = c.ParentHashes[0]
	}
	slices.Reverse(out)
	return out, nil
}

// Read returns the data of l's entry.
func (s *Store) Read(l Link) ([]byte, error) {
	data, err := s.readLoose(l.blob)
	if errors.Is(err, os.ErrNotExist) {
		data, err = s.readBlob(l.blob) // packed by someone's git gc
	}
	if err != nil {
		return nil, fmt.Errorf("commit %s: entry %s: %w", l.Commit, l.blob, err)
	}
	return data, nil
}

func (s *Store) readBlob(h plumbing.Hash) ([]byte, error) {
	b, err := s.r.BlobObject(h)
	if err != nil {
		return nil, err
	}
	rd, err := b.Reader()
	if err != nil {
		return nil, err
	}
	defer rd.Close()
	buf := bytes.NewBuffer(make([]byte, 0, b.Size+bytes.MinRead))
	if _, err := buf.ReadFrom(rd); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// Append adds an entry to ref, whose head must still be old ("" for a
// new ref), and returns the new head. ErrMoved means it was not.
func (s *Store) Append(ref, old string, data []byte) (string, error) {
	blob, err := s.put(plumbing.BlobObject, data)
	if err != nil {
		return "", err
	}
	tree := &object.Tree{Entries: []object.TreeEntry{{Name: entryName, Mode: filemode.Regular, Hash: blob}}}
	th, err := s.encode(tree)
	if err != nil {
		return "", err
	}
	// A fixed signature and time: the commit's bytes depend only on the
	// log, and nothing about the writer's machine leaks into the store.
	sig := object.Signature{Name: "sightline", Email: "sightline", When: time.Unix(0, 0).UTC()}
	c := &object.Commit{Author: sig, Committer: sig, Message: "sightline log entry\n", TreeHash: th}
	if old != "" {
		c.ParentHashes = []plumbing.Hash{plumbing.NewHash(old)}
	}
	ch, err := s.encode(c)
	if err != nil {
		return "", err
	}
	if err := s.setRef(ref, old, ch.String()); err != nil {
		return "", err
	}
	return ch.String(), nil
}

type encoder interface {
	Encode(plumbing.EncodedObject) error
}

func (s *Store) encode(o encoder) (plumbing.Hash, error) {
	obj := s.r.Storer.NewEncodedObject()
	if err := o.Encode(obj); err != nil {
		return plumbing.ZeroHash, err
	}
	return s.store(obj)
}

func (s *Store) put(t plumbing.ObjectType, data []byte) (plumbing.Hash, error) {
	obj := s.r.Storer.NewEncodedObject()
	obj.SetType(t)
	w, err := obj.Writer()
	if err != nil {
		return plumbing.ZeroHash, err
	}
	if _, err := w.Write(data); err != nil {
		return plumbing.ZeroHash, err
	}
	if err := w.Close(); err != nil {
		return plumbing.ZeroHash, err
	}
	return s.store(obj)
}

// store writes a loose object with go-git and fsyncs it and its
// directory, which go-git does not.
func (s *Store) store(obj plumbing.EncodedObject) (plumbing.Hash, error) {
	h, err := s.r.Storer.SetEncodedObject(obj)
	if err != nil {
		return h, fmt.Errorf("write object: %w", err)
	}
	hex := h.String()
	dir := filepath.Join(s.dir, "objects", hex[:2])
	if err := syncFile(filepath.Join(dir, hex[2:])); err != nil {
		return h, fmt.Errorf("write object %s: %w", hex, err)
	}
	if err := syncDir(dir); err != nil {
		return h, err
	}
	return h, syncDir(filepath.Dir(dir))
}

// setRef replaces ref with head if it still names old, under ref.lock
// (created exclusively, as git does, so two writers cannot both win).
func (s *Store) setRef(ref, old, head string) error {
	p := s.refPath(ref)
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		return err
	}
	lock := p + ".lock"
	f, err := os.OpenFile(lock, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		return fmt.Errorf("lock %s: %w (another writer, or a crashed one: remove the .lock file if no one is writing)", ref, err)
	}
	committed := false
	defer func() {
		if !committed {
			_ = f.Close()
			_ = os.Remove(lock)
		}
	}()
	cur, err := s.Head(ref)
	if err != nil {
		return err
	}
	if cur != old {
		return fmt.Errorf("%w: %s is at %.12s, expected %.12s", ErrMoved, ref, cur, old)
	}
	if _, err := f.WriteString(head + "\n"); err != nil {
		return err
	}
	if err := f.Sync(); err != nil {
		return err
	}
	if err := f.Close(); err != nil {
		return err
	}
	if err := os.Rename(lock, p); err != nil {
		return err
	}
	committed = true
	return syncDir(filepath.Dir(p))
}

// NewID returns a random 128-bit id in hex (a store's identity).
func NewID() string {
	var b [16]byte
	_, _ = rand.Read(b[:])
	return hex.EncodeToString(b[:])
}

func syncFile(p string) error {
	f, err := os.Open(p)
	if err != nil {
		return err
	}
	err = f.Sync()
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	return err
}

func syncDir(dir string) error { return syncFile(dir) }

// syncTree fsyncs every directory and file Init made.
func syncTree(root string) error {
	return filepath.Walk(root, func(p string, _ os.FileInfo, err error) error {
		if err != nil {
			return err
		}
		return syncFile(p)
	})
}
