package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"testing"
	"time"
)

// The names the sweep looks for are the names real builds give their
// temporaries: a "sightline index" killed (SIGKILL, as stop does after
// its grace period) in each phase leaves temporaries that the sweep
// recognizes, and removes once stale.
func TestSweepRemovesWhatAKilledBuildLeaves(t *testing.T) {
	bin := sightlineBinary(t)
	t.Setenv("XDG_CACHE_HOME", t.TempDir())
	r, _ := bigIndexRepo(t, 1000)
	dir := t.TempDir()
	for _, prefix := range []string{".tri-", ".symspill-"} {
		cmd := exec.Command(bin, "index", "--repo", r.GitDir(), "--dir", dir)
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		found := false
		for deadline := time.Now().Add(60 * time.Second); !found && time.Now().Before(deadline); time.Sleep(2 * time.Millisecond) {
			for _, n := range temporaries(t, dir) {
				found = found || len(n) > len(prefix) && n[:len(prefix)] == prefix
			}
		}
		_ = cmd.Process.Kill()
		_ = cmd.Wait()
		if !found {
			t.Fatalf("no %s* temporary while the build ran", prefix)
		}
		left := temporaries(t, dir)
		if len(left) == 0 {
			t.Fatalf("a build killed while writing %s* left nothing: the test shows nothing", prefix)
		}
		for _, n := range left {
			if !isBuildTemporary(n) {
				t.Errorf("a killed build left %s, which the sweep does not recognize", n)
			}
		}
		sweepStaleTemporaries(dir, staleTemporaryAge, time.Now())
		if got := temporaries(t, dir); len(got) != len(left) {
			t.Fatalf("the sweep removed fresh temporaries: %v, then %v", left, got)
		}
		old := time.Now().Add(-2 * time.Hour)
		for _, n := range left {
			if err := os.Chtimes(filepath.Join(dir, n), old, old); err != nil {
				t.Fatal(err)
			}
		}
		sweepStaleTemporaries(dir, staleTemporaryAge, time.Now())
		if got := temporaries(t, dir); len(got) != 0 {
			t.Fatalf("stale temporaries of a killed build left after the sweep: %v", got)
		}
	}
}
