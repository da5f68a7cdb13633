//go:build linux

package tui

import (
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"

	tea "github.com/charmbracelet/bubbletea"

	"sightline/review"
	"sightline/tui/annotate"
	"sightline/tui/tuitest"
)

// fullDiskEnv marks the child process a full-disk test runs in.
const fullDiskEnv = "SIGHTLINE_TEST_FULL_DISK"

// inChild runs the calling test again in a child process and reports
// false, or reports true in that child: the file-size limit standing in
// for a full disk is process-wide, and would also fail the test binary's
// own log writes (go test's testlog) in this process.
func inChild(t *testing.T) bool {
	t.Helper()
	if os.Getenv(fullDiskEnv) == t.Name() {
		return true
	}
	cmd := exec.Command(os.Args[0], "-test.run=^"+t.Name()+"$", "-test.v")
	cmd.Env = append(os.Environ(), fullDiskEnv+"="+t.Name())
	out, err := cmd.CombinedOutput()
	if err != nil || !strings.Contains(string(out), "--- PASS: "+t.Name()) {
		t.Fatalf("%s in a child process: %v\n%s", t.Name(), err, out)
	}
	return false
}

// fullDisk makes every write past the journal's present size fail with
// EFBIG, as a full disk fails it (RLIMIT_FSIZE: chmod does not stop root,
// and tests may run as root). New smaller files can still be written.
// The returned function frees the "disk"; cleanup frees it too.
func fullDisk(t *testing.T, ws *review.Workspace) (free func()) {
	t.Helper()
	fi, err := os.Stat(filepath.Join(ws.Dir(), "journal"))
	if err != nil {
		t.Fatal(err)
	}
	var old syscall.Rlimit
	if err := syscall.Getrlimit(syscall.RLIMIT_FSIZE, &old); err != nil {
		t.Fatal(err)
	}
	lim := old
	lim.Cur = uint64(fi.Size())
	if err := syscall.Setrlimit(syscall.RLIMIT_FSIZE, &lim); err != nil {
		t.Skipf("cannot limit the file size: %v", err)
	}
	freed := false
	free = func() {
		if !freed {
			freed = true
			if err := syscall.Setrlimit(syscall.RLIMIT_FSIZE, &old); err != nil {
				t.Fatal(err)
			}
		}
	}
	t.Cleanup(free)
	return free
}

// pressAll presses keys (names or typed text, as keysIn) and reports
// whether one of them quit the program.
func pressAll(t *testing.T, m tea.Model, names ...string) (tea.Model, bool) {
	t.Helper()
	quit := false
	for _, n := range names {
		var msgs []tea.Msg
		if k := tuitest.Key(n); k.Type != tea.KeyRunes || len([]rune(n)) == 1 {
			msgs = []tea.Msg{k}
		} else {
			for _, k := range tuitest.Type(n) {
				msgs = append(msgs, k)
			}
		}
		var q bool
		m, q = runQuits(t, m, msgs...)
		quit = quit || q
	}
	return m, quit
}

// markUnsaved opens a.go and marks it reviewed on a full disk.
func markUnsaved(t *testing.T) (tea.Model, *review.Workspace, func()) {
	t.Helper()
	m, ws, _ := reviewFixture(t)
	m = tuitest.RunModel(t, m, OpenFileMsg{Path: "a.go", Line: 1})
	free := fullDisk(t, ws)
	m, _ = pressAll(t, m, "m")
	if s := screen(m); !strings.Contains(s, "not saved") || ws.Pending() != 1 {
		t.Fatalf("m on a full disk: %d pending\n%s", ws.Pending(), s)
	}
	return m, ws, free
}

