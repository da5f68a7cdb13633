package tree

import (
	"strings"
	"testing"

	"github.com/go-git/go-git/v5/plumbing/filemode"

	"sightline/repo/repotest"
	"sightline/repo/repotest/pintest"
	"sightline/tui/theme"
	"sightline/tui/tuitest"
)

// flagged opens a tree 80 columns wide over files, with every directory
// in dirs expanded through the keyboard.
func flagged(t *testing.T, files repotest.Tree, dirs ...string) Model {
	t.Helper()
	rt := repotest.New(t)
	rt.Commit("c", files)
	r, pin := pintest.Head(t, rt)
	m := New(r, pin.Tree, theme.PlainStyles(), DefaultKeyMap())
	m.SetSize(80, 20)
	m.Focus()
	m = tuitest.Run(t, m, tuitest.Exec(t, m.Init())...)
	for _, d := range dirs {
		m = tuitest.Run(t, selectPath(t, m, d), tuitest.Key("l"))
	}
	return m
}

func rowOf(t *testing.T, view, name string) string {
	t.Helper()
	for _, l := range strings.Split(view, "\n") {
		if strings.Contains(l, name) {
			return l
		}
	}
	t.Fatalf("no row for %q in\n%s", name, view)
	return ""
}

func TestSymlinkOutsideTheRepositoryIsFlagged(t *testing.T) {
	m := flagged(t, repotest.Tree{
		"README.md":        {Content: "hi\n"},
		"outside_link":     {Content: "/etc/passwd", Mode: filemode.Symlink},
		"rel_outside_link": {Content: "../../../../root/.ssh/id_ed25519", Mode: filemode.Symlink},
		"inside_link":      {Content: "./d/../README.md", Mode: filemode.Symlink},
		"d/up":             {Content: "../README.md", Mode: filemode.Symlink},
		"d/out":            {Content: "../../x", Mode: filemode.Symlink},
	}, "d")
	view := tuitest.Screen(m.View())
	for _, tc := range []struct {
		name, want string
		outside    bool
	}{
		{"outside_link", "⚠ outside_link → /etc/passwd [points outside the repository]", true},
		{"rel_outside_link", "⚠ rel_outside_link → ../../../../root/.ssh/id_ed25519 [points outside", true},
		{"inside_link", "inside_link → ./d/../README.md", false},
		{" up →", "up → ../README.md", false},
		{" out →", "⚠ out → ../../x [points outside the repository]", true},
	} {
		row := rowOf(t, view, tc.name)
		if !strings.Contains(row, tc.want) {
			t.Errorf("row %q lacks %q", row, tc.want)
		}
		if got := strings.Contains(row, "⚠") || strings.Contains(row, "outside the repository"); got != tc.outside {
			t.Errorf("row %q: flagged %v, want %v", row, got, tc.outside)
		}
	}
}

func TestHostileNamesAreFlagged(t *testing.T) {
	m := flagged(t, repotest.Tree{
		"README.md":          {Content: "hi\n"},
		"esc\x1b[31mred.txt": {Content: "x\n"},
		"name\nnewline.txt":  {Content: "y\n"},
		"bidi\u202etxt.exe":  {Content: "z\n"},
		"p\u0430ypal.go":     {Content: "package p\n"}, // Cyrillic а
		"caf\u00e9.txt":      {Content: "ok\n"},        // non-ASCII, but no look-alike
		"d\u200b/inner.txt":  {Content: "i\n"},
		"run\x07.sh":         {Content: "#!/bin/sh\n", Mode: filemode.Executable},
	})
	view := tuitest.Screen(m.View())
	for name, want := range map[string]string{
		"esc^[":     "  !esc^[[31mred.txt",
		"newline":   "  !name^Jnewline.txt",
		"bidi":      "  !bidi<U+202E>txt.exe",
		"ypal":      "  !p\u0430ypal.go",
		"d<U+200B>": "▸ !d<U+200B>/",
		"run":       "  !run^G.sh*",
	} {
		if row := rowOf(t, view, name); !strings.Contains(row, want) {
			t.Errorf("row %q lacks %q", row, want)
		}
	}
	for _, name := range []string{"README.md", "caf\u00e9.txt"} {
		if row := rowOf(t, view, name); strings.Contains(row, "!") {
			t.Errorf("clean name flagged: %q", row)
		}
	}
}

func TestOpenedFileWithHostileContentIsFlagged(t *testing.T) {
	m := flagged(t, repotest.Tree{
		"trojan.c":  {Content: repotest.HostileTrojan},
		"clean.txt": {Content: "fine\n"},
		"link":      {Content: "clean.txt", Mode: filemode.Symlink},
	})
	if view := tuitest.Screen(m.View()); strings.Contains(view, "⚠") {
		t.Fatalf("flags before anything was opened:\n%s", view)
	}
	m.SetContentHostile("trojan.c", 6)
	m.SetContentHostile("clean.txt", 0)
	m.SetContentHostile("link", 1)
	view := tuitest.Screen(m.View())
	if row := rowOf(t, view, "trojan.c"); !strings.Contains(row, " ⚠ trojan.c [6 hostile characters]") {
		t.Errorf("trojan.c row: %q", row)
	}
	if row := rowOf(t, view, "link"); !strings.Contains(row, " ⚠ link → clean.txt [1 hostile character]") {
		t.Errorf("link row: %q", row)
	}
	if row := rowOf(t, view, "clean.txt"); strings.Contains(row, "⚠") || strings.Contains(row, "→") {
		t.Errorf("clean file flagged: %q", row)
	}
	m.SetContentHostile("trojan.c", 0)
	if row := rowOf(t, tuitest.Screen(m.View()), "trojan.c"); strings.Contains(row, "⚠") {
		t.Errorf("flag not cleared: %q", row)
	}
}
