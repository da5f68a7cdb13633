package main

import (
	"bufio"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"regexp"
	"regexp/syntax"
	"strconv"

	"golang.org/x/term"

	"sightline/repo"
	"sightline/repo/search"
	"sightline/repo/textsafe"
)

func init() {
	register(command{
		name:    "grep",
		summary: "print path:line:text for every line matching a pattern at the pin",
		run:     runGrep,
	})
}

const grepUsage = `Usage: sightline grep PATTERN [--repo PATH] [--rev REV] [-F] [-i] [-I] [--sanitize]

Searches every file of the tree at REV (never the work tree) for lines
matching PATTERN, a Go regular expression (RE2 syntax: no backreferences
or lookaround), and prints each as

  path:line:text

in path order, like "git grep -n PATTERN REV" without git's "REV:" prefix.
A binary file (a NUL byte in its first 8000 bytes) that matches is
reported as "Binary file PATH matches", as git does; -I leaves such files
out. A line longer than 8 MiB is searched in overlapping windows rather
than held whole, and a match in it is printed as

  path:line:[long line, from byte N] excerpt

with about a kilobyte of the line around the match, starting at byte N
of the line. Symlinks and submodules are not searched. A pattern that starts with
"-" goes after "--". A path holding a control character, a byte
outside ASCII, a double quote or a backslash is printed in double quotes
with C escapes ("a\tb.go"), as git does by default (core.quotePath), so
every result is one line and no file name reaches a script raw.

When standard output is a terminal, control characters, escape sequences
and invalid UTF-8 in paths and lines are shown as visible markers
(--sanitize does this for a pipe too); otherwise bytes are printed as
they are, for scripts.

Exit status: 0 when a line matched, 1 when none did or a file could not
be read (named on standard error), 2 on bad usage.

Flags:
`

// grepArgs is the parsed command line.
type grepArgs struct {
	pattern          string
	repoPath, rev    string
	fixed, icase     bool
	noBinary, escape bool
}

func runGrep(args []string, stdout, stderr io.Writer) error {
	a, err := parseGrepArgs(args, stdout)
	if err != nil || a == nil {
		return err
	}
	expr := a.pattern
	if a.fixed {
		expr = regexp.QuoteMeta(expr)
	}
	if a.icase {
		expr = "(?i)" + expr
	}
	re, err := regexp.Compile(expr)
	if err != nil {
		return usagef("bad regular expression %s: %v (Go RE2 syntax; use -F to search for the text as it is)", strconv.Quote(a.pattern), unwrapSyntax(err))
	}
	r, err := openRepo(a.repoPath, stderr)
	if err != nil {
		return err
	}
	defer r.Close()
	pin, err := r.Resolve(a.rev)
	if err != nil {
		return err
	}
	w := bufio.NewWriterSize(stdout, 64<<10)
	sanitize := a.escape || isTerminal(stdout)
	matched, unreadable := 0, 0
	// The search index of this tree, when "sightline index" built one, is
	// checked against the repository and used; otherwise every file is read.
	err = search.New(r, "").Grep(context.Background(), pin.Tree, re, search.Options{SkipBinary: a.noBinary}, func(m search.Match) error {
		if m.Err != nil {
			unreadable++
			_ = w.Flush() // keep stderr in step with stdout
			fmt.Fprintf(stderr, "sightline grep: %s\n", textsafe.Sanitize(m.Err.Error()))
			return nil
		}
		matched++
		return writeGrepMatch(w, m, sanitize)
	})
	if ferr := w.Flush(); err == nil {
		err = ferr
	}
	if err != nil {
		return err
	}
	at := fmt.Sprintf("commit %s (%s)", pin.Commit.Short(), textsafe.Sanitize(pin.Ref))
	switch {
	case unreadable > 0:
		return exitError{1, fmt.Errorf("%s at %s could not be searched (the repository is damaged); the results above are incomplete", count(unreadable, "file"), at)}
	case matched == 0:
		return exitError{1, fmt.Errorf("no line matches %s at %s", textsafe.Sanitize(strconv.Quote(a.pattern)), at)}
	}
	return nil
}

// parseGrepArgs reads flags before and after PATTERN (the usage puts them
// after it, which package flag alone does not allow). It returns nil, nil
// when it printed the help.
func parseGrepArgs(args []string, stdout io.Writer) (*grepArgs, error) {
	a := &grepArgs{}
	fs := flag.NewFlagSet("grep", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	fs.StringVar(&a.repoPath, "repo", ".", "the repository to search")
	fs.StringVar(&a.rev, "rev", "HEAD", "the revision to pin")
	fs.BoolVar(&a.fixed, "F", false, "PATTERN is plain text, not a regular expression")
	fs.BoolVar(&a.icase, "i", false, "ignore case")
	fs.BoolVar(&a.noBinary, "I", false, "do not report binary files")
	fs.BoolVar(&a.escape, "sanitize", false, "show control characters as markers even when not writing to a terminal")
	var positional []string
	for {
		if err := fs.Parse(args); err != nil {
			if errors.Is(err, flag.ErrHelp) {
				fmt.Fprint(stdout, grepUsage)
				fs.SetOutput(stdout)
				fs.PrintDefaults()
				return nil, nil
			}
			return nil, usagef("%v", err)
		}
		rest := fs.Args()
		if len(rest) == 0 {
			break
		}
		if n := len(args) - len(rest); n > 0 && args[n-1] == "--" {
			positional = append(positional, rest...) // all after "--"
			break
		}
		positional, args = append(positional, rest[0]), rest[1:]
	}
	switch len(positional) {
	case 0:
		return nil, usagef("missing PATTERN: sightline grep PATTERN [--repo PATH] [--rev REV]")
	case 1:
		a.pattern = positional[0]
		return a, nil
	}
	return nil, usagef("unexpected argument %s after the pattern; give the repository with --repo PATH", strconv.Quote(positional[1]))
}

// writeGrepMatch prints one result as git grep -n does.
func writeGrepMatch(w io.Writer, m search.Match, sanitize bool) error {
	path, text := repo.QuotePath(m.Path), string(m.Text)
	if sanitize {
		path, text = textsafe.Sanitize(m.Path), textsafe.SanitizeMultiline(text)
	}
	var err error
	switch {
	case m.Binary:
		_, err = fmt.Fprintf(w, "Binary file %s matches\n", path)
	case m.Cut:
		_, err = fmt.Fprintf(w, "%s:%d:[long line, from byte %d] %s\n", path, m.Line, m.Col, text)
	default:
		_, err = fmt.Fprintf(w, "%s:%d:%s\n", path, m.Line, text)
	}
	return err
}

// unwrapSyntax keeps the useful part of a regexp error: "missing closing
// ): `(a`" rather than the "error parsing regexp:" prefix.
func unwrapSyntax(err error) error {
	var se *syntax.Error
	if errors.As(err, &se) {
		return fmt.Errorf("%s: `%s`", se.Code, se.Expr)
	}
	return err
}

func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	return ok && term.IsTerminal(int(f.Fd()))
}
