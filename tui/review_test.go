package tui

import (
	"errors"
	"path/filepath"
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"

	"sightline/repo"
	"sightline/repo/repotest"
	"sightline/repo/repotest/pintest"
	"sightline/review"
	"sightline/tui/annotate"
	"sightline/tui/form"
	"sightline/tui/keys"
	"sightline/tui/theme"
	"sightline/tui/tuitest"
)

// reviewFixture is a repository with two files and a workspace for it,
// and the workbench on both, sized 120×30.
func reviewFixture(t testing.TB) (tea.Model, *review.Workspace, repo.Pin) {
	t.Helper()
	rt := repotest.New(t)
	rt.Commit("one", repotest.Tree{
		"a.go": {Content: "line 1\nline 2\nline 3\nline 4\nline 5\nline 6\n"},
		"b.go": {Content: "package b\n"},
	})
	r, pin := pintest.Head(t, rt)
	m, ws := reviewModel(t, r, pin, repo.Pin{})
	return m, ws, pin
}

// reviewModel is the workbench on r at pin (with base, when its commit is
// set) and a new workspace, sized 120×30.
func reviewModel(t testing.TB, r *repo.Repo, pin, base repo.Pin) (tea.Model, *review.Workspace) {
	t.Helper()
	ws, err := review.Open(filepath.Join(t.TempDir(), "ws"), review.MetaFor(r, pin, nil, ""))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = ws.Close() })
	rv := Review{WS: ws, Reviewer: "alice", Repo: r}
	m := New(Deps{Repo: r, Pin: pin, Base: base, Styles: theme.PlainStyles(), Keys: keys.DefaultGlobal(), Review: rv})
	return tuitest.RunModel(t, m, append(tuitest.Exec(t, m.Init()), tea.WindowSizeMsg{Width: 120, Height: 30})...), ws
}

// keysIn feeds named keys ("enter", "ctrl+s") and typed text (anything
// longer that is not a key name is typed rune by rune).
func keysIn(t *testing.T, m tea.Model, names ...string) tea.Model {
	t.Helper()
	for _, n := range names {
		var msgs []tea.Msg
		if k := tuitest.Key(n); k.Type != tea.KeyRunes || len([]rune(n)) == 1 {
			msgs = []tea.Msg{k}
		} else {
			for _, k := range tuitest.Type(n) {
				msgs = append(msgs, k)
			}
		}
		m = tuitest.RunModel(t, m, msgs...)
	}
	return m
}

