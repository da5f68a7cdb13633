package main

import (
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"sightline/repo/repotest"
	"sightline/review"
)

const mainC = "#include <stdlib.h>\nint main(int c, char **v) {\n  char buf[64];\n  sprintf(buf, \"ls %s\", v[1]);\n  system(buf);\n}\n"

// findingsFixture is a repository with two releases and a workspace dir
// of its own; XDG_DATA_HOME points into the test's temp dir so the
// default workspace never lands in the user's home.
func findingsFixture(t *testing.T) (*repotest.Repo, []string) {
	t.Helper()
	t.Setenv("XDG_DATA_HOME", filepath.Join(t.TempDir(), "data"))
	tr := repotest.New(t)
	v1 := tr.Commit("v1", repotest.Tree{"src/main.c": {Content: "int main() { return 0; }\n"}})
	tr.Tag("v1", v1, "")
	tr.Commit("v2", repotest.Tree{
		"src/main.c":         {Content: mainC},
		"src/util/exec.c":    {Content: "void run(char *s) {\n  system(s);\n}\n"},
		"esc\x1b[31mred.txt": {Content: "one\ntwo\n"},
		"empty.txt":          {Content: ""},
	})
	return tr, []string{"--repo", tr.Dir, "--rev", "main"}
}

func must(t *testing.T, args ...string) string {
	t.Helper()
	code, out, errOut := runCmd(args...)
	if code != 0 {
		t.Fatalf("sightline %q: exit %d\nstderr: %s", args, code, errOut)
	}
	return out
}

func TestFindingsAddStepListShow(t *testing.T) {
	tr, at := findingsFixture(t)
	out := must(t, append([]string{"findings", "add", "--path", "src/main.c", "--lines", "3-5", "--title", "Command injection via argv",
		"--severity", "HIGH", "--cwe", "cwe-78", "--note", "argv reaches sprintf", "--description", "line one\nline two", "--reviewer", "alice"}, at...)...)
	if out != "F-0001\n" {
		t.Fatalf("add printed %q; want the id alone", out)
	}
	out = must(t, append([]string{"findings", "step", "F-0001", "--path", "src/main.c", "--lines", "5", "--note", "reaches system()"}, at...)...)
	if out != "F-0001: step 2 saved\n" {
		t.Errorf("step printed %q", out)
	}
	must(t, append([]string{"findings", "step", "1", "--path", "src/util/exec.c", "--lines", "1-3"}, at...)...)

	var doc struct {
		Repository string
		Pin        review.Rev
		Findings   []review.Finding
	}
	js := must(t, append([]string{"findings", "list", "--json"}, at...)...)
	if err := json.Unmarshal([]byte(js), &doc); err != nil {
		t.Fatalf("list --json: %v\n%s", err, js)
	}
	if len(doc.Findings) != 1 || len(doc.Findings[0].Steps) != 3 {
		t.Fatalf("list --json: %s", js)
	}
	f := doc.Findings[0]
	if f.Title != "Command injection via argv" || f.Severity != "high" || f.CWE != "CWE-78" || f.Status != "open" ||
		f.Reviewer != "alice" || f.Description != "line one\nline two" || doc.Pin.Commit != tr.Head().String() {
		t.Errorf("finding = %+v", f)
	}
	wantHash, _ := review.LineHash([]byte(mainC), 3, 5)
	s0 := f.Steps[0].Location
	if s0.Path != "src/main.c" || s0.StartLine != 3 || s0.EndLine != 5 || s0.LineHash != wantHash ||
		s0.Blob != tr.Blob(mainC).String() || s0.Commit != tr.Head().String() || f.Steps[0].Note != "argv reaches sprintf" {
		t.Errorf("step 1 = %+v", f.Steps[0])
	}
	if s2 := f.Steps[2].Location; s2.Path != "src/util/exec.c" || s2.LineHash != mustHash(t, "void run(char *s) {\n  system(s);\n}\n", 1, 3) {
		t.Errorf("step 3 = %+v", s2)
	}
	crossCheckBlob(t, tr.Dir, "src/main.c", s0.Blob)
	if again := must(t, append([]string{"findings", "list", "--json"}, at...)...); again != js {
		t.Errorf("list --json is not deterministic")
	}

	table := must(t, append([]string{"findings", "list"}, at...)...)
	for _, want := range []string{"ID", "F-0001", "high", "open", "3", "Command injection via argv", "src/main.c:3-5"} {
		if !strings.Contains(table, want) {
			t.Errorf("table lacks %q:\n%s", want, table)
		}
	}
	show := must(t, append([]string{"findings", "show", "F-0001"}, at...)...)
	for _, want := range []string{"F-0001  Command injection via argv", "cwe:       CWE-78", "  line two", "  2. src/main.c:5", "     reaches system()", wantHash} {
		if !strings.Contains(show, want) {
			t.Errorf("show lacks %q:\n%s", want, show)
		}
	}
}

func mustHash(t *testing.T, content string, a, b int) string {
	t.Helper()
	h, err := review.LineHash([]byte(content), a, b)
	if err != nil {
		t.Fatal(err)
	}
	return h
}

