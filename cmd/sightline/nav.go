package main

// The code navigation commands: def, refs and symbols. def and symbols
// read the cached symbol index when "sightline index" built one
// (nav_index.go); refs, and the others without a cache, tag in this
// process only the files a search for the name finds. Files too large or
// too slow to tag are named on standard error and left out.

import (
	"context"
	"flag"
	"fmt"
	"io"
	"strconv"
	"strings"

	"sightline/repo"
	"sightline/repo/symbols"
	"sightline/repo/textsafe"
)

func init() {
	register(command{name: "def", summary: "print the definitions of a name, or of the identifier at PATH:LINE:COL", run: runDef})
	register(command{name: "refs", summary: "print every occurrence of a name: code first, then comments and strings", run: runRefs})
	register(command{name: "symbols", summary: "print the definitions in a file or directory, or in the whole tree", run: runSymbols})
}

const navCommon = `
Definitions come from Go's own parser for Go, and from a token-based
tagger over chroma's lexers for C, C++, Java, JavaScript/TypeScript,
Rust, Python and shell: those are candidates, marked "(candidate)" (and
"precise": false in JSON). Everything is read from the tree at REV. A file
over 4 MiB, or one that takes over 10 s to tag, is skipped and named on
standard error.

Paths are quoted as git quotes them, and when standard output is a
terminal (or with --sanitize) control characters, escape sequences and
invalid UTF-8 are shown as visible markers.

Flags:
`

const defUsage = `Usage: sightline def NAME [--repo PATH] [--rev REV] [--json]
       sightline def --at PATH:LINE:COL [--repo PATH] [--rev REV] [--json]

Prints where NAME is defined, one definition a line:

  path:line:col: KIND NAME [in SCOPE] [(candidate)]

With --at, NAME is the identifier at that place (lines and byte columns
count from 1), and its definitions are ranked: the same file first, then
the same directory, then the same language, then the rest.

Exit status: 0 when a definition was found, 1 when none was, 2 on bad usage.
` + navCommon

const refsUsage = `Usage: sightline refs NAME [--repo PATH] [--rev REV] [--json]
       sightline refs --at PATH:LINE:COL [--repo PATH] [--rev REV] [--json]

Prints every occurrence of the identifier NAME in the files a tagger
reads, those in code first, then those in comments and string literals:

  path:line:col: code [in FUNCTION]: the line
  path:line:col: comment: the line

"in FUNCTION" names the function the occurrence is in: the callers of a
function are its code occurrences in other functions.

With --serve (what the workbench's gr runs), refs reads requests from
standard input, one JSON object {"name": NAME} at a time, and answers
each with {} (or {"retire": true} when it ends after this answer) and
the --json document, or with {"error": MESSAGE}; it ends when its input
does.

Exit status: 0 when one was found, 1 when none was, 2 on bad usage.
` + navCommon

const symbolsUsage = `Usage: sightline symbols [PATH] [--repo PATH] [--rev REV] [--json]

Prints the definitions in the file or directory PATH at REV (the whole
tree without it), in path and line order:

  path:line:col: KIND NAME [in SCOPE] [(candidate)]

Exit status: 0 when a definition was found, 1 when none was, 2 on bad usage.
` + navCommon

// navArgs is a parsed def, refs or symbols command line.
type navArgs struct {
	name, at         string
	repoPath, rev    string
	asJSON, sanitize bool
	serve            bool // refs: answer names read from standard input (gr's child)
	atPath           string
	atLine, atCol    int
}

