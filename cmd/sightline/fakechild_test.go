package main

import (
	"fmt"
	"os"
	"path/filepath"
	"testing"
)

// countingChild writes a shell script that stands in for the sightline
// binary as a child: each run appends a line to the runs file it returns,
// then runs body.
func countingChild(t *testing.T, body string) (exe, runs string) {
	t.Helper()
	dir := t.TempDir()
	exe, runs = filepath.Join(dir, "sightline"), filepath.Join(dir, "runs")
	script := fmt.Sprintf("#!/bin/sh\necho run >> %q\n%s\n", runs, body)
	if err := os.WriteFile(exe, []byte(script), 0o755); err != nil {
		t.Fatal(err)
	}
	return exe, runs
}