func TestAddFindingStepAndMarks(t *testing.T) {
	m, ws, pin := reviewFixture(t)
	m = tuitest.RunModel(t, m, OpenFileMsg{Path: "a.go", Line: 2})
	m = keysIn(t, m, "V", "j", "a")
	if v := m.View(); !strings.Contains(v, "New finding") || !strings.Contains(v, "a.go:2-3") {
		t.Fatalf("a should open the form for a.go:2-3:\n%s", v)
	}
	m = keysIn(t, m, "Back door", "tab", "h", "ctrl+s")
	fs := ws.Findings()
	if len(fs) != 1 || fs[0].Title != "Back door" || fs[0].Severity != "high" || fs[0].Reviewer != "alice" {
		t.Fatalf("workspace holds %+v", fs)
	}
	if l := fs[0].Steps[0].Location; l.Path != "a.go" || l.StartLine != 2 || l.EndLine != 3 || l.Commit != pin.Commit.String() {
		t.Errorf("location %+v", l)
	}
	v := m.View()
	if !strings.Contains(v, "saved F-0001 (a.go:2-3)") || !strings.Contains(v, "F-0001 [high] Back door") {
		t.Errorf("no saved notice or mark title on the status line:\n%s", v)
	}
	if !marked(v, "line 2") || !marked(v, "line 3") || marked(v, "line 4") {
		t.Errorf("lines 2-3 should be marked in the gutter:\n%s", v)
	}
	m = keysIn(t, m, "k")
	if last := lastLine(m.View()); !strings.Contains(last, "finding F-0001 [high] Back door") {
		t.Errorf("on a marked line the message line should name the finding, got %q", last)
	}
	m = keysIn(t, m, "G")
	if last := lastLine(m.View()); strings.Contains(last, "F-0001") {
		t.Errorf("off the marked lines the message line still names the finding: %q", last)
	}

	m = tuitest.RunModel(t, m, OpenFileMsg{Path: "b.go", Line: 1})
	m = keysIn(t, m, "A", "reaches it", "enter")
	if f, _ := ws.Finding("F-0001"); len(f.Steps) != 2 || f.Steps[1].Note != "reaches it" || f.Steps[1].Location.Path != "b.go" {
		t.Fatalf("step not added: %+v", f.Steps)
	}
	m = keysIn(t, m, "m")
	if !ws.IsReviewed("b.go") || !strings.Contains(m.View(), "reviewed 1/2 files, 50%") {
		t.Errorf("m did not mark b.go: %v\n%s", ws.Reviewed(), m.View())
	}
	m = keysIn(t, m, "[", "s")
	if v := m.View(); !strings.Contains(v, "a.go │ 2/6") || !strings.Contains(v, "F-0001 step 1/2") {
		t.Errorf("[s should go back to step 1:\n%s", v)
	}
	m = keysIn(t, m, "m", "m") // mark and unmark a.go
	if ws.IsReviewed("a.go") {
		t.Errorf("a.go still reviewed after m m")
	}

	m = keysIn(t, m, "4")
	if v := m.View(); !strings.Contains(v, "F-0001") || !strings.Contains(v, "2 steps") {
		t.Errorf("Findings view:\n%s", v)
	}
	m = keysIn(t, m, "c")
	if f, _ := ws.Finding("F-0001"); f.Status != review.StatusConfirmed {
		t.Errorf("c: status %s", f.Status)
	}
	m = keysIn(t, m, "e", "tab", "c", "ctrl+s")
	if f, _ := ws.Finding("F-0001"); f.Severity != review.SeverityCritical || f.Title != "Back door" {
		t.Errorf("edit: %+v", f)
	}
	m = keysIn(t, m, "x", "y")
	if len(ws.Findings()) != 0 || !strings.Contains(m.View(), "deleted F-0001") {
		t.Errorf("x y did not delete: %v\n%s", ws.Findings(), m.View())
	}
}

func lastLine(scr string) string {
	lines := strings.Split(scr, "\n")
	return lines[len(lines)-1]
}

func marked(scr, text string) bool {
	for _, l := range strings.Split(scr, "\n") {
		if strings.Contains(l, text) {
			return strings.Contains(l, "▌")
		}
	}
	return false
}

func TestRefusedSaveKeepsTheForm(t *testing.T) {
	m, ws, _ := reviewFixture(t)
	m = tuitest.RunModel(t, m, OpenFileMsg{Path: "a.go", Line: 1})
	if err := ws.Close(); err != nil {
		t.Fatal(err)
	}
	m = keysIn(t, m, "a", "Kept title", "ctrl+s")
	v := m.View()
	if !strings.Contains(v, "New finding") || !strings.Contains(v, "Kept title") || !strings.Contains(v, "workspace is closed") {
		t.Errorf("a refused save should keep the form with its values and say why:\n%s", v)
	}
	m = keysIn(t, m, "esc")
	if strings.Contains(m.View(), "New finding") {
		t.Errorf("esc did not close the form")
	}
}

func TestNoCurrentFindingForA(t *testing.T) {
	m, _, _ := reviewFixture(t)
	m = tuitest.RunModel(t, m, OpenFileMsg{Path: "a.go", Line: 1})
	m = keysIn(t, m, "A")
	if v := m.View(); !strings.Contains(v, "no current finding") {
		t.Errorf("A without a finding:\n%s", v)
	}
}

