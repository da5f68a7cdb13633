package artifact

import (
	"context"
	"fmt"
	"path"
	"sort"
	"strings"

	"sightline/repo"
)

// Class says how a member compares with the tree at the pin.
type Class uint8

// The classes, riskiest first: a modified copy of a well-known upstream
// file is where a backdoor hides best (the xz-utils build-to-host.m4).
const (
	ClassModifiedUpstream Class = iota // only in the archive, named like a catalogued file, content matching none
	ClassDiffers                       // content differs from the tree at the same path
	ClassUnknown                       // only in the archive, not in the catalogue
	ClassMode                          // same content, but the executable bit or symlink-vs-file differs
	ClassKnownUpstream                 // only in the archive, the same content as a catalogued file of that name
	ClassNotShipped                    // only in the tree
	ClassIdentical                     // the same content and mode as the tree
)

var classNames = [...]string{
	ClassModifiedUpstream: "modified upstream", ClassDiffers: "differs", ClassUnknown: "unknown",
	ClassMode: "mode differs", ClassKnownUpstream: "known upstream", ClassNotShipped: "not shipped",
	ClassIdentical: "identical",
}

// String names the class for reports.
func (c Class) String() string {
	if int(c) < len(classNames) {
		return classNames[c]
	}
	return fmt.Sprintf("class(%d)", c)
}

// Result is one path of the comparison. Member is nil for a path only in
// the tree, Tree for one only in the archive. Closest is, for a modified
// upstream file, the catalogued version it is nearest to.
type Result struct {
	Path    string
	Class   Class
	Member  *Member
	Tree    *repo.Entry
	Note    string
	Closest *KnownFile
}

// Report is an archive compared with a tree: Results riskiest first.
type Report struct {
	Archive *Archive
	Pin     repo.Pin
	Results []Result
}

// Count returns how many results have class c.
func (r *Report) Count(c Class) int {
	n := 0
	for _, res := range r.Results {
		if res.Class == c {
			n++
		}
	}
	return n
}

// Clean reports whether every member is identical to the tree and
// nothing about the archive is hostile. Paths only in the tree (not
// shipped) do not count against it.
func (r *Report) Clean() bool {
	if r.Archive.Err != nil || len(r.Archive.Findings) > 0 {
		return false
	}
	for _, res := range r.Results {
		if res.Class != ClassIdentical && res.Class != ClassNotShipped {
			return false
		}
	}
	return true
}

// Compare classifies every member of a against the tree at pin, and the
// members the tree lacks against cat (which may be nil). A stripped
// top-level directory that the tree also has at its top is put back.
func Compare(ctx context.Context, r *repo.Repo, pin repo.Pin, a *Archive, cat *Catalogue) (*Report, error) {
	tree := map[string]repo.Entry{}
	var order []string
	err := r.WalkFiles(ctx, pin.Tree, func(e repo.Entry) error {
		tree[e.Path] = e
		order = append(order, e.Path)
		return nil
	})
	if err != nil {
		return nil, err
	}
	keepPrefix(a, tree)
	// The last member of a path wins, as on extraction.
	last := map[string]int{}
	for i, m := range a.Members {
		if m.Type != TypeDir && m.Path != "" {
			last[m.Path] = i
		}
	}
	rep := &Report{Archive: a, Pin: pin}
	for i := range a.Members {
		m := &a.Members[i]
		if j, ok := last[m.Path]; !ok || j != i {
			continue
		}
		if e, ok := tree[m.Path]; ok {
			rep.Results = append(rep.Results, compareEntry(m, e))
		} else {
			rep.Results = append(rep.Results, cat.classify(m))
		}
	}
	for _, p := range order {
		if _, ok := last[p]; !ok {
			e := tree[p]
			rep.Results = append(rep.Results, Result{Path: p, Class: ClassNotShipped, Tree: &e, Note: notShippedNote(e)})
		}
	}
	sort.SliceStable(rep.Results, func(i, j int) bool {
		ri, rj := rep.Results[i], rep.Results[j]
		if ri.Class != rj.Class {
			return ri.Class < rj.Class
		}
		return ri.Path < rj.Path
	})
	return rep, nil
}

