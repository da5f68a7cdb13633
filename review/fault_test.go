package review

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

// faultyFile fails writes or fsyncs on demand, standing in for a full disk
// (chmod does not stop root, and tests may run as root).
type faultyFile struct {
	syncFile
	failWrite, failSync bool
}

func (f *faultyFile) Write(p []byte) (int, error) {
	if f.failWrite {
		// A full disk can take part of a write before failing.
		n, _ := f.syncFile.Write(p[:len(p)/2])
		return n, syscall.ENOSPC
	}
	return f.syncFile.Write(p)
}

func (f *faultyFile) Sync() error {
	if f.failSync {
		return syscall.EIO
	}
	return f.syncFile.Sync()
}

func countOnDisk(t *testing.T, dir string) int {
	t.Helper()
	w, err := Open(dir, testMeta())
	if err != nil {
		t.Fatal(err)
	}
	defer w.Close()
	return len(w.Findings())
}

func TestFullDiskKeepsChangesPending(t *testing.T) {
	dir := t.TempDir()
	w := openWS(t, dir)
	defer w.Close()
	ff := &faultyFile{syncFile: w.j.f, failWrite: true}
	w.j.w = ff
	f1, err := w.AddFinding(testFinding("one"))
	if !errors.Is(err, ErrNotSaved) || !strings.Contains(err.Error(), "no space left on device") || !strings.Contains(err.Error(), "kept in memory") {
		t.Fatalf("error = %v; want not saved, naming the full disk", err)
	}
	if f1.ID != "F-0001" || len(w.Findings()) != 1 || w.Pending() != 1 {
		t.Fatalf("pending finding %q, %d shown, %d pending", f1.ID, len(w.Findings()), w.Pending())
	}
	if _, err := w.AddStep("F-0001", Step{Location: testLoc("b.c", 2, 2)}); !errors.Is(err, ErrNotSaved) {
		t.Fatalf("step on a pending finding: %v", err)
	}
	if n := countOnDisk(t, dir); n != 0 {
		t.Fatalf("%d findings on disk while the disk is full", n)
	}
	if err := w.Flush(); !errors.Is(err, ErrNotSaved) || w.Pending() != 2 {
		t.Fatalf("flush on a full disk: %v, %d pending", err, w.Pending())
	}
	ff.failWrite = false
	f2, err := w.AddFinding(testFinding("two"))
	if err != nil || f2.ID != "F-0002" || w.Pending() != 0 {
		t.Fatalf("after space is freed: %q, %v, %d pending", f2.ID, err, w.Pending())
	}
	w2 := openWS(t, dir)
	defer w2.Close()
	got := w2.Findings()
	if len(got) != 2 || len(got[0].Steps) != 2 || got[1].Title != "two" {
		t.Fatalf("on disk: %+v", got)
	}
}

// TestFailedFsyncNotRetried: after a failed fsync the record is cut off
// and written again later, never assumed saved. If the cut did not
// happen and the record is found on disk, it is not written twice.
func TestFailedFsyncNotRetried(t *testing.T) {
	dir := t.TempDir()
	w := openWS(t, dir)
	defer w.Close()
	ff := &faultyFile{syncFile: w.j.f, failSync: true}
	w.j.w = ff
	if _, err := w.AddFinding(testFinding("one")); !errors.Is(err, ErrNotSaved) || !strings.Contains(err.Error(), "input/output error") {
		t.Fatalf("error = %v", err)
	}
	// Pretend the truncation after the failure did not happen.
	jf, err := os.OpenFile(filepath.Join(dir, journalName), os.O_WRONLY|os.O_APPEND, 0)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := jf.Write(w.j.attempt); err != nil {
		t.Fatal(err)
	}
	jf.Close()
	ff.failSync = false
	if _, err := w.AddFinding(testFinding("two")); err != nil {
		t.Fatal(err)
	}
	if n := countOnDisk(t, dir); n != 2 || w.Pending() != 0 {
		t.Fatalf("%d findings on disk, %d pending; want 2 and 0", n, w.Pending())
	}
}

func TestCloseReportsUnsaved(t *testing.T) {
	w := openWS(t, t.TempDir())
	w.j.w = &faultyFile{syncFile: w.j.f, failWrite: true}
	_, _ = w.AddFinding(testFinding("lost"))
	if err := w.Close(); !errors.Is(err, ErrNotSaved) {
		t.Fatalf("Close = %v; want not saved", err)
	}
}

// TestReadOnlyWorkspace needs a user that permissions apply to.
func TestReadOnlyWorkspace(t *testing.T) {
	if os.Geteuid() == 0 {
		t.Skip("running as root, where permissions do not stop writes; TestFullDiskKeepsChangesPending covers the failure path")
	}
	dir := t.TempDir()
	openWS(t, dir).Close()
	if err := os.Chmod(filepath.Join(dir, journalName), 0o400); err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(dir, 0o500); err != nil {
		t.Fatal(err)
	}
	defer os.Chmod(dir, 0o700)
	_, err := Open(dir, testMeta())
	if err == nil || !strings.Contains(err.Error(), "permission denied") || !strings.Contains(err.Error(), dir) {
		t.Fatalf("Open on a read-only workspace: %v", err)
	}
}
