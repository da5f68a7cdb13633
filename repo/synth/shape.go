package synth

import "fmt"

// Shape is how a history is drawn. The zero Shape is the benchmark
// repository's (scripts/bench.sh), kept as it was so that its tables stay
// comparable; RealShape adds what the histories of real projects have and
// that one lacks, where it matters to blame and path history (issue 16).
type Shape struct {
	// MergeStretches makes every other stretch of mergeStretch commits
	// arrive mostly through merges of short side lines, as in a project
	// that merges from upstream or a portable tree (a fifth of tmux's
	// commits are merges; about one in a hundred here otherwise).
	MergeStretches bool
	// HotEdits is the percentage of ordinary commits that edit BlameFile
	// (0: the default 6). At 20, a 20,000-commit history edits it some
	// 4,000 times, as a real project's central file.
	HotEdits int
	// BigDir puts that many files in one directory, bigDirPath, as a real
	// tree's directories of thousands of drivers, boards or locales.
	BigDir int
}

// RealShape is the shape of a real project's history for a tree of
// files files: merge-heavy stretches, a file edited thousands of times,
// and a directory of a twentieth of the files.
func RealShape(files int) Shape {
	return Shape{MergeStretches: true, HotEdits: 20, BigDir: files / 20}
}

// String names the shape for the manifest and messages.
func (s Shape) String() string {
	if s == (Shape{}) {
		return "plain"
	}
	return fmt.Sprintf("merge stretches %v, %d%% hot edits, a directory of %d files", s.MergeStretches, s.hotEdits(), s.BigDir)
}

const (
	// mergeStretch is the length, in commits, of the stretches that
	// alternate between the usual mix and one mostly of merges.
	mergeStretch = 1000
	bigDirPath   = "arch/boards"
)

func (s Shape) hotEdits() int {
	if s.HotEdits == 0 {
		return 6
	}
	return s.HotEdits
}

// extraMerge says whether draw r (0-999) of the history at commit n is a
// merge besides the usual mix's (r < 20): in a merge stretch, the top 380
// draws too, which leaves renames and churn their share (a merge is three
// commits, so about a fifth of a stretch's commits are merges).
func (s Shape) extraMerge(n, r int) bool {
	return s.MergeStretches && (n/mergeStretch)%2 == 1 && r >= 620
}

// bigDir fills bigDirPath with the shape's BigDir files (at most half of
// the n the tree will hold), in C like a tree of drivers; it takes new
// files and edits afterwards like any other directory.
func (g *gen) bigDir(n int) error {
	k := min(g.shape.BigDir, n/2)
	if k == 0 {
		return nil
	}
	if !g.hasDir(bigDirPath) {
		g.dirs = append(g.dirs, bigDirPath)
		g.dirLang[bigDirPath] = g.byExt[".c"]
	}
	for range k {
		p := g.newName(bigDirPath, false)
		if err := g.addFile(p, g.dirLang[bigDirPath].text(g.rng, p, textSize(g.rng), 0), false); err != nil {
			return err
		}
	}
	return nil
}
