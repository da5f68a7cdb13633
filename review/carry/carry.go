package carry

import (
	"context"
	"fmt"
	"slices"

	"sightline/repo"
	"sightline/review"
)

// Rules, strictest first.
const (
	RuleExact   = "exact"
	RuleDiff    = "diff"
	RuleContext = "context"
	RuleHash    = "hash"
)

// Step is the verdict on one step of one finding.
type Step struct {
	Finding string // finding id
	Index   int    // 0-based step index
	review.Carried
	To review.Location // where the step is now (the old location when gone)
}

// Rename is a reviewed file kept through a rename with the same blob.
type Rename struct {
	From string `json:"from"`
	To   string `json:"to"`
}

// Coverage is what became of the reviewed marks.
type Coverage struct {
	Kept    []review.ReviewedFile // at the new pin, under the new path
	Renamed []Rename              // among Kept: the file was renamed, same blob
	Changed []string              // old paths whose content changed or went away
}

// Result is a carried review.
type Result struct {
	Findings []review.Finding // with carried steps; status needs-re-review when a step changed or went
	Steps    []Step           // in finding then step order
	Coverage Coverage
	Counts   map[string]int // steps per verdict
}

// Carry carries findings and reviewed marks made at from (steps may sit
// at other commits, such as a diff review's base) to the pin to.
func Carry(ctx context.Context, r *repo.Repo, from, to repo.Pin, findings []review.Finding, reviewed []review.ReviewedFile) (*Result, error) {
	return CarryWithArchives(ctx, r, from, to, findings, reviewed, Archives{})
}

// CarryWithArchives is Carry that also places steps on release-archive
// members in the new release's archive (a.New), by the same rules.
func CarryWithArchives(ctx context.Context, r *repo.Repo, from, to repo.Pin, findings []review.Finding, reviewed []review.ReviewedFile, a Archives) (*Result, error) {
	c := newCarrier(ctx, r, to)
	c.archives = a
	res := &Result{Counts: map[string]int{}}
	for _, f := range findings {
		g := f.Clone()
		reReview := false
		for i, st := range f.Steps {
			cr, loc, err := c.step(st.Location)
			if err != nil {
				return nil, fmt.Errorf("finding %s step %d: %w", f.ID, i+1, err)
			}
			g.Steps[i].Location, g.Steps[i].Carried = loc, &cr
			res.Steps = append(res.Steps, Step{Finding: f.ID, Index: i, Carried: cr, To: loc})
			res.Counts[cr.Verdict]++
			reReview = reReview || cr.Verdict == review.VerdictChanged || cr.Verdict == review.VerdictGone
		}
		if reReview {
			g.Status = review.StatusNeedsReReview
		}
		res.Findings = append(res.Findings, g)
	}
	cov, err := c.coverage(from.Commit, reviewed)
	if err != nil {
		return nil, err
	}
	res.Coverage = cov
	return res, nil
}

// carrier holds what one carry reads, so each diff and blob is read once.
type carrier struct {
	ctx      context.Context
	r        *repo.Repo
	to       repo.Pin
	changes  map[repo.Hash]map[string]repo.FileChange // by source commit, by old path
	lists    map[repo.Hash][]repo.FileChange          // by source commit, as DiffTrees gives them
	lines    map[repo.Hash][][]byte
	maps     map[[2]repo.Hash]*lineMap
	added    map[repo.Hash]*newIndex // by source commit
	archives Archives
}

func newCarrier(ctx context.Context, r *repo.Repo, to repo.Pin) *carrier {
	return &carrier{ctx: ctx, r: r, to: to, changes: map[repo.Hash]map[string]repo.FileChange{}, lists: map[repo.Hash][]repo.FileChange{},
		lines: map[repo.Hash][][]byte{}, maps: map[[2]repo.Hash]*lineMap{}, added: map[repo.Hash]*newIndex{}}
}

// diff returns the changes from src to the new pin, keyed by old path
// (additions under their new path with an empty OldPath are left out).
func (c *carrier) diff(src repo.Hash) (map[string]repo.FileChange, error) {
	if m, ok := c.changes[src]; ok {
		return m, nil
	}
	list, err := c.r.DiffTrees(c.ctx, src, c.to.Commit, repo.DiffOptions{NamesOnly: true})
	if err != nil {
		return nil, fmt.Errorf("diff %s..%s: %w", src.Short(), c.to.Commit.Short(), err)
	}
	m := make(map[string]repo.FileChange, len(list))
	for _, ch := range list {
		if ch.OldPath != "" {
			m[ch.OldPath] = ch
		}
	}
	c.changes[src], c.lists[src] = m, list
	return m, nil
}

func (c *carrier) blobLines(h repo.Hash) ([][]byte, error) {
	if l, ok := c.lines[h]; ok {
		return l, nil
	}
	b, err := c.r.ReadBlob(c.ctx, h, -1)
	if err != nil {
		return nil, err
	}
	l := repo.SplitLines(b.Data)
	c.lines[h] = l
	return l, nil
}

func (c *carrier) lineMap(a, b repo.Hash) (*lineMap, error) {
	k := [2]repo.Hash{a, b}
	if m, ok := c.maps[k]; ok {
		return m, nil
	}
	al, err := c.blobLines(a)
	if err != nil {
		return nil, err
	}
	bl, err := c.blobLines(b)
	if err != nil {
		return nil, err
	}
	m := newLineMap(al, bl)
	c.maps[k] = m
	return m, nil
}

// isText reports whether a tree mode is a regular or executable file.
func isText(mode uint32) bool { return mode == 0o100644 || mode == 0o100755 }

