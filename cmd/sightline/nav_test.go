package main

import (
	"encoding/json"
	"strings"
	"testing"

	"sightline/repo/repotest"
)

// navFixture: run_cmd is defined in src/exec.c and lib/run.c, called
// from src/main.c, and named in a comment and a string; a file with an
// escape sequence in its name defines evil.
func navFixture(t *testing.T) *repotest.Repo {
	t.Helper()
	tr := repotest.New(t)
	tr.Commit("nav", repotest.Tree{
		"src/exec.c":   {Content: "#include \"exec.h\"\n\nint\nrun_cmd(const char *cmd)\n{\n\treturn system(cmd);\n}\n"},
		"src/exec.h":   {Content: "int run_cmd(const char *);\n#define MAX_CMD 64\n"},
		"src/main.c":   {Content: "/* main calls run_cmd */\nint\nmain(int argc, char **argv)\n{\n\tputs(\"run_cmd\");\n\treturn run_cmd(argv[1]);\n}\n"},
		"lib/run.c":    {Content: "static int run_cmd(void) { return 0; }\n"},
		"go/a.go":      {Content: "package a\n\n// Run calls run_cmd.\nfunc Run() {}\n"},
		"esc\x1b[2J.c": {Content: "void evil(void) {\n}\n"},
	})
	return tr
}

func TestDefPrintsDefinitions(t *testing.T) {
	tr := navFixture(t)
	code, out, errOut := runCmd("def", "run_cmd", "--repo", tr.Dir)
	want := "lib/run.c:1:12: function run_cmd (candidate)\nsrc/exec.c:4:1: function run_cmd (candidate)\n"
	if code != 0 || out != want {
		t.Errorf("def run_cmd: exit %d, stderr %q, output\n%s\nwant\n%s", code, errOut, out, want)
	}
	code, out, _ = runCmd("def", "--repo", tr.Dir, "Run")
	if code != 0 || out != "go/a.go:4:6: function Run\n" {
		t.Errorf("def Run (Go, precise): exit %d, output %q", code, out)
	}
	code, out, _ = runCmd("def", "--repo", tr.Dir, "MAX_CMD", "--json")
	var doc defsDoc
	if err := json.Unmarshal([]byte(out), &doc); err != nil || code != 0 || len(doc.Definitions) != 1 ||
		doc.Definitions[0].Kind != "macro" || doc.Definitions[0].Path != "src/exec.h" || doc.Definitions[0].Line != 2 || doc.Definitions[0].Precise {
		t.Errorf("def MAX_CMD --json: exit %d, %v, %s", code, err, out)
	}
	code, _, errOut = runCmd("def", "--repo", tr.Dir, "nothing_here")
	if code != 1 || !strings.Contains(errOut, `no definition of "nothing_here" at commit`) {
		t.Errorf("def of an unknown name: exit %d, stderr %q", code, errOut)
	}
}

// --at finds the identifier under the place and ranks the definitions
// in its own directory first.
func TestDefAtRanksSameDirectoryFirst(t *testing.T) {
	tr := navFixture(t)
	code, out, errOut := runCmd("def", "--repo", tr.Dir, "--at", "src/main.c:6:12")
	want := "src/exec.c:4:1: function run_cmd (candidate)\nlib/run.c:1:12: function run_cmd (candidate)\n"
	if code != 0 || out != want {
		t.Errorf("def --at src/main.c:6:12: exit %d, stderr %q, output\n%s\nwant\n%s", code, errOut, out, want)
	}
	for _, c := range []struct {
		at, msg string
		code    int
	}{
		{"src/main.c:1:5", "no identifier in code at src/main.c:1:5", 1}, // in a comment
		{"src/main.c:99:1", "no identifier in code at src/main.c:99:1", 1},
		{"src/nope.c:1:1", "src/nope.c", 1},
		{"src/main.c:x:1", `bad place "src/main.c:x:1": want PATH:LINE:COL`, 2},
		{"README:1:1", "", 1},
	} {
		code, _, errOut := runCmd("def", "--repo", tr.Dir, "--at", c.at)
		if code != c.code || !strings.Contains(errOut, c.msg) {
			t.Errorf("def --at %s: exit %d, stderr %q; want exit %d and %q", c.at, code, errOut, c.code, c.msg)
		}
	}
	if code, _, errOut := runCmd("def", "--repo", tr.Dir, "x", "--at", "src/main.c:6:12"); code != 2 || !strings.Contains(errOut, "not both") {
		t.Errorf("def NAME --at: exit %d, stderr %q", code, errOut)
	}
}

// refs lists code first, then comments and strings, each marked, with
// the function a call is in and the line.
func TestRefsCodeFirstThenCommentsAndStrings(t *testing.T) {
	tr := navFixture(t)
	code, out, errOut := runCmd("refs", "run_cmd", "--repo", tr.Dir)
	want := "lib/run.c:1:12: code: static int run_cmd(void) { return 0; }\n" +
		"src/exec.c:4:1: code: run_cmd(const char *cmd)\n" +
		"src/exec.h:1:5: code: int run_cmd(const char *);\n" +
		"src/main.c:6:9: code in main: \treturn run_cmd(argv[1]);\n" +
		"go/a.go:3:14: comment: // Run calls run_cmd.\n" +
		"src/main.c:1:15: comment: /* main calls run_cmd */\n" +
		"src/main.c:5:8: string in main: \tputs(\"run_cmd\");\n"
	if code != 0 || out != want {
		t.Errorf("refs run_cmd: exit %d, stderr %q, output\n%s\nwant\n%s", code, errOut, out, want)
	}
	code, out, _ = runCmd("refs", "--at", "src/exec.c:4:3", "--repo", tr.Dir, "--json")
	var doc refsDoc
	if err := json.Unmarshal([]byte(out), &doc); err != nil || code != 0 || doc.Name != "run_cmd" || len(doc.References) != 7 ||
		doc.References[3].Function != "main" || doc.References[6].In != "string" {
		t.Errorf("refs --at --json: exit %d, %v\n%s", code, err, out)
	}
}

func TestSymbolsOutlineAndHostilePath(t *testing.T) {
	tr := navFixture(t)
	code, out, _ := runCmd("symbols", "src/exec.h", "--repo", tr.Dir)
	if code != 0 || out != "src/exec.h:2:9: macro MAX_CMD (candidate)\n" {
		t.Errorf("symbols src/exec.h: exit %d, output %q", code, out)
	}
	code, out, _ = runCmd("symbols", "--repo", tr.Dir)
	if code != 0 || !strings.Contains(out, "\"esc\\033[2J.c\":1:6: function evil (candidate)\n") || strings.Count(out, "\n") != 6 {
		t.Errorf("symbols: exit %d, output\n%s", code, out)
	}
	code, out, _ = runCmd("symbols", "--sanitize", "--repo", tr.Dir)
	if code != 0 || strings.ContainsRune(out, 0x1b) || !strings.Contains(out, "esc^[[2J.c:1:6: function evil") {
		t.Errorf("symbols --sanitize: exit %d, output %q", code, out)
	}
	if code, _, errOut := runCmd("symbols", "nope", "--repo", tr.Dir); code != 1 || !strings.Contains(errOut, "nope") {
		t.Errorf("symbols of a missing path: exit %d, stderr %q", code, errOut)
	}
}
