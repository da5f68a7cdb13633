package main

import (
	"crypto/sha1"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"sightline/repo/repotest"
	"sightline/review"
)

// gitBlobHash is git's object id of a blob, computed here without
// sightline's code.
func gitBlobHash(content string) string {
	h := sha1.New()
	fmt.Fprintf(h, "blob %d\x00%s", len(content), content)
	return hex.EncodeToString(h.Sum(nil))
}

// linesHash is "sha256:" and the SHA-256 of lines from..to of content
// (1-based, each with its LF), computed without sightline's code.
func linesHash(content string, from, to int) string {
	lines := strings.SplitAfter(content, "\n")
	sum := sha256.Sum256([]byte(strings.Join(lines[from-1:to], "")))
	return "sha256:" + hex.EncodeToString(sum[:])
}

// openInTUI opens path with the finder and goes to line n.
func openInTUI(s *tmuxSession, path, status string, n int) {
	s.Send("C-p")
	s.Type(path)
	s.WaitFor(path)
	s.Send("Enter")
	s.WaitFor(status + " │ 1/")
	s.Type(fmt.Sprintf(":%d", n))
	s.Send("Enter")
	s.WaitFor(fmt.Sprintf("%s │ %d/", status, n))
}

// markedLine reports whether the screen row showing text has a finding
// mark (▌) in the gutter.
func markedLine(scr, text string) bool {
	for _, l := range strings.Split(scr, "\n") {
		if strings.Contains(l, text) {
			return strings.Contains(l, "▌")
		}
	}
	return false
}

// TestE2EFindingThreeSteps makes a finding with three steps in two files
// through the TUI, checks what "sightline findings list --json" (the real
// binary, same workspace) says about it against hashes computed here,
// then reopens the TUI and finds the finding, its gutter marks and the
// coverage again.
func TestE2EFindingThreeSteps(t *testing.T) {
	aGo := e2eLines(20, nil)
	bGo := e2eLines(10, map[int]string{3: "exec(input)"})
	rt := repotest.New(t)
	pin := rt.Commit("v1", repotest.Tree{"src/a.go": {Content: aGo}, "src/b.go": {Content: bGo}}).String()
	ws := filepath.Join(t.TempDir(), "ws")

	s := startTUI(t, "open", rt.Dir, "--workspace", ws, "--reviewer", "alice")
	s.WaitFor("1 Files", "4 Findings", "reviewed 0/2 files, 0%", "review workspace "+ws[:20])
	openInTUI(s, "src/a.go", "src/a.go", 5)
	s.Type("Vjj")
	s.WaitFor("V lines 5-7")
	s.Type("a")
	s.WaitFor("New finding", "src/a.go:5-7")
	s.Type("Back door in update")
	s.Send("Tab")
	s.Type("c") // severity: the next one starting with c, critical
	s.Send("Tab")
	s.Type("CWE-78")
	s.Send("Tab", "Tab", "Enter") // past the description to status; enter saves
	s.WaitFor("saved F-0001 (src/a.go:5-7)")
	s.WaitFor("F-0001 [critical] Back door in update") // the cursor is on a marked line

	s.Type(":12")
	s.Send("Enter")
	s.Type("Vj")
	s.WaitFor("V lines 12-13")
	s.Type("A")
	s.WaitFor("Add step to F-0001", "src/a.go:12-13")
	s.Type("passes through")
	s.Send("Enter")
	s.WaitFor("saved step 2 of F-0001 (src/a.go:12-13)")

	openInTUI(s, "src/b.go", "src/b.go", 3)
	s.Type("A")
	s.WaitFor("Add step to F-0001", "src/b.go:3")
	s.Send("Enter") // no note
	s.WaitFor("saved step 3 of F-0001 (src/b.go:3)")
	s.Type("m")
	s.WaitFor("marked src/b.go reviewed", "reviewed 1/2 files, 50%")

	// The command line sees the same workspace.
	out, err := exec.Command(sightlineBinary(t), "findings", "list", "--json", "--repo", rt.Dir, "--workspace", ws).Output()
	if err != nil {
		t.Fatalf("findings list --json: %v", err)
	}
	var doc struct{ Findings []review.Finding }
	if err := json.Unmarshal(out, &doc); err != nil {
		t.Fatalf("findings list --json: %v\n%s", err, out)
	}
	if len(doc.Findings) != 1 {
		t.Fatalf("want one finding, got %d:\n%s", len(doc.Findings), out)
	}
	f := doc.Findings[0]
	if f.ID != "F-0001" || f.Title != "Back door in update" || f.Severity != "critical" || f.CWE != "CWE-78" ||
		f.Status != "open" || f.Reviewer != "alice" {
		t.Errorf("finding fields: %+v", f)
	}
	want := []struct {
		path, content string
		from, to      int
		note          string
	}{{"src/a.go", aGo, 5, 7, ""}, {"src/a.go", aGo, 12, 13, "passes through"}, {"src/b.go", bGo, 3, 3, ""}}
	if len(f.Steps) != len(want) {
		t.Fatalf("want %d steps, got %+v", len(want), f.Steps)
	}
	for i, w := range want {
		l := f.Steps[i].Location
		if l.Path != w.path || l.StartLine != w.from || l.EndLine != w.to || f.Steps[i].Note != w.note || l.Commit != pin {
			t.Errorf("step %d: %+v note %q; want %s:%d-%d note %q at %s", i+1, l, f.Steps[i].Note, w.path, w.from, w.to, w.note, pin)
		}
		if wb := gitBlobHash(w.content); l.Blob != wb {
			t.Errorf("step %d blob %s, want %s", i+1, l.Blob, wb)
		}
		if wh := linesHash(w.content, w.from, w.to); l.LineHash != wh {
			t.Errorf("step %d lineHash %s, want %s", i+1, l.LineHash, wh)
		}
	}
	s.Quit()

	// Reopen: the finding, its marks and the coverage are still there.
	s = startTUI(t, "open", rt.Dir, "--workspace", ws)
	s.WaitFor("1 Files", "reviewed 1/2 files, 50%")
	s.Type("4")
	s.WaitFor("F-0001", "critical", "Back door in update", "3 steps", "src/a.go:5-7")
	s.Send("Enter")
	scr := s.WaitFor("src/a.go │ 5/20", "F-0001 step 1/3")
	if !markedLine(scr, "line 5") || !markedLine(scr, "line 7") || markedLine(scr, "line 4") || markedLine(scr, "line 8") {
		t.Errorf("lines 5-7 of src/a.go should be marked, 4 and 8 not:\n%s", scr)
	}
	s.Type("]s")
	scr = s.WaitFor("src/a.go │ 12/20", "F-0001 step 2/3: passes through")
	if !markedLine(scr, "line 13") || markedLine(scr, "line 14") {
		t.Errorf("lines 12-13 should be marked:\n%s", scr)
	}
	s.Type("]s")
	scr = s.WaitFor("src/b.go │ 3/10", "F-0001 [critical] Back door in update")
	if !markedLine(scr, "exec(input)") || markedLine(scr, "line 2") {
		t.Errorf("line 3 of src/b.go should be marked:\n%s", scr)
	}
	if !strings.Contains(scr, "b.go ✓") {
		t.Errorf("the tree should show src/b.go reviewed:\n%s", scr)
	}
	s.Type("[s")
	s.WaitFor("src/a.go │ 12/20")
	s.Quit()
}

