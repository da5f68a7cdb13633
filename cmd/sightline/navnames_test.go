package main

import (
	"strings"
	"testing"

	"sightline/tui"
	"sightline/tui/tuitest"
)

// lowByName makes every tree "large" for ctrl+t, so that it lists names.
func lowByName(t *testing.T) {
	old := byNameOver
	byNameOver = 0
	t.Cleanup(func() { byNameOver = old })
}

// On a tree over the threshold ctrl+t lists each name once from the
// built cache: helper (one definition) with its kind and place, twice as
// "2 definitions"; enter on twice opens gd's list of them, where enter
// jumps and A adds the place as a step of the current finding.
func TestCtrlTListsNamesOverTheThreshold(t *testing.T) {
	lowByName(t)
	m, ws := navWorkbenchWS(t, 3, true, true)
	m, _ = navPress(t, m, "g", "d", "a")
	for _, k := range tuitest.Type("helper trusts x") {
		m = tuitest.RunModel(t, m, k)
	}
	m, screen := navPress(t, m, "ctrl+s", "ctrl+o", "ctrl+t")
	if !strings.Contains(screen, "4 definitions under 3 names") || !strings.Contains(screen, "3/3 symbols") ||
		!strings.Contains(screen, "helper  function  src/util.c:1") || !strings.Contains(screen, "twice  2 definitions") {
		t.Fatalf("ctrl+t over the threshold:\n%s", screen)
	}
	m, screen = navPress(t, m, "t", "w", "c")
	if !strings.Contains(screen, "1/3 symbols") || !strings.Contains(screen, "> twice  2 definitions") {
		t.Fatalf("ctrl+t twc:\n%s", screen)
	}
	m, screen = navPress(t, m, "enter")
	if !strings.Contains(screen, "2 definitions of twice") || !strings.Contains(screen, "> lib/one.c:1 function twice") ||
		!strings.Contains(screen, "lib/two.c:1 function twice") {
		t.Fatalf("enter on twice:\n%s", screen)
	}
	m, screen = navPress(t, m, "down", "A")
	if !strings.Contains(screen, "Add step to F-0001") || !strings.Contains(screen, "lib/two.c:1") {
		t.Fatalf("A in twice's list:\n%s", screen)
	}
	m, screen = navPress(t, m, "enter")
	if !strings.Contains(screen, "saved step 2 of F-0001 (lib/two.c:1)") {
		t.Fatalf("saving the step:\n%s", screen)
	}
	if f, ok := ws.Finding("F-0001"); !ok || len(f.Steps) != 2 || f.Steps[1].Location.Path != "lib/two.c" {
		t.Fatalf("F-0001 is %+v", f)
	}
	m, _ = navPress(t, m, "ctrl+t", "t", "w", "c", "enter", "down", "enter")
	if p := m.(tui.Model).Position(); p.Path != "lib/two.c" || p.Line != 1 {
		t.Fatalf("enter in twice's list went to %+v", p)
	}
	m, _ = navPress(t, m, "ctrl+t", "h", "e", "l", "enter")
	if p := m.(tui.Model).Position(); p.Path != "src/util.c" || p.Line != 1 {
		t.Fatalf("enter on helper went to %+v", p)
	}
}
