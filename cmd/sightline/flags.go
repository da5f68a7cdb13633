package main

// The flag helpers the subcommands share: flags mixed with positional
// arguments, flag errors turned into usage errors or help, paths typed as
// arguments, and git's spellings of a commit count.

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"strconv"
	"strings"
)

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

// parseInterleaved parses flags that may come before, between or after
// positional arguments ("findings step F-0001 --path P"), which package
// flag alone does not allow. Everything after "--" is positional.
func parseInterleaved(fs *flag.FlagSet, args []string) ([]string, error) {
	var positional []string
	for {
		if err := fs.Parse(args); err != nil {
			return nil, err
		}
		rest := fs.Args()
		if len(rest) == 0 {
			return positional, nil
		}
		if n := len(args) - len(rest); n > 0 && args[n-1] == "--" {
			return append(positional, rest...), nil
		}
		positional, args = append(positional, rest[0]), rest[1:]
	}
}

// treePath turns a path typed on the command line into a path in the
// pinned tree: leading "./" and slashes and trailing slashes go, and "."
// is the root (""). Nothing else is cleaned, so that a hostile tree's odd
// names can still be named exactly.
func treePath(p string) string {
	for {
		switch {
		case strings.HasPrefix(p, "./"):
			p = p[2:]
		case strings.HasPrefix(p, "/"):
			p = p[1:]
		default:
			p = strings.TrimRight(p, "/")
			if p == "." {
				return ""
			}
			return p
		}
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
