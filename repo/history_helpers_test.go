package repo

import (
	"fmt"
	"math/rand"
	"os/exec"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/go-git/go-git/v5/plumbing"
	"github.com/go-git/go-git/v5/plumbing/filemode"
	"github.com/go-git/go-git/v5/plumbing/format/packfile"
	"github.com/go-git/go-git/v5/plumbing/object"
	"github.com/go-git/go-git/v5/plumbing/storer"
	"github.com/go-git/go-git/v5/storage/memory"

	"sightline/repo/repotest"
)

// gitOut runs git in dir (a repository a test built) and returns stdout.
func gitOut(t testing.TB, dir string, args ...string) string {
	t.Helper()
	cmd := exec.Command("git", append([]string{"-c", "core.quotepath=true", "-c", "diff.renames=true"}, args...)...)
	cmd.Dir = dir
	cmd.Env = append(cmd.Environ(), "GIT_CONFIG_NOSYSTEM=1", "HOME="+dir, "LC_ALL=C")
	out, err := cmd.Output()
	if err != nil {
		msg := ""
		if ee, ok := err.(*exec.ExitError); ok {
			msg = string(ee.Stderr)
		}
		t.Fatalf("git %s: %v %s", strings.Join(args, " "), err, msg)
	}
	return string(out)
}

// gitLines is gitOut split into lines, without empty ones.
func gitLines(t testing.TB, dir string, args ...string) []string {
	t.Helper()
	var out []string
	for _, l := range strings.Split(gitOut(t, dir, args...), "\n") {
		if l != "" {
			out = append(out, l)
		}
	}
	return out
}

// historyGen makes a random but reproducible history: small edits,
// additions, deletions, renames with and without edits, mode changes,
// binary files, and side branches merged back (some merges take one
// side's version of a file, some mix both).
type historyGen struct {
	t     testing.TB
	tr    *repotest.Repo
	rnd   *rand.Rand
	seq   int
	tips  []plumbing.Hash // side branch tips not merged yet
	trees map[plumbing.Hash]repotest.Tree
	have  map[plumbing.Hash]bool // objects already stored
	mem   *memory.Storage        // objects, until pack writes them
	order []plumbing.Hash
	when  time.Time
	// window is the pack's delta search window: 0 (no deltas) keeps
	// tests fast under -race; benchmarks use git's 10 for realism.
	window uint
	frozen bool // every commit at the same time (tests git's tie order)
}

func newHistoryGen(t testing.TB, seed int64) *historyGen {
	return &historyGen{
		t: t, tr: repotest.New(t), rnd: rand.New(rand.NewSource(seed)),
		trees: map[plumbing.Hash]repotest.Tree{}, have: map[plumbing.Hash]bool{}, mem: memory.NewStorage(),
		when: time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC),
	}
}

// treeOf returns a copy of the tree of a commit the generator made.
func (g *historyGen) treeOf(h plumbing.Hash) repotest.Tree {
	out := repotest.Tree{}
	for p, f := range g.trees[h] {
		out[p] = f
	}
	return out
}

// commit makes a commit like repotest.CommitWithParents, but keeps new
// objects in memory until pack writes them as one pack file: repotest
// writes every blob of every commit as a loose object, which makes long
// histories slow to build, and real repositories are packed anyway.
func (g *historyGen) commit(msg string, tree repotest.Tree, parents ...plumbing.Hash) plumbing.Hash {
	g.t.Helper()
	if !g.frozen {
		g.when = g.when.Add(time.Duration(30+g.rnd.Intn(90)) * time.Second)
	}
	sig := object.Signature{Name: "Gen", Email: "gen@example.com", When: g.when}
	c := &object.Commit{Author: sig, Committer: sig, Message: msg, TreeHash: g.writeTree(tree), ParentHashes: parents}
	h := g.store(c)
	g.trees[h] = tree
	return h
}

