package tui

import "sightline/tui/nav"

// place is where the reviewer was: a tab and, in the Files tab, the file
// and line shown. Other tabs keep their own state while away, so going
// back to them needs only the tab.
type place struct {
	View nav.ViewID
	Path string
	Line int
	Col  int // the column cursor's byte column (1-based), so ctrl+o lands on the word left
	// Closes marks a place left by opening a diff's line in the Files tab
	// (enter in Changes or a History diff): q there goes back to it, as it
	// closes any other view opened on top.
	Closes bool
}

// maxJumps bounds the jump list; the oldest places are dropped first.
const maxJumps = 100

// jumpList is the workbench's back-stack, vim's jump list: every jump
// (finder, :N, a search hit, a step, a diff line, a blamed commit) pushes
// the place it left; back and forward walk it. Going back from the newest
// place first records where the reviewer is, so forward returns there.
// Only back and forward ever move the reviewer to a place in the list:
// esc never does.
type jumpList struct {
	places []place
	// at is the index of the place the reviewer is at while walking the
	// list; len(places) when not walking (at the newest place, unrecorded).
	at int
}

// push records from, the place a jump leaves. Places after the one being
// walked are dropped, as a new jump in vim drops the forward part.
func (j *jumpList) push(from place) {
	j.places = append(j.places[:min(j.at, len(j.places))], from)
	if len(j.places) > maxJumps {
		j.places = j.places[len(j.places)-maxJumps:]
	}
	j.at = len(j.places)
}

// back returns the place before the current one; cur is where the
// reviewer is now (recorded when leaving the newest place, so that
// forward comes back to it). ok is false when there is nothing before.
func (j *jumpList) back(cur place) (place, bool) {
	if j.at == 0 || len(j.places) == 0 {
		return place{}, false
	}
	if j.at >= len(j.places) {
		j.places = append(j.places, cur)
		j.at = len(j.places) - 1
	} else {
		cur.Closes = j.places[j.at].Closes
		j.places[j.at] = cur // where the reviewer moved to since
	}
	j.at--
	return j.places[j.at], true
}

// forward returns the place after the current one; ok is false at the
// newest. cur replaces the current place, as in back.
func (j *jumpList) forward(cur place) (place, bool) {
	if j.at+1 >= len(j.places) {
		return place{}, false
	}
	cur.Closes = j.places[j.at].Closes
	j.places[j.at] = cur
	j.at++
	return j.places[j.at], true
}

// last is the place the next back goes to, if any.
func (j jumpList) last() (place, bool) {
	if j.at == 0 || len(j.places) == 0 {
		return place{}, false
	}
	return j.places[j.at-1], true
}