// TestFindingFromADiff makes a finding on a removed line (base side) and
// adds a step on the added line (pin side) from the Changes view.
func TestFindingFromADiff(t *testing.T) {
	rt, r := historyFixture(t)
	pin := pintest.Resolve(t, r, "HEAD")
	base := pintest.Resolve(t, r, "HEAD~2")
	m, ws := reviewModel(t, r, pin, base)
	m = keysIn(t, m, "2", "enter", "]", "c") // a.go's hunk, cursor on -line 5
	m = keysIn(t, m, "a")
	if v := m.View(); !strings.Contains(v, "a.go:5 (base)") {
		t.Fatalf("a on a removed line should name the base side:\n%s", v)
	}
	m = keysIn(t, m, "Old line", "ctrl+s")
	m = keysIn(t, m, "j", "V", "A", "enter") // +five
	f, ok := ws.Finding("F-0001")
	if !ok || len(f.Steps) != 2 {
		t.Fatalf("finding %+v\n%s", f, m.View())
	}
	b, p := f.Steps[0].Location, f.Steps[1].Location
	if b.Side != "base" || b.Commit != rt.Commits[0].String() || b.StartLine != 5 || b.Path != "a.go" {
		t.Errorf("base step %+v", b)
	}
	if p.Side != "pin" || p.Commit != pin.Commit.String() || p.StartLine != 5 || p.EndLine != 5 {
		t.Errorf("pin step %+v", p)
	}
	m = keysIn(t, m, "k") // the cursor back on -line 5: the base step's mark
	if last := lastLine(m.View()); !strings.Contains(last, "finding F-0001 [medium] Old line") {
		t.Errorf("a marked diff line should name its finding, got %q\n%s", last, m.View())
	}
	if !marked(m.View(), "+five") {
		t.Errorf("the pin-side step's line should be marked in the diff:\n%s", m.View())
	}
	if mb := ws.Meta().Base; mb == nil || mb.Commit != base.Commit.String() {
		t.Errorf("the workspace's base is %+v, want %s", mb, base.Commit)
	}
	if v := m.View(); !strings.Contains(v, "reviewed 0/2 files, 0%; changed 0/2") {
		t.Errorf("no changed-files coverage on the status line:\n%s", v)
	}
	m = keysIn(t, m, "1", "m") // the tree's cursor is on a.go
	if v := m.View(); !strings.Contains(v, "reviewed 1/2 files, 50%; changed 1/2") {
		t.Errorf("marking a.go should count as a changed file:\n%s", v)
	}
}

// TestNotSavedIsSaidAndRetried feeds the answer of a change the workspace
// could not write (a full disk): the form closes (the change is kept in
// memory), the message line says it is not saved, and a retry is
// scheduled.
func TestNotSavedIsSaidAndRetried(t *testing.T) {
	m, _, _ := reviewFixture(t)
	m = tuitest.RunModel(t, m, OpenFileMsg{Path: "a.go", Line: 1})
	m = keysIn(t, m, "a", "Pending one")
	m = submitOnly(t, m) // submitted; the answer follows
	err := &review.NotSavedError{Cause: errors.New("write journal: no space left on device"), Pending: 1}
	tm, cmd := m.Update(annotate.SavedMsg{FormID: form.IDAddFinding, Err: err, Snap: 99, Pending: 1})
	v := tm.View()
	if strings.Contains(v, "New finding") || !strings.Contains(v, "not saved: write journal: no space left on device") {
		t.Errorf("a pending save should close the form and say it is not saved:\n%s", v)
	}
	if cmd == nil {
		t.Fatal("no retry scheduled for a pending change")
	}
}

