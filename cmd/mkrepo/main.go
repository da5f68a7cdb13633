// Command mkrepo writes a deterministic synthetic git repository for the
// benchmark harness (scripts/bench.sh): N files in a realistic directory
// shape and M commits of realistic edits, all derived from one seed, so
// that the same flags always give the same HEAD. The generator is
// package repo/synth; this is its flags and wiring.
//
//	mkrepo -o DIR -files N -commits M -seed S
//
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
	start := time.Now()
	m, err := synth.Generate(*out, *files, *commits, *seed)
	if errors.Is(err, synth.ErrNotEmpty) {
		return fmt.Errorf("%w; remove it or pick another -o", err)
	}
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "mkrepo: %s: %d files, %d commits, %d objects, HEAD %s, in %.1fs\n",
		*out, m.Files, m.Commits, m.Objects, m.Head, time.Since(start).Seconds())
	return nil
}
