package main

import (
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"sightline/repo/repotest"
)

// TestE2ETriage imports two scans with the real binary, then walks the
// queue in the TUI's Triage tab: confirm, dismiss, skip, and finds the
// confirmed finding in the Findings tab and the decisions on the command line.
func TestE2ETriage(t *testing.T) {
	rt := repotest.New(t)
	rt.Commit("v1", repotest.Tree{
		"app/run.py":        {Content: triagePy},
		"src/main.c":        {Content: mainC},
		"tests/test_run.py": {Content: "def test_x():\n    assert 1 == 1\n"},
	})
	ws := filepath.Join(t.TempDir(), "ws")
	bin := sightlineBinary(t)
	for _, f := range []string{"codeql.sarif", "semgrep.sarif"} {
		if out, err := exec.Command(bin, "import", fixtureFile(f), "--repo", rt.Dir, "--workspace", ws).CombinedOutput(); err != nil {
			t.Fatalf("import %s: %v\n%s", f, err, out)
		}
	}
	s := startTUI(t, "open", rt.Dir, "--workspace", ws, "--reviewer", "alice")
	s.WaitFor("1 Files", "6 Triage")
	s.Type("6")
	s.WaitFor("Triage · 5 to triage", "C-0001 pending", "1. app/run.py:10  ControlFlowNode for Attribute")
	s.Type("c")
	s.WaitFor("confirm C-0001 as ◀ critical ▶ · CWE-78")
	s.Send("Enter")
	s.WaitFor("confirmed: F-0001 critical", "Triage · 4 to triage")
	s.Type("d")
	s.WaitFor("dismiss C-0002: f false positive")
	s.Type("f")
	s.WaitFor("dismissed 1: false-positive", "Triage · 3 to triage")
	s.Type("s")
	s.WaitFor("skipped 1")
	// The hostile message from the scanner shows in caret form.
	s.Type("j")
	scr := s.WaitFor("tests/test_run.py:2  Evil ^[]", "Evil ^[]0;pwned^G ")
	if strings.Contains(scr, "\u202e") {
		t.Errorf("a bidi override reached the screen:\n%s", scr)
	}
	s.Type("4")
	s.WaitFor("F-0001", "This command line depends on a")
	s.Quit()

	out, err := exec.Command(bin, "triage", "list", "--all", "--workspace", ws).Output()
	if err != nil {
		t.Fatalf("triage list: %v", err)
	}
	for _, want := range []string{"C-0001  confirmed F-0001", "C-0002  dismissed (false-positive)", "C-0003  skipped", "C-0004  pending"} {
		if !strings.Contains(string(out), want) {
			t.Errorf("triage list --all lacks %q:\n%s", want, out)
		}
	}
}
