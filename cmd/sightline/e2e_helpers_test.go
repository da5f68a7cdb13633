package main

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"
)

// The end-to-end harness: the sightline binary, built once per test run,
// driven in a detached tmux session of fixed size, its screen read back
// with capture-pane. Tests wait for text to appear (polling with a
// deadline) rather than sleeping.
//
//	s := startTUI(t, repoDir, "--rev", "v1.1")
//	s.WaitFor("1 Files")
//	s.Send("C-p")          // tmux key names: Enter, Escape, Tab, BTab, C-p, Up, PPage
//	s.Type("update.c")     // literal text, one key per character
//	s.Send("Enter")
//	s.WaitFor("src/update.c │ 1/")
//	s.Quit()               // Q, then waits for the process to exit 0

// e2eWidth and e2eHeight are the terminal size every session gets.
const (
	e2eWidth  = 120
	e2eHeight = 40
)

// e2eTimeout bounds every wait for the screen.
const e2eTimeout = 10 * time.Second

var e2eBuild struct {
	once sync.Once
	dir  string
	bin  string
	err  error
}

// TestMain points XDG_STATE_HOME (where workspaces' journal heads are
// recorded) at a temporary directory, so no test writes to the user's
// home, and removes it and the binary built for the end-to-end tests.
func TestMain(m *testing.M) {
	state, err := os.MkdirTemp("", "sightline-state-")
	if err == nil {
		err = os.Setenv("XDG_STATE_HOME", state)
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	code := m.Run()
	if e2eBuild.dir != "" {
		_ = os.RemoveAll(e2eBuild.dir)
	}
	_ = os.RemoveAll(state)
	os.Exit(code)
}

// sightlineBinary builds the binary once per test run and returns its
// path.
func sightlineBinary(t testing.TB) string {
	t.Helper()
	e2eBuild.once.Do(func() {
		e2eBuild.dir, e2eBuild.err = os.MkdirTemp("", "sightline-e2e-")
		if e2eBuild.err != nil {
			return
		}
		e2eBuild.bin = filepath.Join(e2eBuild.dir, "sightline")
		out, err := exec.Command("go", "build", "-o", e2eBuild.bin, ".").CombinedOutput()
		if err != nil {
			e2eBuild.err = fmt.Errorf("go build: %v\n%s", err, out)
		}
	})
	if e2eBuild.err != nil {
		t.Fatal(e2eBuild.err)
	}
	return e2eBuild.bin
}

// tmuxSession is one running sightline in its own tmux server.
type tmuxSession struct {
	t      testing.TB
	socket string // the tmux server's socket: one server per session
	Home   string // HOME (and XDG directories) of the process: a fresh temporary directory
}

// startTUI runs "sightline args..." in a new 120×40 tmux session. It skips
// the test when tmux is not installed or -short is set. The session is
// killed when the test ends. When the process exits, the pane shows
// "[sightline exited N]" (see Exited).
func startTUI(t testing.TB, args ...string) *tmuxSession {
	t.Helper()
	return startTUIHome(t, "", args...)
}

// startTUIHome is startTUI with HOME (and the XDG directories under it)
// at home, e.g. a previous session's, to start again with its caches;
// "" for a fresh one.
func startTUIHome(t testing.TB, home string, args ...string) *tmuxSession {
	t.Helper()
	if testing.Short() {
		t.Skip("tmux end-to-end test skipped in -short mode")
	}
	if _, err := exec.LookPath("tmux"); err != nil {
		t.Skip("tmux not installed")
	}
	bin := sightlineBinary(t)
	dir := t.TempDir()
	s := &tmuxSession{t: t, socket: filepath.Join(dir, "tmux.sock"), Home: filepath.Join(dir, "home")}
	if home != "" {
		s.Home = home
	}
	if err := os.MkdirAll(s.Home, 0o700); err != nil {
		t.Fatal(err)
	}
	script := shellQuote(bin)
	for _, a := range args {
		script += " " + shellQuote(a)
	}
	// Keep the pane after exit, with the status, so tests can check it.
	script += `; echo "[sightline exited $?]"; sleep 600`
	s.tmux("new-session", "-d", "-s", "e2e", "-x", fmt.Sprint(e2eWidth), "-y", fmt.Sprint(e2eHeight),
		"-e", "HOME="+s.Home, "-e", "XDG_DATA_HOME="+filepath.Join(s.Home, "data"),
		"-e", "XDG_CONFIG_HOME="+filepath.Join(s.Home, "config"), "-e", "XDG_CACHE_HOME="+filepath.Join(s.Home, "cache"),
		"-e", "TERM=xterm-256color",
		// The pane is a terminal: termenv takes a set CI for "no terminal"
		// and NO_COLOR for "no colour", and CI machines set them.
		"-e", "CI=", "-e", "NO_COLOR=",
		"sh", "-c", script)
	t.Cleanup(func() { _ = exec.Command("tmux", "-S", s.socket, "kill-server").Run() })
	return s
}

// tmux runs a tmux command on this session's server and returns its
// output.
func (s *tmuxSession) tmux(args ...string) string {
	s.t.Helper()
	out, err := exec.Command("tmux", append([]string{"-S", s.socket}, args...)...).CombinedOutput()
	if err != nil {
		s.t.Fatalf("tmux %s: %v\n%s", strings.Join(args, " "), err, out)
	}
	return string(out)
}

// Send presses keys by their tmux names ("Enter", "Escape", "C-p", "j").
// After Escape it pauses briefly: a terminal program reads ESC followed at
// once by another key as alt+key, and a person never types that fast.
func (s *tmuxSession) Send(keys ...string) {
	s.t.Helper()
	for _, k := range keys {
		s.tmux("send-keys", "-t", "e2e", k)
		if k == "Escape" {
			time.Sleep(escPause)
		}
	}
}

// escPause separates an Escape from the next key: bytes that reach the
// program in one read are one key, and ESC then Q would be alt+Q (seen
// on a loaded machine with 60 ms).
const escPause = 150 * time.Millisecond

// Type types text literally, one key per character (bubbletea would
// otherwise read a burst of characters as a single paste-like key).
func (s *tmuxSession) Type(text string) {
	s.t.Helper()
	for _, r := range text {
		s.tmux("send-keys", "-t", "e2e", "-l", string(r))
	}
}

// Screen returns the visible text of the pane.
func (s *tmuxSession) Screen() string {
	s.t.Helper()
	return s.tmux("capture-pane", "-p", "-t", "e2e")
}

// WaitFor waits until every text is on the screen and returns the screen;
// after 10 s it fails the test, showing the screen.
func (s *tmuxSession) WaitFor(texts ...string) string {
	s.t.Helper()
	return s.waitUntil(fmt.Sprintf("screen to show %q", texts), func(scr string) bool {
		for _, x := range texts {
			if !strings.Contains(scr, x) {
				return false
			}
		}
		return true
	})
}

// WaitForFile waits until path exists (an index the workbench's
// background child writes), failing the test after limit.
func (s *tmuxSession) WaitForFile(path string, limit time.Duration) {
	s.t.Helper()
	deadline := time.Now().Add(limit)
	for {
		if _, err := os.Stat(path); err == nil {
			return
		}
		if time.Now().After(deadline) {
			s.t.Fatalf("no %s after %s", path, limit)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// WaitForNot waits until none of texts is on the screen.
func (s *tmuxSession) WaitForNot(texts ...string) string {
	s.t.Helper()
	return s.waitUntil(fmt.Sprintf("screen to lose %q", texts), func(scr string) bool {
		for _, x := range texts {
			if strings.Contains(scr, x) {
				return false
			}
		}
		return true
	})
}

func (s *tmuxSession) waitUntil(what string, ok func(string) bool) string {
	s.t.Helper()
	deadline := time.Now().Add(e2eTimeout)
	for {
		scr := s.Screen()
		if ok(scr) {
			return scr
		}
		if time.Now().After(deadline) {
			s.t.Fatalf("waited %v for %s; the screen is:\n%s", e2eTimeout, what, scr)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// Exited waits for the process to end and returns its exit status.
func (s *tmuxSession) Exited() int {
	s.t.Helper()
	scr := s.waitUntil("sightline to exit", func(scr string) bool { return strings.Contains(scr, "[sightline exited ") })
	var code int
	i := strings.Index(scr, "[sightline exited ")
	if _, err := fmt.Sscanf(scr[i:], "[sightline exited %d]", &code); err != nil {
		s.t.Fatalf("cannot read the exit status from %q", scr[i:])
	}
	return code
}

// Quit presses Q (quit from any view; q closes a nested view first) and
// checks that sightline exits with status 0.
func (s *tmuxSession) Quit() {
	s.t.Helper()
	s.Send("Q")
	if code := s.Exited(); code != 0 {
		s.t.Fatalf("sightline exited %d after Q:\n%s", code, s.Screen())
	}
}

// Title is the pane title the terminal shows: a content escape sequence
// that sets the title (OSC 0/2) would change it.
func (s *tmuxSession) Title() string {
	s.t.Helper()
	return strings.TrimSpace(s.tmux("display-message", "-p", "-t", "e2e", "#{pane_title}"))
}

// Buffers lists tmux's paste buffers: a content OSC 52 (clipboard write)
// would add one.
func (s *tmuxSession) Buffers() string {
	s.t.Helper()
	out, _ := exec.Command("tmux", "-S", s.socket, "list-buffers").CombinedOutput()
	return string(out)
}

// Mouse sends a mouse event in SGR encoding (as a terminal does once the
// program enabled mouse reporting): button 0 is a left press, 64/65 the
// wheel up/down; x and y count from 1.
func (s *tmuxSession) Mouse(button, x, y int) {
	s.t.Helper()
	s.tmux("send-keys", "-t", "e2e", "-l", fmt.Sprintf("\x1b[<%d;%d;%dM", button, x, y))
	if button < 64 {
		s.tmux("send-keys", "-t", "e2e", "-l", fmt.Sprintf("\x1b[<%d;%d;%dm", button, x, y))
	}
}

// shellQuote quotes s for sh -c.
func shellQuote(s string) string {
	return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
}
