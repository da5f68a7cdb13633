// Package repotest builds real git repositories on disk for tests, writing
// objects directly through go-git, so that any path (escape bytes, newlines,
// invalid UTF-8), mode (executable, symlink, gitlink) and history shape can
// be made without a work tree and without the git binary.
package repotest

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"

	git "github.com/go-git/go-git/v5"
	"github.com/go-git/go-git/v5/plumbing"
	"github.com/go-git/go-git/v5/plumbing/filemode"
	"github.com/go-git/go-git/v5/plumbing/object"
	"github.com/go-git/go-git/v5/storage"
)

// File is one entry of a commit's tree. The zero Mode is a regular file.
type File struct {
	Content string
	Mode    filemode.FileMode // filemode.Executable, filemode.Symlink (Content is the target), filemode.Submodule (Content is the pinned commit id)
	Blob    plumbing.Hash     // when set, the entry is this already stored blob and Content is ignored
}

// Tree maps slash-separated paths to files: the whole tree of one commit.
type Tree map[string]File

// Repo is a repository under construction.
type Repo struct {
	t       testing.TB
	Dir     string // the work tree; objects live in Dir/.git
	Git     *git.Repository
	storer  storage.Storer
	clock   time.Time
	head    plumbing.Hash
	Author  object.Signature
	Commits []plumbing.Hash // every commit made, oldest first
}

// New creates an empty non-bare repository in a fresh temporary directory,
// with branch main. Commit times start at 2024-01-01 and advance one minute
// per commit, so histories are deterministic.
func New(t testing.TB) *Repo {
	t.Helper()
	dir := t.TempDir()
	g, err := git.PlainInitWithOptions(dir, &git.PlainInitOptions{
		InitOptions: git.InitOptions{DefaultBranch: plumbing.NewBranchReferenceName("main")},
	})
	if err != nil {
		t.Fatalf("repotest: init %s: %v", dir, err)
	}
	return &Repo{
		t: t, Dir: dir, Git: g, storer: g.Storer,
		clock:  time.Date(2024, 1, 1, 12, 0, 0, 0, time.UTC),
		Author: object.Signature{Name: "Test Author", Email: "author@example.com"},
	}
}

// Commit records tree as the whole content of a new commit on the current
// branch (parent: the previous commit, if any) and returns its id.
func (r *Repo) Commit(msg string, tree Tree) plumbing.Hash {
	r.t.Helper()
	var parents []plumbing.Hash
	if !r.head.IsZero() {
		parents = append(parents, r.head)
	}
	h := r.CommitWithParents(msg, tree, parents...)
	r.setHead(h)
	return h
}

// CommitWithParents records a commit with explicit parents (for merges and
// side branches) without moving the branch.
func (r *Repo) CommitWithParents(msg string, tree Tree, parents ...plumbing.Hash) plumbing.Hash {
	r.t.Helper()
	treeHash := r.WriteTree(tree)
	r.clock = r.clock.Add(time.Minute)
	sig := r.Author
	sig.When = r.clock
	c := &object.Commit{Author: sig, Committer: sig, Message: msg, TreeHash: treeHash, ParentHashes: parents}
	h := r.store(c)
	r.Commits = append(r.Commits, h)
	return h
}

// Edit returns the tree of commit h with changes applied: a File sets a
// path, and a path mapped to Delete removes it.
func (r *Repo) Edit(h plumbing.Hash, changes Tree) Tree {
	r.t.Helper()
	out := r.TreeOf(h)
	for p, f := range changes {
		if f == Delete {
			delete(out, p)
		} else {
			out[p] = f
		}
	}
	return out
}

// Delete, used as a value in Edit's changes, removes that path.
var Delete = File{Content: "\x00repotest-delete\x00", Mode: filemode.Empty}

// TreeOf reads back the whole tree of commit h.
func (r *Repo) TreeOf(h plumbing.Hash) Tree {
	r.t.Helper()
	c, err := r.Git.CommitObject(h)
	if err != nil {
		r.t.Fatalf("repotest: commit %s: %v", h, err)
	}
	out := Tree{}
	r.readTree(c.TreeHash, "", out)
	return out
}

func (r *Repo) readTree(h plumbing.Hash, prefix string, out Tree) {
	t, err := object.GetTree(r.storer, h)
	if err != nil {
		r.t.Fatalf("repotest: tree %s: %v", h, err)
	}
	for _, e := range t.Entries {
		p := prefix + e.Name
		switch e.Mode {
		case filemode.Dir:
			r.readTree(e.Hash, p+"/", out)
		case filemode.Submodule:
			out[p] = File{Content: e.Hash.String(), Mode: e.Mode}
		default:
			b, err := object.GetBlob(r.storer, e.Hash)
			if err != nil {
				r.t.Fatalf("repotest: blob %s: %v", e.Hash, err)
			}
			rd, _ := b.Reader()
			var buf bytes.Buffer
			_, _ = buf.ReadFrom(rd)
			_ = rd.Close()
			mode := e.Mode
			if mode == filemode.Regular {
				mode = 0
			}
			out[p] = File{Content: buf.String(), Mode: mode}
		}
	}
}

// Tag creates a lightweight tag, or an annotated one when msg is not empty.
func (r *Repo) Tag(name string, h plumbing.Hash, msg string) {
	r.t.Helper()
	var err error
	if msg == "" {
		err = r.storer.SetReference(plumbing.NewHashReference(plumbing.NewTagReferenceName(name), h))
	} else {
		sig := r.Author
		sig.When = r.clock
		_, err = r.Git.CreateTag(name, h, &git.CreateTagOptions{Tagger: &sig, Message: msg})
	}
	if err != nil {
		r.t.Fatalf("repotest: tag %s: %v", name, err)
	}
}

