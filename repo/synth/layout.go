package synth

import (
	"fmt"
	"io"
	"math"
	"math/rand/v2"
	"path"
	"sort"
	"strings"
	"time"

	"github.com/go-git/go-git/v5/plumbing"
	"github.com/go-git/go-git/v5/plumbing/object"
)

// Well-known paths the harness measures; every generated repository has
// them whatever its size.
const (
	BlameFile  = "src/core/engine.go" // 5,000 lines, edited often: blame and history
	MediumFile = "src/core/server.go" // 1,000 lines: open and highlight
	MiBFile    = "gen/tables_gen.go"  // 1 MiB generated file
	LongFile   = "gen/opcodes_gen.go" // 50,000-line generated file: scrolling
	BaseTag    = "mkrepo-base"        // a commit a quarter of the way into history
	blameLines = 5000
)

var topDirs = strings.Fields("arch drivers fs include kernel lib net src tools docs tests vendor")

var binaryExts = []string{".png", ".bin", ".ico", ".so"}

// gen holds the whole state of one generation run.
type gen struct {
	rng     *rand.Rand
	langs   []*lang
	byExt   map[string]*lang
	root    *dir
	pack    *packWriter
	paths   []string // every file at the current commit
	pathIdx map[string]int
	dirs    []string // directories that take new files
	dirLang map[string]*lang
	clock   time.Time
	authors []object.Signature
	head    plumbing.Hash
	commits int
	base    plumbing.Hash
	seq     int // names topic branches and refactors
	shape   Shape
}

func newGen(seed uint64, pack *packWriter) *gen {
	rng := rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15))
	g := &gen{
		rng: rng, root: newDir(), pack: pack, pathIdx: map[string]int{},
		byExt: map[string]*lang{}, dirLang: map[string]*lang{},
		clock: time.Date(2015, 1, 1, 9, 0, 0, 0, time.UTC).Add(time.Duration(seed%365) * 24 * time.Hour),
	}
	g.langs = newLangs(rng)
	for _, l := range g.langs {
		for _, e := range l.exts {
			g.byExt[e] = l
		}
	}
	for i := range 40 {
		first, last := exported(rng), exported(rng)
		g.authors = append(g.authors, object.Signature{
			Name:  first + " " + last,
			Email: fmt.Sprintf("%s.%s%d@vendor.example", strings.ToLower(first), strings.ToLower(last), i),
		})
	}
	return g
}

// layoutDirs makes about n directories, nested up to six deep under a
// fixed set of top-level ones, each with a language its files mostly use.
func (g *gen) layoutDirs(n int) {
	seen := map[string]bool{}
	for _, d := range topDirs {
		g.dirs = append(g.dirs, d)
		seen[d] = true
		l := g.langs[g.rng.IntN(4)]
		if d == "docs" {
			l = g.langs[4]
		}
		g.dirLang[d] = l
	}
	for len(g.dirs) < n {
		parent := g.dirs[g.rng.IntN(len(g.dirs))]
		if strings.Count(parent, "/") >= 5 {
			continue
		}
		name := word(g.rng)
		if g.rng.IntN(3) == 0 {
			name += "_" + word(g.rng)
		}
		p := parent + "/" + name
		if seen[p] {
			continue
		}
		seen[p] = true
		g.dirs = append(g.dirs, p)
		l := g.dirLang[parent]
		if g.rng.IntN(5) == 0 {
			l = g.langs[g.rng.IntN(len(g.langs))]
		}
		g.dirLang[p] = l
	}
}

// addFile writes a new blob and places it at p.
func (g *gen) addFile(p string, data []byte, exec bool) error {
	h, err := g.pack.put(plumbing.BlobObject, data, plumbing.ZeroHash, nil)
	if err != nil {
		return err
	}
	if err := g.root.setFile(p, &file{data: data, hash: h, exec: exec}); err != nil {
		return err
	}
	if _, ok := g.pathIdx[p]; !ok {
		g.pathIdx[p] = len(g.paths)
		g.paths = append(g.paths, p)
	}
	return nil
}

// dropPath forgets p in the random-choice list (swap with the last).
func (g *gen) dropPath(p string) {
	i, ok := g.pathIdx[p]
	if !ok {
		return
	}
	last := g.paths[len(g.paths)-1]
	g.paths[i] = last
	g.pathIdx[last] = i
	g.paths = g.paths[:len(g.paths)-1]
	delete(g.pathIdx, p)
}

