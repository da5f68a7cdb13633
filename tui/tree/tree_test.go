package tree

import (
	"context"
	"os"
	"strings"
	"testing"

	"github.com/go-git/go-git/v5/plumbing"
	"github.com/go-git/go-git/v5/plumbing/filemode"

	"sightline/repo"
	"sightline/repo/repotest"
	"sightline/repo/repotest/pintest"
	"sightline/tui/theme"
	"sightline/tui/tuitest"
)

func fixture(t *testing.T) (*repotest.Repo, *repo.Repo, repo.Pin) {
	t.Helper()
	rt := repotest.New(t)
	rt.Commit("first", repotest.Tree{
		"README.md":           {Content: "hello\n"},
		"src/main.go":         {Content: "package main\n"},
		"src/util/strings.go": {Content: "package util\n"},
		"bin/run.sh":          {Content: "#!/bin/sh\n", Mode: filemode.Executable},
		"link":                {Content: "README.md", Mode: filemode.Symlink},
		"out":                 {Content: "/etc/\x1b]0;x\x07passwd", Mode: filemode.Symlink},
		"vendor/sub":          {Content: "1111111111111111111111111111111111111111", Mode: filemode.Submodule},
		"esc\x1b[31mred.txt":  {Content: "x\n"},
		"name\nnewline.txt":   {Content: "y\n"},
	})
	r, pin := pintest.Head(t, rt)
	return rt, r, pin
}

func started(t *testing.T, r *repo.Repo, pin repo.Pin) Model {
	t.Helper()
	m := New(r, pin.Tree, theme.PlainStyles(), DefaultKeyMap())
	m.SetSize(40, 20)
	m.Focus()
	return tuitest.Run(t, m, tuitest.Exec(t, m.Init())...)
}

func selectPath(t *testing.T, m Model, path string) Model {
	t.Helper()
	for range m.Len() + 1 {
		if e, ok := m.Selected(); ok && e.Path == path {
			return m
		}
		m = tuitest.Run(t, m, tuitest.Key("j"))
	}
	t.Fatalf("row %q not found in\n%s", path, m.View())
	return m
}

func TestRootListingShowsEveryKindSafely(t *testing.T) {
	_, r, pin := fixture(t)
	m := started(t, r, pin)
	view := tuitest.Screen(m.View())
	for _, want := range []string{
		"›  README.md", "▸ bin/", "esc^[[31mred.txt", "link → README.md",
		"name^Jnewline.txt", "▸ src/", "▸ vendor/", "out → /etc/^[]0;x^Gpasswd",
	} {
		if !strings.Contains(view, want) {
			t.Errorf("tree view lacks %q:\n%s", want, view)
		}
	}
	if strings.ContainsAny(view, "\x1b\n"[:1]) {
		t.Errorf("raw ESC reached the view:\n%q", view)
	}
	if got := strings.Count(view, "\n") + 1; got != 20 {
		t.Errorf("view has %d lines, want the pane height 20", got)
	}
}

func TestExpandCollapseAndParent(t *testing.T) {
	_, r, pin := fixture(t)
	m := selectPath(t, started(t, r, pin), "src")
	m = tuitest.Run(t, m, tuitest.Key("l"))
	view := tuitest.Screen(m.View())
	if !strings.Contains(view, "▾ src/") || !strings.Contains(view, "   main.go") || !strings.Contains(view, "▸ util/") {
		t.Fatalf("src not expanded:\n%s", view)
	}
	m = tuitest.Run(t, m, tuitest.Key("j"), tuitest.Key("h")) // on util/: to the parent
	if e, _ := m.Selected(); e.Path != "src" {
		t.Fatalf("h on a closed dir selected %q, want the parent src", e.Path)
	}
	m = tuitest.Run(t, m, tuitest.Key("h"))
	if strings.Contains(m.View(), "main.go") {
		t.Fatalf("h did not collapse src:\n%s", m.View())
	}
	m = tuitest.Run(t, m, tuitest.Key("enter"))
	if !strings.Contains(m.View(), "main.go") {
		t.Fatalf("enter did not expand src:\n%s", m.View())
	}
	m = tuitest.Run(t, m, tuitest.Key("enter"))
	if strings.Contains(m.View(), "main.go") {
		t.Fatalf("enter did not collapse src:\n%s", m.View())
	}
}