// Branch points a branch at h.
func (r *Repo) Branch(name string, h plumbing.Hash) {
	r.t.Helper()
	if err := r.storer.SetReference(plumbing.NewHashReference(plumbing.NewBranchReferenceName(name), h)); err != nil {
		r.t.Fatalf("repotest: branch %s: %v", name, err)
	}
}

// Head is the last commit made on the current branch.
func (r *Repo) Head() plumbing.Hash { return r.head }

// SetHead moves the current branch (main) to h.
func (r *Repo) SetHead(h plumbing.Hash) { r.setHead(h) }

func (r *Repo) setHead(h plumbing.Hash) {
	r.head = h
	if err := r.storer.SetReference(plumbing.NewHashReference(plumbing.NewBranchReferenceName("main"), h)); err != nil {
		r.t.Fatalf("repotest: update main: %v", err)
	}
}

// WriteTree stores the nested tree objects for a flat path map.
func (r *Repo) WriteTree(tree Tree) plumbing.Hash {
	r.t.Helper()
	type node struct {
		files map[string]File
		dirs  map[string]*node
	}
	newNode := func() *node { return &node{files: map[string]File{}, dirs: map[string]*node{}} }
	root := newNode()
	for p, f := range tree {
		parts := strings.Split(p, "/")
		n := root
		for _, d := range parts[:len(parts)-1] {
			if n.dirs[d] == nil {
				n.dirs[d] = newNode()
			}
			n = n.dirs[d]
		}
		n.files[parts[len(parts)-1]] = f
	}
	var write func(n *node) plumbing.Hash
	write = func(n *node) plumbing.Hash {
		var entries []object.TreeEntry
		for name, d := range n.dirs {
			entries = append(entries, object.TreeEntry{Name: name, Mode: filemode.Dir, Hash: write(d)})
		}
		for name, f := range n.files {
			entries = append(entries, r.entry(name, f))
		}
		// git orders entries by name, comparing directories as if their
		// name ended in "/".
		sort.Slice(entries, func(i, j int) bool { return sortKey(entries[i]) < sortKey(entries[j]) })
		return r.store(&object.Tree{Entries: entries})
	}
	return write(root)
}

func sortKey(e object.TreeEntry) string {
	if e.Mode == filemode.Dir {
		return e.Name + "/"
	}
	return e.Name
}

func (r *Repo) entry(name string, f File) object.TreeEntry {
	mode := f.Mode
	if mode == 0 {
		mode = filemode.Regular
	}
	if mode == filemode.Submodule {
		return object.TreeEntry{Name: name, Mode: mode, Hash: plumbing.NewHash(f.Content)}
	}
	if !f.Blob.IsZero() {
		return object.TreeEntry{Name: name, Mode: mode, Hash: f.Blob}
	}
	return object.TreeEntry{Name: name, Mode: mode, Hash: r.Blob(f.Content)}
}

// Blob stores content as a blob and returns its id.
func (r *Repo) Blob(content string) plumbing.Hash {
	r.t.Helper()
	obj := r.storer.NewEncodedObject()
	obj.SetType(plumbing.BlobObject)
	w, err := obj.Writer()
	if err == nil {
		_, err = w.Write([]byte(content))
		if cerr := w.Close(); err == nil {
			err = cerr
		}
	}
	if err != nil {
		r.t.Fatalf("repotest: blob: %v", err)
	}
	h, err := r.storer.SetEncodedObject(obj)
	if err != nil {
		r.t.Fatalf("repotest: store blob: %v", err)
	}
	return h
}

type encoder interface {
	Encode(plumbing.EncodedObject) error
}

func (r *Repo) store(o encoder) plumbing.Hash {
	r.t.Helper()
	obj := r.storer.NewEncodedObject()
	if err := o.Encode(obj); err != nil {
		r.t.Fatalf("repotest: encode: %v", err)
	}
	h, err := r.storer.SetEncodedObject(obj)
	if err != nil {
		r.t.Fatalf("repotest: store: %v", err)
	}
	return h
}

// ObjectPath is the loose object file of h, for tests that corrupt or
// remove objects.
func (r *Repo) ObjectPath(h plumbing.Hash) string {
	s := h.String()
	return filepath.Join(r.Dir, ".git", "objects", s[:2], s[2:])
}

// SnapshotFiles returns the bytes of every file under dir, keyed by path,
// so a test can prove that nothing under a repository changed.
func SnapshotFiles(t testing.TB, dir string) map[string]string {
	t.Helper()
	out := map[string]string{}
	err := filepath.Walk(dir, func(p string, fi os.FileInfo, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		switch {
		case fi.Mode()&os.ModeSymlink != 0:
			target, err := os.Readlink(p)
			if err != nil {
				return err
			}
			out[rel] = "link:" + target
		case fi.IsDir():
			out[rel+"/"] = fi.Mode().String()
		default:
			b, err := os.ReadFile(p)
			if err != nil {
				return err
			}
			out[rel] = fmt.Sprintf("%s %s %s", fi.Mode(), fi.ModTime().UTC().Format(time.RFC3339Nano), b)
		}
		return nil
	})
	if err != nil {
		t.Fatalf("repotest: snapshot %s: %v", dir, err)
	}
	return out
}
