package carry

import (
	"crypto/sha1"
	"fmt"
	"hash/maphash"

	"sightline/repo"
	"sightline/review"
)

// Archives is what carry reads for steps on members of release archives.
type Archives struct {
	// Old holds old member contents by git blob id (a step's
	// Location.Blob): read from the old release's archive. A step whose
	// blob is neither here nor in the repository is placed by its blob id
	// alone.
	Old map[repo.Hash][]byte
	// New is the new release's archive; nil keeps archive steps gone,
	// with ReasonArchive.
	New *NewArchive
}

// NewArchive is the new release's archive as carry needs it.
type NewArchive struct {
	Ref     review.ArchiveRef
	Members []Member // every member with content (files, hard links)
}

// Member is one member of the new archive. Content is nil when it was not
// read: only members at the paths the steps name are needed.
type Member struct {
	Path    string
	Blob    repo.Hash
	Content []byte
}

// ReasonNoOldBytes is why a step on an archive member that changed is
// called changed without a line mapping.
const ReasonNoOldBytes = "the old member's bytes are at hand neither from the old archive nor in the repository, " +
	"so its lines could not be mapped; pass the old release with --from-artifact"

// ReasonTooLarge is why a step on a member too large to read is gone.
const ReasonTooLarge = "the new release's member of that path was too large to read"

// archiveStep places a step on an archive member in the new archive by
// the same rules as a tree file: the member at the same path takes the
// place of the file at the new pin, and a member with the same blob under
// another path (when that path is gone) is the rename.
func (c *carrier) archiveStep(l review.Location) (review.Carried, review.Location, error) {
	cr := review.Carried{From: l}
	na := c.archives.New
	if na == nil {
		// No new archive: no tree rule may place it (a tree file of the
		// same path is another file), so it keeps its place, gone.
		cr.Verdict, cr.Reason = review.VerdictGone, ReasonArchive
		return cr, l, nil
	}
	oldBlob, err := repo.ParseHash(l.Blob)
	if err != nil {
		return cr, l, fmt.Errorf("location %s: bad blob id", l)
	}
	at := c.atMember(na.Ref)
	m := na.member(l.Path)
	switch {
	case m != nil && m.Blob == oldBlob: // rule 1: the member is untouched
		cr.Verdict, cr.Rule = review.VerdictUnchanged, RuleExact
		return cr, at(l.Path, oldBlob, l.StartLine, l.EndLine, l.LineHash), nil
	case m == nil:
		if p, ok := na.renamed(oldBlob); ok { // rule 2: a rename, same bytes
			cr.Verdict, cr.Rule, cr.Renamed = review.VerdictMoved, RuleDiff, true
			return cr, at(p, oldBlob, l.StartLine, l.EndLine, l.LineHash), nil
		}
		cr.Verdict = review.VerdictGone
		return cr, l, nil
	case m.Content == nil:
		cr.Verdict, cr.Reason = review.VerdictGone, ReasonTooLarge
		return cr, l, nil
	}
	newLines := repo.SplitLines(m.Content)
	c.lines[m.Blob] = newLines
	old := c.oldMember(oldBlob)
	if old == nil {
		// Without the old bytes no diff can say where the lines went, so
		// nothing may claim unchanged or moved: the step is changed and
		// points at the same line numbers, as far as the member reaches.
		if len(newLines) == 0 {
			cr.Verdict = review.VerdictGone
			return cr, l, nil
		}
		s, e := min(l.StartLine, len(newLines)), min(l.EndLine, len(newLines))
		cr.Verdict, cr.Reason = review.VerdictChanged, ReasonNoOldBytes
		return cr, at(m.Path, m.Blob, s, e, hashLines(newLines, s, e)), nil
	}
	if l.EndLine > len(old) || hashLines(old, l.StartLine, l.EndLine) != l.LineHash {
		return cr, l, fmt.Errorf("location %s: its line hash does not match member blob %s: the journal or the old archive was damaged", l, l.Blob)
	}
	t := target{path: m.Path, blob: m.Blob, at: at}
	// Rules 3 and 4 look among the lines the new member added.
	return c.place(cr, l, old, t, func() (*newIndex, error) {
		return indexOf(newFile{path: m.Path, blob: m.Blob, oldBlob: oldBlob, lines: newLines}), nil
	})
}

// member returns the new archive's member at path, or nil.
func (a *NewArchive) member(path string) *Member {
	for i := range a.Members {
		if a.Members[i].Path == path {
			return &a.Members[i]
		}
	}
	return nil
}

// renamed returns the one member with the blob, if exactly one has it:
// with several, which one took the old member's place is a guess.
func (a *NewArchive) renamed(blob repo.Hash) (string, bool) {
	path, n := "", 0
	for _, m := range a.Members {
		if m.Blob == blob {
			path, n = m.Path, n+1
		}
	}
	return path, n == 1
}

// oldMember returns the old member's lines from the old archive or the
// repository (an archive member is often a tree file too), checked
// against the blob id; nil when neither holds it.
func (c *carrier) oldMember(blob repo.Hash) [][]byte {
	if l, ok := c.lines[blob]; ok {
		return l
	}
	data, ok := c.archives.Old[blob]
	if !ok {
		b, err := c.r.ReadBlob(c.ctx, blob, -1)
		if err != nil {
			return nil
		}
		data = b.Data
	}
	if blobID(data) != blob {
		return nil
	}
	l := repo.SplitLines(data)
	c.lines[blob] = l
	return l
}

// atMember names locations in the new archive's members.
func (c *carrier) atMember(ref review.ArchiveRef) func(string, repo.Hash, int, int, string) review.Location {
	return func(path string, blob repo.Hash, s, e int, hash string) review.Location {
		l := c.at(path, blob, s, e, hash)
		r := ref
		l.Archive = &r
		return l
	}
}

// indexOf indexes files whose lines are already read.
func indexOf(files ...newFile) *newIndex {
	idx := &newIndex{seed: maphash.MakeSeed(), files: files, byKey: map[uint64][]pos{}}
	for n, f := range idx.files {
		for j, l := range f.lines {
			k := maphash.Bytes(idx.seed, l)
			idx.byKey[k] = append(idx.byKey[k], pos{int32(n), int32(j + 1)})
		}
	}
	return idx
}

// blobID is git's blob id of data, recomputed rather than trusted.
func blobID(data []byte) repo.Hash {
	h := sha1.New()
	fmt.Fprintf(h, "blob %d\x00", len(data))
	h.Write(data)
	var id repo.Hash
	copy(id[:], h.Sum(nil))
	return id
}
