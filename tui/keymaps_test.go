package tui

import (
	"bytes"
	"encoding/base64"
	"io"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"

	"sightline/repo/repotest"
	"sightline/repo/repotest/pintest"
	"sightline/review"
	"sightline/tui/keys"
	"sightline/tui/theme"
	"sightline/tui/tuitest"
)

// boundModel is the jump fixture's workbench with the config's KeyMaps
// and a clipboard writing to clip.
func boundModel(t *testing.T, km *KeyMaps, clip io.Writer) (tea.Model, *review.Workspace) {
	t.Helper()
	rt := repotest.New(t)
	lines := "1\n2\n3\n4\n5\n6\n7\n8\n"
	c1 := rt.Commit("one", repotest.Tree{"a.go": {Content: lines}, "d.go": {Content: lines}})
	rt.Commit("two", rt.Edit(c1, repotest.Tree{"a.go": {Content: lines + "9\n"}}))
	r, pin := pintest.Head(t, rt)
	ws, err := review.Open(filepath.Join(t.TempDir(), "ws"), review.MetaFor(r, pin, nil, ""))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = ws.Close() })
	d := Deps{Repo: r, Pin: pin, Base: pintest.Resolve(t, r, "HEAD~1"), Styles: theme.PlainStyles(), Keys: keys.DefaultGlobal(),
		KeyMaps: km, Review: Review{WS: ws, Reviewer: "alice", Repo: r}}
	if clip != nil {
		d.Clipboard = clip
	}
	m := New(d)
	m2 := tuitest.RunModel(t, m, append(tuitest.Exec(t, m.Init()), tea.WindowSizeMsg{Width: 120, Height: 30})...)
	m2 = typeText(t, press(t, m2, "ctrl+p"), "d.go")
	return press(t, m2, "enter"), ws
}

// TestRebindChangesWhatTheKeyDoesAndWhatHelpShows: a config's bind moves
// mark from m to M and help from ? to F2: the old keys stop working, the
// new ones act, and the help overlay lists what is bound.
func TestRebindChangesWhatTheKeyDoesAndWhatHelpShows(t *testing.T) {
	km, err := ApplyBinds([]Bind{{"cfg:1", "review", "M", "mark"}, {"cfg:2", "any", "f2", "help"}})
	if err != nil {
		t.Fatal(err)
	}
	m, ws := boundModel(t, &km, nil)
	if s := screen(m); !strings.Contains(s, "d.go │ 1/8") {
		t.Fatalf("d.go not open:\n%s", s)
	}
	m = press(t, m, "m")
	if got := reviewedPaths(ws); len(got) != 0 {
		t.Fatalf("m still marks after bind review M mark: %v", got)
	}
	m = press(t, m, "M")
	if got := reviewedPaths(ws); !slices.Equal(got, []string{"d.go"}) {
		t.Fatalf("M marked %v, want d.go:\n%s", got, screen(m))
	}
	if s := screen(m); !strings.Contains(s, "f2 help") || strings.Contains(s, "? help") {
		t.Errorf("the status line's help hint does not name f2:\n%s", s)
	}
	m = press(t, m, "?")
	if s := screen(m); strings.Contains(s, "toggle help") {
		t.Fatalf("? still opens help after bind any f2 help:\n%s", s)
	}
	m = tuitest.RunModel(t, m, tea.WindowSizeMsg{Width: 120, Height: 60}, tea.KeyMsg{Type: tea.KeyF2})
	s := screen(m)
	helpLine := func(desc string) string {
		for _, l := range strings.Split(s, "\n") {
			if strings.Contains(l, desc) {
				return l
			}
		}
		t.Fatalf("help lacks %q:\n%s", desc, s)
		return ""
	}
	if l := helpLine("mark file (or directory) reviewed"); !strings.Contains(l, "M ") || strings.Contains(l, " m ") {
		t.Errorf("help shows mark as %q, want M", l)
	}
	if l := helpLine("toggle help"); !strings.Contains(l, "f2") || strings.Contains(l, "? ") {
		t.Errorf("help shows help as %q, want f2", l)
	}
	if l := helpLine("closes)"); !strings.Contains(l, "esc or f2 closes") {
		t.Errorf("help title %q does not name f2", l)
	}
	if s := screen(tuitest.RunModel(t, m, tea.KeyMsg{Type: tea.KeyF2})); strings.Contains(s, "toggle help") {
		t.Errorf("f2 does not close help:\n%s", s)
	}
}

// TestRebindTheChangesDiff: a bind in the changes view rebinds the diff
// of the Changes tab and of History, and their help says so.
func TestRebindTheChangesDiff(t *testing.T) {
	km, err := ApplyBinds([]Bind{{"cfg:1", "changes", "S", "side-by-side"}})
	if err != nil {
		t.Fatal(err)
	}
	m, _ := boundModel(t, &km, nil)
	m = tuitest.RunModel(t, m, tea.WindowSizeMsg{Width: 120, Height: 60})
	for _, tab := range []string{"2", "3"} {
		s := screen(press(t, m, tab, "enter", "?"))
		if !regexp.MustCompile(`S +side by side`).MatchString(s) || regexp.MustCompile(`s +side by side`).MatchString(s) {
			t.Errorf("tab %s: help does not show S for side by side:\n%s", tab, s)
		}
	}
}

