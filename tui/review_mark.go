package tui

import (
	"context"
	"fmt"

	tea "github.com/charmbracelet/bubbletea"

	"sightline/repo"
	"sightline/review"
)

// markCmd toggles the reviewed mark of path at the pin: a file, or every
// file under a directory (all marked unless all already are, then all
// unmarked), in one workspace event. Marking reads each blob to record
// its id and line count. reviewed is the snapshot's set, which the model
// replaces rather than changes, so reading it here is safe.
func markCmd(r Review, c counter, src Files, root repo.Hash, path string, reviewed map[string]bool) tea.Cmd {
	return wsCmd(r, c, "", func(ctx context.Context) (string, review.Finding, error) {
		e, err := src.Lookup(ctx, root, path)
		if err != nil {
			return "", review.Finding{}, err
		}
		var entries []repo.Entry
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
				return "", review.Finding{}, err
			}
		default:
			return "", review.Finding{}, fmt.Errorf("%s is a %s: only files and directories are marked reviewed", path, e.Kind)
		}
		if len(entries) == 0 {
			return "", review.Finding{}, fmt.Errorf("%s holds no files to mark", path)
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
		if e.Kind == repo.KindDir {
			what = fmt.Sprintf("%s/ (%d files)", path, len(files))
		}
		if !mark {
			return "unmarked " + what, review.Finding{}, r.WS.MarkReviewedFiles(false, files...)
		}
		return "marked " + what + " reviewed", review.Finding{}, r.WS.MarkReviewedFiles(true, files...)
	})
}
