package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"sightline/repo/repotest"
)

const triagePy = "import subprocess\nimport sys\n\n\ndef run(cmd):\n    return subprocess.call(cmd, shell=True)\n\n\ndef main():\n    arg = sys.argv[1]\n    run(\"ls \" + arg)\n"

// triageFixture is a repository at one commit, a workspace directory, and
// the flags naming both.
func triageFixture(t *testing.T) []string {
	t.Helper()
	t.Setenv("XDG_DATA_HOME", filepath.Join(t.TempDir(), "data"))
	tr := repotest.New(t)
	tr.Commit("v1", repotest.Tree{
		"app/run.py":        {Content: triagePy},
		"src/main.c":        {Content: mainC},
		"tests/test_run.py": {Content: "def test_x():\n    assert 1 == 1\n"},
		"cmd/run.go":        {Content: "package main\n\nfunc run(s string) {\n\texec.Command(\"sh\", \"-c\", s).Run()\n}\n"},
	})
	return []string{"--repo", tr.Dir, "--workspace", filepath.Join(t.TempDir(), "ws")}
}

func fixtureFile(name string) string {
	return filepath.Join("..", "..", "review", "triage", "testdata", name)
}

func TestImportAndTriageCLI(t *testing.T) {
	at := triageFixture(t)
	out := must(t, append([]string{"import", fixtureFile("codeql.sarif")}, at...)...)
	for _, want := range []string{"codeql.sarif (CodeQL): 3 results, 3 new\n", "2 not at the pin", "C-0002 app/gone.py:3: no such file at the pin",
		"C-0003 src/main.c:99-100: line 99 is past the end", "3 candidates to triage"} {
		if !strings.Contains(out, want) {
			t.Errorf("import output lacks %q:\n%s", want, out)
		}
	}
	out = must(t, append([]string{"import", fixtureFile("codeql.sarif")}, at...)...)
	if !strings.Contains(out, "3 results, 0 new, 3 already in the queue") {
		t.Errorf("repeat import does not say 0 new:\n%s", out)
	}
	out = must(t, append([]string{"triage", "list", "--path", "app/"}, at...)...)
	if !strings.Contains(out, "C-0001  pending    critical CWE-78   CodeQL py/command-line-injection  app/run.py:6") ||
		!strings.Contains(out, "C-0002") || strings.Contains(out, "C-0003") {
		t.Errorf("triage list --path app/:\n%s", out)
	}
	out = must(t, append([]string{"triage", "confirm", "C-0001"}, at...)...)
	if out != "C-0001 confirmed: F-0001 critical This command line depends on a [user-provided value](1).\n" {
		t.Errorf("confirm printed %q", out)
	}
	out = must(t, append([]string{"findings", "show", "F-0001"}, at...)...)
	if !strings.Contains(out, "CWE-78") || !strings.Contains(out, "app/run.py:10") || !strings.Contains(out, "app/run.py:6") {
		t.Errorf("the confirmed finding does not carry the CWE and the code flow:\n%s", out)
	}
	must(t, append([]string{"triage", "dismiss", "2", "3", "--reason", "false-positive", "--note", "dead code"}, at...)...)
	out = must(t, append([]string{"triage", "list"}, at...)...)
	if out != "0 candidates to triage (3 in all)\n" {
		t.Errorf("list after triage: %q", out)
	}
	out = must(t, append([]string{"triage", "list", "--all"}, at...)...)
	if !strings.Contains(out, "dismissed (false-positive)") || !strings.Contains(out, "confirmed F-0001") {
		t.Errorf("list --all:\n%s", out)
	}
	out = must(t, append([]string{"import", fixtureFile("codeql.sarif")}, at...)...)
	if !strings.Contains(out, "0 new, 3 already in the queue (2 dismissed, staying dismissed)") || !strings.Contains(out, "0 candidates to triage") {
		t.Errorf("re-import after triage:\n%s", out)
	}
}

func TestImportTextAndRefusals(t *testing.T) {
	at := triageFixture(t)
	out := must(t, append([]string{"import", fixtureFile("cppcheck.txt")}, at...)...)
	if !strings.Contains(out, "cppcheck.txt (cppcheck): 4 results, 4 new") || !strings.Contains(out, "2 lines not understood") {
		t.Errorf("text import:\n%s", out)
	}
	for _, tc := range []struct {
		args []string
		code int
		want string
	}{
		{[]string{"triage", "dismiss", "1"}, 2, "--reason"},
		{[]string{"triage", "dismiss", "1", "--reason", "boring"}, 2, "false-positive, wont-fix or test-code"},
		{[]string{"triage", "confirm", "C-0009"}, 1, "no such candidate"},
		{[]string{"triage", "confirm", "1", "--severity", "huge"}, 2, "info, low, medium, high, critical"},
		{[]string{"triage", "frob"}, 2, "unknown subcommand"},
		{[]string{"import", fixtureFile("nope.sarif")}, 1, "no such file"},
	} {
		code, _, errOut := runCmd(append(tc.args, at...)...)
		if code != tc.code || !strings.Contains(errOut, tc.want) {
			t.Errorf("%q: exit %d, %q; want exit %d and %q", tc.args, code, errOut, tc.code, tc.want)
		}
	}
	junk := filepath.Join(t.TempDir(), "junk.txt")
	os.WriteFile(junk, []byte("hello\nworld\n"), 0o600)
	if code, _, errOut := runCmd(append([]string{"import", junk}, at...)...); code != 1 || !strings.Contains(errOut, "no line looks like path:line: message") {
		t.Errorf("junk report: exit %d %q", code, errOut)
	}
}

func TestImportRefusesHugeFile(t *testing.T) {
	at := triageFixture(t)
	big := filepath.Join(t.TempDir(), "big.sarif")
	f, err := os.Create(big)
	if err != nil {
		t.Fatal(err)
	}
	if err := f.Truncate(300 << 20); err != nil { // sparse: no disk used
		t.Fatal(err)
	}
	f.Close()
	code, _, errOut := runCmd(append([]string{"import", big}, at...)...)
	if code != 1 || !strings.Contains(errOut, "big.sarif is 300 MiB") || !strings.Contains(errOut, "split the scan") {
		t.Errorf("a 300 MiB scan: exit %d %q; want a refusal naming the size and what to do", code, errOut)
	}
}

func TestTriageHostileTextSanitized(t *testing.T) {
	at := triageFixture(t)
	out := must(t, append([]string{"import", fixtureFile("semgrep.sarif")}, at...)...)
	outs := []string{out}
	for _, args := range [][]string{{"triage", "list"}, {"triage", "show", "C-0002"}} {
		outs = append(outs, must(t, append(args, at...)...))
	}
	for _, o := range outs {
		if strings.ContainsAny(o, "\x1b\x07\u202e") {
			t.Errorf("raw control or bidi characters reached the terminal: %q", o)
		}
	}
	if !strings.Contains(outs[1], "Evil ^[]0;pwned^G") {
		t.Errorf("list does not show the message in caret form:\n%s", outs[1])
	}
}