func parseNavArgs(cmd, usage string, args []string, stdout io.Writer) (*navArgs, error) {
	a := &navArgs{}
	fs := flag.NewFlagSet(cmd, flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	fs.StringVar(&a.repoPath, "repo", ".", "the repository")
	fs.StringVar(&a.rev, "rev", "HEAD", "the revision to pin")
	fs.BoolVar(&a.asJSON, "json", false, "print JSON")
	fs.BoolVar(&a.sanitize, "sanitize", false, "show control characters as markers even when not writing to a terminal")
	if cmd != "symbols" {
		fs.StringVar(&a.at, "at", "", "the identifier at PATH:LINE:COL instead of NAME")
	}
	if cmd == "refs" {
		fs.BoolVar(&a.serve, "serve", false, "answer names read from standard input, one JSON request a line (the workbench's gr runs this)")
	}
	pos, err := parseInterleaved(fs, args)
	if err != nil {
		return nil, helpOrUsage(err, fs, stdout, usage)
	}
	switch {
	case len(pos) > 1:
		return nil, usagef("unexpected argument %s; give the repository with --repo PATH", strconv.Quote(pos[1]))
	case a.serve && (len(pos) > 0 || a.at != ""):
		return nil, usagef("--serve reads its names from standard input: give no NAME or --at")
	case a.serve:
	case cmd == "symbols":
		if len(pos) == 1 {
			a.atPath = treePath(pos[0])
		}
	case a.at != "" && len(pos) == 1:
		return nil, usagef("give NAME or --at PATH:LINE:COL, not both")
	case a.at != "":
		if a.atPath, a.atLine, a.atCol, err = parsePlace(a.at); err != nil {
			return nil, err
		}
	case len(pos) == 0:
		return nil, usagef("missing NAME: sightline %s NAME, or sightline %s --at PATH:LINE:COL", cmd, cmd)
	default:
		a.name = pos[0]
	}
	return a, nil
}

// parsePlace reads PATH:LINE:COL; the path may itself hold colons.
func parsePlace(s string) (string, int, int, error) {
	bad := usagef("bad place %s: want PATH:LINE:COL, for example src/main.c:12:5", strconv.Quote(s))
	i := strings.LastIndexByte(s, ':')
	if i < 0 {
		return "", 0, 0, bad
	}
	j := strings.LastIndexByte(s[:i], ':')
	if j <= 0 {
		return "", 0, 0, bad
	}
	line, err1 := strconv.Atoi(s[j+1 : i])
	col, err2 := strconv.Atoi(s[i+1:])
	if err1 != nil || err2 != nil || line < 1 || col < 1 {
		return "", 0, 0, bad
	}
	return treePath(s[:j]), line, col, nil
}

// navSession is the repository and pin a navigation command reads.
type navSession struct {
	r        *repo.Repo
	pin      repo.Pin
	stdout   io.Writer
	stderr   io.Writer
	sanitize bool
}

func openNav(a *navArgs, stdout, stderr io.Writer) (*navSession, error) {
	r, err := openRepo(a.repoPath, stderr)
	if err != nil {
		return nil, err
	}
	pin, err := r.Resolve(a.rev)
	if err != nil {
		r.Close()
		return nil, err
	}
	return &navSession{r: r, pin: pin, stdout: stdout, stderr: stderr, sanitize: a.sanitize || isTerminal(stdout)}, nil
}

func (s *navSession) at() string {
	return fmt.Sprintf("commit %s (%s)", s.pin.Commit.Short(), textsafe.Sanitize(s.pin.Ref))
}

// build tags the tree and names the skipped files on standard error.
func (s *navSession) build(opt symbols.Options) (*symbols.Index, error) {
	ix, err := symbols.Build(context.Background(), s.r, s.pin.Tree, opt)
	if err != nil {
		return nil, err
	}
	s.reportSkipped(ix)
	return ix, nil
}

// reportSkipped names on standard error the files the build skipped.
func (s *navSession) reportSkipped(ix *symbols.Index) {
	for _, sk := range ix.Skipped {
		fmt.Fprintf(s.stderr, "sightline: skipped %s: %s\n", s.path(sk.Path), textsafe.Sanitize(sk.Reason))
	}
}

func (s *navSession) path(p string) string {
	if s.sanitize {
		return textsafe.Sanitize(p)
	}
	return repo.QuotePath(p)
}

func (s *navSession) text(t string) string {
	if s.sanitize {
		return textsafe.Sanitize(t)
	}
	return t
}

// identAt tags the one file named by --at and returns the identifier at
// the place.
func (s *navSession) identAt(a *navArgs) (string, error) {
	e, err := s.r.Lookup(context.Background(), s.pin.Tree, a.atPath)
	if err != nil {
		return "", err
	}
	if symbols.Language(a.atPath) == "" {
		return "", fmt.Errorf("%s is in no language sightline tags (C, C++, Go, Java, JavaScript/TypeScript, Rust, Python, shell)", s.path(a.atPath))
	}
	b, err := s.r.ReadBlob(context.Background(), e.Hash, symbols.DefaultLimits.MaxBytes+1)
	if err != nil {
		return "", err
	}
	f, err := symbols.Tag(a.atPath, b.Data, symbols.DefaultLimits)
	if err != nil {
		return "", fmt.Errorf("%s: %v", s.path(a.atPath), err)
	}
	o, ok := symbols.At(f, a.atLine, a.atCol)
	if !ok || o.In != symbols.Code {
		return "", exitError{1, fmt.Errorf("no identifier in code at %s:%d:%d at %s", s.path(a.atPath), a.atLine, a.atCol, s.at())}
	}
	return o.Name, nil
}
