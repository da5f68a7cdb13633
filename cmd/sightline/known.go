package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"sightline/repo/artifact"
	"sightline/repo/textsafe"
)

func init() {
	register(command{
		name:    "known",
		summary: "build a catalogue of trusted upstream files for 'artifact --known'",
		run:     runKnown,
	})
}

const knownUsage = `Usage: sightline known build PATH... -o CATALOGUE

Writes a catalogue of trusted upstream files: the name, git blob id, size
and (for an m4 file) the "serial" line of every regular file under each
PATH, a directory such as a distribution's /usr/share/aclocal, or a
catalogue to merge. Carry it to the machine where the review happens and
give it to 'sightline artifact --known CATALOGUE'. -o - writes to stdout.

Flags:
`

func runKnown(args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("known", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	out := fs.String("o", "", "the catalogue file to write (- for stdout)")
	pos, _, err := parseMixed(fs, args)
	if err != nil {
		return helpOrUsage(err, fs, stdout, knownUsage)
	}
	if len(pos) == 0 || pos[0] != "build" {
		return usagef("want 'known build PATH... -o CATALOGUE'")
	}
	if len(pos) < 2 {
		return usagef("known build: name at least one directory of trusted files")
	}
	if *out == "" {
		return usagef("known build: give the catalogue file to write with -o FILE (or -o - for stdout)")
	}
	cat := &artifact.Catalogue{}
	for _, p := range pos[1:] {
		if err := cat.LoadKnown(context.Background(), p); err != nil {
			return fmt.Errorf("%s: %w", p, err)
		}
	}
	if *out == "-" {
		return cat.Write(stdout)
	}
	if err := writeCatalogue(*out, cat); err != nil {
		return err
	}
	fmt.Fprintf(stderr, "sightline known: wrote %s to %s\n", count(len(cat.Files), "file"), textsafe.Sanitize(*out))
	return nil
}

// writeCatalogue writes through a temporary file in the same directory,
// so a failure leaves no half-written catalogue behind.
func writeCatalogue(path string, cat *artifact.Catalogue) error {
	tmp, err := os.CreateTemp(filepath.Dir(path), ".catalogue-*")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name())
	if err := cat.Write(tmp); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Sync(); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), path)
}