func (g *historyGen) writeTree(tree repotest.Tree) plumbing.Hash {
	type node struct {
		files map[string]repotest.File
		dirs  map[string]*node
	}
	newNode := func() *node { return &node{files: map[string]repotest.File{}, dirs: map[string]*node{}} }
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
			mode := f.Mode
			if mode == 0 {
				mode = filemode.Regular
			}
			entries = append(entries, object.TreeEntry{Name: name, Mode: mode, Hash: g.blob(f.Content)})
		}
		key := func(e object.TreeEntry) string {
			if e.Mode == filemode.Dir {
				return e.Name + "/"
			}
			return e.Name
		}
		sort.Slice(entries, func(i, j int) bool { return key(entries[i]) < key(entries[j]) })
		return g.store(&object.Tree{Entries: entries})
	}
	return write(root)
}

func (g *historyGen) blob(content string) plumbing.Hash {
	h := plumbing.ComputeHash(plumbing.BlobObject, []byte(content))
	if !g.have[h] {
		obj := g.mem.NewEncodedObject()
		obj.SetType(plumbing.BlobObject)
		w, _ := obj.Writer()
		_, _ = w.Write([]byte(content))
		_ = w.Close()
		g.put(obj)
	}
	return h
}

func (g *historyGen) store(o interface {
	Encode(plumbing.EncodedObject) error
}) plumbing.Hash {
	obj := g.mem.NewEncodedObject()
	if err := o.Encode(obj); err != nil {
		g.t.Fatal(err)
	}
	if !g.have[obj.Hash()] {
		g.put(obj)
	}
	return obj.Hash()
}

func (g *historyGen) put(obj plumbing.EncodedObject) {
	h, err := g.mem.SetEncodedObject(obj)
	if err != nil {
		g.t.Fatal(err)
	}
	g.have[h] = true
	g.order = append(g.order, h)
}

// pack writes every object made so far into the repository as one pack.
func (g *historyGen) pack() {
	g.t.Helper()
	pw, ok := g.tr.Git.Storer.(storer.PackfileWriter)
	if !ok {
		g.t.Fatal("storage cannot write packs")
	}
	w, err := pw.PackfileWriter()
	if err != nil {
		g.t.Fatal(err)
	}
	if _, err := packfile.NewEncoder(w, g.mem, false).Encode(g.order, g.window); err != nil {
		g.t.Fatal(err)
	}
	if err := w.Close(); err != nil {
		g.t.Fatal(err)
	}
	g.order = nil
	g.mem = memory.NewStorage()
}

var genDirs = []string{"", "src/", "src/util/", "docs/", "lib/deep/er/"}

func (g *historyGen) word() string {
	words := []string{"alpha", "beta", "gamma", "delta", "return x;", "}", "{", "if (a) {", "", "// note", "call(y);"}
	return words[g.rnd.Intn(len(words))]
}

func (g *historyGen) content(lines int) string {
	var b strings.Builder
	for i := 0; i < lines; i++ {
		fmt.Fprintf(&b, "%s %d\n", g.word(), g.rnd.Intn(40))
	}
	return b.String()
}

// edit changes a few lines of content: replaces, inserts, deletes.
func (g *historyGen) edit(content string) string {
	lines := strings.SplitAfter(content, "\n")
	if lines[len(lines)-1] == "" {
		lines = lines[:len(lines)-1]
	}
	for n := 1 + g.rnd.Intn(3); n > 0; n-- {
		i := 0
		if len(lines) > 0 {
			i = g.rnd.Intn(len(lines))
		}
		switch g.rnd.Intn(3) {
		case 0:
			if len(lines) > 0 {
				lines[i] = g.content(1)
			}
		case 1:
			add := strings.SplitAfter(g.content(1+g.rnd.Intn(4)), "\n")
			lines = append(lines[:i], append(add[:len(add)-1], lines[i:]...)...)
		case 2:
			if len(lines) > 1 {
				lines = append(lines[:i], lines[i+1:]...)
			}
		}
	}
	return strings.Join(lines, "")
}

func sortedPaths(tree repotest.Tree) []string {
	var ps []string
	for p, f := range tree {
		if f.Mode != filemode.Submodule {
			ps = append(ps, p)
		}
	}
	sort.Strings(ps)
	return ps
}

