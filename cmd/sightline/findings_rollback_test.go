package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestFindingsAcceptRollback puts an older copy of a workspace's journal
// back: list still works and says what happened, every change is refused
// naming both heads, accept-rollback records the choice, and the next
// finding does not reuse an id the newer copy had given out.
func TestFindingsAcceptRollback(t *testing.T) {
	_, at := findingsFixture(t)
	add := func(title string) []string {
		return append([]string{"findings", "add", "--path", "src/main.c", "--lines", "1", "--title", title, "--severity", "low"}, at...)
	}
	must(t, add("one")...)
	must(t, add("two")...)
	journals, _ := filepath.Glob(filepath.Join(os.Getenv("XDG_DATA_HOME"), "sightline", "workspaces", "*", "journal"))
	if len(journals) != 1 {
		t.Fatalf("journals %q", journals)
	}
	old, err := os.ReadFile(journals[0])
	if err != nil {
		t.Fatal(err)
	}
	must(t, add("three")...)
	must(t, add("four")...)
	if err := os.WriteFile(journals[0], old, 0o600); err != nil {
		t.Fatal(err)
	}

	code, out, errOut := runCmd(add("refused")...)
	if code != 1 || out != "" || !strings.Contains(errOut, "journal rolled back: it ends at entry 3 (") ||
		!strings.Contains(errOut, "but entry 5 (") || !strings.Contains(errOut, "sightline findings accept-rollback") {
		t.Fatalf("add on a rolled back journal: exit %d, stdout %q, stderr %q", code, out, errOut)
	}
	code, out, errOut = runCmd(append([]string{"findings", "list"}, at...)...)
	if code != 0 || !strings.Contains(out, "F-0002") || strings.Contains(out, "F-0003") ||
		!strings.Contains(errOut, "sightline: warning: journal rolled back") {
		t.Fatalf("list on a rolled back journal: exit %d\n%s\nstderr %q", code, out, errOut)
	}
	if b, _ := os.ReadFile(journals[0]); string(b) != string(old) {
		t.Fatal("the rolled back journal was written before the reviewer chose")
	}

	out = must(t, append([]string{"findings", "accept-rollback"}, at...)...)
	if !strings.HasPrefix(out, "accepted: the workspace goes on from entry 3; the choice is entry 4 (") ||
		!strings.HasSuffix(out, "; new finding ids follow F-0004\n") {
		t.Errorf("accept-rollback printed %q", out)
	}
	if out := must(t, add("five")...); out != "F-0005\n" {
		t.Errorf("add after accepting printed %q; want F-0005 (F-0003 and F-0004 were given out before)", out)
	}
	if out := must(t, append([]string{"findings", "accept-rollback"}, at...)...); !strings.HasPrefix(out, "nothing to accept: the journal ends at entry 5 (") {
		t.Errorf("second accept-rollback printed %q", out)
	}
	if code, _, errOut := runCmd("findings", "accept-rollback", "extra"); code != 2 || !strings.Contains(errOut, "unexpected argument") {
		t.Errorf("accept-rollback with an argument: exit %d, %q", code, errOut)
	}
}
