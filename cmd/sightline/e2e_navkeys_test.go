package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"sightline/repo/repotest"
	"sightline/repo/repotest/pintest"
	"sightline/repo/symbols"
)

// cursorNavTree is navTree with the call to helper on a line whose first
// word is not the call: gd must be given the name with the column cursor.
func cursorNavTree() repotest.Tree {
	tree := repotest.Tree{}
	for p, f := range navTree {
		tree[p] = f
	}
	tree["src/main.c"] = repotest.File{Content: "#include \"util.h\"\nint main(void) {\n    int r = helper(1); /* helper is called here */\n    twice();\n    nothing();\n    return r;\n}\n"}
	return tree
}

// In the built binary: once the background child has written the symbol
// index, gd on a call in a C file, reached with the column cursor (W) on
// a line that starts with another word, jumps to the function in another
// file, ctrl+o returns, gr lists the call sites through its own child,
// grouped by file and naming the caller, and A there adds the caller as
// the next step of the current finding (issue 15's test).
func TestE2EGdJumpsToTheDefinitionAndGrListsCallers(t *testing.T) {
	rt := repotest.New(t)
	rt.Commit("c", cursorNavTree())
	_, pin := pintest.Head(t, rt)

	s := startTUI(t, "open", rt.Dir, "--workspace", filepath.Join(t.TempDir(), "ws"), "src/main.c:3")
	s.WaitFor("src/main.c │ 3/")
	symPath := symbols.CachePath(filepath.Join(s.Home, "cache", "sightline", "index"), pin.Tree)
	s.WaitForFile(symPath, 30*time.Second)
	// The cursor opens on the line's first word: gd there looks up int.
	s.Type("gd")
	s.WaitFor("no definition of «int»")
	s.Type("WW")
	s.Type("gd")
	s.WaitFor("src/util.c │ 1/", "definition: src/util.c:1 function helper (candidate)")
	// A finding on the definition, to build a code path from.
	s.Type("a")
	s.WaitFor("New finding", "src/util.c:1")
	s.Type("helper trusts x")
	s.Send("C-s")
	s.WaitFor("saved F-0001 (src/util.c:1)")
	s.Send("C-o")
	s.WaitFor("src/main.c │ 3/")
	// ctrl+o puts the cursor back on helper, so gr takes it.
	s.Type("gr")
	s.WaitFor("references to helper: 2 in code (1 call), 1 in comments and strings", "src/main.c (1)",
		"3:13 called from main(): int r = helper(1);", "src/util.c (1)", "src/main.c (1) in comments and strings")
	serving := "refs\x00--serve\x00--repo\x00" + rt.Dir
	if n := processesWith(t, serving); n != 1 {
		t.Fatalf("%d gr children run after a gr; want 1, kept for the next gr", n)
	}
	s.Type("A")
	s.WaitFor("Add step to F-0001", "src/main.c:3")
	s.WaitForNot("references to helper")
	s.Type("called from main")
	s.Send("Enter")
	s.WaitFor("saved step 2 of F-0001 (src/main.c:3)")
	// ctrl+t finds the function by part of its name, and jumps there.
	s.Send("C-t")
	s.WaitFor("every symbol at the pin", "symbol:")
	s.Type("hlp")
	s.WaitFor("helper  function  src/util.c:1")
	s.Send("Enter")
	s.WaitFor("src/util.c │ 1/")
	s.Send("C-o")
	s.WaitFor("src/main.c │ 3/")
	s.Type("4")
	s.WaitFor("F-0001", "helper trusts x", "2 steps")
	s.Quit()
	if n := processesWith(t, serving); n != 0 {
		t.Fatalf("%d gr children still run after the workbench quit", n)
	}
}

// processesWith counts the processes whose command line (NUL-separated,
// as /proc gives it) holds part.
func processesWith(t *testing.T, part string) int {
	t.Helper()
	cmdlines, err := filepath.Glob("/proc/[0-9]*/cmdline")
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, f := range cmdlines {
		if b, err := os.ReadFile(f); err == nil && strings.Contains(string(b), part) {
			n++
		}
	}
	return n
}

// In the built binary, from a release diff: in the Changes tab, gd on an
// added line with several words lists them, enter on the call's name
// jumps to its definition in another file, and ctrl+o comes back to the
// diff.
func TestE2EGdFromADiffLine(t *testing.T) {
	rt := repotest.New(t)
	base := rt.Commit("one", navTree)
	rt.Commit("two", rt.Edit(base, repotest.Tree{
		"src/main.c": {Content: "#include \"util.h\"\nint main(void) {\n    helper(1); /* helper is called here */\n    int checked = helper(2);\n    twice();\n    nothing();\n    return checked;\n}\n"},
	}))
	_, pin := pintest.Head(t, rt)

	s := startTUI(t, "open", rt.Dir, "--base", base.String(), "--workspace", filepath.Join(t.TempDir(), "ws"))
	symPath := symbols.CachePath(filepath.Join(s.Home, "cache", "sightline", "index"), pin.Tree)
	s.WaitForFile(symPath, 30*time.Second)
	s.Type("2")
	s.WaitFor("src/main.c")
	s.Send("Enter")
	s.WaitFor("+    int checked = helper(2);")
	s.Type("]c")
	s.Type("gd")
	s.WaitFor("gd: which word of line 4? enter looks it up", "  int", "> checked", "  helper")
	s.Send("Down", "Enter")
	s.WaitFor("src/util.c │ 1/", "definition: src/util.c:1 function helper (candidate)")
	s.Send("C-o")
	s.WaitFor("back to Changes", "+    int checked = helper(2);")
	s.Quit()
}
