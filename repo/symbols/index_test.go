package symbols

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"sightline/repo/repotest"
	"sightline/repo/repotest/pintest"
)

// navRepo is a small C project: run_cmd is defined once in src/exec.c,
// called from src/main.c, and named in a comment and a string.
func navRepo(t *testing.T) *repotest.Repo {
	rt := repotest.New(t)
	rt.Commit("c", repotest.Tree{
		"src/exec.c":   {Content: "#include \"exec.h\"\n\nint\nrun_cmd(const char *cmd)\n{\n\treturn system(cmd);\n}\n"},
		"src/exec.h":   {Content: "int run_cmd(const char *);\n"},
		"src/main.c":   {Content: "/* main calls run_cmd */\nint\nmain(int argc, char **argv)\n{\n\tputs(\"run_cmd\");\n\treturn run_cmd(argv[1]);\n}\n"},
		"lib/other.c":  {Content: "static int run_cmd(void) { return 0; }\n"},
		"big/gen.c":    {Content: strings.Repeat("int x;\n", 200)},
		"blob/data.c":  {Content: "int a;\x00\n"},
		"README":       {Content: "run_cmd\n"},
		"tools/run.py": {Content: "def run_cmd(c):\n    pass\n"},
	})
	return rt
}

func TestBuildIndexDefsRefsAndSkipped(t *testing.T) {
	r, pin := pintest.Head(t, navRepo(t))
	ix, err := Build(context.Background(), r, pin.Tree, Options{
		Limits:   Limits{MaxBytes: 1000},
		KeepOccs: func(n string) bool { return n == "run_cmd" },
	})
	if err != nil {
		t.Fatal(err)
	}
	var skipped []string
	for _, s := range ix.Skipped {
		skipped = append(skipped, s.Path+": "+s.Reason)
	}
	if got := strings.Join(skipped, "|"); got != "big/gen.c: over the size limit (1400 bytes)|blob/data.c: binary" {
		t.Errorf("skipped = %q", got)
	}
	var defs []string
	for _, d := range Rank(ix.Defs("run_cmd"), "src/main.c") {
		defs = append(defs, fmt.Sprintf("%s:%d:%d %s", d.Path, d.Line, d.Col, d.Lang))
	}
	// Same directory first, then the same language, then the rest; the
	// prototype in exec.h is no definition.
	if got := strings.Join(defs, "|"); got != "src/exec.c:4:1 c|lib/other.c:1:12 c|tools/run.py:1:5 python" {
		t.Errorf("ranked definitions of run_cmd from src/main.c = %s", got)
	}
	var refs []string
	for _, r := range ix.Refs("run_cmd") {
		refs = append(refs, fmt.Sprintf("%s:%d:%d %s %s", r.Path, r.Line, r.Col, r.In, r.Func))
	}
	want := "lib/other.c:1:12 code |src/exec.c:4:1 code |src/exec.h:1:5 code |src/main.c:6:9 code main|tools/run.py:1:5 code |" +
		"src/main.c:1:15 comment |src/main.c:5:8 string main"
	if got := strings.Join(refs, "|"); got != want {
		t.Errorf("references of run_cmd:\n got  %s\n want %s", got, want)
	}
	if Rank(ix.Defs("run_cmd"), "lib/x.c")[0].Path != "lib/other.c" {
		t.Error("from lib/, the definition in lib/ is not first")
	}
}

func TestBuildUnder(t *testing.T) {
	r, pin := pintest.Head(t, navRepo(t))
	ix, err := Build(context.Background(), r, pin.Tree, Options{Under: "src"})
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range ix.Files {
		if !strings.HasPrefix(f.Path, "src/") {
			t.Errorf("Under src tagged %s", f.Path)
		}
		if f.Occs != nil {
			t.Errorf("%s kept occurrences with KeepOccs nil", f.Path)
		}
	}
	if len(ix.Files) != 3 {
		t.Errorf("tagged %d files under src, want 3", len(ix.Files))
	}
}

func TestAt(t *testing.T) {
	f, err := Tag("a.c", []byte("int x = run_cmd(y);\n"), DefaultLimits)
	if err != nil {
		t.Fatal(err)
	}
	for col, want := range map[int]string{9: "run_cmd", 15: "run_cmd", 16: "", 1: "int", 5: "x"} {
		o, ok := At(f, 1, col)
		if ok != (want != "") || o.Name != want {
			t.Errorf("At(1:%d) = %q %v, want %q", col, o.Name, ok, want)
		}
	}
}

// TestBuildIdenticalFiles: a file present twice (one blob) is tagged once
// but listed at both paths, each definition at its own path.
func TestBuildIdenticalFiles(t *testing.T) {
	rt := repotest.New(t)
	src := "int\nshared_fn(void)\n{\n\treturn 0;\n}\n"
	rt.Commit("c", repotest.Tree{"a/x.c": {Content: src}, "b/x.c": {Content: src}, "big/y.c": {Content: strings.Repeat("int y;\n", 200)}, "big2/y.c": {Content: strings.Repeat("int y;\n", 200)}})
	r, pin := pintest.Head(t, rt)
	ix, err := Build(context.Background(), r, pin.Tree, Options{Limits: Limits{MaxBytes: 1000}})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, d := range ix.Defs("shared_fn") {
		got = append(got, fmt.Sprintf("%s:%d", d.Path, d.Line))
	}
	if strings.Join(got, " ") != "a/x.c:2 b/x.c:2" {
		t.Errorf("shared_fn defined at %v, want a/x.c:2 and b/x.c:2", got)
	}
	if len(ix.Files) != 2 || ix.Files[0].Path != "a/x.c" || ix.Files[1].Path != "b/x.c" {
		t.Errorf("files %v, want a/x.c and b/x.c", ix.Files)
	}
	if len(ix.Skipped) != 2 || ix.Skipped[0].Path != "big/y.c" || ix.Skipped[1].Path != "big2/y.c" {
		t.Errorf("skipped %v, want both copies of y.c", ix.Skipped)
	}
}
