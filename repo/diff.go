package repo

import (
	"context"
	"strings"
)

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

// diffTree walks two trees (ZeroHash: empty) in parallel, in git's entry
// order, descending only into subtrees whose ids differ, and appends a
// change for every path whose mode or id differs. A directory replaced by
// a file (or the reverse) is a deletion plus additions, as in git.
func (r *Repo) diffTree(ctx context.Context, a, b Hash, dir string, depth int, out *[]FileChange) error {
	if a == b {
		return nil
	}
	if err := ctxErr(ctx); err != nil {
		return err
	}
	if depth >= maxTreeDepth {
		return treeError(dir, ErrTooDeep) // a crafted tree; git stops there too
	}
	ea, err := r.treeEntries(a, dir)
	if err != nil {
		return err
	}
	eb, err := r.treeEntries(b, dir)
	if err != nil {
		return err
	}
	i, j := 0, 0
	for i < len(ea) || j < len(eb) {
		var c int
		switch {
		case i == len(ea):
			c = 1
		case j == len(eb):
			c = -1
		default:
			c = compareEntries(ea[i], eb[j])
		}
		switch {
		case c < 0:
			err = r.addSide(ctx, ea[i], dir, depth, true, out)
			i++
		case c > 0:
			err = r.addSide(ctx, eb[j], dir, depth, false, out)
			j++
		default:
			err = r.diffEntry(ctx, ea[i], eb[j], dir, depth, out)
			i, j = i+1, j+1
		}
		if err != nil {
			return err
		}
	}
	return nil
}

func (r *Repo) treeEntries(t Hash, dir string) ([]rawEntry, error) {
	if t.IsZero() {
		return nil, nil
	}
	entries, err := r.loadTree(t)
	if err != nil {
		// A diff that silently skipped a damaged subtree would hide
		// changes from the reviewer: fail instead.
		return nil, treeError(dir, err)
	}
	return entries, nil
}

// compareEntries orders entries as git sorts a tree: by name, a directory
// compared as if its name ended in "/".
func compareEntries(a, b rawEntry) int {
	ka, kb := a.name, b.name
	if isDir(a.mode) {
		ka += "/"
	}
	if isDir(b.mode) {
		kb += "/"
	}
	return strings.Compare(ka, kb)
}

func isDir(mode uint32) bool { return mode&0o170000 == 0o040000 }

// addSide records an entry present on one side only (old: deleted).
func (r *Repo) addSide(ctx context.Context, e rawEntry, dir string, depth int, old bool, out *[]FileChange) error {
	path := joinPath(dir, e.name)
	if isDir(e.mode) {
		if old {
			return r.diffTree(ctx, e.hash, ZeroHash, path, depth+1, out)
		}
		return r.diffTree(ctx, ZeroHash, e.hash, path, depth+1, out)
	}
	if old {
		*out = append(*out, FileChange{Status: 'D', OldPath: path, OldHash: e.hash, OldMode: e.mode})
	} else {
		*out = append(*out, FileChange{Status: 'A', NewPath: path, NewHash: e.hash, NewMode: e.mode})
	}
	return nil
}

// diffEntry compares two entries of the same name and kind class.
func (r *Repo) diffEntry(ctx context.Context, a, b rawEntry, dir string, depth int, out *[]FileChange) error {
	if a.hash == b.hash && a.mode == b.mode {
		return nil
	}
	path := joinPath(dir, a.name)
	if isDir(a.mode) {
		return r.diffTree(ctx, a.hash, b.hash, path, depth+1, out)
	}
	st := byte('M')
	if a.mode&0o170000 != b.mode&0o170000 {
		st = 'T'
	}
	*out = append(*out, FileChange{Status: st, OldPath: path, NewPath: path, OldHash: a.hash, NewHash: b.hash, OldMode: a.mode, NewMode: b.mode})
	return nil
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