// crossCheckBlob asks git which blob path is at HEAD, when git exists.
func crossCheckBlob(t *testing.T, dir, path, want string) {
	t.Helper()
	if _, err := exec.LookPath("git"); err != nil {
		return
	}
	out, err := exec.Command("git", "-C", dir, "rev-parse", "HEAD:"+path).Output()
	if err != nil {
		t.Fatalf("git rev-parse: %v", err)
	}
	if got := strings.TrimSpace(string(out)); got != want {
		t.Errorf("blob of %s: git says %s, sightline %s", path, got, want)
	}
}

func TestFindingsRefusals(t *testing.T) {
	_, at := findingsFixture(t)
	add := func(extra ...string) []string {
		base := []string{"findings", "add", "--path", "src/main.c", "--lines", "1-2", "--title", "t", "--severity", "low"}
		return append(append(base, extra...), at...)
	}
	cases := []struct {
		args []string
		code int
		want string
	}{
		{add("--lines", "6-8"), 1, "the file has 6 lines"},
		{add("--path", "empty.txt"), 1, "the file is empty and has no lines"},
		{add("--path", "nope.c"), 1, "no such file"},
		{add("--path", "src"), 1, "not a file"},
		{add("--cwe", "78"), 2, "like CWE-78"},
		{add("--severity", "urgent"), 2, "use one of info, low, medium, high, critical"},
		{add("--status", "done"), 2, "open, confirmed, false-positive, needs-info"},
		{add("--lines", "9-3"), 2, "START <= END"},
		{add("--side", "base"), 1, "no base"},
		{add("--side", "left"), 2, "use base or pin"},
		{append([]string{"findings", "add", "--title", "t"}, at...), 2, "--path P is required"},
		{append([]string{"findings", "step", "F-0009", "--path", "src/main.c", "--lines", "1"}, at...), 1, "no such finding"},
		{append([]string{"findings", "step", "bogus", "--path", "src/main.c", "--lines", "1"}, at...), 2, "ids look like F-0001"},
		{append([]string{"findings", "show", "F-0002"}, at...), 1, "no such finding"},
		{append([]string{"findings", "set-status", "F-0001", "closed"}, at...), 2, "use one of open"},
		{append([]string{"findings", "frobnicate"}, at...), 2, "unknown subcommand"},
	}
	for _, c := range cases {
		code, out, errOut := runCmd(c.args...)
		if code != c.code || !strings.Contains(errOut, c.want) || out != "" {
			t.Errorf("sightline %q: exit %d, stdout %q, stderr %q; want exit %d and %q", c.args, code, out, errOut, c.code, c.want)
		}
	}
	if js := must(t, append([]string{"findings", "list", "--json"}, at...)...); !strings.Contains(js, `"findings": []`) {
		t.Errorf("refused adds left findings:\n%s", js)
	}
}

func TestFindingsStatusDeleteAndIDs(t *testing.T) {
	_, at := findingsFixture(t)
	for i := 0; i < 2; i++ {
		must(t, append([]string{"findings", "add", "--path", "src/main.c", "--lines", "1", "--title", "x", "--severity", "info"}, at...)...)
	}
	if out := must(t, append([]string{"findings", "set-status", "F-0002", "false-positive"}, at...)...); out != "F-0002: status false-positive\n" {
		t.Errorf("set-status printed %q", out)
	}
	must(t, append([]string{"findings", "delete", "F-0002"}, at...)...)
	if out := must(t, append([]string{"findings", "add", "--path", "src/main.c", "--lines", "1", "--title", "y", "--severity", "info"}, at...)...); out != "F-0003\n" {
		t.Errorf("id after a delete = %q; want F-0003 (ids are never reused)", out)
	}
	table := must(t, append([]string{"findings", "list"}, at...)...)
	if strings.Contains(table, "F-0002") || !strings.Contains(table, "F-0003") {
		t.Errorf("table:\n%s", table)
	}
}

func TestFindingsHostileTextSanitized(t *testing.T) {
	_, at := findingsFixture(t)
	must(t, append([]string{"findings", "add", "--path", "esc\x1b[31mred.txt", "--lines", "2", "--title", "evil \x1b]0;pwned\x07 \u202etitle",
		"--severity", "medium", "--note", "n\x1b[2J"}, at...)...)
	for _, args := range [][]string{{"findings", "list"}, {"findings", "show", "F-0001"}, {"findings", "list", "--json"}} {
		out := must(t, append(args, at...)...)
		if strings.ContainsAny(out, "\x1b\x07\u202e") {
			t.Errorf("%q printed raw control or bidi characters: %q", args, out)
		}
		if args[len(args)-1] != "--json" && !strings.Contains(out, "esc^[[31mred.txt") {
			t.Errorf("%q does not show the path in caret form: %q", args, out)
		}
	}
	js := must(t, append([]string{"findings", "list", "--json"}, at...)...)
	var doc struct{ Findings []review.Finding }
	if err := json.Unmarshal([]byte(js), &doc); err != nil || doc.Findings[0].Title != "evil \x1b]0;pwned\x07 \u202etitle" ||
		doc.Findings[0].Steps[0].Location.Path != "esc\x1b[31mred.txt" {
		t.Errorf("JSON does not carry the exact text: %v %+v", err, doc.Findings)
	}
}

