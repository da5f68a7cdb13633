package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"

	"sightline/repo"
	"sightline/repo/textsafe"
	"sightline/review"
)

func init() {
	register(command{
		name:    "reviewed",
		summary: "mark files (or every file under a directory) reviewed, or --undo",
		run:     runReviewed,
	})
}

const reviewedUsage = `Usage: sightline reviewed [--undo] PATH... [--repo PATH] [--rev REV] [--workspace DIR]

Marks each PATH of the pinned tree reviewed in the workspace, with its
blob id and line count, so the coverage the TUI shows and the bundle
exports says exactly what was read. A directory marks every file under
it. --undo unmarks them.

Exit status: 0 done, 1 a path is not in the pinned tree or the workspace
cannot be written (the paths before the failing one are marked), 2 bad usage.

Flags:
`

func runReviewed(args []string, stdout, stderr io.Writer) error {
	var wf workspaceFlags
	var undo bool
	fs := flag.NewFlagSet("reviewed", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	wf.add(fs)
	fs.BoolVar(&undo, "undo", false, "unmark the paths instead")
	paths, err := parseInterleaved(fs, args)
	if errors.Is(err, flag.ErrHelp) {
		fmt.Fprint(stdout, reviewedUsage)
		fs.SetOutput(stdout)
		fs.PrintDefaults()
		return nil
	}
	if err != nil {
		return usagef("%v", err)
	}
	if len(paths) == 0 {
		return usagef("give at least one PATH of the pinned tree")
	}
	o, err := openWorkspace(wf, stderr)
	if err != nil {
		return err
	}
	files, lines := 0, 0
	for _, p := range paths {
		marked, err := collectFiles(context.Background(), o.Repo, o.Pin, treePath(p))
		if err == nil && len(marked) == 0 {
			err = fmt.Errorf("%q holds no files to mark", p)
		}
		if err == nil {
			err = o.WS.MarkReviewedFiles(!undo, marked...)
		}
		if err != nil {
			return closeAfter(o, err)
		}
		for _, f := range marked {
			files, lines = files+1, lines+f.Lines
		}
	}
	marked := len(o.WS.Reviewed())
	if err := o.Close(); err != nil {
		return err
	}
	verb := "marked %s reviewed"
	if undo {
		verb = "unmarked %s"
	}
	fmt.Fprintf(stdout, verb+" (%s); %s reviewed in this workspace\n", count(files, "file"), count(lines, "line"), count(marked, "file"))
	return nil
}

// collectFiles returns the file at path, or every regular file under the
// directory at path, with its blob and line count. Symlinks and
// submodules are not files to read and are left out.
func collectFiles(ctx context.Context, r *repo.Repo, pin repo.Pin, path string) ([]review.ReviewedFile, error) {
	e, err := r.Lookup(ctx, pin.Tree, path)
	if err != nil {
		if errors.Is(err, repo.ErrNotFound) {
			return nil, fmt.Errorf("%q: no such path at %s (%s)", path, pin.Commit.Short(), textsafe.Sanitize(pin.Ref))
		}
		return nil, err
	}
	var entries []repo.Entry
	switch e.Kind {
	case repo.KindFile, repo.KindExec:
		entries = []repo.Entry{e}
	case repo.KindDir:
		err = r.WalkFiles(ctx, e.Hash, func(c repo.Entry) error {
			if c.Kind == repo.KindFile || c.Kind == repo.KindExec {
				if path != "" {
					c.Path = path + "/" + c.Path
				}
				entries = append(entries, c)
			}
			return nil
		})
		if err != nil {
			return nil, err
		}
	default:
		return nil, fmt.Errorf("%q is a %s, not a file or directory", path, e.Kind)
	}
	out := make([]review.ReviewedFile, 0, len(entries))
	for _, c := range entries {
		b, err := r.ReadBlob(ctx, c.Hash, -1)
		if err != nil {
			return nil, fmt.Errorf("%q: %w", c.Path, err)
		}
		out = append(out, review.ReviewedFile{Path: c.Path, Blob: c.Hash.String(), Lines: len(repo.SplitLines(b.Data))})
	}
	return out, nil
}
