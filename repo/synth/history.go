package synth

import (
	"bytes"
	"fmt"
	"path"
	"strings"

	"github.com/go-git/go-git/v5/plumbing"
)

var verbs = strings.Fields("fix add remove rework handle check clean simplify guard document")

// history writes commits until there are m, mixing small edits (the
// bulk), renames, file churn, merges of short topic branches and a few
// tree-wide refactors at fixed points.
func (g *gen) history(m int) error {
	nRef := 3 + m/5000
	refAt := make([]int, nRef)
	for j := range refAt {
		refAt[j] = (j + 1) * m / (nRef + 1)
	}
	next := 0
	for g.commits < m {
		if g.base.IsZero() && g.commits >= max(1, m/4) {
			g.base = g.head
		}
		var err error
		switch r := g.rng.IntN(1000); {
		case next < nRef && g.commits >= refAt[next]:
			err = g.refactor(next%2 == 1)
			next++
		case (r < 20 || g.shape.extraMerge(g.commits, r)) && m-g.commits >= 3:
			err = g.merge()
		case r < 50:
			err = g.rename()
		case r < 70:
			err = g.churn()
		default:
			err = g.smallEdit()
		}
		if err != nil {
			return fmt.Errorf("commit %d: %w", g.commits+1, err)
		}
	}
	if g.base.IsZero() {
		g.base = g.head
	}
	return nil
}

// editPath replaces the file at p with one small hunk applied, stored as
// a delta against its previous version.
func (g *gen) editPath(p string, grow int) error {
	f := g.root.lookup(p)
	l := g.byExt[path.Ext(p)]
	if f == nil || l == nil {
		return fmt.Errorf("edit %q: not a text file in the tree", p)
	}
	data := l.edit(g.rng, f.data, grow)
	h, err := g.pack.put(plumbing.BlobObject, data, f.hash, f.data)
	if err != nil {
		return err
	}
	return g.root.setFile(p, &file{data: data, hash: h, exec: f.exec})
}

// smallEditPaths picks the files of an ordinary commit: one to five, and
// now and then the often-edited blame file or a generated file.
func (g *gen) smallEditPaths() []string {
	k := 1 + min(g.rng.IntN(3), g.rng.IntN(5))
	ps := g.textPaths(k, nil)
	if g.rng.IntN(100) < g.shape.hotEdits() {
		ps = append(ps, BlameFile)
	}
	if g.rng.IntN(300) == 0 {
		ps = append(ps, MediumFile)
	}
	if g.rng.IntN(2000) == 0 {
		ps = append(ps, LongFile, MiBFile)
	}
	return ps
}

func (g *gen) applyEdits(ps []string) error {
	for _, p := range ps {
		grow := 0
		if p == BlameFile {
			switch n := bytes.Count(g.root.lookup(p).data, []byte{'\n'}); {
			case n < blameLines-50:
				grow = 1
			case n > blameLines+50:
				grow = -1
			}
		}
		if err := g.editPath(p, grow); err != nil {
			return err
		}
	}
	return nil
}

func (g *gen) message(ps []string) string {
	area := strings.SplitN(ps[0], "/", 3)
	subject := area[0]
	if len(area) > 2 {
		subject = area[0] + "/" + area[1]
	}
	return fmt.Sprintf("%s: %s %s %s\n\nTouches %d file(s).", subject, verbs[g.rng.IntN(len(verbs))], word(g.rng), word(g.rng), len(ps))
}

func (g *gen) smallEdit() error {
	ps := g.smallEditPaths()
	if err := g.applyEdits(ps); err != nil {
		return err
	}
	return g.commit(g.message(ps), g.head)
}

// rename moves one file, to another directory half of the time, and
// edits it a little half of the time (git still pairs it as a rename).
func (g *gen) rename() error {
	ps := g.textPaths(1, nil)
	if len(ps) == 0 {
		return g.smallEdit()
	}
	from := ps[0]
	d := path.Dir(from)
	if g.rng.IntN(2) == 0 {
		d = g.dirs[g.rng.IntN(len(g.dirs))]
	}
	to := g.freePath(d, path.Ext(from))
	f, err := g.root.removeFile(from)
	if err != nil {
		return err
	}
	g.dropPath(from)
	if err := g.root.setFile(to, f); err != nil {
		return err
	}
	g.pathIdx[to] = len(g.paths)
	g.paths = append(g.paths, to)
	if g.rng.IntN(2) == 0 {
		if err := g.editPath(to, 0); err != nil {
			return err
		}
	}
	return g.commit(fmt.Sprintf("Move %s to %s", from, to), g.head)
}

// freePath makes an unused path in d with extension ext.
func (g *gen) freePath(d, ext string) string {
	for i := 0; ; i++ {
		name := word(g.rng) + "_" + word(g.rng)
		if i > 3 {
			name += fmt.Sprint(g.rng.IntN(10000))
		}
		p := d + "/" + name + ext
		if _, taken := g.pathIdx[p]; !taken && !g.isDir(p) {
			return p
		}
	}
}

