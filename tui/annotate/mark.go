package annotate

import (
	"context"
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
	return markCmd(m.d.WS, m.snap, m.d.Files, m.d.Pin.Tree, path, m.reviewed)
}

// markCmd toggles the reviewed mark of path at the pin: a file, or every
// file under a directory (all marked unless all already are, then all
// unmarked), in one workspace event. Marking reads each blob to record
// its id and line count. reviewed is the snapshot's set, which the model
// replaces rather than changes, so reading it here is safe.
func markCmd(ws *review.Workspace, c counter, src Source, root repo.Hash, path string, reviewed map[string]bool) tea.Cmd {
	return wsCmd(ws, c, "", func(ctx context.Context) (string, review.Finding, error) {
		dir, entries, err := filesUnder(ctx, src, root, path)
		if err != nil {
			return "", review.Finding{}, err
		}
		mark := false
		for _, x := range entries {
			mark = mark || !reviewed[x.Path]
		}
		files := make([]review.ReviewedFile, 0, len(entries))
		for _, x := range entries {
			f := review.ReviewedFile{Path: x.Path}
			if mark {
				b, err := src.ReadBlob(ctx, x.Hash, -1)
				if err != nil {
					return "", review.Finding{}, fmt.Errorf("%s: %w", x.Path, err)
				}
				f.Blob, f.Lines = x.Hash.String(), len(repo.SplitLines(b.Data))
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

// filesUnder is the files m marks for path at the tree root: path itself
// when it is a file, every file under it (paths from the top) when it is
// a directory. It is the one walk marking does (review will answer it).
func filesUnder(ctx context.Context, src Source, root repo.Hash, path string) (dir bool, entries []repo.Entry, err error) {
	e, err := src.Lookup(ctx, root, path)
	if err != nil {
		return false, nil, err
	}
	switch e.Kind {
	case repo.KindFile, repo.KindExec:
		entries = []repo.Entry{e}
	case repo.KindDir:
		err = src.WalkFiles(ctx, e.Hash, func(x repo.Entry) error {
			if x.Kind == repo.KindFile || x.Kind == repo.KindExec {
				x.Path = path + "/" + x.Path
				entries = append(entries, x)
			}
			return nil
		})
		if err != nil {
			return true, nil, err
		}
	default:
		return false, nil, fmt.Errorf("%s is a %s: only files and directories are marked reviewed", path, e.Kind)
	}
	if len(entries) == 0 {
		return e.Kind == repo.KindDir, nil, fmt.Errorf("%s holds no files to mark", path)
	}
	return e.Kind == repo.KindDir, entries, nil
}
