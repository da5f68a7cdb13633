package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"sort"
	"strings"

	"sightline/review"
)

func init() {
	register(command{
		name:    "findings",
		summary: "add, extend, list and change findings in the review workspace",
		run:     runFindings,
	})
}

const findingsUsage = `Usage: sightline findings SUBCOMMAND [ARGS] [--repo PATH] [--rev REV] [--workspace DIR]

  add --path P --lines A-B --title T --severity S [--cwe CWE-N] [--status S]
      [--note N] [--description D] [--reviewer R] [--side base|pin]
      [--artifact ARCHIVE]
                         add a finding; prints its id once it is on disk
  step ID --path P --lines A-B [--note N] [--side base|pin] [--artifact ARCHIVE]
                         append a step (a location with a note) to a finding
  list [--json]          every finding; --json is deterministic and carries
                         full commit, blob and line hashes
  show ID                one finding with its steps
  set-status ID STATUS   open, confirmed, false-positive, needs-info or
                         needs-re-review
  delete ID              remove a finding (its id is never given again)
  accept-rollback        go on from a journal that is older than (or forked
                         from) the one last seen; the choice is journaled

The workspace is the one for the repository and pin (see --workspace), the
same one the TUI uses. Locations are read at the pin: the path must be a
file there and the lines must exist; each is recorded with the blob id and
the SHA-256 of the lines. --side base names the base of a diff review
(set with --base REV).

--artifact ARCHIVE puts the location in a member of a release archive
instead: --path names the member as "sightline artifact" lists it (the
top-level directory may be left out). The archive is read as a stream,
never unpacked; the location records its file name and SHA-256, the
member's blob id and the SHA-256 of the lines, and "sightline verify
--artifact ARCHIVE" checks them.

Severities: info, low, medium, high, critical. CWE: CWE- and a number,
like CWE-78. The reviewer is --reviewer, else the workspace's setting, else
your login name.

Exit status: 0 done, 1 refused or failed (a location that does not exist,
an unknown id, a workspace that cannot be written: nothing was saved),
2 bad usage (a missing or malformed flag, an unknown severity, status or
CWE; the message says what is allowed).
`

// findingsSub is one "findings" subcommand.
type findingsSub struct {
	run func(args []string, stdout, stderr io.Writer) error
}

var findingsSubs = map[string]findingsSub{
	"add":        {runFindingsAdd},
	"step":       {runFindingsStep},
	"list":       {runFindingsList},
	"show":       {runFindingsShow},
	"set-status": {runFindingsSetStatus},
	"delete":     {runFindingsDelete},
}

func runFindings(args []string, stdout, stderr io.Writer) error {
	if len(args) == 0 {
		return usagef("missing subcommand: add, step, list, show, set-status, delete or accept-rollback")
	}
	if a := args[0]; a == "-h" || a == "--help" || a == "help" {
		fmt.Fprint(stdout, findingsUsage)
		return nil
	}
	sub, ok := findingsSubs[args[0]]
	if !ok {
		names := make([]string, 0, len(findingsSubs))
		for n := range findingsSubs {
			names = append(names, n)
		}
		sort.Strings(names)
		return usagef("unknown subcommand %q; use one of %s", args[0], strings.Join(names, ", "))
	}
	return sub.run(args[1:], stdout, stderr)
}