// TestCopyWritesOSC52: y copies the path, Y the path:line@commit
// reference, as OSC 52 (exact bytes), and the message line says so;
// with no clipboard it says copying is off.
func TestCopyWritesOSC52(t *testing.T) {
	var clip bytes.Buffer
	m, _ := boundModel(t, nil, &clip)
	m = press(t, m, "y")
	if got, want := clip.String(), "\x1b]52;c;ZC5nbw==\a"; got != want {
		t.Fatalf("y wrote %q, want %q", got, want)
	}
	if s := screen(m); !strings.Contains(s, "copied path d.go") {
		t.Errorf("message line lacks what y copied:\n%s", s)
	}
	clip.Reset()
	m = press(t, m, "j", "V", "j", "Y")
	pin := m.(Model).deps.Pin.Commit.Short()
	want := "d.go:2-3@" + pin
	if got := clip.String(); got != OSC52(want) || got != "\x1b]52;c;"+base64.StdEncoding.EncodeToString([]byte(want))+"\a" {
		t.Fatalf("Y wrote %q, want OSC 52 of %q", got, want)
	}
	if s := screen(m); !strings.Contains(s, "copied reference "+want) {
		t.Errorf("message line lacks what Y copied:\n%s", s)
	}

	off, _ := boundModel(t, nil, nil)
	if s := screen(press(t, off, "y")); !strings.Contains(s, "copying is off") {
		t.Errorf("y without a clipboard does not say copying is off:\n%s", s)
	}
}

// TestOSC52PayloadIsSanitized: a hostile path reaches the clipboard with
// visible markers, never an escape, a bell or a bidi override.
func TestOSC52PayloadIsSanitized(t *testing.T) {
	seq := OSC52("a\x1b]0;x\a\u202eb.go")
	payload, ok := strings.CutPrefix(seq, "\x1b]52;c;")
	payload, ok2 := strings.CutSuffix(payload, "\a")
	if !ok || !ok2 || strings.ContainsAny(payload, "\x1b\a") {
		t.Fatalf("OSC52 = %q: want ESC ] 52 ; c ; base64 BEL", seq)
	}
	text, err := base64.StdEncoding.DecodeString(payload)
	if err != nil {
		t.Fatal(err)
	}
	if strings.ContainsAny(string(text), "\x1b\a\u202e") || !strings.Contains(string(text), "<U+202E>") || !strings.HasSuffix(string(text), "b.go") {
		t.Errorf("clipboard text %q: want the sanitized path, markers visible", text)
	}
}

// TestApplyBindsErrors: every bad bind line is reported with where it is
// and what to do; good lines rebind, and help follows.
func TestApplyBindsErrors(t *testing.T) {
	for _, c := range []struct {
		bind Bind
		want string
	}{
		{Bind{"cfg:1", "filez", "x", "wrap"}, `cfg:1: unknown view "filez"; the views are any, files`},
		{Bind{"cfg:2", "form", "x", "save"}, "cfg:2: the form view's keys cannot be rebound yet"},
		{Bind{"cfg:3", "files", "ctrl+", "wrap"}, `cfg:3: "ctrl+" is not a key`},
		{Bind{"cfg:4", "files", "x", "wrapp"}, `cfg:4: in files: unknown action "wrapp"; the actions are: tree.up`},
		{Bind{"cfg:5", "files", "x", "up"}, `cfg:5: in files: action "up" is ambiguous: write one of tree.up, code.up`},
		{Bind{"cfg:6", "files", "x", "code.top"}, "cfg:6: files code.top is a key sequence (gg) and cannot be rebound"},
		{Bind{"cfg:7", "review", "]", "next-step"}, "cfg:7: review next-step is a key sequence (]s)"},
		{Bind{"cfg:8", "review", "a", "mark"}, "cfg:8: a is already bound to review add: bind that action to another key too"},
		{Bind{"cfg:9", "files", "?", "code.wrap"}, "cfg:9: ? is already bound to any help"},
		{Bind{"cfg:10", "files", "m", "path-history"}, "cfg:10: m is already bound to review mark"},
		{Bind{"cfg:11", "changes", "m", "side-by-side"}, "cfg:11: m is already bound to review mark"},
		{Bind{"cfg:12", "any", "m", "finder"}, "cfg:12: m is already bound to review mark"},
		{Bind{"cfg:13", "changes", "e", "side-by-side"}, "cfg:13: e is already bound to changes diff.more-context"},
	} {
		_, err := ApplyBinds([]Bind{c.bind})
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%+v: error %v, want %q", c.bind, err, c.want)
		}
	}
	// A swap is no conflict; documented names resolve; the first bind
	// replaces the defaults, the next adds.
	km, err := ApplyBinds([]Bind{{"c:1", "review", "a", "mark"}, {"c:2", "review", "m", "add"}, {"c:3", "review", "M", "mark"},
		{"c:4", "files", "ctrl+g", "tree.open"}, {"c:5", "files", "Z", "wrap"}, {"c:6", "any", "F", "views-2"}, {"c:7", "files", "J", "code.down"}})
	if err != nil {
		t.Fatal(err)
	}
	if got := km.Review.Mark.Keys(); !slices.Equal(got, []string{"a", "M"}) || km.Review.Mark.Help().Key != "a/M" {
		t.Errorf("mark keys %v help %q, want [a M] a/M", got, km.Review.Mark.Help().Key)
	}
	if got := km.Files.Code.Wrap.Keys(); !slices.Equal(got, []string{"Z"}) || !slices.Equal(km.Files.Tree.Open.Keys(), []string{"ctrl+g"}) ||
		!slices.Equal(km.Global.Views[1].Keys(), []string{"F"}) || !slices.Equal(km.Files.Code.Nav.Down.Keys(), []string{"J"}) {
		t.Errorf("rebinding files/any: wrap %v open %v views-2 %v down %v", got, km.Files.Tree.Open.Keys(), km.Global.Views[1].Keys(), km.Files.Code.Nav.Down.Keys())
	}
	if d := DefaultKeyMaps(); !slices.Equal(d.Review.Mark.Keys(), []string{"m"}) {
		t.Error("ApplyBinds changed the defaults")
	}
}
