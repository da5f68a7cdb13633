package main

import (
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"sightline/repo/repotest"
)

// The generated release must hold what the benchmark claims to measure:
// a modified upstream macro file, a changed tree file and generated files,
// and the pipeline side must run to success on it.
func TestMakeReleaseShipsTheCasesTheBenchmarkNames(t *testing.T) {
	for _, tool := range []string{"git", "tar", "xz", "diff", "bash"} {
		if _, err := exec.LookPath(tool); err != nil {
			t.Skipf("%s is not installed; the release benchmark needs it", tool)
		}
	}
	r := repotest.New(t)
	r.Commit("one", repotest.Tree{"src/a.c": {Content: "int a;\n"}, "README": {Content: "hello\n"}})
	dir := r.Dir
	tmp := t.TempDir()
	rel, err := makeRelease(dir, manifest{MediumFile: "src/a.c"}, tmp)
	if err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command("tar", "-tJf", rel.archive).CombinedOutput()
	if err != nil {
		t.Fatalf("tar -t: %v: %s", err, out)
	}
	for _, want := range []string{"bench-1.0/src/a.c", "bench-1.0/m4/build-to-host.m4", "bench-1.0/configure", "bench-1.0/aclocal.m4"} {
		if !strings.Contains(string(out), want+"\n") {
			t.Errorf("archive lacks %s; it holds:\n%s", want, out)
		}
	}
	op := releaseOp(dir, rel)
	if s := runProcExit(time.Minute, nil, 0, op.git.prog, op.git.args...); s.err != nil {
		t.Fatalf("the unpack-and-diff side failed: %v", s.err)
	}
	if m, _ := filepath.Glob(filepath.Join(rel.scratch, "*", "tree", "src", "a.c")); len(m) != 1 {
		t.Errorf("the pipeline did not unpack the tree into %s: %v", rel.scratch, m)
	}
}