// newFindingsFlags makes the flag set of a subcommand, with the workspace
// flags. Its help goes to stdout.
func newFindingsFlags(name string, wf *workspaceFlags) *flag.FlagSet {
	fs := flag.NewFlagSet("findings "+name, flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	wf.add(fs)
	return fs
}

// parseFindingsFlags parses args, printing help for -h (then it returns
// nil, errHelped), and checks the number of positional arguments.
func parseFindingsFlags(fs *flag.FlagSet, args []string, stdout io.Writer, positional string, want int) ([]string, error) {
	pos, err := parseInterleaved(fs, args)
	if errors.Is(err, flag.ErrHelp) {
		fmt.Fprintf(stdout, "Usage: sightline %s %s [flags]\n\nFlags:\n", fs.Name(), positional)
		fs.SetOutput(stdout)
		fs.PrintDefaults()
		return nil, errHelped
	}
	if err != nil {
		return nil, usagef("%v", err)
	}
	if len(pos) != want {
		if want == 0 {
			return nil, usagef("unexpected argument %q", pos[0])
		}
		return nil, usagef("want %s, got %d argument(s)", positional, len(pos))
	}
	return pos, nil
}

// errHelped means help was printed: the command succeeds doing nothing.
var errHelped = errors.New("help printed")

// locationFlags are the flags that name a location.
type locationFlags struct {
	path, lines, note, side, artifact string
}

func (l *locationFlags) add(fs *flag.FlagSet) {
	fs.StringVar(&l.path, "path", "", "the file, as a path in the pinned tree (required)")
	fs.StringVar(&l.lines, "lines", "", "the lines, START-END or one line number, 1-based (required)")
	fs.StringVar(&l.note, "note", "", "a note on this step")
	fs.StringVar(&l.side, "side", "", "in a diff review: base or pin (default: the pin's tree)")
	fs.StringVar(&l.artifact, "artifact", "", "the location is in a member of this release archive; --path names the member")
}

// check validates the flags' syntax before anything is opened.
func (l *locationFlags) check() (start, end int, err error) {
	if l.path == "" {
		return 0, 0, usagef("--path P is required: the file, as a path in the pinned tree")
	}
	if l.lines == "" {
		return 0, 0, usagef("--lines A-B is required")
	}
	if l.side != "" && l.side != review.SideBase && l.side != review.SidePin {
		return 0, 0, usagef("--side %q: use base or pin", l.side)
	}
	if l.side != "" && l.artifact != "" {
		return 0, 0, usagef("--side and --artifact: an archive member is not a side of a diff; give one of them")
	}
	start, end, err = review.ParseLines(l.lines)
	if err != nil {
		return 0, 0, usagef("--lines: %v", err)
	}
	return start, end, nil
}

// step reads the location at the pin (or the base, for --side base) and
// makes a step of it.
func (l *locationFlags) step(o *openedWorkspace, start, end int) (review.Step, error) {
	if l.artifact != "" {
		loc, err := archiveLocation(context.Background(), o.Pin.Commit, l.artifact, treePath(l.path), start, end)
		return review.Step{Location: loc, Note: l.note}, err
	}
	commit := o.Pin.Commit
	if l.side == review.SideBase {
		if o.Base == nil {
			return review.Step{}, errors.New("--side base: the review has no base; give --base REV")
		}
		commit = o.Base.Commit
	}
	loc, err := review.NewLocation(context.Background(), o.Repo, commit, treePath(l.path), start, end, l.side)
	if err != nil {
		return review.Step{}, err
	}
	return review.Step{Location: loc, Note: l.note}, nil
}

func runFindingsAdd(args []string, stdout, stderr io.Writer) error {
	var wf workspaceFlags
	var lf locationFlags
	var f review.Finding
	var sev, cwe, status string
	fs := newFindingsFlags("add", &wf)
	lf.add(fs)
	fs.StringVar(&f.Title, "title", "", "a one-line title (required)")
	fs.StringVar(&sev, "severity", "", "info, low, medium, high or critical (required)")
	fs.StringVar(&cwe, "cwe", "", "the weakness, like CWE-78")
	fs.StringVar(&status, "status", "open", "open, confirmed, false-positive, needs-info or needs-re-review")
	fs.StringVar(&f.Description, "description", "", "the description (may span lines)")
	fs.StringVar(&f.Reviewer, "reviewer", "", "who reports it (default: the workspace's reviewer, else your login name)")
	if _, err := parseFindingsFlags(fs, args, stdout, "", 0); err != nil {
		return helped(err)
	}
	start, end, err := lf.check()
	if err != nil {
		return err
	}
	if strings.TrimSpace(f.Title) == "" {
		return usagef("--title T is required")
	}
	if sev == "" {
		return usagef("--severity is required: info, low, medium, high or critical")
	}
	if f.Severity, err = review.ParseSeverity(sev); err != nil {
		return usagef("--severity: %v", err)
	}
	if f.CWE, err = review.ParseCWE(cwe); err != nil {
		return usagef("--cwe: %v", err)
	}
	if f.Status, err = review.ParseStatus(status); err != nil {
		return usagef("--status: %v", err)
	}
	o, err := openWorkspace(wf, stderr)
	if err != nil {
		return err
	}
	step, err := lf.step(o, start, end)
	if err != nil {
		return closeAfter(o, err)
	}
	f.Steps = []review.Step{step}
	added, err := o.WS.AddFinding(f)
	if err != nil {
		return closeAfter(o, err)
	}
	if err := o.Close(); err != nil {
		return err
	}
	fmt.Fprintln(stdout, added.ID)
	return nil
}

func runFindingsStep(args []string, stdout, stderr io.Writer) error {
	var wf workspaceFlags
	var lf locationFlags
	fs := newFindingsFlags("step", &wf)
	lf.add(fs)
	pos, err := parseFindingsFlags(fs, args, stdout, "ID", 1)
	if err != nil {
		return helped(err)
	}
	id, err := idArg(pos[0])
	if err != nil {
		return err
	}
	start, end, err := lf.check()
	if err != nil {
		return err
	}
	o, err := openWorkspace(wf, stderr)
	if err != nil {
		return err
	}
	step, err := lf.step(o, start, end)
	if err != nil {
		return closeAfter(o, err)
	}
	f, err := o.WS.AddStep(id, step)
	if err != nil {
		return closeAfter(o, err)
	}
	if err := o.Close(); err != nil {
		return err
	}
	fmt.Fprintf(stdout, "%s: step %d saved\n", f.ID, len(f.Steps))
	return nil
}

// closeAfter closes o after a failure and returns the failure. A change
// the workspace kept in memory is lost when this process exits, so the
// message says only that it was not saved, and why.
func closeAfter(o *openedWorkspace, err error) error {
	_ = o.Close()
	var ns *review.NotSavedError
	if errors.As(err, &ns) {
		return fmt.Errorf("not saved: %w", ns.Cause)
	}
	return err
}

// helped turns errHelped into success.
func helped(err error) error {
	if errors.Is(err, errHelped) {
		return nil
	}
	return err
}

// idArg parses a finding id argument; a malformed one is bad usage.
func idArg(s string) (string, error) {
	id, err := review.ParseID(s)
	if err != nil {
		return "", usagef("%v", err)
	}
	return id, nil
}
