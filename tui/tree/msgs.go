package tree

import (
	"context"

	tea "github.com/charmbracelet/bubbletea"

	"sightline/repo"
)

// Lister lists one directory of the pinned tree. *repo.Repo satisfies it.
type Lister interface {
	ReadTree(ctx context.Context, tree repo.Hash, dir string) ([]repo.Entry, error)
}

// DirLoadedMsg carries the listing of Dir under Root. The tree drops it
// when Root is not its current root (a stale answer).
type DirLoadedMsg struct {
	Root    repo.Hash
	Dir     string
	Entries []repo.Entry
	Err     error
}

// FileChosenMsg asks the root to open a file (or symlink or submodule) the
// reviewer chose in the tree.
type FileChosenMsg struct {
	Entry repo.Entry
}

// loadDir lists the tree object h, which is directory dir, in the
// background. It closes over values only.
func loadDir(l Lister, root, h repo.Hash, dir string) tea.Cmd {
	return func() tea.Msg {
		ents, err := l.ReadTree(context.Background(), h, dir)
		return DirLoadedMsg{Root: root, Dir: dir, Entries: ents, Err: err}
	}
}
