package tui

import (
	"github.com/charmbracelet/bubbles/help"
	tea "github.com/charmbracelet/bubbletea"

	"sightline/tui/files"
	"sightline/tui/nav"
	"sightline/tui/statusbar"
)

// filesView adapts the Files tab (package files) to the view interface.
type filesView struct {
	files.Model
}

func newFilesView(d Deps) filesView {
	return filesView{files.New(files.Deps{Repo: d.Repo, Pin: d.Pin, Styles: d.Styles, Keys: d.Keys, KeyMap: d.KeyMaps.Files})}
}

func (v filesView) init() tea.Cmd { return v.Init() }

func (v filesView) update(msg tea.Msg) (view, tea.Cmd) {
	var cmd tea.Cmd
	v.Model, cmd = v.Update(msg)
	return v, cmd
}

func (v filesView) render() string { return v.View() }

func (v filesView) setSize(w, h int) view {
	v.SetSize(w, h)
	return v
}

func (v filesView) keyMap() help.KeyMap { return v.KeyMap() }

func (v filesView) capturesKeys() bool { return false }

func (v filesView) status(st statusbar.Status) statusbar.Status { return v.Status(st) }

func (v filesView) setReview(r nav.Review) view {
	v.SetReview(r)
	return v
}

// Annotating is always true here: a and A take the code view's lines.
func (v filesView) Annotating() bool { return true }

func (v filesView) markInfo() string { return v.MarkInfo() }

func (v filesView) reviewedCount() (int, int) { return 0, 0 }

func (v filesView) where() (string, int) { return v.Where() }

// closeInner hides the blame gutter; a file opened from a diff is closed
// by the root, which knows where it was opened from.
func (v filesView) closeInner() (view, tea.Cmd, bool, bool) {
	if v.CloseBase() { // a file at the base: back to the diff it came from
		return v, nil, true, true
	}
	ok := v.CloseBlame()
	return v, nil, false, ok
}