// mutate applies 1-4 random changes to tree.
func (g *historyGen) mutate(tree repotest.Tree) {
	for n := 1 + g.rnd.Intn(4); n > 0; n-- {
		paths := sortedPaths(tree)
		pick := func() string { return paths[g.rnd.Intn(len(paths))] }
		op := g.rnd.Intn(20)
		switch {
		case len(paths) < 4 || op < 3: // add
			g.seq++
			p := fmt.Sprintf("%sf%d.txt", genDirs[g.rnd.Intn(len(genDirs))], g.seq)
			tree[p] = repotest.File{Content: g.content(5 + g.rnd.Intn(30))}
		case op < 11: // modify
			p := pick()
			f := tree[p]
			if f.Mode == filemode.Symlink {
				continue
			}
			f.Content = g.edit(f.Content)
			tree[p] = f
		case op < 12: // delete
			delete(tree, pick())
		case op < 16: // rename, sometimes with edits
			p := pick()
			f := tree[p]
			delete(tree, p)
			g.seq++
			np := fmt.Sprintf("%sr%d-%s", genDirs[g.rnd.Intn(len(genDirs))], g.seq, p[strings.LastIndexByte(p, '/')+1:])
			if g.rnd.Intn(2) == 0 && f.Mode != filemode.Symlink {
				f.Content = g.edit(f.Content)
			}
			tree[np] = f
		case op < 17: // mode change
			p := pick()
			f := tree[p]
			switch f.Mode {
			case 0:
				f.Mode = filemode.Executable
			case filemode.Executable:
				f.Mode = 0
			}
			tree[p] = f
		case op < 18: // binary
			g.seq++
			tree[fmt.Sprintf("bin/b%d.bin", g.rnd.Intn(4))] = repotest.File{Content: fmt.Sprintf("\x00\x01bin%d\n%s", g.seq, g.content(3))}
		default: // swap content between two files
			a, b := pick(), pick()
			tree[a], tree[b] = tree[b], tree[a]
		}
	}
}

// build makes n commits on main, with side branches forked and merged.
func (g *historyGen) build(n int) {
	tree := repotest.Tree{"README": {Content: g.content(10)}, "src/main.c": {Content: g.content(40)}}
	g.tr.SetHead(g.commit("root", tree))
	for i := 1; i < n; i++ {
		switch r := g.rnd.Intn(10); {
		case r == 0 && len(g.tips) < 3: // fork a side branch from main
			side := g.treeOf(g.tr.Head())
			g.mutate(side)
			g.tips = append(g.tips, g.commit(fmt.Sprintf("side %d", i), side, g.tr.Head()))
		case r == 1 && len(g.tips) > 0: // extend a side branch
			k := g.rnd.Intn(len(g.tips))
			side := g.treeOf(g.tips[k])
			g.mutate(side)
			g.tips[k] = g.commit(fmt.Sprintf("side %d", i), side, g.tips[k])
		case r == 2 && len(g.tips) > 0: // merge a side branch
			k := g.rnd.Intn(len(g.tips))
			tip := g.tips[k]
			g.tips = append(g.tips[:k], g.tips[k+1:]...)
			m := g.commit(fmt.Sprintf("merge %d", i), g.mergeTree(g.tr.Head(), tip), g.tr.Head(), tip)
			g.tr.SetHead(m)
		default:
			next := g.treeOf(g.tr.Head())
			g.mutate(next)
			g.tr.SetHead(g.commit(fmt.Sprintf("commit %d", i), next, g.tr.Head()))
		}
	}
	g.pack()
}

// mergeTree combines two trees: for each path, one side's version chosen
// at random, so some merges are TREESAME to one parent at a path.
func (g *historyGen) mergeTree(a, b plumbing.Hash) repotest.Tree {
	ta, tb := g.trees[a], g.trees[b]
	out := repotest.Tree{}
	for p, f := range ta {
		out[p] = f
	}
	for p, f := range tb {
		if _, ok := out[p]; !ok || g.rnd.Intn(2) == 0 {
			out[p] = f
		}
	}
	if g.rnd.Intn(4) == 0 {
		g.mutate(out) // an evil merge: changes of its own
	}
	return out
}
