package main

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"sightline/repo/synth"
)

func TestRunRejectsBadFlags(t *testing.T) {
	for _, args := range [][]string{{}, {"-o", t.TempDir() + "/x", "-files", "3"}, {"-o", t.TempDir() + "/y", "-commits", "0"}} {
		if err := run(args, &strings.Builder{}); err == nil {
			t.Errorf("run(%q) succeeded", args)
		}
	}
}

func TestRunRefusesANonEmptyDirectory(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "keep"), nil, 0o644); err != nil {
		t.Fatal(err)
	}
	err := run([]string{"-o", dir, "-files", "10", "-commits", "1"}, &strings.Builder{})
	want := dir + " exists and is not empty; remove it or pick another -o"
	if err == nil || err.Error() != want {
		t.Fatalf("run = %v, want %q", err, want)
	}
	if !errors.Is(err, synth.ErrNotEmpty) {
		t.Errorf("%v does not wrap synth.ErrNotEmpty", err)
	}
	var ue usageError
	if errors.As(err, &ue) {
		t.Errorf("%v is a usage error; it is a failure (exit 1)", err)
	}
}