// newName picks a file name in dir d that is not taken yet.
func (g *gen) newName(d string, binary bool) string {
	l := g.dirLang[d]
	for i := 0; ; i++ {
		name := word(g.rng)
		if g.rng.IntN(2) == 0 {
			name += "_" + word(g.rng)
		}
		if i > 3 {
			name += fmt.Sprint(g.rng.IntN(1000))
		}
		if binary {
			name += binaryExts[g.rng.IntN(len(binaryExts))]
		} else {
			name += l.exts[g.rng.IntN(len(l.exts))]
		}
		p := d + "/" + name
		if _, taken := g.pathIdx[p]; !taken && !g.isDir(p) {
			return p
		}
	}
}

func (g *gen) isDir(p string) bool {
	parent, name, err := g.root.walkNoMark(p)
	return err == nil && parent.dirs[name] != nil
}

// initial writes the first commit: the special files and n files in all.
func (g *gen) initial(n int) error {
	g.layoutDirs(max(len(topDirs), n/25))
	goLang := g.byExt[".go"]
	specials := []struct {
		path        string
		size, lines int
	}{
		{BlameFile, 0, blameLines},
		{MediumFile, 0, 1000},
		{MiBFile, 1 << 20, 0},
		{LongFile, 0, 50000},
	}
	for _, s := range specials {
		if err := g.addFile(s.path, goLang.text(g.rng, s.path, s.size, s.lines), false); err != nil {
			return err
		}
	}
	for _, f := range []string{"README.md", "Makefile"} {
		if err := g.addFile(f, g.langs[4].text(g.rng, f, textSize(g.rng), 0), false); err != nil {
			return err
		}
	}
	if err := g.bigDir(n); err != nil {
		return err
	}
	for len(g.paths) < n {
		d := g.dirs[g.rng.IntN(len(g.dirs))]
		if g.rng.IntN(100) == 0 {
			size := int(1024 * math.Exp(g.rng.Float64()*math.Log(64)))
			if err := g.addFile(g.newName(d, true), binaryBlob(g.rng, size), false); err != nil {
				return err
			}
			continue
		}
		p := g.newName(d, false)
		data := g.dirLang[d].text(g.rng, p, textSize(g.rng), 0)
		if err := g.addFile(p, data, g.rng.IntN(50) == 0); err != nil {
			return err
		}
	}
	return g.commit("Initial import", g.head)
}

// commit writes the tree of the working model and a commit on top of
// parents (the zero hash means none), and moves head to it.
func (g *gen) commit(msg string, parents ...plumbing.Hash) error {
	h, err := g.commitObject(msg, parents...)
	if err != nil {
		return err
	}
	g.head = h
	return nil
}

func (g *gen) commitObject(msg string, parents ...plumbing.Hash) (plumbing.Hash, error) {
	tree, err := g.root.write(g.pack)
	if err != nil {
		return plumbing.ZeroHash, err
	}
	g.clock = g.clock.Add(time.Duration(1+g.rng.IntN(240)) * time.Minute)
	author := g.authors[g.rng.IntN(len(g.authors))]
	author.When = g.clock
	c := &object.Commit{Author: author, Committer: author, Message: msg + "\n", TreeHash: tree}
	for _, p := range parents {
		if !p.IsZero() {
			c.ParentHashes = append(c.ParentHashes, p)
		}
	}
	obj := &plumbing.MemoryObject{}
	if err := c.Encode(obj); err != nil {
		return plumbing.ZeroHash, err
	}
	r, err := obj.Reader()
	if err != nil {
		return plumbing.ZeroHash, err
	}
	data, err := io.ReadAll(r)
	if err != nil {
		return plumbing.ZeroHash, err
	}
	h, err := g.pack.put(plumbing.CommitObject, data, plumbing.ZeroHash, nil)
	if err != nil {
		return plumbing.ZeroHash, err
	}
	g.commits++
	return h, nil
}

// textPaths picks k distinct text files (never the special ones unless
// asked), in a deterministic order.
func (g *gen) textPaths(k int, avoid map[string]bool) []string {
	picked := map[string]bool{}
	var out []string
	for tries := 0; len(out) < k && tries < 20*k+100; tries++ {
		p := g.paths[g.rng.IntN(len(g.paths))]
		if picked[p] || avoid[p] || g.byExt[path.Ext(p)] == nil || isSpecial(p) {
			continue
		}
		picked[p] = true
		out = append(out, p)
	}
	sort.Strings(out)
	return out
}

func isSpecial(p string) bool {
	return p == BlameFile || p == MediumFile || p == MiBFile || p == LongFile
}
