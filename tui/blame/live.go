package blame

import (
	"context"
	"fmt"
	"maps"
	"strings"
	"time"

	tea "github.com/charmbracelet/bubbletea"

	"sightline/repo"
)

// liveEvery is how often a running blame hands its lines so far to the
// gutter.
const liveEvery = 100 * time.Millisecond

// pending is the hash column of a line not yet blamed.
var pending = strings.Repeat("·", 8)

// shown is the blame the gutter shows for path: the finished one, else
// the running plain blame's lines so far; the zero LoadedMsg for none.
func (m Model) shown(path string) LoadedMsg {
	switch {
	case m.Shown(path):
		return m.result
	case m.cancel != nil && m.live.Text != nil && m.live.Path == path:
		return m.live
	}
	return LoadedMsg{}
}

// Visible reports whether a gutter is shown for path, finished or
// filling in.
func (m Model) Visible(path string) bool { return m.Text(path) != nil }

// load blames path at commit and formats the gutter, reading each blamed
// commit once. A plain blame (ignore empty) sends the gutter so far on
// prog as lines are settled, the first at once with every line pending;
// a re-blame sends only counts, as the gutter keeps the blame it may
// replace until it is done.
func load(ctx context.Context, src Source, commit repo.Hash, path string, ignore []repo.Hash, seq int, prog chan ProgressMsg) tea.Cmd {
	return func() tea.Msg {
		defer close(prog)
		commits := map[repo.Hash]repo.Commit{}
		var readErr error
		read := func(lines []repo.BlameLine) error {
			for _, l := range lines {
				if _, ok := commits[l.Commit]; ok || l.Commit.IsZero() {
					continue
				}
				c, err := src.ReadCommit(ctx, l.Commit)
				if err != nil {
					return err
				}
				commits[l.Commit] = c
			}
			return nil
		}
		lines, err := src.BlameLive(ctx, commit, path, ignore, liveEvery, func(partial []repo.BlameLine, done, total int) {
			p := ProgressMsg{Seq: seq, Done: done, Total: total, ch: prog}
			if len(ignore) == 0 && readErr == nil {
				if readErr = read(partial); readErr == nil {
					p.Lines, p.Commits = partial, maps.Clone(commits)
					p.Text, p.Search = withCount(Gutter(partial, commits), done, total), SearchText(partial, commits)
				}
			}
			latest(prog, p)
		})
		msg := LoadedMsg{Seq: seq, Path: path, Commit: commit, Ignore: ignore, Lines: lines, Err: err}
		if err != nil {
			return msg
		}
		if err := read(lines); err != nil {
			msg.Err = err
			return msg
		}
		msg.Text, msg.Commits = Gutter(lines, commits), commits
		msg.Search = SearchText(lines, commits)
		return msg
	}
}

// withCount adds the count blamed so far to each "blaming…" of text:
// the gutter is where the reviewer looks, and a busy status line may cut
// its own progress note.
func withCount(text []string, done, total int) []string {
	for i, t := range text {
		if t == pending+" blaming…" {
			text[i] = fmt.Sprintf("%s %d/%d", t, done, total)
		}
	}
	return text
}

// latest puts p on ch (capacity 1), replacing an update the UI has not
// taken yet: the blame never waits for the screen.
func latest(ch chan ProgressMsg, p ProgressMsg) {
	select {
	case ch <- p:
		return
	default:
	}
	select {
	case <-ch:
	default:
	}
	select {
	case ch <- p:
	default:
	}
}

// wait returns the Cmd that delivers the next progress report.
func wait(ch <-chan ProgressMsg) tea.Cmd {
	return func() tea.Msg {
		p, ok := <-ch
		if !ok {
			return nil
		}
		return p
	}
}
