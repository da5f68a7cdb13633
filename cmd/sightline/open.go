package main

import (
	"context"
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
	"sightline/tui/theme"
)

func init() {
	register(command{
		name:    "open",
		summary: "browse a repository pinned at a revision (the default command)",
		run:     runOpen,
	})
}

const openUsage = `Usage: sightline [open] [PATH | --repo PATH] [--rev REV] [--base BASE] [--artifact ARCHIVE [--known PATH]...] [--workspace DIR] [--reviewer NAME] [--mouse]
       [--theme dark|light|auto] [--config FILE] [FILE[:LINE[:COL]] | +LINE FILE]

Opens the terminal workbench on the repository at PATH (default: the
current directory: a work tree, a .git directory, a bare repository or a
.git file), pinned at REV (default HEAD). Everything shown is read from
that commit's tree, never from the work tree or the index, and nothing is
written to the repository. With --base, tab 2 (Changes) lists every file
that differs between BASE and REV, with its diff.

With FILE, the workbench opens on that file of the tree at REV (Files
tab, code view), at LINE when given: "sightline open PATH src/x.c:941",
or as vim, less and tig take it, "sightline open PATH +941 src/x.c". A
column after the line (src/x.c:941:7, as compilers and "sightline
refs" print it, a byte column from 1) puts the column cursor there, so
that gd and gr take the name at that place. A lone argument is the file, in the repository of
the current directory, when it ends in :LINE or follows +LINE; else it
is the repository. With --repo PATH (as the other commands take it),
every argument is the file. A file not in the tree at REV, or a line past its
end, is refused before the workbench starts. Without FILE, the
workbench resumes where this workspace was left (tab, file, line,
column).

Findings and coverage go to the review workspace: --workspace DIR, else
$XDG_DATA_HOME/sightline/workspaces/NAME-PIN-HASH (the one 'sightline
findings' uses for the same repository and pin). Tab 4 lists the
findings; ? shows the workspace's path.

With --artifact, tab 5 (Release) compares that release archive with the
pin (as 'sightline artifact' does, --known naming trusted upstream
files): its members by class, riskiest first; enter opens a member's diff
against the tree (or the closest upstream version), m marks it reviewed,
and a finding on its lines names the archive.

Colours, the clipboard and key bindings are set in the config file,
$XDG_CONFIG_HOME/sightline/config (see README, "Config").

Press ? inside for the keys; q quits.

Flags:
`

// openFlags are the options shared by "open" and "demo".
type openFlags struct {
	rev       string
	base      string // the Changes tab's base revision; "" for none
	mouse     bool
	workspace string    // the review workspace directory; "" for the default
	reviewer  string    // recorded on new findings
	repoPath  string    // the repository as given, to keep the workspace outside it
	noIndex   bool      // do not build the search index in the background
	artifact  string    // the Release tab's archive; "" for none
	known     knownList // trusted upstream files for the Release tab
	theme     string    // --theme: dark, light or auto; "" for the config's
	config    string    // --config: the config file; "" for the default
	// start is the file and line given on the command line; zero: resume
	// where the workspace was left.
	start tui.Position
}

