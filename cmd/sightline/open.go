package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
	"golang.org/x/term"

	"sightline/repo"
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

const openUsage = `Usage: sightline [open] [PATH] [--rev REV] [--base BASE] [--mouse]

Opens the terminal workbench on the repository at PATH (default: the
current directory: a work tree, a .git directory, a bare repository or a
.git file), pinned at REV (default HEAD). Everything shown is read from
that commit's tree, never from the work tree or the index, and nothing is
written to the repository. With --base, tab 2 (Changes) lists every file
that differs between BASE and REV, with its diff.

Press ? inside for the keys; q quits.

Flags:
`

// openFlags are the options shared by "open" and "demo".
type openFlags struct {
	rev   string
	base  string // the Changes tab's base revision; "" for none
	mouse bool
}

func runOpen(args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("open", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	var of openFlags
	fs.StringVar(&of.rev, "rev", "HEAD", "the revision to pin: hash, branch, tag, HEAD~N")
	fs.StringVar(&of.base, "base", "", "compare the pin with this revision in the Changes tab (2)")
	fs.BoolVar(&of.mouse, "mouse", false, "capture the mouse (wheel scrolls, click focuses); takes the terminal's own text selection away")
	var paths []string
	for {
		if err := fs.Parse(args); err != nil {
			if errors.Is(err, flag.ErrHelp) {
				fmt.Fprint(stdout, openUsage)
				fs.SetOutput(stdout)
				fs.PrintDefaults()
				return nil
			}
			return usagef("%v", err)
		}
		if fs.NArg() == 0 {
			break
		}
		// Flags may follow the path: take it and parse the rest.
		paths = append(paths, fs.Arg(0))
		args = fs.Args()[1:]
	}
	if len(paths) > 1 {
		return usagef("give one repository path, not %d (%q, %q, …)", len(paths), paths[0], paths[1])
	}
	path := "."
	if len(paths) == 1 {
		path = paths[0]
	}
	r, err := repo.Open(path)
	if err != nil {
		return err
	}
	defer r.Close()
	pin, err := r.Resolve(of.rev)
	if err != nil {
		return err
	}
	return runTUI(r, pin, of, stdout)
}

// runTUI runs the workbench on an open repository until the reviewer
// quits.
func runTUI(r *repo.Repo, pin repo.Pin, of openFlags, stdout io.Writer) error {
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
	rd := lipgloss.NewRenderer(out)
	// Ask the terminal for its background once, now. Asked later, from
	// inside the running program (bubbles' default styles use lipgloss's
	// default renderer), the query would read stdin and swallow the
	// reviewer's first keys.
	dark := rd.HasDarkBackground()
	rd.SetHasDarkBackground(dark)
	lipgloss.SetHasDarkBackground(dark)
	m := tui.New(tui.Deps{
		Repo:   r,
		Pin:    pin,
		Base:   base,
		Styles: theme.NewStyles(theme.Default(), rd),
		Keys:   keys.DefaultGlobal(),
		Mouse:  of.mouse,
	})
	opts := []tea.ProgramOption{tea.WithAltScreen(), tea.WithOutput(out)}
	if of.mouse {
		opts = append(opts, tea.WithMouseCellMotion())
	}
	_, err := tea.NewProgram(m, opts...).Run()
	return err
}