// ReasonArchive is why a release-archive member's step is kept as gone
// when no new archive was given.
const ReasonArchive = "a release-archive member, not in the tree, and no new release archive was given: " +
	"carry it with --artifact NEW_ARCHIVE (or open the new release with --artifact)"

// step gives one location its verdict and its place at the new pin.
func (c *carrier) step(l review.Location) (review.Carried, review.Location, error) {
	cr := review.Carried{From: l}
	if l.Archive != nil { // a member of an archive, not a file of the tree
		return c.archiveStep(l)
	}
	src, err1 := repo.ParseHash(l.Commit)
	oldBlob, err2 := repo.ParseHash(l.Blob)
	if err1 != nil || err2 != nil {
		return cr, l, fmt.Errorf("location %s: bad commit or blob id", l)
	}
	changes, err := c.diff(src)
	if err != nil {
		return cr, l, err
	}
	ch, touched := changes[l.Path]
	if !touched { // same path, same blob: rule 1 without reading anything
		cr.Verdict, cr.Rule = review.VerdictUnchanged, RuleExact
		return cr, c.at(l.Path, oldBlob, l.StartLine, l.EndLine, l.LineHash), nil
	}
	old, err := c.blobLines(oldBlob)
	if err != nil {
		return cr, l, err
	}
	s, e := l.StartLine, l.EndLine
	if e > len(old) || hashLines(old, s, e) != l.LineHash {
		return cr, l, fmt.Errorf("location %s: its line hash does not match blob %s: the journal or the repository was damaged", l, l.Blob)
	}
	t := target{path: ch.NewPath, renamed: ch.Status == 'R', at: c.at}
	if ch.Status != 'D' && isText(ch.NewMode) {
		t.blob = ch.NewHash
	}
	// The index of added lines is read only when rules 1 and 2 fail.
	return c.place(cr, l, old, t, func() (*newIndex, error) { return c.newIndex(src) })
}

// target is where a step's file went at the new pin: its path, its blob
// (zero when it was deleted or is no text file), whether it was renamed,
// and how a location there is named (a tree file, an archive member).
type target struct {
	path    string
	blob    repo.Hash
	renamed bool
	at      func(path string, blob repo.Hash, s, e int, hash string) review.Location
}

// place runs rules 2 to 4 on a step whose file changed (old holds its old
// lines, checked against its line hash), then tells changed from gone.
// index gives where rules 3 and 4 look for the lines the diff added.
func (c *carrier) place(cr review.Carried, l review.Location, old [][]byte, t target, index func() (*newIndex, error)) (review.Carried, review.Location, error) {
	s, e := l.StartLine, l.EndLine
	var lm *lineMap
	var err error
	if !t.blob.IsZero() {
		if lm, err = c.lineMap(oldBlobOf(l), t.blob); err != nil {
			return cr, l, err
		}
		if n, ok := lm.clean(s, e); ok {
			cr.Renamed = t.path != l.Path
			cr.Verdict, cr.Rule = review.VerdictMoved, RuleDiff
			if !cr.Renamed && n == s {
				cr.Verdict, cr.Rule = review.VerdictUnchanged, RuleExact
			}
			return cr, t.at(t.path, t.blob, n, n+e-s, l.LineHash), nil
		}
	}
	dest := ""
	if !t.blob.IsZero() {
		dest = t.path
	}
	idx, err := index()
	if err != nil {
		return cr, l, err
	}
	p, rule, ok, err := c.find(idx, old, s, e, dest)
	if err != nil {
		return cr, l, err
	}
	if ok {
		f := idx.files[p.file]
		cr.Verdict, cr.Rule = review.VerdictMoved, rule
		cr.Renamed = f.path != l.Path && t.renamed && f.path == t.path
		return cr, t.at(f.path, f.blob, int(p.line), int(p.line)+e-s, l.LineHash), nil
	}
	if lm != nil {
		if ns, ne, ok := lm.region(s, e); ok {
			nl, _ := c.blobLines(t.blob)
			cr.Verdict, cr.Renamed = review.VerdictChanged, t.path != l.Path
			return cr, t.at(t.path, t.blob, ns, ne, hashLines(nl, ns, ne)), nil
		}
	}
	cr.Verdict = review.VerdictGone
	return cr, l, nil
}

// oldBlobOf is the step's blob id, already checked to parse.
func oldBlobOf(l review.Location) repo.Hash {
	h, _ := repo.ParseHash(l.Blob)
	return h
}

// at is a location at the new pin.
func (c *carrier) at(path string, blob repo.Hash, s, e int, hash string) review.Location {
	return review.Location{Commit: c.to.Commit.String(), Path: path, Blob: blob.String(),
		StartLine: s, EndLine: e, LineHash: hash}
}

// coverage keeps a reviewed mark whose blob is the same at the new pin
// (under a new path after a rename) and lists the others as changed.
func (c *carrier) coverage(from repo.Hash, reviewed []review.ReviewedFile) (Coverage, error) {
	var cov Coverage
	changes, err := c.diff(from)
	if err != nil {
		return cov, err
	}
	for _, f := range reviewed {
		ch, touched := changes[f.Path]
		switch {
		case !touched:
			cov.Kept = append(cov.Kept, f)
		case ch.Status == 'R' && ch.NewHash.String() == f.Blob:
			g := f
			g.Path = ch.NewPath
			cov.Kept = append(cov.Kept, g)
			cov.Renamed = append(cov.Renamed, Rename{From: f.Path, To: ch.NewPath})
		default:
			cov.Changed = append(cov.Changed, f.Path)
		}
	}
	slices.SortFunc(cov.Kept, func(a, b review.ReviewedFile) int { return cmpString(a.Path, b.Path) })
	slices.Sort(cov.Changed)
	return cov, nil
}

func cmpString(a, b string) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}
