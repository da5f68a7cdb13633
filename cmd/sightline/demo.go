package main

import (
	"errors"
	"flag"
	"fmt"
	"io"

	"sightline/repo/demo"
	"sightline/review"
)

func init() {
	register(command{
		name:    "demo",
		summary: "browse a built-in demo repository (a small service with a planted back door)",
		run:     runDemo,
	})
}

const demoUsage = `Usage: sightline demo [--rev REV] [--base BASE] [--workspace DIR] [--reviewer NAME] [--mouse]
       [--theme dark|light|auto] [--config FILE]

Builds the demo repository in a temporary directory (otaupd, a small
firmware update daemon: several commits, releases v1.0 and v1.1, a back
door slipped in as a refactor and a Trojan Source line) and opens the
workbench on it, pinned at REV (default v1.1), with tab 2 (Changes)
comparing it with BASE (default v1.0). The directory is removed on exit.
Nothing else is needed on the machine.

Findings made in the demo go to a workspace kept between runs (the demo
is rebuilt with the same commit ids every time):
$XDG_DATA_HOME/sightline/workspaces/, keyed by the demo and the pin, or
--workspace DIR.

Flags:
`

func runDemo(args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("demo", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	var of openFlags
	fs.StringVar(&of.rev, "rev", demo.Rev, "the revision to pin")
	fs.StringVar(&of.base, "base", "v1.0", `compare the pin with this revision in the Changes tab (2); "" for none`)
	fs.BoolVar(&of.mouse, "mouse", false, "capture the mouse (wheel scrolls, click focuses)")
	addReviewFlags(fs, &of)
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			fmt.Fprint(stdout, demoUsage)
			fs.SetOutput(stdout)
			fs.PrintDefaults()
			return nil
		}
		return usagef("%v", err)
	}
	if fs.NArg() > 0 {
		return usagef("unexpected argument %q; the demo takes no path", fs.Arg(0))
	}
	r, cleanup, err := demo.Open()
	if err != nil {
		return err
	}
	defer cleanup()
	pin, err := r.Resolve(of.rev)
	if err != nil {
		return err
	}
	of.repoPath = r.GitDir()
	if of.workspace == "" {
		// Keyed by a fixed name, not the temporary directory, so the
		// demo's findings are there again next time.
		if of.workspace, err = review.DefaultDir("demo", "sightline-demo", pin.Commit); err != nil {
			return err
		}
	}
	return runTUI(r, pin, of, stdout, stderr)
}