func TestFindingsOnDiffBase(t *testing.T) {
	_, at := findingsFixture(t)
	must(t, append([]string{"findings", "add", "--base", "v1", "--path", "src/main.c", "--lines", "1", "--side", "base",
		"--title", "was safe", "--severity", "low"}, at...)...)
	// The base is recorded: later commands need not repeat it.
	must(t, append([]string{"findings", "step", "F-0001", "--path", "src/main.c", "--lines", "4", "--side", "pin"}, at...)...)
	js := must(t, append([]string{"findings", "list", "--json"}, at...)...)
	if !strings.Contains(js, `"side": "base"`) || !strings.Contains(js, `"side": "pin"`) || !strings.Contains(js, `"ref": "v1"`) ||
		!strings.Contains(js, mustHash(t, "int main() { return 0; }\n", 1, 1)) {
		t.Errorf("diff finding:\n%s", js)
	}
}

func TestWorkspaceLocation(t *testing.T) {
	tr, at := findingsFixture(t)
	must(t, append([]string{"findings", "add", "--path", "src/main.c", "--lines", "1", "--title", "x", "--severity", "info"}, at...)...)
	dirs, _ := filepath.Glob(filepath.Join(os.Getenv("XDG_DATA_HOME"), "sightline", "workspaces", "*", "journal"))
	if len(dirs) != 1 || !strings.Contains(dirs[0], filepath.Base(tr.Dir)+"-"+tr.Head().String()[:12]+"-") {
		t.Errorf("default workspace journals: %q", dirs)
	}
	before := repotest.SnapshotFiles(t, tr.Dir)
	code, _, errOut := runCmd(append([]string{"findings", "list", "--workspace", filepath.Join(tr.Dir, ".git", "sl")}, at...)...)
	if code != 1 || !strings.Contains(errOut, "inside the repository under review") {
		t.Errorf("workspace inside the repo: exit %d, %q", code, errOut)
	}
	if after := repotest.SnapshotFiles(t, tr.Dir); len(after) != len(before) {
		t.Errorf("the repository changed: %d files before, %d after", len(before), len(after))
	}
	ws := filepath.Join(t.TempDir(), "elsewhere")
	must(t, append([]string{"findings", "add", "--workspace", ws, "--path", "src/main.c", "--lines", "1", "--title", "x", "--severity", "info"}, at...)...)
	if _, err := os.Stat(filepath.Join(ws, "journal")); err != nil {
		t.Errorf("--workspace not used: %v", err)
	}
	code, _, errOut = runCmd("findings", "list", "--workspace", ws, "--repo", tr.Dir, "--rev", "v1")
	if code != 1 || !strings.Contains(errOut, "not "+tr.Commits[0].String()) {
		t.Errorf("workspace for another pin: exit %d, %q", code, errOut)
	}
}

func TestReviewedCommand(t *testing.T) {
	_, at := findingsFixture(t)
	out := must(t, append([]string{"reviewed", "./src/", "empty.txt"}, at...)...)
	if out != "marked 3 files reviewed (9 lines); 3 files reviewed in this workspace\n" {
		t.Errorf("reviewed printed %q", out)
	}
	out = must(t, append([]string{"reviewed", "--undo", "src/util/exec.c"}, at...)...)
	if out != "unmarked 1 file (3 lines); 2 files reviewed in this workspace\n" {
		t.Errorf("reviewed --undo printed %q", out)
	}
	code, _, errOut := runCmd(append([]string{"reviewed", "src/missing.c"}, at...)...)
	if code != 1 || !strings.Contains(errOut, "no such path") {
		t.Errorf("missing path: exit %d, %q", code, errOut)
	}
	out = must(t, append([]string{"reviewed", "."}, at...)...)
	if out != "marked 2 files reviewed (5 lines), 2 were already; 4 files reviewed in this workspace\n" {
		t.Errorf("reviewed . printed %q", out)
	}
	code, _, _ = runCmd(append([]string{"reviewed"}, at...)...)
	if code != 2 {
		t.Errorf("no paths: exit %d, want 2", code)
	}
}

// TestFindingsAddFullDisk points the journal at /dev/full, where every
// write fails with ENOSPC even for root: add must fail, print no id, and
// say why.
func TestFindingsAddFullDisk(t *testing.T) {
	if _, err := os.Stat("/dev/full"); err != nil {
		t.Skip("no /dev/full")
	}
	_, at := findingsFixture(t)
	ws := t.TempDir()
	if err := os.Symlink("/dev/full", filepath.Join(ws, "journal")); err != nil {
		t.Fatal(err)
	}
	code, out, errOut := runCmd(append([]string{"findings", "add", "--workspace", ws, "--path", "src/main.c", "--lines", "1",
		"--title", "x", "--severity", "info"}, at...)...)
	if code != 1 || out != "" || !strings.Contains(errOut, "no space left on device") {
		t.Errorf("exit %d, stdout %q, stderr %q; want exit 1, no id, and the reason", code, out, errOut)
	}
}