// keepPrefix puts the shared top-level directory back when the tree has
// a top-level directory of that name: the archive then holds part of the
// tree ("m4/..."), not a release directory ("name-1.2/...").
func keepPrefix(a *Archive, tree map[string]repo.Entry) {
	if a.Prefix == "" {
		return
	}
	for p := range tree {
		if strings.HasPrefix(p, a.Prefix+"/") {
			for i := range a.Members {
				a.Members[i].Path = cleanName(a.Members[i].Name)
			}
			a.Prefix = ""
			return
		}
	}
}

func notShippedNote(e repo.Entry) string {
	switch e.Kind {
	case repo.KindSubmodule:
		return "a submodule in the tree"
	case repo.KindError:
		return "could not be read in the tree: " + e.Err.Error()
	}
	return ""
}

// compareEntry compares a member with the tree entry at its path.
func compareEntry(m *Member, e repo.Entry) Result {
	res := Result{Path: m.Path, Member: m, Tree: &e}
	switch {
	case e.Kind == repo.KindError:
		res.Class, res.Note = ClassDiffers, "the tree entry could not be read: "+e.Err.Error()
		return res
	case e.Kind == repo.KindSubmodule:
		res.Class, res.Note = ClassDiffers, "a submodule in the tree, a "+m.Type.String()+" in the archive"
		return res
	case !m.HasContent():
		res.Class, res.Note = ClassDiffers, "a "+m.Type.String()+" in the archive, a "+e.Kind.String()+" in the tree"
		return res
	}
	mk := memberKind(m)
	switch {
	case m.Blob != e.Hash:
		res.Class = ClassDiffers
		if mk != e.Kind {
			res.Note = fmt.Sprintf("also %s in the archive, %s in the tree", mk, e.Kind)
		}
	case mk != e.Kind:
		res.Class, res.Note = ClassMode, fmt.Sprintf("%s in the archive, %s in the tree", mk, e.Kind)
	default:
		res.Class = ClassIdentical
	}
	return res
}

// memberKind is the tree kind a member would be committed as.
func memberKind(m *Member) repo.Kind {
	switch {
	case m.Type == TypeSymlink:
		return repo.KindSymlink
	case m.Mode&0o111 != 0:
		return repo.KindExec
	}
	return repo.KindFile
}

// generatedNames are files that autotools and friends generate into a
// release: they cannot match the tree, and are where a build backdoor is
// easiest to hide, so they are called out among the unknown files.
var generatedNames = map[string]bool{
	"configure": true, "Makefile.in": true, "aclocal.m4": true, "config.h.in": true,
	"config.guess": true, "config.sub": true, "ltmain.sh": true, "install-sh": true,
	"missing": true, "depcomp": true, "compile": true, "test-driver": true, "ar-lib": true,
	"py-compile": true, "ylwrap": true, "mkinstalldirs": true, "libtool": true,
}

// LooksGenerated reports a member named like a generated build file.
func LooksGenerated(p string) bool { return generatedNames[path.Base(p)] }

// classify sorts a member the tree does not have by the catalogue.
func (c *Catalogue) classify(m *Member) Result {
	res := Result{Path: m.Path, Member: m, Class: ClassUnknown}
	if LooksGenerated(m.Path) {
		res.Note = "looks generated"
	}
	if !m.HasContent() || c == nil {
		return res
	}
	known := c.Named(path.Base(m.Path))
	if len(known) == 0 {
		return res
	}
	for i := range known {
		if known[i].Blob == m.Blob {
			res.Class, res.Closest, res.Note = ClassKnownUpstream, &known[i], ""
			return res
		}
	}
	res.Class, res.Closest, res.Note = ClassModifiedUpstream, closest(known, m), ""
	return res
}

// closest picks the catalogued version nearest to m: the same serial
// line first, then the nearest size.
func closest(known []KnownFile, m *Member) *KnownFile {
	best := -1
	score := func(k KnownFile) (bool, int64) {
		d := k.Size - m.Size
		if d < 0 {
			d = -d
		}
		return m.Serial != "" && k.Serial == m.Serial, d
	}
	for i := range known {
		if best < 0 {
			best = i
			continue
		}
		si, di := score(known[i])
		sb, db := score(known[best])
		if si && !sb || si == sb && di < db {
			best = i
		}
	}
	return &known[best]
}