// TestE2EExportDialog exports a bundle from the E dialog, signed with a
// key made by "sightline keygen", and checks it with "sightline verify".
func TestE2EExportDialog(t *testing.T) {
	bin := sightlineBinary(t)
	rt := repotest.New(t)
	rt.Commit("v1", repotest.Tree{"main.c": {Content: mainC}})
	dir := t.TempDir()
	ws, key, out := filepath.Join(dir, "ws"), filepath.Join(dir, "key"), filepath.Join(dir, "out", "findings.json")
	if err := os.Mkdir(filepath.Dir(out), 0o700); err != nil {
		t.Fatal(err)
	}
	run := func(args ...string) string {
		t.Helper()
		b, err := exec.Command(bin, args...).CombinedOutput()
		if err != nil {
			t.Fatalf("sightline %q: %v\n%s", args, err, b)
		}
		return string(b)
	}
	run("keygen", "-o", key, "--comment", "alice@example.org")
	run("findings", "add", "--repo", rt.Dir, "--workspace", ws, "--path", "main.c", "--lines", "4-5",
		"--title", "Shell injection", "--severity", "high")
	pub, err := os.ReadFile(key + ".pub")
	if err != nil {
		t.Fatal(err)
	}
	signers := filepath.Join(dir, "allowed_signers")
	if err := os.WriteFile(signers, []byte("alice@example.org "+string(pub)), 0o600); err != nil {
		t.Fatal(err)
	}

	s := startTUI(t, "open", rt.Dir, "--workspace", ws)
	s.WaitFor("1 Files")
	s.Type("E")
	s.WaitFor("Export findings", "[bundle]", "Output file")
	s.Send("Tab", "C-u") // output: clear the default
	s.Type(out)
	s.Send("Tab")
	s.Type(key)
	s.Send("Tab", "Tab", "Tab", "C-u") // past the agent and passphrase to the identity
	s.Type("alice@example.org")
	s.Send("Tab", "Enter") // snippets: no; enter exports
	s.WaitFor("wrote " + out[:20])
	s.Quit()

	v := run("verify", out, "--signers", signers, "--repo", rt.Dir)
	if !strings.Contains(v, "F-0001") {
		t.Errorf("verify does not name the finding:\n%s", v)
	}
}
