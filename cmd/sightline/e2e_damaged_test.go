package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"sightline/repo/repotest"
)

// Repositories that are broken, tampered with or configured to run code
// (SECURITY-NOTES HOST-25 to HOST-29), opened in the real binary in tmux.

// TestE2EDamagedObjects opens a repository whose object store was broken
// or tampered with: a subtree's object deleted (HOST-25), a blob deleted
// (HOST-26) and a blob substituted by other content (HOST-28). Every root
// entry stays listed, each damage is named where it is met, and the
// workbench goes on answering keys.
func TestE2EDamagedObjects(t *testing.T) {
	rt := repotest.New(t)
	files := repotest.Tree{
		"a_first.txt":      {Content: "first\n"},
		"broken/inner.txt": {Content: "inside a tree whose object is gone\n"},
		"missing.txt":      {Content: "this blob is deleted\n"},
		"swapped.c":        {Content: "return check_password(p);\n"},
		"z_last.txt":       {Content: "last file\n"},
	}
	rt.Commit("damaged", files)
	sub := rt.WriteTree(repotest.Tree{"inner.txt": files["broken/inner.txt"]})
	missing := rt.Blob(files["missing.txt"].Content)
	swapped := rt.Blob(files["swapped.c"].Content)
	rt.RemoveObject(sub)
	rt.RemoveObject(missing)
	rt.SubstituteBlob(swapped, "return 1; /* accept any password */\n")

	s := startTUI(t, rt.Dir)
	s.WaitFor("a_first.txt", "▸ broken/", "missing.txt", "swapped.c", "z_last.txt", "⚠ 1 unreadable subtree", "unreadable subtrees (first: broken)")
	s.Send("j", "l") // expand broken/
	s.WaitFor(`⚠ directory "broken": tree ` + sub.String()[:5])
	s.answersKey("an unreadable subtree")

	s.Send("C-p")
	s.Type("missing")
	s.WaitFor("find: missing")
	s.Send("Enter")
	s.WaitFor("⚠ blob " + missing.String())
	s.answersKey("a missing blob")
	s.Send("a") // no finding on unreadable content
	s.WaitFor("open a file and put the cursor on a line")

	s.Send("C-p")
	s.Type("swapped")
	s.WaitFor("find: swapped")
	s.Send("Enter")
	// The read recomputes the id and refuses the substitute: the blob is
	// named, its content never shown, and no finding can be made on it.
	if scr := s.WaitFor("⚠ blob " + swapped.String() + ": object content"); strings.Contains(scr, "accept any password") {
		t.Fatalf("the substituted content is on screen:\n%s", scr)
	}
	s.answersKey("a substituted blob")
	s.Send("a")
	s.WaitFor("open a file and put the cursor on a line")

	s.Send("C-p")
	s.Type("z_last")
	s.WaitFor("find: z_last")
	s.Send("Enter")
	s.WaitFor("│ z_last.txt │ 1/1", "last file")
	s.Quit()
}

// TestE2EMissingParentCommit removes the oldest commit's object
// (HOST-27): History lists the commits it can reach, then says where the
// history stops.
func TestE2EMissingParentCommit(t *testing.T) {
	rt := repotest.New(t)
	c1 := rt.Commit("first commit", repotest.Tree{"a.txt": {Content: "1\n"}})
	rt.Commit("second commit", repotest.Tree{"a.txt": {Content: "2\n"}})
	rt.Commit("third commit", repotest.Tree{"a.txt": {Content: "3\n"}})
	rt.RemoveObject(c1)
	s := startTUI(t, rt.Dir)
	s.WaitFor("a.txt")
	s.Type("3")
	s.WaitFor("third commit", "second commit", "2 commits reachable from", "stopped: commit "+c1.String()[:12])
	s.answersKey("a truncated history")
	s.Quit()
}

// TestE2EVendorConfigNeverRuns gives the vendor's .git/config every hook
// git would run on its own (HOST-29, RO-03): sightline never runs git, so
// none fires while the workbench and the commands read the repository.
func TestE2EVendorConfigNeverRuns(t *testing.T) {
	rt := repotest.New(t)
	rt.Commit("one", repotest.Tree{"a.txt": {Content: "a\n"}, "b.c": {Content: "int b;\n"}})
	dir := t.TempDir()
	marker := filepath.Join(dir, "marker")
	script := filepath.Join(dir, "hook.sh")
	if err := os.WriteFile(script, []byte("#!/bin/sh\necho ran >> "+shellQuote(marker)+"\n"), 0o755); err != nil {
		t.Fatal(err)
	}
	hooks := filepath.Join(rt.Dir, ".git", "hooks")
	if err := os.MkdirAll(hooks, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.MkdirAll(filepath.Join(rt.Dir, ".git", "info"), 0o755); err != nil {
		t.Fatal(err)
	}
	for _, h := range []string{"post-checkout", "pre-commit", "post-index-change", "reference-transaction"} {
		if err := os.WriteFile(filepath.Join(hooks, h), []byte("#!/bin/sh\n"+shellQuote(script)+"\n"), 0o755); err != nil {
			t.Fatal(err)
		}
	}
	cfg, err := os.OpenFile(filepath.Join(rt.Dir, ".git", "config"), os.O_APPEND|os.O_WRONLY, 0)
	if err != nil {
		t.Fatal(err)
	}
	q := `"` + script + `"`
	_, err = cfg.WriteString("[core]\n\tfsmonitor = " + q + "\n\tpager = " + q + "\n\tsshCommand = " + q +
		"\n[diff]\n\texternal = " + q + "\n[filter \"x\"]\n\tprocess = " + q + "\n\tclean = " + q + "\n\tsmudge = " + q +
		"\n[diff \"x\"]\n\ttextconv = " + q + "\n")
	if cerr := cfg.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(rt.Dir, ".git", "info", "attributes"), []byte("* filter=x diff=x\n"), 0o644); err != nil {
		t.Fatal(err)
	}

	s := startTUI(t, rt.Dir)
	s.WaitFor("a.txt", "b.c")
	s.Send("Enter")
	s.WaitFor("│ a.txt │ 1/1")
	s.Send("C-f")
	s.Type("int")
	s.Send("Enter")
	s.WaitFor("b.c:1: int b;")
	s.Send("Escape")
	s.Type("3")
	s.WaitFor("one")
	s.Send("Enter")
	s.WaitFor("a.txt")
	s.Quit()
	for _, args := range [][]string{
		{"grep", "--repo", rt.Dir, "int"}, {"scan", "--repo", rt.Dir}, {"log", "--repo", rt.Dir},
		{"blame", "--repo", rt.Dir, "b.c"}, {"diff", "--repo", rt.Dir, "--base", "HEAD", "--numstat"},
	} {
		runCmd(args...)
	}
	if b, err := os.ReadFile(marker); err == nil {
		t.Errorf("a hook or command from the vendor's configuration ran: %q", b)
	}
	// The trap is armed: git itself runs the vendor's fsmonitor.
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("git not installed: cannot show the configuration would run")
	}
	_ = exec.Command("git", "-C", rt.Dir, "status").Run()
	if _, err := os.Stat(marker); err != nil {
		t.Errorf("git status did not run the vendor's fsmonitor either: the test proves nothing")
	}
}
