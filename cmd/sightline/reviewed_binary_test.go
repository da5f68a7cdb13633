package main

import (
	"path/filepath"
	"strings"
	"testing"

	"sightline/repo/repotest"
)

// Issue 12.4: marking a binary file reviewed counts its bytes, not the
// LFs that happen to be in it.
func TestReviewedCountsBinaryFilesInBytes(t *testing.T) {
	t.Setenv("XDG_DATA_HOME", filepath.Join(t.TempDir(), "data"))
	tr := repotest.New(t)
	tr.Commit("c", repotest.Tree{
		"fw/image.bin": {Content: "\x00\x01" + strings.Repeat("\n", 4094)}, // 4,096 bytes, 4,094 LFs
		"fw/notes.txt": {Content: "a\nb\nc\n"},
	})
	at := []string{"--repo", tr.Dir, "--rev", "main"}
	if out := must(t, append([]string{"reviewed", "fw/image.bin"}, at...)...); out != "marked 1 file reviewed (4,096 B of binary); 1 file reviewed in this workspace\n" {
		t.Errorf("marking a binary printed %q", out)
	}
	if out := must(t, append([]string{"reviewed", "--undo", "fw"}, at...)...); out != "unmarked 1 file (4,096 B of binary), 1 was not marked; 0 files reviewed in this workspace\n" {
		t.Errorf("unmarking printed %q", out)
	}
	if out := must(t, append([]string{"reviewed", "fw"}, at...)...); out != "marked 2 files reviewed (3 lines, 4,096 B of binary); 2 files reviewed in this workspace\n" {
		t.Errorf("marking a directory with both printed %q", out)
	}
}
