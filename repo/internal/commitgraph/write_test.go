package commitgraph

import (
	"bytes"
	"encoding/hex"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// gitCommits reads every commit of gitDir as Write wants it, its changed
// paths from git's own first-parent tree diff.
func gitCommits(t *testing.T, gitDir string) []WriteCommit {
	t.Helper()
	var out []WriteCommit
	for _, l := range gitOut(t, gitDir, "log", "--all", "--format=%H,%T,%ct,%P") {
		f := strings.Split(l, ",")
		c := WriteCommit{ID: parseID(t, f[0]), Tree: parseID(t, f[1])}
		c.When, _ = strconv.ParseInt(f[2], 10, 64)
		for _, p := range strings.Fields(f[3]) {
			c.Parents = append(c.Parents, parseID(t, p))
		}
		args := []string{"diff-tree", "-r", "-z", "--root", "--no-commit-id", "--name-only", f[0]}
		if len(c.Parents) > 1 {
			args = []string{"diff-tree", "-r", "-z", "--no-commit-id", "--name-only", f[0] + "^1", f[0]}
		}
		raw, err := exec.Command("git", append([]string{"--git-dir", gitDir}, args...)...).Output()
		if err != nil {
			t.Fatalf("git %v: %v", args, err)
		}
		for _, p := range strings.Split(string(raw), "\x00") {
			if p != "" {
				c.Changed = append(c.Changed, p)
			}
		}
		out = append(out, c)
	}
	return out
}

// TestWriteMatchesGitBitForBit: the commit-graph Write produces from git's
// own commits and tree diffs holds, chunk for chunk, the bytes git wrote:
// fan-out, ids, commit data with generations, octopus edges, and every
// changed-path filter (ASCII paths, where git's version 1 filters and our
// version 2 ones agree), including a commit over the 512-path limit.
func TestWriteMatchesGitBitForBit(t *testing.T) {
	gitDir := gitRepo(t)
	work := filepath.Dir(gitDir)
	// A commit changing 600 files: git writes its "too large" filter.
	for i := 0; i < 600; i++ {
		p := filepath.Join(work, "big", fmt.Sprintf("d%d", i%7), fmt.Sprintf("f%d", i))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(strconv.Itoa(i)), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	for _, args := range [][]string{
		{"-C", work, "add", "-A"},
		{"-C", work, "-c", "user.name=a", "-c", "user.email=a@x", "commit", "-q", "-m", "big"},
		{"-C", work, "commit-graph", "write", "--reachable", "--changed-paths"},
	} {
		if out, err := exec.Command("git", args...).CombinedOutput(); err != nil {
			t.Fatalf("git %v: %v\n%s", args, err, out)
		}
	}
	gitFile := filepath.Join(gitDir, "objects", "info", "commit-graph")
	gitData, err := os.ReadFile(gitFile)
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := Write(&buf, gitCommits(t, gitDir), map[string][]byte{"XTRA": []byte("pin")}); err != nil {
		t.Fatal(err)
	}
	ours, err := readChunks(buf.Bytes(), int(buf.Bytes()[6]))
	if err != nil {
		t.Fatal(err)
	}
	theirs, err := readChunks(gitData, int(gitData[6]))
	if err != nil {
		t.Fatal(err)
	}
	for _, id := range []string{"OIDF", "OIDL", "CDAT", "EDGE", "BIDX"} {
		if !bytes.Equal(ours[id], theirs[id]) {
			t.Errorf("chunk %s differs from git's:\nours  %s\ngit's %s", id, hex.EncodeToString(ours[id]), hex.EncodeToString(theirs[id]))
		}
	}
	// BDAT: the same filters after the header, whose version field is
	// git's choice (1 in git before 2.46, unless configured).
	if len(theirs["BDAT"]) < bdatHeader || !bytes.Equal(ours["BDAT"][4:], theirs["BDAT"][4:]) {
		t.Errorf("changed-path filters differ from git's")
	}
	if !bytes.Contains(theirs["BDAT"][bdatHeader:], []byte{0xff}) {
		t.Error("test repository has no too-large filter")
	}
	// The file reads back, with the extra chunk and a valid checksum.
	p := filepath.Join(t.TempDir(), "g")
	if err := os.WriteFile(p, buf.Bytes(), 0o600); err != nil {
		t.Fatal(err)
	}
	g, err := OpenFile(p)
	if err != nil {
		t.Fatal(err)
	}
	if string(g.Extra("XTRA")) != "pin" || g.Bloom() != 2 {
		t.Errorf("extra chunk %q, filter version %d", g.Extra("XTRA"), g.Bloom())
	}
	// HasChunk sees the table of contents alone.
	for id, want := range map[string]bool{"XTRA": true, "BDAT": true, "NONE": false} {
		if got, err := HasChunk(p, id); got != want || err != nil {
			t.Errorf("HasChunk %s: %v, %v; want %v", id, got, err, want)
		}
	}
	if _, err := HasChunk(filepath.Join(t.TempDir(), "none"), "XTRA"); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("HasChunk of a missing file: %v", err)
	}
	checkAgainstGit(t, g, gitDir)
}

func TestWriteRefusesBadHistories(t *testing.T) {
	a, b := ID{1}, ID{2}
	for name, cs := range map[string][]WriteCommit{
		"missing parent": {{ID: a, Parents: []ID{b}}},
		"cycle":          {{ID: a, Parents: []ID{b}}, {ID: b, Parents: []ID{a}}},
		"own parent":     {{ID: a, Parents: []ID{a}}},
		"twice":          {{ID: a}, {ID: a}},
	} {
		if err := Write(&bytes.Buffer{}, cs, nil); err == nil {
			t.Errorf("%s: written", name)
		}
	}
	if _, err := OpenFile(filepath.Join(t.TempDir(), "none")); !errors.Is(err, ErrNone) {
		t.Errorf("OpenFile of a missing file: %v", err)
	}
}
