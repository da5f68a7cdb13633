package tui

import (
	"strings"
	"testing"

	"sightline/tui/nav"
)

// Issue 12.7: / in a Changes diff searches its lines, and n goes on.
func TestSlashSearchesTheChangesDiff(t *testing.T) {
	_, r := blameFixture(t)
	m := press(t, startAt(t, r, "HEAD~2"), "2", "j", "enter") // src/u.c's diff
	m = typeText(t, m, "/evil")
	if s := screen(m); !strings.Contains(s, "/evil") {
		t.Fatalf("the / prompt is not shown:\n%s", s)
	}
	m = press(t, m, "enter")
	s := screen(m)
	if c := cursorRow(s); !strings.Contains(c, "evil();") {
		t.Fatalf("/evil did not move to the evil line; cursor row %q:\n%s", c, s)
	}
	m = press(t, m, "n")
	if c := cursorRow(screen(m)); !strings.Contains(c, "evil();") {
		t.Errorf("n left the only match: %q", c)
	}
	if m.(Model).tabs[m.(Model).active].id != nav.ViewChanges {
		t.Errorf("typing the search left the Changes tab")
	}
}

// Issue 12.7: a hash typed after : in History went to the commit, not
// through the tab keys.
func TestColonHashInHistoryGoesToTheCommit(t *testing.T) {
	rt, r := blameFixture(t)
	m := press(t, startAt(t, r, "HEAD~2"), "3")
	// With a base, History lists base..pin: the root commit is not in it.
	m = typeText(t, m, ":"+rt.Commits[0].String()[:10])
	m = press(t, m, "enter")
	if s := screen(m); !strings.Contains(s, "no commit of base..pin listed so far starts with "+rt.Commits[0].String()[:10]) {
		t.Fatalf(":hash of a commit outside base..pin did not say so:\n%s", s)
	}
	m = press(t, m, "r") // the full history
	m = typeText(t, m, ":"+rt.Commits[0].String()[:10])
	m = press(t, m, "enter")
	if m.(Model).tabs[m.(Model).active].id != nav.ViewHistory {
		t.Fatalf("typing a hash after : left the History tab:\n%s", screen(m))
	}
	if s := screen(m); !strings.Contains(s, "commit    "+rt.Commits[0].String()) {
		t.Fatalf(":hash did not select the commit %s:\n%s", rt.Commits[0].String()[:10], s)
	}
	// / searches whole messages; N goes back.
	m = typeText(t, m, "/headers")
	m = press(t, m, "enter")
	if s := screen(m); !strings.Contains(s, "commit    "+rt.Commits[2].String()) {
		t.Fatalf("/headers did not select the headers commit:\n%s", s)
	}
}

// Issue 12.7: : where there are no lines says so and takes no later key.
func TestColonWithNoLinesSaysSo(t *testing.T) {
	_, r := blameFixture(t)
	m := press(t, startAt(t, r, "HEAD"), "2", ":")
	if s := screen(m); !strings.Contains(s, "no lines here to search or go to") {
		t.Fatalf(": on an empty Changes list said nothing:\n%s", s)
	}
	m = press(t, m, "3")
	if m.(Model).tabs[m.(Model).active].id != nav.ViewHistory {
		t.Fatalf("the key after a refused : was eaten:\n%s", screen(m))
	}
}
