package repo

import (
	"context"
	"strings"
)

// BlameLine says where one line of a file at a commit came from: the
// first line of each entry of "git blame --line-porcelain".
type BlameLine struct {
	Commit    Hash   // the commit that introduced the line
	OrigLine  int    // 1-based line number in that commit's version of the file
	FinalLine int    // 1-based line number in the blamed version
	OrigPath  string // the file's path in Commit (differs after a rename)
}

// Blame says, for every line of path at commit, which commit introduced
// it, as "git blame" does with its default options: it walks the file's
// history newest first by commit date, and at each commit diffs the file
// against each parent's version (with git's line diff as git blame runs
// it, with no context lines and so with the common tail cut first, so
// ambiguous lines are placed as git places them): lines a parent already had pass to that
// parent, the rest stay with the commit. A parent with the identical file
// takes every line at once. Like git blame (and unlike git log without
// --follow), it follows whole-file renames: when a parent lacks the path,
// the file it was renamed from is found with git's rename detection
// (exact, then similarity >= 50%). It does not look for lines moved or
// copied between files (git blame -M/-C). progress, when set, is called as
// lines are settled; ctx cancels.
func (r *Repo) Blame(ctx context.Context, commit Hash, path string, progress func(linesDone, linesTotal int)) ([]BlameLine, error) {
	return r.BlameIgnoring(ctx, commit, path, nil, progress)
}

// BlameIgnoring is Blame with the commits in ignore passed over, as
// "git blame --ignore-rev" does: the lines such a commit changed are
// blamed from its first parent with a file, each on the parent's line at
// the same place in the changed chunk. A line with no such place (the
// commit added more lines than it replaced, or added the file, or has no
// parent) stays with the ignored commit. The blamed text is still the
// file at commit; only the attribution goes further back.
func (r *Repo) BlameIgnoring(ctx context.Context, commit Hash, path string, ignore []Hash, progress func(linesDone, linesTotal int)) ([]BlameLine, error) {
	return r.blame(ctx, commit, path, ignore, func(b *blamer) { b.progress = progress })
}

// blame runs one blame; watch, called once the file is read and before
// the walk, sets the blamer's progress callback (BlameLive's reads the
// lines settled so far).
func (r *Repo) blame(ctx context.Context, commit Hash, path string, ignore []Hash, watch func(*blamer)) ([]BlameLine, error) {
	b, err := newBlamer(ctx, r, commit, path)
	if err != nil {
		return nil, err
	}
	defer b.giveLines()
	for _, h := range ignore {
		b.ignore[h] = true
	}
	if b.queries == nil {
		// With Bloom filters most commits need no tree read, and a
		// prefetch would read them all: it costs more than it saves.
		b.pre = startPrefetch(ctx, commit, splitPath(path), b.probe, b.readHead)
		defer b.pre.stop()
	} else {
		// With them, what is left to read ahead is the file's versions.
		kept := make(map[Hash]bool, len(b.share.known))
		for h := range b.share.known {
			kept[h] = true
		}
		b.ahead = startVersionReadAhead(ctx, r, b.graph, commit, strings.Join(splitPath(path), "/"), func(h Hash) bool { return kept[h] }, b.readHead)
		defer b.ahead.stop()
	}
	watch(b)
	if err := b.run(); err != nil {
		return nil, err
	}
	if blameReadsHook != nil {
		blameReadsHook(b.reads)
	}
	if blameSkipsHook != nil {
		blameSkipsHook(b.skips)
	}
	return b.result, nil
}