// churn adds one new file and deletes another, keeping the count steady.
func (g *gen) churn() error {
	ps := g.textPaths(1, nil)
	if len(ps) == 0 {
		return g.smallEdit()
	}
	d := g.dirs[g.rng.IntN(len(g.dirs))]
	p := g.newName(d, false)
	if err := g.addFile(p, g.dirLang[d].text(g.rng, p, textSize(g.rng), 0), false); err != nil {
		return err
	}
	if _, err := g.root.removeFile(ps[0]); err != nil {
		return err
	}
	g.dropPath(ps[0])
	return g.commit(fmt.Sprintf("Add %s, remove %s", p, ps[0]), g.head)
}

// merge makes a topic commit and a mainline commit from the same parent,
// on disjoint files, then merges them: three commits.
func (g *gen) merge() error {
	g.seq++
	fork := g.head
	side := g.smallEditPaths()
	avoid := map[string]bool{}
	old := map[string]*file{}
	for _, p := range side {
		avoid[p] = true
		old[p] = g.root.lookup(p)
	}
	if err := g.applyEdits(side); err != nil {
		return err
	}
	topic, err := g.commitObject(g.message(side), fork)
	if err != nil {
		return err
	}
	edited := map[string]*file{}
	for _, p := range side {
		edited[p] = g.root.lookup(p)
		if err := g.root.setFile(p, old[p]); err != nil {
			return err
		}
	}
	mainPaths := g.textPaths(1+g.rng.IntN(3), avoid)
	if err := g.applyEdits(mainPaths); err != nil {
		return err
	}
	if err := g.commit(g.message(mainPaths), fork); err != nil {
		return err
	}
	for _, p := range side {
		if err := g.root.setFile(p, edited[p]); err != nil {
			return err
		}
	}
	return g.commit(fmt.Sprintf("Merge branch 'topic-%d'", g.seq), g.head, topic)
}

// refactor is a tree-wide change: an identifier renamed in hundreds of
// files, or (moveDir) a whole directory moved elsewhere.
func (g *gen) refactor(moveDir bool) error {
	g.seq++
	if moveDir {
		if from, to, ok := g.pickDirMove(); ok {
			if err := g.moveDir(from, to); err != nil {
				return err
			}
			return g.commit(fmt.Sprintf("Move %s to %s", from, to), g.head)
		}
	}
	k := min(len(g.paths)/3, 150+g.rng.IntN(250))
	ps := g.textPaths(k, nil)
	if err := g.applyEdits(ps); err != nil {
		return err
	}
	return g.commit(fmt.Sprintf("treewide: rename %s to %s\n\nTouches %d files.", ident(g.rng), ident(g.rng), len(ps)), g.head)
}

// pickDirMove finds a directory with many files (none of the special
// ones) whose parent keeps other entries, and a free place for it under
// another top-level directory.
func (g *gen) pickDirMove() (string, string, bool) {
	for tries := 0; tries < 200; tries++ {
		from := g.dirs[g.rng.IntN(len(g.dirs))]
		if !strings.Contains(from, "/") || strings.HasPrefix(BlameFile, from+"/") || strings.HasPrefix(LongFile, from+"/") {
			continue
		}
		if g.shape.BigDir > 0 && (from == bigDirPath || strings.HasPrefix(bigDirPath, from+"/")) {
			continue // the big directory stays where the benchmark looks for it
		}
		n := 0
		for _, p := range g.paths {
			if strings.HasPrefix(p, from+"/") {
				n++
			}
		}
		parent, name, err := g.root.walkNoMark(from)
		if err != nil || parent.dirs[name] == nil || len(parent.dirs)+len(parent.files) < 2 || n < 20 {
			continue
		}
		top := topDirs[g.rng.IntN(len(topDirs))]
		if strings.HasPrefix(from, top+"/") {
			continue
		}
		to := top + "/" + path.Base(from) + "_" + word(g.rng)
		if g.hasDir(to) {
			continue
		}
		return from, to, true
	}
	return "", "", false
}

func (g *gen) hasDir(d string) bool {
	for _, x := range g.dirs {
		if x == d || strings.HasPrefix(x, d+"/") {
			return true
		}
	}
	return false
}

// moveDir moves a directory in the model and renames every path under it.
func (g *gen) moveDir(from, to string) error {
	if err := g.root.moveDir(from, to); err != nil {
		return err
	}
	for i, p := range g.paths {
		if rest, ok := strings.CutPrefix(p, from+"/"); ok {
			np := to + "/" + rest
			delete(g.pathIdx, p)
			g.paths[i] = np
			g.pathIdx[np] = i
		}
	}
	for i, d := range g.dirs {
		if d == from || strings.HasPrefix(d, from+"/") {
			nd := to + d[len(from):]
			g.dirs[i] = nd
			g.dirLang[nd] = g.dirLang[d]
		}
	}
	return nil
}
