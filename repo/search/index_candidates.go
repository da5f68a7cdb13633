package search

import (
	"context"
	"errors"
	"fmt"
	"path"
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
	err = x.walkChecked(ctx, r, root, func(k uint32, e repo.Entry) {
		if len(ids) > 0 && ids[0] == k {
			cands = append(cands, Candidate{e, k})
			ids = ids[1:]
		}
	})
	if err != nil {
		return nil, false, err
	}
	return cands, false, nil
}

// Unchecked returns the candidates for re as the index lists them, before
// the walk Candidates makes has checked the list against root, so that a
// caller may read and tag them while Check walks the tree. Each Read still
// checks what it returns against the listed blob id; nothing made from
// them may be shown before Check has passed. ok is false when the index
// cannot narrow re, is of another tree, or lists a directory past the
// depth cap (whose entry only the walk gives): take Candidates then.
func (x *Index) Unchecked(root repo.Hash, re *regexp.Regexp) (cands []Candidate, ok bool) {
	if x.tree != root || len(x.tooDeep) > 0 {
		return nil, false
	}
	ids, all, err := queryFor(re).eval(x)
	if err != nil || all {
		return nil, false
	}
	cands = make([]Candidate, len(ids))
	for i, k := range ids {
		f := x.files[k]
		cands[i] = Candidate{repo.Entry{Name: path.Base(f.path), Path: f.path, Kind: repo.KindFile, Hash: f.hash}, k}
	}
	return cands, true
}

// Check is the walk Candidates makes: it fails with ErrIndexInvalid
// unless the index lists exactly root's files, in order, with their blob
// ids. Safe to run beside Reads of the index.
func (x *Index) Check(ctx context.Context, r *repo.Repo, root repo.Hash) error {
	if x.tree != root {
		return fmt.Errorf("%w (index of tree %s, searching %s)", ErrIndexInvalid, x.tree.Short(), root.Short())
	}
	return x.walkChecked(ctx, r, root, nil)
}

// walkChecked walks root, checks each file against the index's list and
// passes it to each (when set) with its place in the list.
func (x *Index) walkChecked(ctx context.Context, r *repo.Repo, root repo.Hash, each func(k uint32, e repo.Entry)) error {
	k := 0 // the next file of the index the walk must meet
	err := r.WalkFiles(ctx, root, func(e repo.Entry) error {
		f, ok, err := treeFileOf(e)
		if !ok || err != nil {
			return err
		}
		if err := x.isListed(k, f); err != nil {
			return err
		}
		if each != nil {
			each(uint32(k), e)
		}
		k++
		return nil
	})
	if err != nil {
		return err
	}
	return x.listsNoMore(k)
}

// treeFile is what the check compares of a file of the tree.
type treeFile struct {
	path string
	hash repo.Hash
	deep bool // a directory past the depth cap, which the index lists unread
}

// treeFileOf is e as the check sees it: ok is false for an entry that is
// not a file (a directory, a symbolic link, a submodule); an unreadable
// directory is an error, since the index is built only of a tree that
// reads whole.
func treeFileOf(e repo.Entry) (f treeFile, ok bool, err error) {
	deep := e.Kind == repo.KindError && errors.Is(e.Err, repo.ErrTooDeep)
	if !deep && e.Kind != repo.KindFile && e.Kind != repo.KindExec {
		if e.Kind == repo.KindError {
			return treeFile{}, false, fmt.Errorf("%w (%q is unreadable in the tree)", ErrIndexInvalid, e.Path)
		}
		return treeFile{}, false, nil
	}
	return treeFile{e.Path, e.Hash, deep}, true, nil
}

// isListed fails unless f is the index's k-th file.
func (x *Index) isListed(k int, f treeFile) error {
	if k == len(x.files) || x.files[k].path != f.path || x.files[k].hash != f.hash || x.files[k].tooDeep != f.deep {
		return fmt.Errorf("%w (%q differs from the tree)", ErrIndexInvalid, f.path)
	}
	return nil
}

// listsNoMore fails unless the index lists n files.
func (x *Index) listsNoMore(n int) error {
	if n != len(x.files) {
		return fmt.Errorf("%w (it lists %d files, the tree %d)", ErrIndexInvalid, len(x.files), n)
	}
	return nil
}

// Candidate is a file Candidates found: the tree's entry, and where the
// index keeps its content.
type Candidate struct {
	repo.Entry
	file uint32
}
