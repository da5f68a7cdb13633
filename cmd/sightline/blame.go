package main

import (
	"bufio"
	"context"
	"flag"
	"fmt"
	"io"
)

func init() {
	register(command{
		name:    "blame",
		summary: "print, for each line of a file, the commit that introduced it",
		run:     runBlame,
	})
}

const blameUsage = `Usage: sightline blame PATH [--repo PATH] [--rev REV]

Prints one line per line of PATH at REV (default HEAD):

  <full commit id> <line in that commit> <line in REV>

the first line of each entry of "git blame --line-porcelain REV -- PATH".
Like git blame, it follows whole-file renames, and does not look for lines
moved or copied from other files. A path that starts with "-" goes after
"--".

Flags:
`

func runBlame(args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("blame", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	repoPath := fs.String("repo", ".", "the repository")
	rev := fs.String("rev", "HEAD", "the revision whose file is blamed")
	pos, dd, err := parseMixed(fs, args)
	if err != nil {
		return helpOrUsage(err, fs, stdout, blameUsage)
	}
	pos = append(pos, dd...)
	if len(pos) != 1 {
		return usagef("give exactly one file to blame (got %d)", len(pos))
	}
	r, err := openRepo(*repoPath, stderr)
	if err != nil {
		return err
	}
	defer r.Close()
	r.BlameOnce()
	pin, err := r.Resolve(*rev)
	if err != nil {
		return err
	}
	noteHistoryIndex(r, pin, stderr)
	lines, err := r.Blame(context.Background(), pin.Commit, pos[0], nil)
	if err != nil {
		return err
	}
	w := bufio.NewWriter(stdout)
	for _, l := range lines {
		fmt.Fprintf(w, "%s %d %d\n", l.Commit, l.OrigLine, l.FinalLine)
	}
	return w.Flush()
}
