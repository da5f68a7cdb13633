package review

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

// runWithStateHome runs the tests with XDG_STATE_HOME in a temporary
// directory, so that the journal heads every Open records never land in
// the user's home. Writer processes the tests start inherit it.
func runWithStateHome(m *testing.M) int {
	dir, err := os.MkdirTemp("", "sightline-state-")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	defer os.RemoveAll(dir)
	if err := os.Setenv("XDG_STATE_HOME", dir); err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	return m.Run()
}

// openHeads opens the workspace in dir with its head records in heads.
func openHeads(t *testing.T, dir, heads string) *Workspace {
	t.Helper()
	w, err := Open(dir, testMeta(), WithHeadDir(heads))
	if err != nil {
		t.Fatal(err)
	}
	return w
}

func addN(t *testing.T, w *Workspace, n int, title string) {
	t.Helper()
	for i := 0; i < n; i++ {
		if _, err := w.AddFinding(testFinding(fmt.Sprintf("%s %d", title, i+1))); err != nil {
			t.Fatal(err)
		}
	}
}

func readJournal(t *testing.T, dir string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(dir, journalName))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func writeJournal(t *testing.T, dir string, b []byte) {
	t.Helper()
	if err := os.WriteFile(filepath.Join(dir, journalName), b, 0o600); err != nil {
		t.Fatal(err)
	}
}

// lastSum is the sum of the journal's last event.
func lastSum(t *testing.T, journal []byte) string {
	t.Helper()
	lines := bytes.Split(bytes.TrimSuffix(journal, []byte("\n")), []byte("\n"))
	_, sum, err := decodeEvent(lines[len(lines)-1])
	if err != nil {
		t.Fatal(err)
	}
	return sum
}

func recordOf(t *testing.T, heads, dir string) *headRecord {
	t.Helper()
	r, err := newHeadStore(heads, dir, testPin.Commit).load()
	if err != nil || r == nil {
		t.Fatalf("head record: %v, %v", r, err)
	}
	return r
}

// headFault writes half of the record and then fails, or fails fsync:
// a crash or a full disk while the record is replaced.
type headFault struct {
	syncFile
	failSync bool
}

func (f headFault) Write(p []byte) (int, error) {
	if f.failSync {
		return f.syncFile.Write(p)
	}
	n, _ := f.syncFile.Write(p[:len(p)/2])
	return n, syscall.ENOSPC
}

func (f headFault) Sync() error {
	if f.failSync {
		return syscall.EIO
	}
	return f.syncFile.Sync()
}

// TestHeadRecordReplacedAtomically: a record write that fails half way
// (or at fsync) leaves the good record in place and no temp file, and
// does not fail the change, which is in the journal; a temp file left by
// a killed writer is never read and is cleared by the next write.
func TestHeadRecordReplacedAtomically(t *testing.T) {
	dir, heads := t.TempDir(), t.TempDir()
	w := openHeads(t, dir, heads)
	defer w.Close()
	addN(t, w, 1, "good")
	p := newHeadStore(heads, dir, testPin.Commit).path()
	good, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	for _, failSync := range []bool{false, true} {
		w.headWrap = func(f syncFile) syncFile { return headFault{f, failSync} }
		if _, err := w.AddFinding(testFinding("saved")); err != nil {
			t.Fatalf("a failed record write failed the change: %v", err)
		}
		warn := w.Warnings()
		if len(warn) != 1 || !strings.Contains(warn[0], "could not be recorded in "+heads) {
			t.Errorf("failSync %v: warnings %q", failSync, warn)
		}
		if b, _ := os.ReadFile(p); !bytes.Equal(b, good) {
			t.Fatalf("failSync %v: the record is now %q", failSync, b)
		}
		if tmp, _ := filepath.Glob(p + ".tmp-*"); len(tmp) != 0 {
			t.Errorf("failSync %v: temp files left: %q", failSync, tmp)
		}
	}
	w.headWrap = nil

	// A writer killed mid-write leaves a torn temp file beside the record.
	torn := p + ".tmp-12345"
	if err := os.WriteFile(torn, good[:len(good)/2], 0o600); err != nil {
		t.Fatal(err)
	}
	r := openHeads(t, dir, heads) // the journal is ahead of the good record: fine
	if warn := r.Warnings(); len(warn) != 0 || r.RolledBack() != nil {
		t.Fatalf("reopen beside a torn temp file: %q", warn)
	}
	r.Close()
	if _, err := os.Stat(torn); !os.IsNotExist(err) {
		t.Errorf("the torn temp file was not cleared: %v", err)
	}
	if rec := recordOf(t, heads, dir); rec.Head.Seq != 4 || rec.MaxID != 3 {
		t.Errorf("record = %+v", rec)
	}
}

// TestHeadMatchesJournal: Head names the journal's last entry, for an
// export to record.
func TestHeadMatchesJournal(t *testing.T) {
	dir := t.TempDir()
	w := openHeads(t, dir, t.TempDir())
	defer w.Close()
	addN(t, w, 2, "x")
	if h := w.Head(); h.Seq != 3 || h.Hash != lastSum(t, readJournal(t, dir)) {
		t.Errorf("Head() = %+v", h)
	}
}

// TestDefaultHeadDir follows XDG_STATE_HOME, ignores a relative value,
// and otherwise uses ~/.local/state.
func TestDefaultHeadDir(t *testing.T) {
	t.Setenv("XDG_STATE_HOME", "/state")
	if d, err := DefaultHeadDir(); err != nil || d != "/state/sightline/heads" {
		t.Errorf("DefaultHeadDir() = %q, %v", d, err)
	}
	t.Setenv("XDG_STATE_HOME", "relative")
	t.Setenv("HOME", "/home/r")
	if d, err := DefaultHeadDir(); err != nil || d != "/home/r/.local/state/sightline/heads" {
		t.Errorf("DefaultHeadDir() = %q, %v", d, err)
	}
}

// TestRecordedMaxIDIsAFloor: ids are given out above the highest id the
// record has seen, even when the journal itself has seen fewer.
func TestRecordedMaxIDIsAFloor(t *testing.T) {
	dir, heads := t.TempDir(), t.TempDir()
	w := openHeads(t, dir, heads)
	addN(t, w, 1, "one")
	w.Close()
	hs := newHeadStore(heads, dir, testPin.Commit)
	r := recordOf(t, heads, dir)
	r.MaxID = 41
	if err := hs.save(*r, nil); err != nil {
		t.Fatal(err)
	}
	w = openHeads(t, dir, heads)
	defer w.Close()
	if f, err := w.AddFinding(testFinding("next")); err != nil || f.ID != "F-0042" {
		t.Errorf("next finding %q, %v; want F-0042", f.ID, err)
	}
	if r := recordOf(t, heads, dir); r.MaxID != 42 {
		t.Errorf("record max id %d", r.MaxID)
	}
}
