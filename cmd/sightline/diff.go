package main

import (
	"bufio"
	"context"
	"flag"
	"fmt"
	"io"
	"strings"

	"sightline/repo"
)

func init() {
	register(command{
		name:    "diff",
		summary: "list the files changed between two commits, as git diff -M --numstat/--stat/--name-status",
		run:     runDiff,
	})
}

const diffUsage = `Usage: sightline diff --base A [--rev B] [--repo PATH] --numstat|--stat|--name-status

Lists every file changed from commit A to commit B (default HEAD), with
renames detected as "git diff -M" does by default, in the format of
"git diff -M --numstat A B", "--stat" (80 columns) or "--name-status".
Paths are quoted as git quotes them, so the output is plain ASCII.

Flags:
`

func runDiff(args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("diff", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	repoPath := fs.String("repo", ".", "the repository")
	base := fs.String("base", "", "the old commit (required)")
	rev := fs.String("rev", "HEAD", "the new commit")
	numstat := fs.Bool("numstat", false, "added and removed line counts per file")
	stat := fs.Bool("stat", false, "a histogram per file, as git diff --stat")
	nameStatus := fs.Bool("name-status", false, "status letter and path per file")
	pos, dd, err := parseMixed(fs, args)
	if err != nil {
		return helpOrUsage(err, fs, stdout, diffUsage)
	}
	if len(pos)+len(dd) > 0 {
		return usagef("unexpected argument %q; commits are given with --base and --rev", append(pos, dd...)[0])
	}
	if *base == "" {
		return usagef("--base is required: the commit to compare from")
	}
	if n := btoi(*numstat) + btoi(*stat) + btoi(*nameStatus); n != 1 {
		return usagef("give exactly one of --numstat, --stat, --name-status")
	}
	r, err := openRepo(*repoPath, stderr)
	if err != nil {
		return err
	}
	defer r.Close()
	from, err := r.Resolve(*base)
	if err != nil {
		return err
	}
	to, err := r.Resolve(*rev)
	if err != nil {
		return err
	}
	ctx := context.Background()
	changes, err := r.DiffTrees(ctx, from.Commit, to.Commit, repo.DiffOptions{NamesOnly: *nameStatus})
	if err != nil {
		return err
	}
	w := bufio.NewWriter(stdout)
	switch {
	case *numstat:
		for _, c := range changes {
			fmt.Fprintln(w, c.NumstatLine())
		}
	case *nameStatus:
		for _, c := range changes {
			fmt.Fprintln(w, c.NameStatusLine())
		}
	default:
		if err := writeStat(ctx, w, r, changes, 80); err != nil {
			return err
		}
	}
	return w.Flush()
}

func btoi(b bool) int {
	if b {
		return 1
	}
	return 0
}

// statRow is one file of a --stat listing.
type statRow struct {
	name             string
	added, removed   int // lines, or for a binary file the new and old sizes
	binary, sameBlob bool
}

// writeStat prints changes as "git diff --stat" does at the given width:
// names shortened from the left with "...", a histogram scaled to the
// largest change, and the summary line.
func writeStat(ctx context.Context, w io.Writer, r *repo.Repo, changes []repo.FileChange, width int) error {
	if len(changes) == 0 {
		return nil
	}
	rows := make([]statRow, len(changes))
	maxLen, maxChange, numWidth, binWidth := 0, 0, 0, 0
	for i, c := range changes {
		row := statRow{name: c.DisplayName(), added: c.Added, removed: c.Removed, binary: c.Binary}
		if c.Binary {
			row.sameBlob = c.OldHash == c.NewHash
			if !row.sameBlob {
				var err error
				if row.added, err = blobSize(ctx, r, c.NewHash); err != nil {
					return err
				}
				if row.removed, err = blobSize(ctx, r, c.OldHash); err != nil {
					return err
				}
			} else {
				row.added, row.removed = 0, 0
			}
			binWidth = max(binWidth, 14+decimalWidth(row.added)+decimalWidth(row.removed))
			numWidth = 3
		} else {
			maxChange = max(maxChange, c.Added+c.Removed)
		}
		maxLen = max(maxLen, len(row.name))
		rows[i] = row
	}
	numWidth = max(numWidth, decimalWidth(maxChange))
	width = max(width, 16+6+numWidth)
	graphWidth := maxChange
	if maxChange+4 <= binWidth {
		graphWidth = binWidth - 4
	}
	nameWidth := maxLen
	if nameWidth+numWidth+6+graphWidth > width {
		if graphWidth > width*3/8-numWidth-6 {
			graphWidth = max(width*3/8-numWidth-6, 6)
		}
		if nameWidth > width-numWidth-6-graphWidth {
			nameWidth = width - numWidth - 6 - graphWidth
		} else {
			graphWidth = width - numWidth - 6 - nameWidth
		}
	}
	adds, dels := 0, 0
	for _, row := range rows {
		fmt.Fprintln(w, statLine(row, nameWidth, numWidth, graphWidth, maxChange))
		if !row.binary {
			adds, dels = adds+row.added, dels+row.removed
		}
	}
	fmt.Fprintln(w, statSummary(len(rows), adds, dels))
	return nil
}

func statLine(row statRow, nameWidth, numWidth, graphWidth, maxChange int) string {
	name, prefix := row.name, ""
	room := nameWidth
	if nameWidth < len(name) {
		prefix = "..."
		room = max(nameWidth-3, 0)
		name = name[len(name)-room:]
		if i := strings.IndexByte(name, '/'); i >= 0 {
			name = name[i:]
		}
	}
	pad := strings.Repeat(" ", max(room-len(name), 0))
	if row.binary {
		s := fmt.Sprintf(" %s%s%s | %*s", prefix, name, pad, numWidth, "Bin")
		if row.sameBlob {
			return s
		}
		return s + fmt.Sprintf(" %d -> %d bytes", row.removed, row.added)
	}
	add, del, total := row.added, row.removed, row.added+row.removed
	if graphWidth <= maxChange {
		scaled := scaleLinear(total, graphWidth, maxChange)
		if scaled < 2 && add > 0 && del > 0 {
			scaled = 2
		}
		if add < del {
			add = scaleLinear(add, graphWidth, maxChange)
			del = scaled - add
		} else {
			del = scaleLinear(del, graphWidth, maxChange)
			add = scaled - del
		}
	}
	sep := ""
	if total > 0 {
		sep = " "
	}
	return fmt.Sprintf(" %s%s%s | %*d%s%s%s", prefix, name, pad, numWidth, total, sep, strings.Repeat("+", add), strings.Repeat("-", del))
}

// scaleLinear scales n of max into width columns, at least one column for
// any change, as git does.
func scaleLinear(n, width, maxChange int) int {
	if n == 0 {
		return 0
	}
	return 1 + n*(width-1)/maxChange
}

func statSummary(files, adds, dels int) string {
	s := fmt.Sprintf(" %d file%s changed", files, plural(files))
	if adds > 0 || dels == 0 {
		s += fmt.Sprintf(", %d insertion%s(+)", adds, plural(adds))
	}
	if dels > 0 || adds == 0 {
		s += fmt.Sprintf(", %d deletion%s(-)", dels, plural(dels))
	}
	return s
}

func plural(n int) string {
	if n == 1 {
		return ""
	}
	return "s"
}

func decimalWidth(n int) int {
	w := 1
	for ; n >= 10; n /= 10 {
		w++
	}
	return w
}

func blobSize(ctx context.Context, r *repo.Repo, h repo.Hash) (int, error) {
	if h.IsZero() {
		return 0, nil
	}
	b, err := r.ReadBlob(ctx, h, 0)
	if err != nil {
		return 0, err
	}
	return int(b.Size), nil
}
