package tui

import (
	"strings"
	"testing"

	"sightline/repo/repotest/pintest"
	"sightline/tui/nav"
)

// TestOpenBaseFromChangesAndBack: o on a diff opens the file as it is at
// the base, read-only and labelled, at the base-side line; m refuses to
// mark it (coverage is evidence of the pin); o and q go back to the diff.
func TestOpenBaseFromChangesAndBack(t *testing.T) {
	_, r := blameFixture(t)
	m, ws := reviewModel(t, r, pintest.Resolve(t, r, "HEAD"), pintest.Resolve(t, r, "HEAD~2"))
	m = keysIn(t, m, "2", "j", "enter") // src/u.c's diff
	if s := screen(m); !strings.Contains(s, "evil();") {
		t.Fatalf("the src/u.c diff is not shown:\n%s", s)
	}
	m = keysIn(t, m, "o")
	s := screen(m)
	if activeTab(m) != nav.ViewFiles || !strings.Contains(s, "BASE HEAD~2 (") || !strings.Contains(s, "src/u.c as it was before the change") {
		t.Fatalf("o did not open src/u.c at the base, labelled:\n%s", s)
	}
	if !strings.Contains(s, "line 15;") || strings.Contains(s, "evil();") || strings.Contains(s, "// header") {
		t.Errorf("the base view does not show the base's content:\n%s", s)
	}
	if st := lastStatus(s); !strings.Contains(st, "src/u.c") || !strings.Contains(st, "BASE, read-only: HEAD~2 (") {
		t.Errorf("the status line does not say BASE and read-only: %q", st)
	}
	m = keysIn(t, m, "m")
	if s := screen(m); ws.IsReviewed("src/u.c") || !strings.Contains(s, "not the pin: coverage marks only what was read at the pin") {
		t.Fatalf("m on the base view marked, or did not say why not (reviewed %v):\n%s", ws.IsReviewed("src/u.c"), s)
	}
	m = keysIn(t, m, "tab", "m") // the tree has the keyboard: still the base view
	if ws.IsReviewed("src/u.c") || ws.IsReviewed("Makefile") {
		t.Fatalf("m with the tree focused marked while the base view was shown")
	}
	m = keysIn(t, m, "tab", "o")
	if s := screen(m); activeTab(m) != nav.ViewChanges || !strings.Contains(s, "evil();") {
		t.Fatalf("o in the base view did not go back to the diff:\n%s", s)
	}
	m = keysIn(t, m, "o", "q")
	if s := screen(m); activeTab(m) != nav.ViewChanges || strings.Contains(s, "BASE HEAD~2") {
		t.Fatalf("q in the base view did not go back to the diff:\n%s", s)
	}
	if s := screen(keysIn(t, m, "1")); strings.Contains(s, "BASE HEAD~2") {
		t.Errorf("the base view stayed open in Files after q:\n%s", s)
	}
}

// TestOpenBaseAtTheCursorLine: the base view's cursor is on the diff
// cursor's base-side line; an added line goes to the base line it follows.
func TestOpenBaseAtTheCursorLine(t *testing.T) {
	_, r := blameFixture(t)
	m := startAt(t, r, "HEAD~1") // headers: three lines added on top
	m = keysIn(t, m, "2", "j", "enter")
	m = typeText(t, m, ":6") // new line 6 is "line 3;", base line 3
	m = keysIn(t, m, "enter", "o")
	if s := screen(m); !strings.Contains(s, "src/u.c │ 3/30") {
		t.Fatalf("the base view is not at base line 3:\n%s", s)
	}
	m = keysIn(t, startAt(t, r, "HEAD~2"), "2", "j", "enter")
	m = typeText(t, m, ":18") // the added evil(), which replaced base line 15
	m = keysIn(t, m, "enter", "o")
	if s := screen(m); !strings.Contains(s, "src/u.c │ 15/30") || !strings.Contains(s, "BASE HEAD~2") {
		t.Fatalf("the base view of an added line is not at the base line it replaced (15):\n%s", s)
	}
}

// TestOpenBaseNeverReachesThePinView: the base view's loads are numbered
// as the pin's code view numbers its own; the pin's file stays its own.
func TestOpenBaseNeverReachesThePinView(t *testing.T) {
	_, r := blameFixture(t)
	m := openAt(t, startAt(t, r, "HEAD~2"), "Makefile", 1) // the pin's code view: load 1
	m = keysIn(t, m, "2", "j", "enter", "o")               // the base view's load 1
	m = keysIn(t, m, "o", "1")
	s := screen(m)
	if !strings.Contains(s, "Makefile │ 1/2") || !strings.Contains(s, "@true") || strings.Contains(s, "line 15;") {
		t.Fatalf("the pin's Makefile was replaced:\n%s", s)
	}
}

// TestOpenBaseOfAnAddedFileSaysWhy: in a root commit's diff (History)
// every file is added: o says there is no base version and stays.
func TestOpenBaseOfAnAddedFileSaysWhy(t *testing.T) {
	_, r := blameFixture(t)
	m := keysIn(t, startAt(t, r, ""), "3", "G", "enter")
	m = keysIn(t, m, "o")
	if s := screen(m); activeTab(m) != nav.ViewHistory || !strings.Contains(s, "Makefile is added here: there is no base version to open") {
		t.Fatalf("o on an added file did not say why not:\n%s", s)
	}
}

// lastStatus is the status line: the line naming the pin.
func lastStatus(s string) string {
	lines := strings.Split(s, "\n")
	for i := len(lines) - 1; i >= 0; i-- {
		if strings.Contains(lines[i], " @ ") {
			return lines[i]
		}
	}
	return ""
}

// TestHelpListsRangeAndBaseKeys: ? lists r in History and o in a diff.
func TestHelpListsRangeAndBaseKeys(t *testing.T) {
	_, r := blameFixture(t)
	if s := screen(keysIn(t, startAt(t, r, "HEAD~2"), "3", "?")); !strings.Contains(s, "list base..pin (the commits to read) / the full history") {
		t.Errorf("help in History does not list r:\n%s", s)
	}
	if s := screen(keysIn(t, startAt(t, r, "HEAD~2"), "2", "j", "enter", "?")); !strings.Contains(s, "open the file as it is at the base") {
		t.Errorf("help in a Changes diff does not list o:\n%s", s)
	}
}
