// Command mkrepo writes a deterministic synthetic git repository for the
// benchmark harness (scripts/bench.sh): N files in a realistic directory
// shape and M commits of realistic edits, all derived from one seed, so
// that the same flags always give the same HEAD. The generator is
// package repo/synth; this is its flags and wiring.
//
//	mkrepo -o DIR -files N -commits M -seed S [-shape plain|real]
//
// -shape real draws a history shaped like a real project's where that
// matters to blame and path history: stretches of mostly merges, a file
// edited thousands of times, a directory of thousands of files.
// The repository is non-bare with no checkout (objects and refs only), in
// one packfile. Besides branch main it has the tag mkrepo-base a quarter
// of the way into history, and DIR/.git/mkrepo.json names the files the
// harness measures.
package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"time"

	"sightline/repo/synth"
)

func main() {
	if err := run(os.Args[1:], os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "mkrepo:", err)
		var ue usageError
		if errors.As(err, &ue) {
			os.Exit(2)
		}
		os.Exit(1)
	}
}

type usageError struct{ error }

func run(args []string, stdout io.Writer) error {
	fs := flag.NewFlagSet("mkrepo", flag.ContinueOnError)
	out := fs.String("o", "", "directory to create (must not exist or be empty)")
	files := fs.Int("files", 1000, "number of files at HEAD (at least 10)")
	commits := fs.Int("commits", 1000, "number of commits (at least 1)")
	seed := fs.Uint64("seed", 1, "seed; the same seed and sizes give the same HEAD")
	shape := fs.String("shape", "plain", "history shape: plain (the benchmark's) or real (merge-heavy stretches, a file edited thousands of times, a directory of thousands of files)")
	if err := fs.Parse(args); err != nil {
		return usageError{err}
	}
	switch {
	case *out == "":
		return usageError{errors.New("-o DIR is required")}
	case *files < 10:
		return usageError{fmt.Errorf("-files %d: need at least 10", *files)}
	case *commits < 1:
		return usageError{fmt.Errorf("-commits %d: need at least 1", *commits)}
	}
	var sh synth.Shape
	switch *shape {
	case "plain":
	case "real":
		sh = synth.RealShape(*files)
	default:
		return usageError{fmt.Errorf("-shape %q: want plain or real", *shape)}
	}
	start := time.Now()
	m, err := synth.GenerateShape(*out, *files, *commits, *seed, sh)
	if errors.Is(err, synth.ErrNotEmpty) {
		return fmt.Errorf("%w; remove it or pick another -o", err)
	}
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "mkrepo: %s: %d files, %d commits, %d objects, HEAD %s, %s shape, in %.1fs\n",
		*out, m.Files, m.Commits, m.Objects, m.Head, *shape, time.Since(start).Seconds())
	return nil
}