// TestQuitWithUnsavedChangesWritesThemElsewhere is issue 17.9: on a full
// disk the change is kept in memory; q then asks, and w writes the
// review, the unsaved mark included, to a file the reviewer names.
func TestQuitWithUnsavedChangesWritesThemElsewhere(t *testing.T) {
	if !inChild(t) {
		return
	}
	m, _, free := markUnsaved(t)
	m, quit := pressAll(t, m, "q")
	s := screen(m)
	if quit || !strings.Contains(s, "Quit with unsaved work?") || !strings.Contains(s, "1 change(s) to the review are not on disk") {
		t.Fatalf("q with an unsaved change: quit %v\n%s", quit, s)
	}
	if m, quit = pressAll(t, m, "r"); quit || !strings.Contains(screen(m), "still not saved") {
		t.Fatalf("r on a disk still full: quit %v\n%s", quit, screen(m))
	}
	for _, k := range []string{"Q", "ctrl+c"} {
		if _, quit := pressAll(t, m, k); quit {
			t.Fatalf("%s in the quit dialog quit without the unsaved change", k)
		}
	}
	out := filepath.Join(t.TempDir(), "rescue.json")
	m, quit = pressAll(t, m, "w", "ctrl+u", out)
	if quit || !strings.Contains(screen(m), "write to:") {
		t.Fatalf("w did not ask for a path:\n%s", screen(m))
	}
	free() // the workspace's disk is full, the other one is not
	if _, quit = pressAll(t, m, "enter"); !quit {
		t.Fatalf("writing %s did not quit:\n%s", out, screen(m))
	}
	raw, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	var doc struct {
		Format   string `json:"format"`
		Pending  int    `json:"pending_changes"`
		Reviewed []struct {
			Path string `json:"path"`
			Blob string `json:"blob"`
		} `json:"reviewed"`
		Findings []review.Finding `json:"findings"`
	}
	if err := json.Unmarshal(raw, &doc); err != nil {
		t.Fatalf("the written file is not JSON: %v\n%s", err, raw)
	}
	if doc.Format != annotate.RescueFormat || doc.Pending != 1 || len(doc.Reviewed) != 1 || doc.Reviewed[0].Path != "a.go" || len(doc.Reviewed[0].Blob) != 40 {
		t.Errorf("written file: %+v\n%s", doc, raw)
	}
}

// TestQuitRetryAndDiscard: r writes once the disk has room, then quits;
// d quits without the change only after "discard" is typed.
func TestQuitRetryAndDiscard(t *testing.T) {
	if !inChild(t) {
		return
	}
	m, ws, free := markUnsaved(t)
	m, _ = pressAll(t, m, "Q")
	m, quit := pressAll(t, m, "d", "nope", "enter")
	if quit || !strings.Contains(screen(m), "type discard exactly") {
		t.Fatalf("d then a wrong word: quit %v\n%s", quit, screen(m))
	}
	if _, quit = pressAll(t, m, "ctrl+u", "discard", "enter"); !quit {
		t.Fatalf("typing discard did not quit:\n%s", screen(m))
	}
	m, _ = pressAll(t, m, "esc", "esc") // back from the word, then out of the dialog
	if strings.Contains(screen(m), "Quit with unsaved work?") {
		t.Fatalf("esc did not close the dialog:\n%s", screen(m))
	}
	m, _ = pressAll(t, m, "ctrl+c")
	free()
	if _, quit = pressAll(t, m, "r"); !quit {
		t.Fatalf("r with room on the disk did not quit:\n%s", screen(m))
	}
	again, err := review.Open(ws.Dir(), ws.Meta())
	if err != nil {
		t.Fatal(err)
	}
	defer again.Close()
	if got := again.Reviewed(); len(got) != 1 || got[0].Path != "a.go" {
		t.Errorf("after r the journal holds %+v", got)
	}
}

// TestQuitAsksAboutAFormsInput: ctrl+c with a half-typed finding asks;
// esc returns to the form with the input kept.
func TestQuitAsksAboutAFormsInput(t *testing.T) {
	m, _, _ := reviewFixture(t)
	m = tuitest.RunModel(t, m, OpenFileMsg{Path: "a.go", Line: 2})
	m, _ = pressAll(t, m, "a", "Half a title")
	m, quit := pressAll(t, m, "ctrl+c")
	if s := screen(m); quit || !strings.Contains(s, "The open form has input that was not submitted") {
		t.Fatalf("ctrl+c with a typed form: quit %v\n%s", quit, s)
	}
	m, _ = pressAll(t, m, "esc")
	if s := screen(m); !strings.Contains(s, "New finding") || !strings.Contains(s, "Half a title") {
		t.Fatalf("esc did not return to the form with its input:\n%s", s)
	}
	m, _ = pressAll(t, m, "esc") // the form's cancel
	if _, quit = pressAll(t, m, "ctrl+c"); !quit {
		t.Fatalf("ctrl+c with nothing unsaved did not quit:\n%s", screen(m))
	}
}
