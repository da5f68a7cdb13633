package main

import (
	"bufio"
	"context"
	"flag"
	"fmt"
	"io"

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
		if err := r.WriteStat(ctx, w, changes, 80); err != nil {
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