func runOpen(args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("open", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	var of openFlags
	var repoFlag string
	fs.StringVar(&repoFlag, "repo", "", "the repository, as every other command takes it (then a lone argument is the file)")
	fs.StringVar(&of.rev, "rev", "HEAD", "the revision to pin: hash, branch, tag, HEAD~N")
	fs.StringVar(&of.base, "base", "", "compare the pin with this revision in the Changes tab (2)")
	fs.StringVar(&of.artifact, "artifact", "", "add the Release tab (5): this release archive against the pin")
	fs.Var(&of.known, "known", "with --artifact: a directory of trusted upstream files or a catalogue (repeatable)")
	fs.BoolVar(&of.mouse, "mouse", false, "capture the mouse (wheel scrolls, click focuses); takes the terminal's own text selection away")
	addReviewFlags(fs, &of)
	// Flags may come before or after the path.
	paths, err := parseInterleaved(fs, args)
	if err != nil {
		return helpOrUsage(err, fs, stdout, openUsage)
	}
	path, target, err := splitOpenArgsRepo(repoFlag, paths)
	if err != nil {
		return err
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
	if target.spelled != "" {
		// Before the workbench: a wrong place is said on stderr.
		if of.start, err = resolveTarget(r, pin, target); err != nil {
			return err
		}
	}
	of.repoPath = path
	if len(of.known) > 0 && of.artifact == "" {
		return usagef("--known goes with --artifact ARCHIVE: the release to check against those files")
	}
	if of.artifact != "" {
		if st, err := os.Stat(of.artifact); err != nil {
			return fmt.Errorf("--artifact: %w", err)
		} else if st.IsDir() {
			return usagef("--artifact %s is a directory: the Release tab names an archive by its SHA-256; give the release file (or use 'sightline artifact DIR')", textsafe.Sanitize(of.artifact))
		}
	}
	return runTUI(r, pin, of, stdout, stderr)
}

// addReviewFlags registers the flags open and demo share: --no-index,
// --workspace and --reviewer.
func addReviewFlags(fs *flag.FlagSet, of *openFlags) {
	fs.BoolVar(&of.noIndex, "no-index", false, "do not build the search index of the pinned tree in the background (ctrl+f then reads every file)")
	fs.StringVar(&of.workspace, "workspace", "", "the review workspace directory (default: $XDG_DATA_HOME/sightline/workspaces/NAME-PIN-HASH)")
	fs.StringVar(&of.reviewer, "reviewer", "", "the reviewer recorded on new findings (default: the workspace's setting, else your login name)")
	fs.StringVar(&of.theme, "theme", "", "colours for a dark or light terminal background: dark, light or auto (default: the config's theme, else auto)")
	fs.StringVar(&of.config, "config", "", "the config file: theme, clipboard and key bindings (default: $XDG_CONFIG_HOME/sightline/config)")
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
	cfg, keyMaps, err := workbenchConfig(of)
	if err != nil {
		return err
	}
	out, ok := stdout.(*os.File)
	if !ok || !term.IsTerminal(int(out.Fd())) || !term.IsTerminal(int(os.Stdin.Fd())) {
		return errors.New("the workbench needs a terminal; for scripts use 'sightline grep' or 'sightline scan'")
	}
	// Before the program starts: this asks the terminal its background.
	styles := theme.TerminalStyles(out, cfg.theme)
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
	start := of.start
	if start.Path == "" { // no place given: resume where this workspace was left
		var note string
		start, note = loadPosition(r, o.WS.Dir(), pin)
		notice = joinNotes(notice, note)
	}
	syms := &symbolSource{r: r, pin: pin, why: "this session was started with --no-index; run \"sightline index\""}
	syms.exe, _ = os.Executable()
	defer syms.close()
	if !of.noIndex {
		child, note := newIndexChild(r, pin)
		if child != nil {
			child.start()
			defer child.stop()
		}
		syms.child, syms.why = child, note
		notice = joinNotes(joinNotes(notice, note), useHistoryIndex(r, pin))
	}
	// Lookups still running when the reviewer quits (gr's child) stop.
	lookups, stopLookups := context.WithCancel(context.Background())
	defer stopLookups()
	m := tui.New(tui.Deps{
		Context:   lookups,
		Repo:      r,
		Search:    search.New(r, ""), // the index of the pinned tree when "sightline index" built one
		Pin:       pin,
		Base:      base,
		Styles:    styles,
		Keys:      keyMaps.Global,
		KeyMaps:   keyMaps,
		Clipboard: clipboardOut(cfg, out),
		Mouse:     of.mouse,
		Review:    tui.Review{WS: o.WS, Reviewer: of.reviewer, Repo: r, Offer: carryOfferFor(r, pin, o.WS, of.artifact)},
		Notice:    notice,
		Release:   tui.ReleaseDeps{Archive: of.artifact, Known: of.known},
		Start:     start,
		Symbols:   syms,
	})
	opts := []tea.ProgramOption{tea.WithAltScreen(), tea.WithOutput(out)}
	if of.mouse {
		opts = append(opts, tea.WithMouseCellMotion())
	}
	final, err := tea.NewProgram(m, opts...).Run()
	if fm, ok := final.(tui.Model); ok && err == nil {
		if perr := savePosition(o.WS.Dir(), pin, fm.Position()); perr != nil {
			fmt.Fprintf(stderr, "sightline: the position to resume at was not saved: %s\n", textsafe.Sanitize(perr.Error()))
		}
	}
	return err
}

// clipboardOut is where y and Y write their OSC 52 sequence: the
// terminal, unless the config says clipboard off or the terminal cannot
// take it (the Linux console, a dumb terminal).
func clipboardOut(c config, out io.Writer) io.Writer {
	switch t := os.Getenv("TERM"); {
	case !c.clipboard, t == "dumb", t == "linux":
		return nil
	}
	return out
}
