package tui

import (
	"fmt"
	"testing"

	tea "github.com/charmbracelet/bubbletea"

	"sightline/repo/repotest"
	"sightline/repo/repotest/pintest"
	"sightline/repo/search"
	"sightline/tui/keys"
	"sightline/tui/nav"
	"sightline/tui/theme"
	"sightline/tui/tuitest"
)

// The tab line in the sessions a user meets (no base, a base, a review
// workspace) at two widths, as plain text (testdata/TestTabLineGolden/
// *.golden; go test -update rewrites them). The ASCII profile draws no
// highlight, so the active tab does not show here: the titles, their
// numbers, order and spacing, and the padding to the width do.
func TestTabLineGolden(t *testing.T) {
	files, changes := tab{id: nav.ViewFiles, title: "Files"}, tab{id: nav.ViewChanges, title: "Changes"}
	history, findings := tab{id: nav.ViewHistory, title: "History"}, tab{id: nav.ViewFindings, title: "Findings"}
	sessions := []struct {
		name string
		tabs []tab
	}{
		{"browse", []tab{files, history}},
		{"with a base", []tab{files, changes, history}},
		{"review with a base", []tab{files, changes, history, findings}},
	}
	for _, width := range []int{80, 120} {
		t.Run(fmt.Sprint(width), func(t *testing.T) {
			out := ""
			for _, s := range sessions {
				out += "-- " + s.name + " --\n"
				out += tabLine(s.tabs, 0, width, theme.PlainStyles()) + "|\n" // | marks the width
			}
			tuitest.Golden(t, out)
		})
	}
}

// The whole first frame of the workbench on a small repository with a
// base: tab line, tree, the empty code pane and the status lines, at the
// smallest common terminal and a larger one
// (testdata/TestFirstFrameGolden/*.golden).
func TestFirstFrameGolden(t *testing.T) {
	for _, size := range []struct{ w, h int }{{80, 24}, {120, 40}} {
		t.Run(fmt.Sprintf("%dx%d", size.w, size.h), func(t *testing.T) {
			rt := repotest.New(t)
			c1 := rt.Commit("first", repotest.Tree{
				"README.md":        {Content: "# demo\n"},
				"src/main.go":      {Content: "package main\n\nfunc main() {}\n"},
				"src/auth/auth.go": {Content: "package auth\n"},
				"docs/notes.txt":   {Content: "notes\n"},
				"Makefile":         {Content: "all:\n"},
			})
			rt.Commit("second", rt.Edit(c1, repotest.Tree{"src/main.go": {Content: "package main\n\nfunc main() { run() }\n"}}))
			r, pin := pintest.Head(t, rt)
			base := pintest.Resolve(t, r, "HEAD~1")
			m := New(Deps{Repo: r, Search: search.New(r, t.TempDir()), Pin: pin, Base: base, Styles: theme.PlainStyles(), Keys: keys.DefaultGlobal()})
			v := tuitest.RunModel(t, m, append(tuitest.Exec(t, m.Init()), tea.WindowSizeMsg{Width: size.w, Height: size.h})...).View()
			tuitest.Golden(t, v)
		})
	}
}
