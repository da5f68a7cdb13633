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
blob id and line count (a binary file: its size in bytes), so the coverage the TUI shows and the bundle
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
	t := newMarkTally(o.WS.Reviewed())
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
		t.add(marked, !undo)
	}
	total := len(o.WS.Reviewed())
	if err := o.Close(); err != nil {
		return err
	}
	fmt.Fprintf(stdout, "%s; %s reviewed in this workspace\n", t.summary(undo), count(total, "file"))
	return nil
}

// markTally counts what a reviewed command really changed: marking a
// file already marked (same blob) or unmarking one that was not marked
// writes nothing, and saying "unmarked 1 file" then would be a lie.
type markTally struct {
	state                map[string]review.ReviewedFile
	changed, lines, same int
	bytes                int64 // of binary files: they count bytes, not lines
	lastSame             string
}

func newMarkTally(reviewed []review.ReviewedFile) *markTally {
	t := &markTally{state: make(map[string]review.ReviewedFile, len(reviewed))}
	for _, f := range reviewed {
		t.state[f.Path] = f
	}
	return t
}

// add records files as marked (or unmarked), counting those whose state
// changes; the map follows along so a file named twice counts once.
func (t *markTally) add(files []review.ReviewedFile, reviewed bool) {
	for _, f := range files {
		old, was := t.state[f.Path]
		if was == reviewed && (!reviewed || old == f) {
			t.same++
			t.lastSame = f.Path
			continue
		}
		t.changed, t.lines, t.bytes = t.changed+1, t.lines+f.Lines, t.bytes+f.Bytes
		if reviewed {
			t.state[f.Path] = f
		} else {
			delete(t.state, f.Path)
		}
	}
}

// summary is the first part of the report line.
func (t *markTally) summary(undo bool) string {
	verb, state := "marked %s reviewed (%s)", "already marked reviewed"
	if undo {
		verb, state = "unmarked %s (%s)", "not marked reviewed"
	}
	if t.changed == 0 {
		if t.same == 1 {
			return fmt.Sprintf("%s was %s; nothing changed", textsafe.Sanitize(t.lastSame), state)
		}
		if undo {
			return fmt.Sprintf("none of the %d files was marked reviewed; nothing changed", t.same)
		}
		return fmt.Sprintf("all %d files were already marked reviewed; nothing changed", t.same)
	}
	msg := fmt.Sprintf(verb, count(t.changed, "file"), readAmount(t.lines, t.bytes))
	if t.same > 0 {
		was, how := "were", "already"
		if t.same == 1 {
			was = "was"
		}
		if undo {
			how = "not marked"
		}
		msg += fmt.Sprintf(", %d %s %s", t.same, was, how)
	}
	return msg
}

// collectFiles returns the file at path, or every regular file under the
// directory at path, with its blob and line count (review.FilesUnder),
// saying which pin a missing path is missing from.
func collectFiles(ctx context.Context, r *repo.Repo, pin repo.Pin, path string) ([]review.ReviewedFile, error) {
	files, err := review.FilesUnder(ctx, r, pin.Tree, path)
	if errors.Is(err, repo.ErrNotFound) {
		return nil, fmt.Errorf("%q: no such path at %s (%s)", path, pin.Commit.Short(), textsafe.Sanitize(pin.Ref))
	}
	return files, err
}

// readAmount is what marked files hold: "12 lines", "4,096 B of binary",
// or both; binary files count bytes, as the hex view shows them.
func readAmount(lines int, bytes int64) string {
	switch {
	case bytes == 0:
		return count(lines, "line")
	case lines == 0:
		return review.ByteCount(bytes) + " of binary"
	}
	return count(lines, "line") + ", " + review.ByteCount(bytes) + " of binary"
}
