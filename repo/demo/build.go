package demo

import (
	"fmt"
	"io/fs"
	"path"
	"sort"
	"strings"
	"time"

	git "github.com/go-git/go-git/v5"
	"github.com/go-git/go-git/v5/plumbing"
	"github.com/go-git/go-git/v5/plumbing/filemode"
	"github.com/go-git/go-git/v5/plumbing/object"
	"github.com/go-git/go-git/v5/storage"
)

// Build writes the demo repository into dir, an empty or missing
// directory, as a bare repository with branch main and tags BaseRev
// and Rev. It is the only place sightline writes a repository, and it
// writes only one it creates itself.
func Build(dir string) error {
	g, err := git.PlainInitWithOptions(dir, &git.PlainInitOptions{
		Bare:        true,
		InitOptions: git.InitOptions{DefaultBranch: plumbing.NewBranchReferenceName("main")},
	})
	if err != nil {
		return fmt.Errorf("demo: init %s: %w", dir, err)
	}
	b := demoBuilder{st: g.Storer}
	files := map[string]string{}
	var head plumbing.Hash
	for _, c := range demoHistory {
		if err := b.overlay(files, c); err != nil {
			return err
		}
		head, err = b.commit(files, c, head)
		if err != nil {
			return fmt.Errorf("demo: commit %s: %w", c.dir, err)
		}
	}
	ref := plumbing.NewHashReference(plumbing.NewBranchReferenceName("main"), head)
	if err := g.Storer.SetReference(ref); err != nil {
		return fmt.Errorf("demo: %w", err)
	}
	return nil
}

type demoBuilder struct{ st storage.Storer }

// overlay applies commit c's changes to files (path -> content).
func (b demoBuilder) overlay(files map[string]string, c demoCommit) error {
	for _, p := range c.remove {
		delete(files, p)
	}
	root := "demodata/" + c.dir
	return fs.WalkDir(demoFS, root, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := demoFS.ReadFile(p)
		if err != nil {
			return err
		}
		files[strings.TrimPrefix(p, root+"/")] = demoPlaceholders.Replace(string(data))
		return nil
	})
}

// commit stores the tree of files and a commit of it on parent, and the
// commit's tag if it has one.
func (b demoBuilder) commit(files map[string]string, c demoCommit, parent plumbing.Hash) (plumbing.Hash, error) {
	tree, err := b.tree(files, "")
	if err != nil {
		return plumbing.ZeroHash, err
	}
	sig, err := demoSignature(c.author, c.when)
	if err != nil {
		return plumbing.ZeroHash, err
	}
	co := &object.Commit{Author: sig, Committer: sig, Message: c.message, TreeHash: tree}
	if !parent.IsZero() {
		co.ParentHashes = []plumbing.Hash{parent}
	}
	h, err := b.store(co)
	if err != nil || c.tag == "" {
		return h, err
	}
	tag := &object.Tag{Name: c.tag, Tagger: sig, Message: c.tagMessage, TargetType: plumbing.CommitObject, Target: h}
	th, err := b.store(tag)
	if err != nil {
		return h, err
	}
	return h, b.st.SetReference(plumbing.NewHashReference(plumbing.NewTagReferenceName(c.tag), th))
}

// tree stores the tree for the files under dir ("" for the root).
func (b demoBuilder) tree(files map[string]string, dir string) (plumbing.Hash, error) {
	prefix := dir
	if prefix != "" {
		prefix += "/"
	}
	var entries []object.TreeEntry
	seenDirs := map[string]bool{}
	for p, content := range files {
		rest, ok := strings.CutPrefix(p, prefix)
		if !ok {
			continue
		}
		if name, _, isDir := strings.Cut(rest, "/"); isDir {
			if seenDirs[name] {
				continue
			}
			seenDirs[name] = true
			h, err := b.tree(files, prefix+name)
			if err != nil {
				return plumbing.ZeroHash, err
			}
			entries = append(entries, object.TreeEntry{Name: name, Mode: filemode.Dir, Hash: h})
			continue
		}
		h, err := b.blob(content)
		if err != nil {
			return plumbing.ZeroHash, err
		}
		mode := filemode.Regular
		if path.Ext(rest) == ".sh" {
			mode = filemode.Executable
		}
		entries = append(entries, object.TreeEntry{Name: rest, Mode: mode, Hash: h})
	}
	// git sorts entries by name, a directory as if its name ended in "/".
	key := func(e object.TreeEntry) string {
		if e.Mode == filemode.Dir {
			return e.Name + "/"
		}
		return e.Name
	}
	sort.Slice(entries, func(i, j int) bool { return key(entries[i]) < key(entries[j]) })
	return b.store(&object.Tree{Entries: entries})
}

func (b demoBuilder) blob(content string) (plumbing.Hash, error) {
	obj := b.st.NewEncodedObject()
	obj.SetType(plumbing.BlobObject)
	w, err := obj.Writer()
	if err != nil {
		return plumbing.ZeroHash, err
	}
	if _, err := w.Write([]byte(content)); err != nil {
		return plumbing.ZeroHash, err
	}
	if err := w.Close(); err != nil {
		return plumbing.ZeroHash, err
	}
	return b.st.SetEncodedObject(obj)
}

func (b demoBuilder) store(o interface {
	Encode(plumbing.EncodedObject) error
}) (plumbing.Hash, error) {
	obj := b.st.NewEncodedObject()
	if err := o.Encode(obj); err != nil {
		return plumbing.ZeroHash, err
	}
	return b.st.SetEncodedObject(obj)
}

// demoSignature parses "Name <email>" and an RFC 3339 time.
func demoSignature(who, when string) (object.Signature, error) {
	name, email, ok := strings.Cut(who, " <")
	if !ok {
		return object.Signature{}, fmt.Errorf("bad author %q", who)
	}
	t, err := time.Parse(time.RFC3339, when)
	if err != nil {
		return object.Signature{}, err
	}
	return object.Signature{Name: name, Email: strings.TrimSuffix(email, ">"), When: t}, nil
}
