package search

import (
	"context"
	"errors"
	"fmt"
	"regexp"

	"sightline/repo"
)

// Candidates returns the entries of root whose indexed trigrams admit re,
// and the directories past the depth cap (which Grep reports), in the
// tree's order, without reading any content: for a caller that reads
// the candidates from the repository itself and keeps only true matches
// (the symbol tagger). all reports that the index cannot narrow re; the
// caller must then consider every file.
//
// It checks more than GrepIndexed does, since it reads no content to
// check: the whole tree is walked once and every file of it must be in
// the index's file list, in order, with its blob id, and nothing else
// may be (ErrIndexInvalid otherwise). So an index of another tree, even
// one relabelled with this tree's id, cannot leave out a file that
// changed; the postings of an unchanged file were built from that very
// blob and are covered by the table's checksums.
func (x *Index) Candidates(ctx context.Context, r *repo.Repo, root repo.Hash, re *regexp.Regexp) (cands []Candidate, all bool, err error) {
	if x.tree != root {
		return nil, false, fmt.Errorf("%w (index of tree %s, searching %s)", ErrIndexInvalid, x.tree.Short(), root.Short())
	}
	ids, all, err := queryFor(re).eval(x)
	if err != nil || all {
		return nil, all, err
	}
	ids = mergeIDs(ids, x.tooDeep)
	k := 0 // the next file of the index the walk must meet
	err = r.WalkFiles(ctx, root, func(e repo.Entry) error {
		deep := e.Kind == repo.KindError && errors.Is(e.Err, repo.ErrTooDeep)
		if !deep && e.Kind != repo.KindFile && e.Kind != repo.KindExec {
			if e.Kind == repo.KindError {
				// The index is built only of a tree that reads whole.
				return fmt.Errorf("%w (%q is unreadable in the tree)", ErrIndexInvalid, e.Path)
			}
			return nil
		}
		if k == len(x.files) || x.files[k].path != e.Path || x.files[k].hash != e.Hash || x.files[k].tooDeep != deep {
			return fmt.Errorf("%w (%q differs from the tree)", ErrIndexInvalid, e.Path)
		}
		if len(ids) > 0 && ids[0] == uint32(k) {
			cands = append(cands, Candidate{e, uint32(k)})
			ids = ids[1:]
		}
		k++
		return nil
	})
	if err != nil {
		return nil, false, err
	}
	if k != len(x.files) {
		return nil, false, fmt.Errorf("%w (it lists %d files, the tree %d)", ErrIndexInvalid, len(x.files), k)
	}
	return cands, false, nil
}

// Candidate is a file Candidates found: the tree's entry, and where the
// index keeps its content.
type Candidate struct {
	repo.Entry
	file uint32
}
