package main

import (
	"bufio"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"strconv"
	"strings"

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

// commitLimit is -n: unset means no limit. Its String is empty while
// unset so that the help shows no made-up default.
type commitLimit struct {
	n   int
	set bool
}

func (l *commitLimit) String() string {
	if l == nil || !l.set {
		return ""
	}
	return strconv.Itoa(l.n)
}

func (l *commitLimit) Set(s string) error {
	n, err := strconv.Atoi(s)
	if err != nil || n < 0 {
		return fmt.Errorf("want a count of commits (0 or more), not %q", s)
	}
	l.n, l.set = n, true
	return nil
}

// gitCountArgs rewrites git's spellings of the commit count, -nN and -N,
// as -n=N, which package flag understands. Arguments after "--" are
// paths and stay as they are.
func gitCountArgs(args []string) []string {
	out := make([]string, 0, len(args))
	for i, a := range args {
		if a == "--" {
			return append(out, args[i:]...)
		}
		switch {
		case len(a) > 2 && strings.HasPrefix(a, "-n") && allDigits(a[2:]):
			a = "-n=" + a[2:]
		case len(a) > 1 && a[0] == '-' && allDigits(a[1:]):
			a = "-n=" + a[1:]
		}
		out = append(out, a)
	}
	return out
}

func allDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return s != ""
}

// parseMixed parses flags given before or after positional arguments,
// and returns the positional ones and, separately, those after "--".
func parseMixed(fs *flag.FlagSet, args []string) (pos, afterDashes []string, err error) {
	for i, a := range args {
		if a == "--" {
			args, afterDashes = args[:i], args[i+1:]
			if afterDashes == nil {
				afterDashes = []string{}
			}
			break
		}
	}
	for {
		if err := fs.Parse(args); err != nil {
			return nil, nil, err
		}
		args = fs.Args()
		if len(args) == 0 {
			return pos, afterDashes, nil
		}
		pos = append(pos, args[0])
		args = args[1:]
	}
}

// helpOrUsage prints the help for -h/--help, or turns a flag error into a
// usage error.
func helpOrUsage(err error, fs *flag.FlagSet, stdout io.Writer, usage string) error {
	if errors.Is(err, flag.ErrHelp) {
		fmt.Fprint(stdout, usage)
		fs.SetOutput(stdout)
		fs.PrintDefaults()
		return nil
	}
	return usagef("%v", err)
}
