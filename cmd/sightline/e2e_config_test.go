package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"sightline/repo/repotest"
)

// TestE2EConfigRebindsThemeAndCopy runs the binary in tmux with a config
// that rebinds mark to M and help to F2, and --theme light over the
// config's dark: the light accent is drawn, m no longer marks and M does,
// F2 shows the bound keys, and y puts the path on tmux's clipboard
// through OSC 52 (set-clipboard on).
func TestE2EConfigRebindsThemeAndCopy(t *testing.T) {
	rt := repotest.New(t)
	rt.Commit("one", repotest.Tree{"a.go": {Content: "package a\n\nfunc F() int { return 1 }\n"}, "b.go": {Content: "package a\n"}})
	ws := filepath.Join(t.TempDir(), "ws")
	cfg := filepath.Join(t.TempDir(), "config")
	if err := os.WriteFile(cfg, []byte("theme dark\nbind review M mark\nbind any F2 help # not ?\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	s := startTUI(t, "open", rt.Dir, "--workspace", ws, "--no-index", "--config", cfg, "--theme", "light")
	s.tmux("set-option", "-g", "set-clipboard", "on")
	s.WaitFor("1 Files", "reviewed 0/2 files")
	s.Send("C-p")
	s.WaitFor("find:")
	s.Type("a.go")
	s.WaitFor("1/2 files")
	s.Send("Enter")
	s.WaitFor("a.go │ 1/3")

	// The light theme's accent (#005FAF, colour 25 of 256) draws the
	// active tab; the dark one's (#5FAFFF, 75) nowhere.
	colours := s.tmux("capture-pane", "-p", "-e", "-t", "e2e")
	if !strings.Contains(colours, "38;5;25m") || strings.Contains(colours, "38;5;75m") {
		t.Errorf("--theme light: the screen's colours are not the light theme's:\n%q", colours)
	}

	s.Type("m")
	s.Type("M")
	s.WaitFor("marked a.go reviewed", "reviewed 1/2 files")

	s.Type("y")
	s.WaitFor("copied path a.go")
	if got := s.waitBuffer(); got != "a.go" {
		t.Errorf("tmux's clipboard holds %q after y, want a.go", got)
	}

	s.Type("?")
	s.Send("F2")
	scr := s.WaitFor("toggle help", "(esc or f2 closes)")
	for _, l := range strings.Split(scr, "\n") {
		if strings.Contains(l, "toggle help") && !strings.Contains(l, "f2      toggle help") {
			t.Errorf("help line %q does not show the bound key", l)
		}
	}
	s.Send("F2")
	s.WaitForNot("toggle help")
	s.WaitFor("f2 help")
	s.Quit()
	checkReviewed(t, ws, "a.go")
}

// waitBuffer waits for tmux's newest paste buffer and returns it.
func (s *tmuxSession) waitBuffer() string {
	s.t.Helper()
	s.waitUntil("a tmux paste buffer", func(string) bool { return s.Buffers() != "" })
	return s.tmux("show-buffer")
}
