package main

import (
	"bytes"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"sightline/repo/textsafe"
	"sightline/review/triage"
)

func init() {
	register(command{
		name:    "import",
		summary: "import scanner results (SARIF, or path:line: message text) as a triage queue",
		run:     runImport,
	})
}

const importUsage = `Usage: sightline import FILE [--workspace DIR] [--repo PATH] [--rev REV]
                        [--format auto|sarif|text] [--tool NAME] [--src-root DIR]

Reads scanner results and adds them to the workspace's triage queue as
candidates pinned to its commit. FILE is SARIF 2.1.0 (any scanner:
semgrep, CodeQL, gosec, ...) or line-oriented text, one result a line:
"path:line: message" or "path:line:col: message" (gcc, cppcheck
--template=gcc, gosec -fmt=golint). A trailing [rule] or (Rule:ID, ...)
names the rule; a leading "warning:" or "error:" sets the level.

Each location is checked against the tree at the pin: the path must be a
file there and the lines must exist; it is recorded with the blob id and
the SHA-256 of the lines. A result whose location is not at the pin is
listed and kept as unlocated. Importing a newer scan merges by
fingerprint (the scanner's partialFingerprints, else rule, path and line
hash): known results are not added again, and dismissed ones stay
dismissed. Triage the queue with 'sightline triage' or the Triage view.

--src-root DIR is the directory the scanner ran in, for absolute file
URIs. --tool names the scanner of a text report (default: FILE's name).

Exit status: 0 imported, 1 unreadable file or workspace, 2 bad usage.

Flags:
`

func runImport(args []string, stdout, stderr io.Writer) error {
	var wf workspaceFlags
	var format, tool, srcRoot string
	fs := flag.NewFlagSet("import", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	wf.add(fs)
	fs.StringVar(&format, "format", "auto", "auto, sarif or text")
	fs.StringVar(&tool, "tool", "", "the scanner's name, for a text report (default: the file's name)")
	fs.StringVar(&srcRoot, "src-root", "", "the directory the scanner ran in (for absolute paths in the report)")
	pos, err := parseInterleaved(fs, args)
	if errors.Is(err, flag.ErrHelp) {
		fmt.Fprint(stdout, importUsage)
		fs.SetOutput(stdout)
		fs.PrintDefaults()
		return nil
	}
	if err != nil {
		return usagef("%v", err)
	}
	if len(pos) != 1 {
		return usagef("give one FILE of scanner results")
	}
	if format != "auto" && format != "sarif" && format != "text" {
		return usagef("--format %q: use auto, sarif or text", format)
	}
	file := pos[0]
	if srcRoot != "" {
		if srcRoot, err = filepath.Abs(srcRoot); err != nil {
			return usagef("--src-root: %v", err)
		}
		srcRoot = filepath.ToSlash(srcRoot)
	}
	if tool == "" {
		tool = strings.TrimSuffix(filepath.Base(file), filepath.Ext(file))
	}
	results, unread, err := readScan(file, format, tool, srcRoot)
	if err != nil {
		return err
	}
	o, err := openWorkspace(wf, stderr)
	if err != nil {
		return err
	}
	st := triage.NewStore(o.WS.Dir())
	sum, err := st.Import(context.Background(), o.Repo, o.Pin, filepath.Base(file), results)
	if err != nil {
		return closeAfter(o, err)
	}
	q, err := st.Load()
	if err != nil {
		return closeAfter(o, err)
	}
	if err := o.Close(); err != nil {
		return err
	}
	printImport(stdout, file, sum, unread, q, o.Pin.Commit.Short())
	return nil
}

// readScan reads and parses FILE, refusing one over the size limit before
// reading it.
func readScan(file, format, tool, srcRoot string) ([]triage.Result, []triage.Unread, error) {
	f, err := os.Open(file)
	if err != nil {
		return nil, nil, err
	}
	defer f.Close()
	if st, err := f.Stat(); err == nil && st.Size() > triage.MaxFileSize {
		return nil, nil, fmt.Errorf("%s is %d MiB: %w: sightline reads scans up to %d MiB; split the scan (for example by directory) or filter it",
			textsafe.Sanitize(file), st.Size()>>20, triage.ErrTooLarge, triage.MaxFileSize>>20)
	}
	var head [512]byte
	n, _ := io.ReadFull(f, head[:])
	if _, err := f.Seek(0, io.SeekStart); err != nil {
		return nil, nil, err
	}
	if format == "auto" {
		format = "text"
		if t := bytes.TrimLeft(head[:n], " \t\r\n\ufeff"); len(t) > 0 && t[0] == '{' {
			format = "sarif"
		}
	}
	if format == "sarif" {
		res, err := triage.ParseSARIF(f, srcRoot)
		if err != nil {
			return nil, nil, fmt.Errorf("%s: %w", textsafe.Sanitize(file), err)
		}
		return res, nil, nil
	}
	res, unread, err := triage.ParseText(f, tool, srcRoot)
	if err != nil {
		return nil, nil, fmt.Errorf("%s: %w", textsafe.Sanitize(file), err)
	}
	if len(res) == 0 && len(unread) > 0 {
		return nil, nil, fmt.Errorf("%s: no line looks like path:line: message (line %d is %q); is it SARIF? try --format sarif",
			textsafe.Sanitize(file), unread[0].Line, textsafe.Sanitize(clipText(unread[0].Text, 80)))
	}
	return res, unread, nil
}

func printImport(w io.Writer, file string, sum triage.Summary, unread []triage.Unread, q *triage.Queue, pin string) {
	tools := textsafe.Sanitize(strings.Join(sum.Tools, ", "))
	if tools == "" {
		tools = "no results"
	}
	known := ""
	if sum.Known > 0 {
		known = fmt.Sprintf(", %d already in the queue", sum.Known)
		if sum.KnownDismissed > 0 {
			known += fmt.Sprintf(" (%d dismissed, staying dismissed)", sum.KnownDismissed)
		}
	}
	fmt.Fprintf(w, "%s (%s): %s, %d new%s\n", textsafe.Sanitize(filepath.Base(file)), tools, count(sum.Results, "result"), sum.New, known)
	if len(unread) > 0 {
		fmt.Fprintf(w, "%s not understood (not path:line: message), first at line %d\n", count(len(unread), "line"), unread[0].Line)
	}
	if len(sum.Unlocated) > 0 {
		fmt.Fprintf(w, "%d not at the pin %s, kept as unlocated:\n", len(sum.Unlocated), pin)
		for i, c := range sum.Unlocated {
			if i == 20 {
				fmt.Fprintf(w, "  ... and %d more (sightline triage list)\n", len(sum.Unlocated)-i)
				break
			}
			fmt.Fprintf(w, "  %s %s: %s\n", c.ID, textsafe.Sanitize(c.Where.String()), textsafe.Sanitize(c.Where.Missing))
		}
	}
	open := 0
	for _, c := range q.Candidates {
		if c.Open() {
			open++
		}
	}
	fmt.Fprintf(w, "%s to triage: sightline triage list\n", count(open, "candidate"))
}

func clipText(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return s[:n] + "..."
}
