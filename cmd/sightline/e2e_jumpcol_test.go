package main

import (
	"path/filepath"
	"testing"
	"time"

	"sightline/repo/repotest"
	"sightline/repo/repotest/pintest"
	"sightline/repo/symbols"
)

// chainTree is a call chain across three files: main calls helper, whose
// body calls step_two on the line below its name, in the column the name
// starts at (both after 11 characters).
var chainTree = repotest.Tree{
	"src/main.c": {Content: "#include \"util.h\"\nint main(void) {\n    int r = helper(1);\n    return r;\n}\n"},
	"src/util.c": {Content: "static int helper(int x) {\n    return step_two(x);\n}\n"},
	"lib/two.c":  {Content: "int step_two(int y) {\n    return y * 2;\n}\n"},
}

// In the built binary, following a call chain needs no word motions at
// the definitions: gd on a call lands with the column cursor on the
// definition's name in another file, so a second gd right there takes
// that name (gr lists its references; today it took "static", the line's
// first word), and j keeps that
// column onto the next call in the body, where gd follows it on; ctrl+o
// comes back to the word left.
func TestE2EGdLandsOnTheNameAndFollowsTheChain(t *testing.T) {
	rt := repotest.New(t)
	rt.Commit("c", chainTree)
	_, pin := pintest.Head(t, rt)

	s := startTUI(t, "open", rt.Dir, "--workspace", filepath.Join(t.TempDir(), "ws"), "src/main.c:3")
	s.WaitFor("src/main.c │ 3/")
	symPath := symbols.CachePath(filepath.Join(s.Home, "cache", "sightline", "index"), pin.Tree)
	s.WaitForFile(symPath, 30*time.Second)
	s.Type("WW")
	s.Type("gd")
	s.WaitFor("src/util.c │ 1/", "definition: src/util.c:1 function helper (candidate)")
	// gr right there (no cursor moves) takes the name the jump landed on.
	s.Type("gr")
	s.WaitFor("references to helper: 2 in code")
	s.Send("Escape")
	s.WaitForNot("references to helper: 2 in code")
	// j keeps the column: onto step_two, the next call, and gd follows it.
	s.Type("j")
	s.WaitFor("src/util.c │ 2/")
	s.Type("gd")
	s.WaitFor("lib/two.c │ 1/", "definition: lib/two.c:1 function step_two (candidate)")
	// Back, twice: to helper's name, then to the call in main.
	s.Send("C-o")
	s.WaitFor("src/util.c │ 2/")
	s.Send("C-o")
	s.WaitFor("src/main.c │ 3/")
	s.Type("gr")
	s.WaitFor("references to helper: 2 in code")
	s.Send("Escape")
	s.WaitForNot("references to helper: 2 in code")
	s.Quit()
}
