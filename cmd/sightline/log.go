package main

import (
	"bufio"
	"context"
	"flag"
	"io"

	"sightline/repo"
)

func init() {
	register(command{
		name:    "log",
		summary: "print the commits reachable from a revision, as git log --format=%H",
		run:     runLog,
	})
}

const logUsage = `Usage: sightline log [--repo PATH] [--rev REV] [-n N | -nN | -N] [-- PATH]

Prints the full id of every commit reachable from REV (default HEAD),
newest first, in the order "git log --format=%H REV" prints them. With
"-- PATH", only the commits that changed PATH (a file, or everything under
a directory), with git's default history simplification, as
"git log --format=%H REV -- PATH" prints them. Like git's default (no
--follow), the history of PATH stops where a file was renamed to PATH.
-n N stops after N commits; git's spellings -nN and -N work too.

Flags:
`

func runLog(args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("log", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	repoPath := fs.String("repo", ".", "the repository")
	rev := fs.String("rev", "HEAD", "the revision to start from")
	var limit commitLimit
	fs.Var(&limit, "n", "stop after `N` commits (also -nN or -N; default: all)")
	pos, paths, err := parseMixed(fs, gitCountArgs(args))
	if err != nil {
		return helpOrUsage(err, fs, stdout, logUsage)
	}
	if len(pos) > 0 {
		return usagef("unexpected argument %q; give a path after --", pos[0])
	}
	if len(paths) > 1 {
		return usagef("give one path after --, not %d", len(paths))
	}
	r, err := openRepo(*repoPath, stderr)
	if err != nil {
		return err
	}
	defer r.Close()
	pin, err := r.Resolve(*rev)
	if err != nil {
		return err
	}
	noteHistoryIndex(r, pin, stderr)
	w := bufio.NewWriter(stdout)
	n := 0
	print := func(c repo.Commit) error {
		if limit.set && n >= limit.n {
			return repo.ErrStopWalk
		}
		n++
		_, err := w.WriteString(c.Hash.String() + "\n")
		return err
	}
	if len(paths) == 1 {
		err = r.PathLog(context.Background(), pin.Commit, paths[0], print)
	} else {
		err = r.Log(context.Background(), pin.Commit, print)
	}
	if ferr := w.Flush(); err == nil {
		err = ferr
	}
	return err
}