// TestFindingsTabShowsAnotherProcess adds a finding through a second
// Workspace on the same directory (as 'sightline findings add' would) and
// checks that switching to tab 4 shows it.
func TestFindingsTabShowsAnotherProcess(t *testing.T) {
	m, ws, pin := reviewFixture(t)
	other, err := review.Open(ws.Dir(), ws.Meta())
	if err != nil {
		t.Fatal(err)
	}
	defer other.Close()
	loc := review.Location{Commit: pin.Commit.String(), Path: "b.go", Blob: strings.Repeat("0", 40), StartLine: 1, EndLine: 1,
		LineHash: "sha256:" + strings.Repeat("0", 64)}
	if _, err := other.AddFinding(review.Finding{Title: "From a script", Severity: "low", Steps: []review.Step{{Location: loc}}}); err != nil {
		t.Fatal(err)
	}
	m = keysIn(t, m, "4")
	if v := m.View(); !strings.Contains(v, "From a script") {
		t.Errorf("tab 4 does not show the other process's finding:\n%s", v)
	}
}

// TestMarkDirectory marks every file under a directory with m on the
// tree, then unmarks them all.
func TestMarkDirectory(t *testing.T) {
	rt := repotest.New(t)
	rt.Commit("one", repotest.Tree{"a.go": {Content: "a\n"}, "src/b.go": {Content: "b\nb\n"}, "src/sub/c.go": {Content: "c\n"}})
	r, pin := pintest.Head(t, rt)
	m, ws := reviewModel(t, r, pin, repo.Pin{})
	m = keysIn(t, m, "j", "m") // the tree lists a.go, then src/
	v := m.View()
	if !strings.Contains(v, "marked src/ (2 files) reviewed") || !strings.Contains(v, "reviewed 2/3 files, 66%") {
		t.Fatalf("m on src/:\n%s", v)
	}
	got := ws.Reviewed()
	if len(got) != 2 || got[0].Path != "src/b.go" || got[0].Lines != 2 || got[1].Path != "src/sub/c.go" {
		t.Errorf("reviewed %+v", got)
	}
	m = keysIn(t, m, "m")
	if len(ws.Reviewed()) != 0 || !strings.Contains(m.View(), "unmarked src/ (2 files)") {
		t.Errorf("second m should unmark: %+v\n%s", ws.Reviewed(), m.View())
	}
}

func TestMarkReviewedFromTheChangesTab(t *testing.T) {
	_, r := historyFixture(t)
	pin := pintest.Resolve(t, r, "HEAD")
	base := pintest.Resolve(t, r, "HEAD~2")
	m, ws := reviewModel(t, r, pin, base)
	m = keysIn(t, m, "2", "j", "m") // the list: a.go, then b.go
	if v := m.View(); !ws.IsReviewed("b.go") || !strings.Contains(v, "marked b.go reviewed") || !strings.Contains(v, "changed 1/2") {
		t.Fatalf("m on b.go in the Changes list: reviewed %v\n%s", ws.Reviewed(), v)
	}
	m = keysIn(t, m, "enter", "m") // the same file, from its diff
	if v := m.View(); ws.IsReviewed("b.go") || !strings.Contains(v, "unmarked b.go") || !strings.Contains(v, "changed 0/2") {
		t.Errorf("m in b.go's diff should unmark it: reviewed %v\n%s", ws.Reviewed(), v)
	}
}

func TestFindingFormFitsAnEightyByTwentyFourTerminal(t *testing.T) {
	m, ws, _ := reviewFixture(t)
	m = tuitest.RunModel(t, m, tea.WindowSizeMsg{Width: 80, Height: 24}, OpenFileMsg{Path: "a.go", Line: 2})
	m = keysIn(t, m, "a")
	check := func(focused string) {
		t.Helper()
		rows := strings.Split(screen(m), "\n")
		if len(rows) != 24 || !strings.Contains(rows[0], "1 Files") {
			t.Fatalf("the form pushed the screen past 24 rows (%d) or off its tab line:\n%s", len(rows), screen(m))
		}
		if s := screen(m); !strings.Contains(s, "New finding") || !strings.Contains(s, "› "+focused) {
			t.Errorf("the form's title or its focused field %q is not on screen:\n%s", focused, s)
		}
	}
	check("Title")
	m = keysIn(t, m, "Short", "tab", "tab", "tab")
	check("Description")
	m = keysIn(t, m, "tab")
	check("Status")
	m = keysIn(t, m, "enter")
	if fs := ws.Findings(); len(fs) != 1 || fs[0].Title != "Short" {
		t.Errorf("enter on the last field did not save: %+v\n%s", fs, screen(m))
	}
}

