package tui

import (
	"context"

	tea "github.com/charmbracelet/bubbletea"

	"sightline/repo"
	"sightline/tui/code"
	"sightline/tui/tree"
)

// Files is the read access the Files view and the finder need.
// *repo.Repo satisfies it.
type Files interface {
	tree.Lister
	code.Source
	WalkFiles(ctx context.Context, root repo.Hash, fn func(repo.Entry) error) error
}

// PathsListedMsg carries every path at the pin, for the finder. Root is
// the tree it lists, so a listing for another pin is dropped.
type PathsListedMsg struct {
	Root  repo.Hash
	Paths []string
	Err   error
	// Unreadable counts the subtrees that could not be read (missing or
	// damaged objects); FirstUnreadable is the first one's path and Err
	// says what is wrong with it.
	Unreadable      int
	FirstUnreadable string
}

// listPaths walks the whole tree in the background. It closes over values
// only. Unreadable subtrees are listed as their error entries' paths and
// reported in Err, so the finder says the list is incomplete.
func listPaths(f Files, root repo.Hash) tea.Cmd {
	return func() tea.Msg {
		var paths []string
		var firstErr error
		var firstPath string
		unreadable := 0
		err := f.WalkFiles(context.Background(), root, func(e repo.Entry) error {
			if e.Kind == repo.KindError {
				unreadable++
				if firstErr == nil {
					firstErr, firstPath = e.Err, e.Path
				}
			}
			paths = append(paths, e.Path)
			return nil
		})
		if err == nil {
			err = firstErr
		}
		return PathsListedMsg{Root: root, Paths: paths, Err: err, Unreadable: unreadable, FirstUnreadable: firstPath}
	}
}

// pathIndex remembers whether the finder's path list was asked for.
type pathIndex struct {
	loaded bool
}

// start lists the paths once, at start-up: 10–70 ms on large trees
// (PERF-NOTES), done while the first screen is drawn.
func (p pathIndex) start(f Files, root repo.Hash) tea.Cmd { return listPaths(f, root) }
