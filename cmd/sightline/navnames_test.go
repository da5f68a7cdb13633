package main

import (
	"context"
	"strings"
	"testing"

	"sightline/repo/repotest"
	"sightline/repo/repotest/pintest"
	"sightline/repo/search"
	"sightline/repo/symbols"
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

// The names list shows a place only once its file is checked against the
// tree: a cache of another tree whose single-definition file (helper's)
// changed is refused; one where only a file of a name with several
// definitions changed lists the names, and refuses that name's list.
func TestCtrlTNamesCheckThePlacesTheyShow(t *testing.T) {
	lowByName(t)
	t.Setenv("XDG_CACHE_HOME", t.TempDir())
	dir, err := search.IndexDir()
	if err != nil {
		t.Fatal(err)
	}
	rt := repotest.New(t)
	c1 := rt.Commit("c", navTree)
	r, pin := pintest.Head(t, rt)
	buildSymbolCache(t, r, pin)
	c, err := symbols.Open(symbols.CachePath(dir, pin.Tree), pin.Tree)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	ctx := context.Background()
	for file, refused := range map[string]bool{"src/util.c": true, "lib/two.c": false} {
		rt.Commit("edit "+file, rt.Edit(c1, repotest.Tree{file: {Content: "int other;\n"}}))
		r2, pin2 := pintest.Head(t, rt)
		src := &symbolSource{r: r2, pin: pin2, why: "test", c: c} // the old tree's cache, as if it lied
		l, err := src.All(ctx)
		if refused {
			if err == nil || !strings.Contains(err.Error(), "sightline index") {
				t.Errorf("%s changed: ctrl+t listed %+v, %v", file, l, err)
			}
			continue
		}
		if err != nil || !l.ByName || len(l.Names) != 3 {
			t.Errorf("%s changed: ctrl+t = %+v, %v", file, l, err)
		}
		if hits, err := src.Definitions(ctx, "twice", "src/main.c"); err == nil {
			t.Errorf("%s changed: twice's definitions were listed: %+v", file, hits)
		}
	}
}
