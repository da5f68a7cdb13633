package repo

import "context"

// FileChange is one changed path between two commits, as one line of
// "git diff --name-status -M" / "--numstat -M" describes it.
type FileChange struct {
	// Status is 'A' added, 'M' modified (content or mode), 'D' deleted,
	// 'R' renamed (possibly with edits; see Similarity), 'T' type changed
	// (e.g. a regular file became a symlink).
	Status           byte
	OldPath, NewPath string // raw bytes; OldPath is "" for 'A', NewPath "" for 'D'
	OldHash, NewHash Hash   // ZeroHash on the missing side
	OldMode, NewMode uint32 // 0 on the missing side
	// Similarity is git's rename score in percent (100 for an exact
	// rename), 0 unless Status is 'R'.
	Similarity int
	// Binary is git's rule (a NUL in the first 8000 bytes of either
	// side); git prints "-" for its counts and so Added and Removed are 0.
	Binary bool
	// Added and Removed are the line counts "git diff --numstat" prints.
	Added, Removed int
}

// Path is the path to show for the change: the new path, or the old one
// for a deletion.
func (c FileChange) Path() string {
	if c.NewPath != "" {
		return c.NewPath
	}
	return c.OldPath
}

// DiffOptions tunes DiffTrees. The zero value is "git diff -M".
type DiffOptions struct {
	// NoRenames lists renames as a deletion plus an addition
	// ("git diff --no-renames").
	NoRenames bool
	// NamesOnly skips the line counts (Added, Removed, Binary stay zero),
	// which is what "--name-status" needs and much cheaper on big diffs.
	NamesOnly bool
	// Progress, when set, is called after each file's counts are made,
	// from the goroutines doing the work (one call at a time): it must
	// not block for long.
	Progress func(filesDone, filesTotal int)
}

// DiffLine is one line of a hunk.
type DiffLine struct {
	Kind             byte   // ' ' context, '+' added, '-' removed
	OldLine, NewLine int    // 1-based; 0 on the side the line is absent from
	Text             []byte // without the LF; raw, untrusted content
	NoEOL            bool   // the file ends on this line without an LF
}

// Hunk is one "@@ -OldStart,OldLines +NewStart,NewLines @@" block of a
// unified diff, with its lines.
type Hunk struct {
	OldStart, OldLines int
	NewStart, NewLines int
	Lines              []DiffLine
}

// DiffTrees lists what changed from commit base to commit head, in the
// order and with the statuses, renames and counts of
// "git diff --numstat -M base head" / "--name-status -M". Blobs are read
// only where a count or a similarity needs them. ctx cancels a long diff.
// A ZeroHash base stands for the empty tree, so a root commit's diff is
// DiffTrees(ctx, ZeroHash, root, opts).
func (r *Repo) DiffTrees(ctx context.Context, base, head Hash, opts DiffOptions) ([]FileChange, error) {
	bt, err := r.commitTree(ctx, base)
	if err != nil {
		return nil, err
	}
	ht, err := r.commitTree(ctx, head)
	if err != nil {
		return nil, err
	}
	var changes []FileChange
	if err := r.diffTree(ctx, bt, ht, "", 0, &changes); err != nil {
		return nil, err
	}
	if !opts.NoRenames {
		if changes, err = r.findRenames(ctx, changes); err != nil {
			return nil, err
		}
	}
	if !opts.NamesOnly {
		if err := r.countLines(ctx, changes, opts.Progress); err != nil {
			return nil, err
		}
	}
	return changes, nil
}

func (r *Repo) commitTree(ctx context.Context, h Hash) (Hash, error) {
	if h.IsZero() {
		return ZeroHash, nil // the empty tree
	}
	c, err := r.ReadCommit(ctx, h)
	if err != nil {
		return ZeroHash, err
	}
	return c.Tree, nil
}

// diffTree appends a change for every file whose mode or id differs
// between trees a and b (ZeroHash: empty), which sit at dir, depth levels
// below the root, in git's order: the shared two-tree walk with the
// diff's visitor. A directory replaced by a file (or the reverse) is a
// deletion plus additions, as in git.
func (r *Repo) diffTree(ctx context.Context, a, b Hash, dir string, depth int, out *[]FileChange) error {
	return r.walkTrees(ctx, a, b, dir, depth, func(c treeChange) (bool, error) {
		if c.isTree() {
			return true, nil
		}
		*out = append(*out, fileChange(c))
		return false, nil
	})
}

// fileChange is the FileChange of a changed file: 'D' or 'A' on one side
// only; on both, 'T' when the kind changed (say a file became a symlink),
// else 'M'.
func fileChange(c treeChange) FileChange {
	switch {
	case c.New == nil:
		return FileChange{Status: 'D', OldPath: c.Path, OldHash: c.Old.hash, OldMode: c.Old.mode}
	case c.Old == nil:
		return FileChange{Status: 'A', NewPath: c.Path, NewHash: c.New.hash, NewMode: c.New.mode}
	}
	st := byte('M')
	if c.Old.mode&0o170000 != c.New.mode&0o170000 {
		st = 'T'
	}
	return FileChange{Status: st, OldPath: c.Path, NewPath: c.Path, OldHash: c.Old.hash, NewHash: c.New.hash, OldMode: c.Old.mode, NewMode: c.New.mode}
}

// findRenames turns deletion+addition pairs into renames and returns the
// list in git's order: a rename sits where its new path sorts.
func (r *Repo) findRenames(ctx context.Context, changes []FileChange) ([]FileChange, error) {
	var srcs, dsts []renameFile
	for i, c := range changes {
		switch c.Status {
		case 'D':
			srcs = append(srcs, renameFile{idx: i, path: c.OldPath, hash: c.OldHash, mode: c.OldMode})
		case 'A':
			dsts = append(dsts, renameFile{idx: i, path: c.NewPath, hash: c.NewHash, mode: c.NewMode})
		}
	}
	if len(srcs) == 0 || len(dsts) == 0 {
		return changes, nil
	}
	rn := &renamer{ctx: ctx, r: r, cache: map[Hash]*blobSpans{}}
	pair, score, err := rn.detectRenames(srcs, dsts)
	if err != nil {
		return nil, err
	}
	drop := map[int]bool{}
	for d, s := range pair {
		if s < 0 {
			continue
		}
		src, dst := changes[srcs[s].idx], &changes[dsts[d].idx]
		dst.Status, dst.OldPath, dst.OldHash, dst.OldMode = 'R', src.OldPath, src.OldHash, src.OldMode
		dst.Similarity = score[d] * 100 / maxScore
		drop[srcs[s].idx] = true
	}
	out := changes[:0]
	for i, c := range changes {
		if !drop[i] {
			out = append(out, c)
		}
	}
	return out, nil
}
