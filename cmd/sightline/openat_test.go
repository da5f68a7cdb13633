package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"sightline/repo/repotest"
	"sightline/tui"
	"sightline/tui/nav"
)

func positionAt(path string, line int) tui.Position {
	return tui.Position{Tab: nav.ViewFiles, Path: path, Line: line}
}

func TestSplitOpenArgs(t *testing.T) {
	for _, c := range []struct {
		args       []string
		repo, path string
		line, col  int
	}{
		{nil, ".", "", 0, 0},
		{[]string{"r"}, "r", "", 0, 0},
		{[]string{"r", "src/x.c"}, "r", "src/x.c", 0, 0},
		{[]string{"r", "src/x.c:941"}, "r", "src/x.c", 941, 0},
		{[]string{"r", "src/x.c:941:7"}, "r", "src/x.c", 941, 7}, // compilers' and refs' path:line:col
		{[]string{"r", "src/x.c:941:0"}, "r", "src/x.c", 941, 0},
		{[]string{"r", "src/x.c:941:99999999999999999999"}, "r", "src/x.c", 941, 0}, // past int: dropped
		{[]string{"r", "+941", "src/x.c"}, "r", "src/x.c", 941, 0},
		{[]string{"+941", "r", "src/x.c"}, "r", "src/x.c", 941, 0},
		{[]string{"src/x.c:12"}, ".", "src/x.c", 12, 0}, // a lone path:LINE is a file here
		{[]string{"src/x.c:12:3"}, ".", "src/x.c", 12, 3},
		{[]string{"+3", "src/x.c"}, ".", "src/x.c", 3, 0},
		{[]string{"r", "a:b"}, "r", "a:b", 0, 0},
		{[]string{"r", ":12"}, "r", ":12", 0, 0},
		{[]string{"r", ":12:3"}, "r", ":12:3", 0, 0},
	} {
		repoPath, tg, err := splitOpenArgs(c.args)
		if err != nil || repoPath != c.repo || tg.path != c.path || tg.line != c.line || tg.col != c.col {
			t.Errorf("%q: repo %q path %q line %d col %d (%v), want %q %q %d %d", c.args, repoPath, tg.path, tg.line, tg.col, err, c.repo, c.path, c.line, c.col)
		}
	}
	for _, bad := range [][]string{{"r", "+0", "x"}, {"r", "+x", "x"}, {"+3"}, {"r", "+3", "x:4"}, {"r", "a", "b", "c"}, {"r", "+1", "+2", "x"}} {
		if _, _, err := splitOpenArgs(bad); err == nil {
			t.Errorf("%q was accepted", bad)
		}
	}
}

// TestOpenTakesTheRepositoryFromRepoFlag: "--repo P", as every other
// command takes it, names the repository; the arguments left name the
// file only, so a lone "src/x.c" is a file there, not a repository.
func TestOpenTakesTheRepositoryFromRepoFlag(t *testing.T) {
	for _, c := range []struct {
		args       []string
		repo, path string
		line, col  int
	}{
		{nil, "r", "", 0, 0},
		{[]string{"src/x.c"}, "r", "src/x.c", 0, 0},
		{[]string{"src/x.c:941:7"}, "r", "src/x.c", 941, 7},
		{[]string{"+941", "src/x.c"}, "r", "src/x.c", 941, 0},
		{[]string{"x:3"}, "r", "x", 3, 0},
	} {
		repoPath, tg, err := splitOpenArgsRepo("r", c.args)
		if err != nil || repoPath != c.repo || tg.path != c.path || tg.line != c.line || tg.col != c.col {
			t.Errorf("--repo r %q: repo %q path %q line %d col %d (%v), want %q %q %d %d", c.args, repoPath, tg.path, tg.line, tg.col, err, c.repo, c.path, c.line, c.col)
		}
	}
	for _, bad := range [][]string{{"a", "b"}, {"+3"}, {"a", "+3", "b"}} {
		if _, _, err := splitOpenArgsRepo("r", bad); err == nil {
			t.Errorf("--repo r %q was accepted", bad)
		}
	}

	tr, _ := historyRepo(t)
	// Through the command: the place is checked in --repo's tree (only
	// the missing terminal stops it), and a wrong one is said.
	code, _, errOut := runCmd("open", "--repo", tr.Dir, "--no-index", "a.txt:21")
	if code == 0 || !strings.Contains(errOut, "needs a terminal") {
		t.Errorf("open --repo DIR a.txt:21: exit %d, %q; want only the terminal refused", code, errOut)
	}
	code, _, errOut = runCmd("--repo", tr.Dir, "--no-index", "nope.c")
	if code == 0 || !strings.Contains(errOut, "nope.c: no such file in the tree at HEAD (") {
		t.Errorf("--repo DIR nope.c: exit %d, %q; want the file refused", code, errOut)
	}
	code, _, errOut = runCmd("open", "--repo", tr.Dir, "a.txt", "b.txt")
	if code == 0 || !strings.Contains(errOut, "give one file after it, not 2 arguments") {
		t.Errorf("--repo DIR a.txt b.txt: exit %d, %q", code, errOut)
	}
}

