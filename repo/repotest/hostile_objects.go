package repotest

import (
	"bytes"
	"compress/zlib"
	"crypto/sha1"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/go-git/go-git/v5/plumbing"
)

// Hostile repository content beyond the §3.4 fixture (issue 17): objects
// damaged or crafted so that a reader fails, and shapes sized to exhaust
// a display or a walk.

// A HeadDamage is what is wrong with the commit the branch main points at
// in HostileCorruptHead.
type HeadDamage int

const (
	// HeadTruncated: the commit's loose object file is cut short, so its
	// zlib stream ends early.
	HeadTruncated HeadDamage = iota
	// HeadNotACommit: main points at a blob.
	HeadNotACommit
	// HeadMissingTree: the commit is whole but names a tree that is not
	// in the repository.
	HeadMissingTree
	// HeadGarbled: a well-framed commit object whose header is not a
	// commit's ("tree" line missing, junk instead).
	HeadGarbled
)

func (d HeadDamage) String() string {
	return [...]string{"truncated", "not a commit", "missing tree", "garbled"}[d]
}

// HostileMissingTree is the tree id the HeadMissingTree commit names.
const HostileMissingTree = "2222222222222222222222222222222222222222"

// HostileCorruptHead builds a repository with one good commit followed by
// a bad one that main (and so HEAD) points at, damaged as d says. It
// returns the repository and the id main points at: the object a reader
// must name when it fails.
func HostileCorruptHead(t testing.TB, d HeadDamage) (*Repo, plumbing.Hash) {
	t.Helper()
	r := New(t)
	good := r.Commit("good", Tree{"a.txt": {Content: "needle\n"}})
	var bad plumbing.Hash
	switch d {
	case HeadTruncated:
		bad = r.Commit("second", Tree{"a.txt": {Content: "needle two\n"}})
		p := r.ObjectPath(bad)
		b, err := os.ReadFile(p)
		if err == nil {
			_ = os.Chmod(p, 0o644)
			err = os.WriteFile(p, b[:len(b)/2], 0o444)
		}
		if err != nil {
			t.Fatalf("repotest: truncate %s: %v", bad, err)
		}
	case HeadNotACommit:
		bad = r.Blob("not a commit\n")
	case HeadMissingTree:
		bad = r.WriteObject("commit", fmt.Sprintf("tree %s\nparent %s\nauthor A <a@x> 1704110400 +0000\ncommitter A <a@x> 1704110400 +0000\n\nno tree\n", HostileMissingTree, good))
	case HeadGarbled:
		bad = r.WriteObject("commit", "this is not\x00a commit header\n")
	}
	r.setHead(bad)
	return r, bad
}

// WriteObject stores content as a loose object of type typ ("commit",
// "tree", "blob", "tag") exactly as given, well-formed or not, and
// returns its id.
func (r *Repo) WriteObject(typ, content string) plumbing.Hash {
	r.t.Helper()
	raw := fmt.Sprintf("%s %d\x00%s", typ, len(content), content)
	id := plumbing.Hash(sha1.Sum([]byte(raw)))
	var z bytes.Buffer
	zw := zlib.NewWriter(&z)
	_, _ = zw.Write([]byte(raw))
	err := zw.Close()
	p := r.ObjectPath(id)
	if err == nil {
		err = os.MkdirAll(filepath.Dir(p), 0o755)
	}
	if err == nil {
		err = os.WriteFile(p, z.Bytes(), 0o444)
	}
	if err != nil {
		r.t.Fatalf("repotest: write %s object: %v", typ, err)
	}
	return id
}

// HostileVeryDeepDepth is how many directories HostileVeryDeep nests:
// far past the depth at which sightline stops expanding (1024).
const HostileVeryDeepDepth = 5000

// HostileVeryDeepPath is the file at the bottom of HostileVeryDeep's
// directory chain.
var HostileVeryDeepPath = strings.Repeat("d/", HostileVeryDeepDepth) + "bottom.txt"

// HostileVeryDeep builds a repository whose one commit (HEAD, on main)
// holds a directory chain HostileVeryDeepDepth levels deep with a file at
// its bottom, and two ordinary files around it (a.txt, z.txt), all
// holding "needle". The objects go into one pack (WritePack).
func HostileVeryDeep(t testing.TB) *Repo {
	t.Helper()
	r := New(t)
	entry := func(mode, name string, h plumbing.Hash) string { return mode + " " + name + "\x00" + string(h[:]) }
	var objs []RawObject
	put := func(typ plumbing.ObjectType, content string) plumbing.Hash {
		objs = append(objs, RawObject{typ, []byte(content)})
		return plumbing.ComputeHash(typ, []byte(content))
	}
	blob := func(s string) plumbing.Hash { return put(plumbing.BlobObject, s) }
	sub := put(plumbing.TreeObject, entry("100644", "bottom.txt", blob("needle at the bottom\n")))
	for range HostileVeryDeepDepth - 1 {
		sub = put(plumbing.TreeObject, entry("40000", "d", sub))
	}
	root := put(plumbing.TreeObject, entry("100644", "a.txt", blob("needle a\n"))+
		entry("40000", "d", sub)+entry("100644", "z.txt", blob("needle z\n")))
	head := put(plumbing.CommitObject, fmt.Sprintf("tree %s\nauthor A <a@x> 1704110400 +0000\ncommitter A <a@x> 1704110400 +0000\n\nvery deep\n", root))
	r.WritePack(objs)
	r.setHead(head)
	return r
}

// HostileWideMergeParents is how many parents HostileWideMerge's merge
// commit names.
const HostileWideMergeParents = 10000

// HostileWideMergeMessage is the merge commit's message: what the
// reviewer must see at once, however many parents come before it.
const HostileWideMergeMessage = "merge everything\n\nthe line the reviewer must read\n"

// HostileWideMerge builds a repository whose HEAD (on main) is a merge of
// HostileWideMergeParents root commits, all with the same one-file tree.
// It returns the repository and the parents in the merge's order.
func HostileWideMerge(t testing.TB) (*Repo, []plumbing.Hash) {
	t.Helper()
	r := New(t)
	blob := plumbing.ComputeHash(plumbing.BlobObject, []byte("merged\n"))
	treeBody := "100644 a.txt\x00" + string(blob[:])
	tree := plumbing.ComputeHash(plumbing.TreeObject, []byte(treeBody))
	objs := []RawObject{{plumbing.BlobObject, []byte("merged\n")}, {plumbing.TreeObject, []byte(treeBody)}}
	sig := "A <a@x> 1704110400 +0000"
	var merge strings.Builder
	fmt.Fprintf(&merge, "tree %s\n", tree)
	parents := make([]plumbing.Hash, HostileWideMergeParents)
	for i := range parents {
		body := fmt.Sprintf("tree %s\nauthor %s\ncommitter %s\n\nside %d\n", tree, sig, sig, i)
		parents[i] = plumbing.ComputeHash(plumbing.CommitObject, []byte(body))
		objs = append(objs, RawObject{plumbing.CommitObject, []byte(body)})
		fmt.Fprintf(&merge, "parent %s\n", parents[i])
	}
	fmt.Fprintf(&merge, "author %s\ncommitter %s\n\n%s", sig, sig, HostileWideMergeMessage)
	objs = append(objs, RawObject{plumbing.CommitObject, []byte(merge.String())})
	ids := r.WritePack(objs)
	r.setHead(ids[len(ids)-1])
	return r, parents
}
