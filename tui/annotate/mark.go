package annotate

import (
	"context"
	"errors"
	"fmt"

	tea "github.com/charmbracelet/bubbletea"

	"sightline/repo"
	"sightline/review"
)

// mark toggles the reviewed mark of the pane's target (a file, or every
// file under a directory).
func (m *Model) mark(pane Pane) tea.Cmd {
	if !m.Active() {
		m.err = noWorkspace
		return nil
	}
	path, err := pane.MarkTarget()
	if err != nil {
		m.err = err.Error()
		return nil
	}
	return m.write(markCmd(m.d.WS, m.snap, m.d.Files, m.d.Pin.Tree, path))
}

// markCmd toggles the reviewed mark of path at the pin: a file, or every
// file under a directory (all marked unless all already are, then all
// unmarked), in one workspace event. Marking reads each blob to record
// its id and line count. The toggle is decided from the workspace when
// the queued write runs, not from the snapshot of the key: after a quick
// "m m" the second m sees the first one's mark and unmarks.
func markCmd(ws *review.Workspace, c counter, src Source, root repo.Hash, path string) tea.Cmd {
	return wsCmd(ws, c, "", func(ctx context.Context) (string, review.Finding, error) {
		dir, entries, err := filesUnder(ctx, src, root, path)
		if err != nil {
			return "", review.Finding{}, err
		}
		mark := false
		for _, x := range entries {
			mark = mark || !ws.IsReviewed(x.Path)
		}
		files := make([]review.ReviewedFile, 0, len(entries))
		for _, x := range entries {
			f := review.ReviewedFile{Path: x.Path}
			if mark {
				if f, err = review.ReviewedFileOf(ctx, src, x); err != nil {
					return "", review.Finding{}, err
				}
			}
			files = append(files, f)
		}
		what := path
		if dir {
			what = fmt.Sprintf("%s/ (%d files)", path, len(files))
		}
		if !mark {
			return "unmarked " + what, review.Finding{}, ws.MarkReviewedFiles(false, files...)
		}
		return "marked " + what + " reviewed", review.Finding{}, ws.MarkReviewedFiles(true, files...)
	})
}

// filesUnder is the files m marks for path at the tree root (review's
// one walk), with the reasons marking cannot go on said for the reviewer.
func filesUnder(ctx context.Context, src Source, root repo.Hash, path string) (dir bool, entries []repo.Entry, err error) {
	dir, entries, err = review.EntriesUnder(ctx, src, root, path)
	var nf *review.NotFileError
	switch {
	case errors.As(err, &nf):
		return false, nil, fmt.Errorf("%s is a %s: only files and directories are marked reviewed", path, nf.Kind)
	case err != nil:
		return dir, nil, err
	case len(entries) == 0:
		return dir, nil, fmt.Errorf("%s holds no files to mark", path)
	}
	return dir, entries, nil
}
