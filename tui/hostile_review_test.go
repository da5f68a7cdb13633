package tui

import (
	"context"
	"path/filepath"
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"

	"sightline/review"
	"sightline/tui/export"
	"sightline/tui/tuitest"
)

// hostileText is what an imported finding (or a colleague's workspace)
// may carry in any free-text field.
const hostileText = "steal \x1b]52;c;ZXZpbA==\x07 \x1b]0;owned\x07 \x1b[2J \u202e evil\u200b \u009b31m"

// TestHostileFindingsNeverReachTheScreen fills a workspace with findings
// whose title, description, reviewer and step notes are hostile, on a
// hostile path, and checks every frame of the review screens: gutter
// marks and their status line title, the Findings tab, its detail, the
// edit form and the new-finding form.
func TestHostileFindingsNeverReachTheScreen(t *testing.T) {
	r, pin, base := hostileRepo(t)
	ws, err := review.Open(filepath.Join(t.TempDir(), "ws"), review.MetaFor(r, pin, nil, ""))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = ws.Close() })
	ctx := context.Background()
	loc := func(path string, a, b int) review.Location {
		l, err := review.NewLocation(ctx, r, pin.Commit, path, a, b, "")
		if err != nil {
			t.Fatal(err)
		}
		return l
	}
	if _, err := ws.AddFinding(review.Finding{
		Title: "title " + hostileText, Severity: "high", Description: "line one\n" + hostileText + "\r\nend",
		Reviewer: "mallory " + hostileText,
		Steps: []review.Step{
			{Location: loc("escapes.txt", 2, 4), Note: "note " + hostileText},
			{Location: loc("new\x1b]8;;x\x1b\\dir/f\u200b.c", 1, 1), Note: hostileText},
		},
	}); err != nil {
		t.Fatal(err)
	}
	rv := Review{WS: ws, Reviewer: "alice " + hostileText, Repo: r}
	m := hostileWorkbench(t, r, pin, base, rv)
	checkInert(t, "first screen with a workspace", m)

	m = keysIn(t, m, "4")
	checkInert(t, "findings list", m)
	if s := ansi.Strip(m.View()); !strings.Contains(s, "title steal ^[]52;c;ZXZpbA==^G") {
		t.Errorf("the Findings tab does not show the hostile title as markers:\n%s", s)
	}
	for _, k := range []string{"l", "l", "h"} {
		m = keysIn(t, m, k)
		checkInert(t, "findings list, key "+k, m)
	}
	m = keysIn(t, m, "e")
	checkInert(t, "edit form", m)
	m = keysIn(t, m, "tab", "tab", "tab")
	checkInert(t, "edit form, description", m)
	m = keysIn(t, m, "esc", "enter")
	checkInert(t, "a step opened from the list", m)
	m = keysIn(t, m, "j")
	checkInert(t, "gutter mark title on the status line", m)
	m = keysIn(t, m, "]s")
	checkInert(t, "next step (a hostile path)", m)
	m = tuitest.RunModel(t, m, OpenFileMsg{Path: "escapes.txt", Line: 2})
	m = keysIn(t, m, "V", "j", "a")
	checkInert(t, "new finding form on hostile lines", m)
	m = keysIn(t, m, "esc")
	m = tuitest.RunModel(t, m, OpenFileMsg{Path: "new\x1b]8;;x\x1b\\dir/f\u200b.c", Line: 1})
	m = keysIn(t, m, "a")
	checkInert(t, "new finding form on a hostile path", m)
	if s := ansi.Strip(m.View()); !strings.Contains(s, "new^[]8;;x^[\\dir/f<U+200B>.c:1") {
		t.Errorf("the new-finding form does not show the hostile path as markers:\n%s", s)
	}
	m = keysIn(t, m, "esc", "m")
	checkInert(t, "marked reviewed", m)
	m = keysIn(t, m, "E")
	checkInert(t, "export dialog", m)
	if s := ansi.Strip(m.View()); !strings.Contains(s, "alice steal ^[]52;c;") {
		t.Errorf("the export dialog does not show the hostile identity as markers:\n%s", s)
	}
	m = keysIn(t, m, "right", "right") // Markdown: no key needed
	// The export's result is drawn: paths come back as written.
	m = tuitest.RunModel(t, m, export.DoneMsg{Paths: []string{"/tmp/out " + hostileText + ".json", "/tmp/out " + hostileText + ".json.sig"}})
	checkInert(t, "export result", m)
	if s := ansi.Strip(m.View()); !strings.Contains(s, "/tmp/out steal ^[]52;c;") {
		t.Errorf("the export's result is not shown with markers:\n%s", s)
	}
}
