package tui

import (
	"strconv"

	"github.com/charmbracelet/lipgloss"

	"sightline/tui/nav"
	"sightline/tui/theme"
)

// tab is one entry of the tab line.
type tab struct {
	id    nav.ViewID
	title string
	view  view
}

// newTabs is the tab table: one line per view. Views that need something
// the session lacks (Changes without a base) are simply not added.
func newTabs(d Deps) []tab {
	tabs := []tab{
		{id: nav.ViewFiles, title: "Files", view: newFilesView(d)},
	}
	if !d.Base.Commit.IsZero() {
		tabs = append(tabs, tab{id: nav.ViewChanges, title: "Changes", view: newChangesView(d)})
	}
	tabs = append(tabs, tab{id: nav.ViewHistory, title: "History", view: newHistoryView(d)})
	if d.Review.WS != nil {
		tabs = append(tabs, tab{id: nav.ViewFindings, title: "Findings", view: newFindingsView(d)})
	}
	if d.Release.Archive != "" && d.Review.Repo != nil {
		tabs = append(tabs, tab{id: nav.ViewRelease, title: "Release", view: newReleaseView(d)})
	}
	// Triage appears once scanner results were imported into the
	// workspace, so sessions without them keep their tab line.
	if d.Review.WS != nil && hasTriageQueue(d.Review.Dir()) {
		tabs = append(tabs, tab{id: nav.ViewTriage, title: "Triage", view: newTriageView(d)})
	}
	return tabs
}

// tabIndex finds the tab with id, or -1.
func (m Model) tabIndex(id nav.ViewID) int {
	for i, t := range m.tabs {
		if t.id == id {
			return i
		}
	}
	return -1
}

// switchTo makes the tab with id active, if it exists.
func (m *Model) switchTo(id nav.ViewID) {
	if i := m.tabIndex(id); i >= 0 {
		if i != m.active {
			m.dropLookup()
		}
		m.active = i
		m.layout()
	}
}

// tabLine draws "1 Files  2 Changes …" with the active tab highlighted.
func tabLine(tabs []tab, active, width int, s theme.Styles) string {
	var out string
	for i, t := range tabs {
		label := " " + strconv.Itoa(int(t.id)) + " " + t.title + " "
		if i == active {
			out += s.TabActive.Render(label)
		} else {
			out += s.TabInactive.Render(label)
		}
	}
	return lipgloss.NewStyle().MaxWidth(width).Render(out) + padTo(width-lipgloss.Width(out))
}

func padTo(n int) string {
	if n <= 0 {
		return ""
	}
	b := make([]byte, n)
	for i := range b {
		b[i] = ' '
	}
	return string(b)
}
