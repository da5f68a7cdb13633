package main

import (
	"path/filepath"
	"strings"
	"testing"
	"time"

	"sightline/repo/repotest"
)

// TestE2EProgressiveHistoryAndBlame is issue 16's "start showing results
// at once, fill in with a progress note" in a real terminal, on the large
// generated repository (skipped without it): a long-lived file's History
// shows its first commits with "so far, walking history…", then the
// final count; its blame gutter shows "blaming…" for the lines not yet
// reached, then every line's commit.
func TestE2EProgressiveHistoryAndBlame(t *testing.T) {
	dir := repotest.LargeBenchRepo(t)
	const path = "src/core/engine.go"
	s := startTUI(t, "open", dir, "--workspace", filepath.Join(t.TempDir(), "ws"), "--no-index", path+":1")
	s.WaitFor(path + " │ 1/")
	s.Type("L")
	s.WaitFor("commits touching " + path + " so far, walking history… esc cancels")
	s.Type("j") // a key mid-walk (the model tests check what keys do then)
	scr := waitScreen(t, s, "the whole history", func(scr string) bool {
		return strings.Contains(scr, "1050 commits touching "+path+" (from")
	})
	if strings.Contains(scr, "so far") {
		t.Fatalf("the finished list still says so far:\n%s", scr)
	}
	s.Send("Escape")
	s.WaitFor(path + " │ 1/")
	s.Type("b")
	s.WaitFor("········ blaming… ", "/5043") // the pending lines count what is blamed
	waitScreen(t, s, "the whole blame", func(scr string) bool {
		return !strings.Contains(scr, "blaming") && strings.Contains(scr, " ┆")
	})
	s.Quit()
}

// waitScreen is WaitFor for work that takes seconds on a loaded machine.
func waitScreen(t *testing.T, s *tmuxSession, what string, ok func(string) bool) string {
	t.Helper()
	deadline := time.Now().Add(90 * time.Second)
	for {
		scr := s.Screen()
		if ok(scr) {
			return scr
		}
		if time.Now().After(deadline) {
			t.Fatalf("waited 90 s for %s; the screen is:\n%s", what, scr)
		}
		time.Sleep(50 * time.Millisecond)
	}
}