func TestExportFileNameFollowsTheFormat(t *testing.T) {
	_, ws, pin := reviewFixture(t)
	r := repotest.New(t) // any repository: E only needs the workspace here
	r.Commit("c", repotest.Tree{"x": {Content: "x\n"}})
	rr := pintest.Open(t, r.Dir)
	rv := Review{WS: ws}
	m := tea.Model(New(Deps{Repo: rr, Pin: pin, Styles: theme.PlainStyles(), Keys: keys.DefaultGlobal(), Review: rv}))
	m = tuitest.RunModel(t, m, append(tuitest.Exec(t, m.Init()), tea.WindowSizeMsg{Width: 120, Height: 40})...)
	m = keysIn(t, m, "E")
	bundle := "findings-" + pin.Commit.Short() + ".json"
	if !strings.Contains(screen(m), bundle) {
		t.Fatalf("the dialog does not suggest %s:\n%s", bundle, screen(m))
	}
	for _, c := range []struct{ key, want string }{{"right", ".sarif"}, {"right", ".md"}, {"right", ".json"}, {"left", ".md"}} {
		m = keysIn(t, m, c.key)
		if want := strings.TrimSuffix(bundle, ".json") + c.want; !strings.Contains(screen(m), want) {
			t.Errorf("after %s the output file should be %s:\n%s", c.key, want, screen(m))
		}
	}
	m = keysIn(t, m, "tab", "ctrl+u", "/tmp/report.txt", "shift+tab", "right")
	if !strings.Contains(screen(m), "/tmp/report.txt") {
		t.Errorf("a file name the reviewer typed should be kept:\n%s", screen(m))
	}
}

func TestStepWalkInTheChangesTab(t *testing.T) {
	_, r := historyFixture(t)
	pin := pintest.Resolve(t, r, "HEAD")
	base := pintest.Resolve(t, r, "HEAD~2")
	m, _ := reviewModel(t, r, pin, base)
	m = keysIn(t, m, "2", "enter", "]", "c", "j") // ]c still reaches the diff: a.go's +five
	if v := m.View(); !strings.Contains(v, "hunk 1/1") {
		t.Fatalf("]c did not reach the diff:\n%s", v)
	}
	m = keysIn(t, m, "a", "Five", "ctrl+s")
	m = tuitest.RunModel(t, m, OpenFileMsg{Path: "b.go", Line: 1})
	m = keysIn(t, m, "A", "enter", "2")
	m = keysIn(t, m, "[", "s")
	if v := m.View(); !strings.Contains(v, "F-0001 step 1/2") || !strings.Contains(v, "a.go │ 5/10") {
		t.Fatalf("[s in the Changes tab should open step 1:\n%s", v)
	}
	m = keysIn(t, m, "2", "]", "s")
	if v := m.View(); !strings.Contains(v, "F-0001 step 2/2") || !strings.Contains(v, "b.go │ 1/1") {
		t.Errorf("]s in the Changes tab should open step 2:\n%s", v)
	}
}

// submitOnly submits the open form (ctrl+s) without running the save it
// starts, so that a test can feed the workspace's answer itself.
func submitOnly(t *testing.T, m tea.Model) tea.Model {
	t.Helper()
	m, cmd := m.Update(tuitest.Key("ctrl+s"))
	for _, msg := range tuitest.Exec(t, cmd) {
		if _, ok := msg.(form.SubmittedMsg); ok {
			m, _ = m.Update(msg) // the save's Cmd is dropped
			return m
		}
	}
	t.Fatal("ctrl+s did not submit the form")
	return m
}
