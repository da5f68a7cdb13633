package history

import (
	"fmt"
	"strings"

	tea "github.com/charmbracelet/bubbletea"

	"sightline/repo"
	"sightline/repo/textsafe"
	"sightline/tui/theme"
)

// reviewRange is the review's range: with a base, History lists base..pin
// (the commits reachable from the pin and not from the base, those the
// reviewer must read, as "tig base..pin" does) until r asks for the full
// history.
type reviewRange struct {
	base  repo.Hash // zero: no base, the full history
	label string    // how the reviewer named the base ("v1.0"), raw
	full  bool      // r: the full history although there is a base
}

// on reports whether the list is base..pin.
func (r reviewRange) on() bool { return !r.base.IsZero() && !r.full }

// name is the base as the header shows it: its name and short hash, or
// the hash alone when it was given as one.
func (r reviewRange) name() string {
	short := r.base.Short()
	if r.label == "" || r.label == short || strings.HasPrefix(r.base.String(), r.label) {
		return short
	}
	return textsafe.Sanitize(r.label) + " " + short
}

// title is the header of the whole-history list: which list it is, and
// how many commits it holds so far.
func (r reviewRange) title(n int, pin repo.Hash) string {
	switch {
	case r.base.IsZero():
		return fmt.Sprintf("%s reachable from %s", commits(n), pin.Short())
	case r.full:
		return fmt.Sprintf("full history: %s reachable from %s · r: only base..pin (%s..%s)", commits(n), pin.Short(), r.name(), pin.Short())
	}
	return fmt.Sprintf("base..pin: %s in %s..%s (reachable from the pin, not the base) · r: full history", commits(n), r.name(), pin.Short())
}

// BaseMsg tells the view the review's base changed (B, or a step on the
// base side): with a base, the list is base..pin.
type BaseMsg struct {
	Commit repo.Hash
	Label  string
}

// SetBase makes the list base..pin (zero base: every commit), listing
// again if it is shown. A per-path list keeps its path; it shows the
// range when the reviewer goes back to the whole list.
func (m *Model) SetBase(base repo.Hash, label string) tea.Cmd {
	if m.rng.base == base && m.rng.label == label {
		return nil
	}
	m.rng = reviewRange{base: base, label: label}
	if !m.started || m.path != "" {
		return nil
	}
	return m.walk("")
}

// Range returns the base the list is limited by, and whether it is
// (false when there is no base or r showed the full history).
func (m Model) Range() (repo.Hash, bool) { return m.rng.base, m.rng.on() }

// toggleRange is r: base..pin, or the full history.
func (m Model) toggleRange() (Model, tea.Cmd) {
	switch {
	case m.path != "":
		m.note = "r switches the whole list between base..pin and the full history: esc back to it first"
		return m, nil
	case m.rng.base.IsZero():
		m.note = "no base, so no range: the list is the full history (B on a commit, or --base, sets one)"
		return m, nil
	}
	m.rng.full = !m.rng.full
	return m, m.walk("")
}

// maxShownRefs is how many names a row shows before "+N".
const maxShownRefs = 3

// refSegs draws a commit's references as git log --decorate does:
// "(tag: v1.0, main) "; names are untrusted, each cut to 24 columns.
func refSegs(refs []repo.Ref, st theme.Styles) []theme.Seg {
	if len(refs) == 0 {
		return nil
	}
	segs := []theme.Seg{{Text: "(", Style: st.Muted}}
	for i, r := range refs {
		if i == maxShownRefs {
			segs = append(segs, theme.Seg{Text: fmt.Sprintf(", +%d", len(refs)-i), Style: st.Muted})
			break
		}
		if i > 0 {
			segs = append(segs, theme.Seg{Text: ", ", Style: st.Muted})
		}
		if r.Kind == repo.RefTag {
			segs = append(segs, theme.Seg{Text: "tag: ", Style: st.Muted})
		}
		segs = append(segs, theme.Clip(st.Untrusted(r.Name, st.Key), 24)...)
	}
	return append(segs, theme.Seg{Text: ") ", Style: st.Muted})
}

// refsText is a commit's references as one line, for the detail pane and
// search: every name, sanitized.
func refsText(refs []repo.Ref) string {
	names := make([]string, len(refs))
	for i, r := range refs {
		names[i] = textsafe.Sanitize(r.Name)
		if r.Kind == repo.RefTag {
			names[i] = "tag: " + names[i]
		}
	}
	return strings.Join(names, ", ")
}

// commits is "1 commit" or "n commits".
func commits(n int) string {
	if n == 1 {
		return "1 commit"
	}
	return fmt.Sprintf("%d commits", n)
}
