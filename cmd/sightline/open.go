package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"

	tea "github.com/charmbracelet/bubbletea"
	"golang.org/x/term"

	"sightline/repo"
	"sightline/repo/search"
	"sightline/repo/textsafe"
	"sightline/tui"
	"sightline/tui/keys"
	"sightline/tui/theme"
)

func init() {
	register(command{
		name:    "open",
		summary: "browse a repository pinned at a revision (the default command)",
		run:     runOpen,
	})
}

const openUsage = `Usage: sightline [open] [PATH] [--rev REV] [--base BASE] [--workspace DIR] [--reviewer NAME] [--mouse]

Opens the terminal workbench on the repository at PATH (default: the
current directory: a work tree, a .git directory, a bare repository or a
.git file), pinned at REV (default HEAD). Everything shown is read from
that commit's tree, never from the work tree or the index, and nothing is
written to the repository. With --base, tab 2 (Changes) lists every file
that differs between BASE and REV, with its diff.

Findings and coverage go to the review workspace: --workspace DIR, else
$XDG_DATA_HOME/sightline/workspaces/NAME-PIN-HASH (the one 'sightline
findings' uses for the same repository and pin). Tab 4 lists the
findings; ? shows the workspace's path.

Press ? inside for the keys; q quits.

Flags:
`

// openFlags are the options shared by "open" and "demo".
type openFlags struct {
	rev       string
	base      string // the Changes tab's base revision; "" for none
	mouse     bool
	workspace string // the review workspace directory; "" for the default
	reviewer  string // recorded on new findings
	repoPath  string // the repository as given, to keep the workspace outside it
	noIndex   bool   // do not build the search index in the background
}

func runOpen(args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("open", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	var of openFlags
	fs.StringVar(&of.rev, "rev", "HEAD", "the revision to pin: hash, branch, tag, HEAD~N")
	fs.StringVar(&of.base, "base", "", "compare the pin with this revision in the Changes tab (2)")
	fs.BoolVar(&of.mouse, "mouse", false, "capture the mouse (wheel scrolls, click focuses); takes the terminal's own text selection away")
	addReviewFlags(fs, &of)
	// Flags may come before or after the path.
	paths, err := parseInterleaved(fs, args)
	if err != nil {
		return helpOrUsage(err, fs, stdout, openUsage)
	}
	if len(paths) > 1 {
		return usagef("give one repository path, not %d (%q, %q, …)", len(paths), paths[0], paths[1])
	}
	path := "."
	if len(paths) == 1 {
		path = paths[0]
	}
	r, err := openRepo(path, stderr)
	if err != nil {
		return err
	}
	defer r.Close()
	pin, err := r.Resolve(of.rev)
	if err != nil {
		return err
	}
	of.repoPath = path
	return runTUI(r, pin, of, stdout, stderr)
}

// addReviewFlags registers the flags open and demo share: --no-index,
// --workspace and --reviewer.
func addReviewFlags(fs *flag.FlagSet, of *openFlags) {
	fs.BoolVar(&of.noIndex, "no-index", false, "do not build the search index of the pinned tree in the background (ctrl+f then reads every file)")
	fs.StringVar(&of.workspace, "workspace", "", "the review workspace directory (default: $XDG_DATA_HOME/sightline/workspaces/NAME-PIN-HASH)")
	fs.StringVar(&of.reviewer, "reviewer", "", "the reviewer recorded on new findings (default: the workspace's setting, else your login name)")
}

// runTUI runs the workbench on an open repository until the reviewer
// quits.
func runTUI(r *repo.Repo, pin repo.Pin, of openFlags, stdout, stderr io.Writer) error {
	var base repo.Pin
	if of.base != "" {
		var err error
		if base, err = r.Resolve(of.base); err != nil {
			return fmt.Errorf("--base: %w", err)
		}
	}
	out, ok := stdout.(*os.File)
	if !ok || !term.IsTerminal(int(out.Fd())) || !term.IsTerminal(int(os.Stdin.Fd())) {
		return errors.New("the workbench needs a terminal; for scripts use 'sightline grep' or 'sightline scan'")
	}
	// Before the program starts: this asks the terminal its background.
	styles := theme.TerminalStyles(out)
	o, err := openWorkspaceIn(r, workspaceFlags{repo: of.repoPath, rev: of.rev, base: of.base, workspace: of.workspace}, stderr)
	if err != nil {
		if strings.Contains(err.Error(), "--workspace") {
			return fmt.Errorf("review workspace: %w", err)
		}
		return fmt.Errorf("review workspace: %w (pass --workspace DIR to use another directory)", err)
	}
	defer func() {
		if cerr := o.WS.Close(); cerr != nil {
			fmt.Fprintf(stderr, "sightline: %s\n", textsafe.Sanitize(cerr.Error()))
		}
	}()
	if of.base == "" && o.Base != nil && len(o.WS.Provenance()) > 0 {
		// A carried review compares with the pin it came from: the Changes
		// tab lists what changed since the last review.
		base = *o.Base
	}
	notice := replaceNote(r)
	if !of.noIndex {
		stop, note := startIndexing(r, pin)
		defer stop()
		notice = joinNotes(notice, note)
	}
	m := tui.New(tui.Deps{
		Repo:   r,
		Search: search.New(r, ""), // the index of the pinned tree when "sightline index" built one
		Pin:    pin,
		Base:   base,
		Styles: styles,
		Keys:   keys.DefaultGlobal(),
		Mouse:  of.mouse,
		Review: tui.Review{WS: o.WS, Reviewer: of.reviewer, Repo: r},
		Notice: notice,
	})
	opts := []tea.ProgramOption{tea.WithAltScreen(), tea.WithOutput(out)}
	if of.mouse {
		opts = append(opts, tea.WithMouseCellMotion())
	}
	_, err = tea.NewProgram(m, opts...).Run()
	return err
}
