package tui

import (
	"github.com/charmbracelet/bubbles/help"
	tea "github.com/charmbracelet/bubbletea"

	helpview "sightline/tui/help"
	"sightline/tui/nav"
	"sightline/tui/release"
	"sightline/tui/statusbar"
)

// ReleaseDeps names the release archive of the Release tab (--artifact)
// and the trusted upstream files it is checked against (--known).
type ReleaseDeps struct {
	Archive string
	Known   []string
}

// releaseView is the Release tab: a release archive against the pin.
type releaseView struct {
	page release.Model
}

func newReleaseView(d Deps) releaseView {
	return releaseView{page: release.New(release.Deps{Repo: d.Review.Repo, Pin: d.Pin, Archive: d.Release.Archive,
		Known: d.Release.Known, WS: d.Review.WS, Styles: d.Styles, Keys: d.Keys})}
}

func (v releaseView) init() tea.Cmd { return v.page.Start() }

func (v releaseView) update(msg tea.Msg) (view, tea.Cmd) {
	var cmd tea.Cmd
	v.page, cmd = v.page.Update(msg)
	return v, cmd
}

func (v releaseView) render() string { return v.page.View() }

func (v releaseView) setSize(w, h int) view {
	v.page.SetSize(w, h)
	return v
}

func (v releaseView) keyMap() help.KeyMap {
	k := v.page.KeyMap()
	g := helpview.Group(k.FullHelp())
	if v.page.CodeOpen() {
		return append(g, v.page.Code().KeyMap().FullHelp()...)
	}
	return append(g, diffHelp(v.page.Diff().KeyMap())...)
}

func (v releaseView) capturesKeys() bool { return false }

func (v releaseView) status(st statusbar.Status) statusbar.Status {
	extra, err := v.page.Status()
	if err != "" {
		extra = joinExtra(extra, err)
	}
	st.Extra = extra
	if v.page.CodeOpen() {
		c := v.page.Code()
		st.Path, st.Hostile = c.Path(), c.HostileCount()
		if c.HexShown() {
			st.Position = c.Position()
		} else {
			st.Line, st.Total = c.Line(), c.Total()
		}
		return st
	}
	st.Path = v.page.ShownPath()
	if v.page.DiffOpen() && !v.page.HexOpen() {
		d := v.page.Diff()
		if f, ok := d.File(); ok {
			st.Path = f.Change.Path()
			st.Hostile = d.HostileCount()
		}
	}
	return st
}

func (v releaseView) SelectedLines() (nav.Lines, error) { return v.page.SelectedLines() }

// MarkTarget is never asked: m is the Release tab's own key.
func (v releaseView) MarkTarget() (string, error) { return "", errNoLines }

func (v releaseView) Annotating() bool { return v.page.Annotating() }

func (v releaseView) setReview(nav.Review) view { return v }

func (v releaseView) markInfo() string { return "" }

func (v releaseView) reviewedCount() (int, int) { return 0, 0 }

func (v releaseView) where() (string, int) { return "", 0 }

// closeInner closes the open member's diff, back to the list.
func (v releaseView) closeInner() (view, tea.Cmd, bool, bool) {
	ok := v.page.Close()
	return v, nil, false, ok
}
