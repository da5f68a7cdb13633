package tree

import (
	"context"

	tea "github.com/charmbracelet/bubbletea"

	"sightline/repo"
)

// Lister lists one directory of the pinned tree. *repo.Repo satisfies it.
type Lister interface {
	ReadTree(ctx context.Context, tree repo.Hash, dir string) ([]repo.Entry, error)
	SymlinkTarget(ctx context.Context, e repo.Entry) (string, error)
}

// maxTargets bounds how many symlink targets one listing reads, so a
// directory of 100,000 symlinks still lists at once.
const maxTargets = 256

// DirLoadedMsg carries the listing of Dir under Root. The tree drops it
// when Root is not its current root (a stale answer).
type DirLoadedMsg struct {
	Root    repo.Hash
	Dir     string
	Entries []repo.Entry
	Targets map[string]string // symlink path -> target, for the first maxTargets symlinks
	Err     error
}

// FileChosenMsg asks the root to open a file (or symlink or submodule) the
// reviewer chose in the tree. Seq numbers the choice: only the one equal
// to Model.Chosen is current.
type FileChosenMsg struct {
	Entry repo.Entry
	Seq   int
}

// loadDir lists the tree object h, which is directory dir, in the
// background. It closes over values only.
func loadDir(l Lister, root, h repo.Hash, dir string) tea.Cmd {
	return func() tea.Msg {
		ctx := context.Background()
		ents, err := l.ReadTree(ctx, h, dir)
		targets := map[string]string{}
		for _, e := range ents {
			if e.Kind != repo.KindSymlink || len(targets) == maxTargets {
				continue
			}
			if t, err := l.SymlinkTarget(ctx, e); err == nil {
				targets[e.Path] = t
			}
		}
		return DirLoadedMsg{Root: root, Dir: dir, Entries: ents, Targets: targets, Err: err}
	}
}