func TestEnterOnFileAsksToOpenIt(t *testing.T) {
	_, r, pin := fixture(t)
	m := selectPath(t, started(t, r, pin), "link")
	_, cmd := m.Update(tuitest.Key("enter"))
	msgs := tuitest.Exec(t, cmd)
	if len(msgs) != 1 {
		t.Fatalf("enter gave %d messages, want 1", len(msgs))
	}
	fc, ok := msgs[0].(FileChosenMsg)
	if !ok || fc.Entry.Path != "link" || fc.Entry.Kind != repo.KindSymlink {
		t.Fatalf("enter gave %#v, want FileChosenMsg for the symlink", msgs[0])
	}
}

func TestMovementKeys(t *testing.T) {
	_, r, pin := fixture(t)
	m := started(t, r, pin)
	n := m.Len()
	m = tuitest.Run(t, m, tuitest.Key("G"))
	if m.cursor != n-1 {
		t.Fatalf("G: cursor %d, want %d", m.cursor, n-1)
	}
	m = tuitest.Run(t, m, tuitest.Key("g"), tuitest.Key("g"))
	if m.cursor != 0 {
		t.Fatalf("gg: cursor %d, want 0", m.cursor)
	}
	m = tuitest.Run(t, m, tuitest.Key("ctrl+d"))
	if m.cursor != min(10, n-1) {
		t.Fatalf("ctrl+d: cursor %d, want %d", m.cursor, min(10, n-1))
	}
	m = tuitest.Run(t, m, tuitest.Key("ctrl+u"), tuitest.Key("down"), tuitest.Key("down"), tuitest.Key("up"))
	if m.cursor != 1 {
		t.Fatalf("ctrl+u down down up: cursor %d, want 1", m.cursor)
	}
	m.Blur()
	m = tuitest.Run(t, m, tuitest.Key("j"))
	if m.cursor != 1 {
		t.Fatalf("a blurred tree moved on j")
	}
}

func TestUnreadableSubtreeIsAnErrorRowAndSiblingsStay(t *testing.T) {
	rt, r, pin := fixture(t)
	e, err := r.Lookup(context.Background(), pin.Tree, "src")
	if err != nil {
		t.Fatal(err)
	}
	if err := os.Remove(rt.ObjectPath(plumbing.Hash(e.Hash))); err != nil {
		t.Fatal(err)
	}
	m := selectPath(t, started(t, r, pin), "src")
	m = tuitest.Run(t, m, tuitest.Key("l"))
	view := tuitest.Screen(m.View())
	if !strings.Contains(view, "⚠") || !strings.Contains(view, "▸ vendor/") {
		t.Fatalf("missing subtree: want an error row and the siblings:\n%s", view)
	}
}

func TestRevealExpandsAndSelects(t *testing.T) {
	_, r, pin := fixture(t)
	m := started(t, r, pin)
	m = tuitest.Run(t, m, tuitest.Exec(t, m.Reveal("src/util/strings.go"))...)
	if e, ok := m.Selected(); !ok || e.Path != "src/util/strings.go" {
		t.Fatalf("Reveal selected %q, want src/util/strings.go:\n%s", e.Path, m.View())
	}
}

func TestStaleListingIsDropped(t *testing.T) {
	_, r, pin := fixture(t)
	m := started(t, r, pin)
	before := m.View()
	m, _ = m.Update(DirLoadedMsg{Root: repo.Hash{1}, Dir: "", Entries: nil})
	if m.View() != before {
		t.Fatal("a listing for another root changed the tree")
	}
}