// TestOpenRefusesAPlaceNotInTheTree: a file not in the tree at the pin, a
// directory, or a line past the end is said on stderr before the
// workbench starts (exit 1, no terminal needed), naming what was wrong.
func TestOpenRefusesAPlaceNotInTheTree(t *testing.T) {
	tr, _ := historyRepo(t)
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"nope.c:3"}, "nope.c: no such file in the tree at HEAD ("},
		{[]string{"--rev", "HEAD~3", "side.txt"}, "side.txt: no such file in the tree at HEAD~3 ("},
		{[]string{"a.txt:22"}, "a.txt has 21 lines at HEAD ("},
		{[]string{"+99", "a.txt"}, "line 99 is past the end"},
		{[]string{"--rev", "HEAD~4", "old"}, "old/ is a directory at HEAD~4"},
		{[]string{"new:4"}, "new/ is a directory"},
	} {
		args := append([]string{"open", tr.Dir, "--no-index"}, c.args...)
		code, _, errOut := runCmd(args...)
		if code == 0 || !strings.Contains(errOut, c.want) || strings.Contains(errOut, "needs a terminal") {
			t.Errorf("open %q: exit %d, stderr %q; want it to say %q", c.args, code, errOut, c.want)
		}
	}
	// The place exists: only the missing terminal stops it.
	for _, ok := range [][]string{{"a.txt:21"}, {"+1", "a.txt"}, {"new/name.c:3:9"}} {
		code, _, errOut := runCmd(append([]string{"open", tr.Dir, "--no-index"}, ok...)...)
		if code == 0 || !strings.Contains(errOut, "needs a terminal") {
			t.Errorf("open %q: exit %d, %q; want only the terminal refused", ok, code, errOut)
		}
	}
}

// TestOpenPrefersAnExactNameWithAColon: a file named "notes:12" opens as
// that file, not notes at line 12.
func TestOpenPrefersAnExactNameWithAColon(t *testing.T) {
	tr := repotest.New(t)
	tr.Commit("one", repotest.Tree{"notes:12": {Content: "x\n"}})
	code, _, errOut := runCmd("open", tr.Dir, "--no-index", "notes:12")
	if !strings.Contains(errOut, "needs a terminal") {
		t.Errorf("open notes:12: exit %d, %q", code, errOut)
	}
}

func TestLoadPositionChecksThePin(t *testing.T) {
	tr, _ := historyRepo(t)
	r, err := openRepo(tr.Dir, os.Stderr)
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	pin, _ := r.Resolve("HEAD")
	old, _ := r.Resolve("HEAD~4")
	dir := t.TempDir()
	if p, note := loadPosition(r, dir, pin); p.Path != "" || note != "" {
		t.Errorf("no file: %+v %q", p, note)
	}
	at := positionAt("new/name.c", 7)
	at.Col = 5
	if err := savePosition(dir, pin, at); err != nil {
		t.Fatal(err)
	}
	if p, note := loadPosition(r, dir, pin); p != at || note != "" {
		t.Errorf("saved place not read back: %+v %q, want %+v", p, note, at)
	}
	if p, _ := loadPosition(r, dir, old); p.Path != "" {
		t.Errorf("another pin's place was used: %+v", p)
	}
	if err := savePosition(dir, old, positionAt("new/name.c", 7)); err != nil { // not in HEAD~4's tree
		t.Fatal(err)
	}
	if p, note := loadPosition(r, dir, old); p.Path != "" || !strings.Contains(note, "new/name.c, is not a file in the tree at the pin") {
		t.Errorf("a place gone from the tree: %+v %q", p, note)
	}
	if err := os.WriteFile(filepath.Join(dir, positionFile), []byte("{torn"), 0o600); err != nil {
		t.Fatal(err)
	}
	if p, note := loadPosition(r, dir, pin); p.Path != "" || note != "" {
		t.Errorf("a damaged file was used: %+v %q", p, note)
	}
}
