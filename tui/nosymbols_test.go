package tui

import (
	"archive/tar"
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"

	"sightline/repo/repotest"
	"sightline/repo/repotest/pintest"
	"sightline/review"
	"sightline/tui/keys"
	"sightline/tui/nav"
	"sightline/tui/theme"
	"sightline/tui/tuitest"
)

// assertSaidNotLookedUp checks that the keys just pressed started no
// lookup and that the message line says why, with the words want.
func assertSaidNotLookedUp(t *testing.T, m tea.Model, src *askedSource, want ...string) {
	t.Helper()
	if defs, refs, _ := src.asked(); len(defs)+len(refs)+len(src.outlined()) != 0 {
		t.Errorf("a lookup started: definitions %q, references %q, outlines %q", defs, refs, src.outlined())
	}
	msg := messageLine(m)
	for _, w := range want {
		if !strings.Contains(msg, w) {
			t.Errorf("the message line does not say %q: %q\n%s", w, msg, screen(m))
		}
	}
	if s := screen(m); strings.Contains(s, "looking up") {
		t.Errorf("the screen says a lookup runs:\n%s", s)
	}
}

// TestSymbolKeysInTheBaseViewSayWhy: the file at a diff's base (o in
// the diff) is not in the pinned tree the symbol index is of, so gd,
// ctrl+] and gr look nothing up there; they say so and where they work,
// instead of doing nothing. o there goes back to the diff, as before.
func TestSymbolKeysInTheBaseViewSayWhy(t *testing.T) {
	for _, ask := range [][]string{{"g", "d"}, {"ctrl+]"}, {"g", "r"}} {
		name := strings.Join(ask, "")
		t.Run(name, func(t *testing.T) {
			src, m := lateRequestModel(t)
			// Wide enough for the whole message: a narrower line cuts its end.
			m = tuitest.RunModel(t, m, tea.WindowSizeMsg{Width: 170, Height: 30})
			m = press(t, m, "2", "enter", "o")
			if s := screen(m); !strings.Contains(s, "BASE ") || activeTab(m) != nav.ViewFiles {
				t.Fatalf("o in the diff did not open main.c at the base:\n%s", s)
			}
			m = press(t, m, ask...)
			assertSaidNotLookedUp(t, m, src, name+" does not look up here", "not of the base", "o goes back to the diff", "enter opens the file at the pin")
			if s := screen(m); activeTab(m) != nav.ViewFiles || !strings.Contains(s, "BASE ") {
				t.Errorf("%s left the base view:\n%s", name, s)
			}
		})
	}
	t.Run("o", func(t *testing.T) {
		src, m := lateRequestModel(t)
		m = press(t, m, "2", "enter", "o", "o")
		if len(src.outlined()) != 0 {
			t.Errorf("o in the base view asked an outline of %q", src.outlined())
		}
		if activeTab(m) != nav.ViewChanges {
			t.Errorf("o in the base view did not go back to the diff:\n%s", screen(m))
		}
	})
}

// releaseSymbolsModel is the workbench with a Symbols that records what
// it is asked and a release archive whose extra.go is only in the
// archive, open in the Release tab's code view.
func releaseSymbolsModel(t *testing.T) (*askedSource, tea.Model) {
	t.Helper()
	rt := repotest.New(t)
	rt.Commit("one", repotest.Tree{"a.go": {Content: "package a\n"}})
	r, pin := pintest.Head(t, rt)
	var buf bytes.Buffer
	tw := tar.NewWriter(&buf)
	for _, f := range [][2]string{{"a.go", "package a\n"}, {"extra.go", "package a\n\nfunc init() { run(payload) }\n"}} {
		_ = tw.WriteHeader(&tar.Header{Name: "p-1/" + f[0], Mode: 0o644, Size: int64(len(f[1])), Typeflag: tar.TypeReg})
		_, _ = tw.Write([]byte(f[1]))
	}
	_ = tw.Close()
	archive := filepath.Join(t.TempDir(), "p-1.tar")
	if err := os.WriteFile(archive, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	ws, err := review.Open(filepath.Join(t.TempDir(), "ws"), review.MetaFor(r, pin, nil, ""))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = ws.Close() })
	src := &askedSource{}
	var m tea.Model = New(Deps{Repo: r, Pin: pin, Styles: theme.PlainStyles(), Keys: keys.DefaultGlobal(), Symbols: src,
		Review: Review{WS: ws, Reviewer: "alice", Repo: r}, Release: ReleaseDeps{Archive: archive}})
	m = tuitest.RunModel(t, m, append(tuitest.Exec(t, m.Init()), tea.WindowSizeMsg{Width: 170, Height: 30})...)
	m = press(t, m, "5", "enter", "j", "j")
	if s := screen(m); !strings.Contains(s, "extra.go (only in the archive, read-only)") || !strings.Contains(statusLine(m), "extra.go │ 3/3") {
		t.Fatalf("extra.go is not open in the code view at line 3:\n%s", s)
	}
	return src, m
}

// TestSymbolKeysOnAReleaseMemberSayWhy: a member only in the release
// archive is not a file of the pinned tree the symbol index is of, so
// gd, ctrl+], gr and o look nothing up in its code view; they say so
// and what does work, instead of doing nothing.
func TestSymbolKeysOnAReleaseMemberSayWhy(t *testing.T) {
	for _, ask := range [][]string{{"g", "d"}, {"ctrl+]"}, {"g", "r"}, {"o"}} {
		name := strings.Join(ask, "")
		t.Run(name, func(t *testing.T) {
			src, m := releaseSymbolsModel(t)
			m = press(t, m, ask...)
			assertSaidNotLookedUp(t, m, src, name+" does not look up here", "extra.go is only in p-1.tar, not in the pinned tree the symbol index is of",
				"* searches the member", "ctrl+t finds definitions at the pin")
			if s := screen(m); !strings.Contains(s, "extra.go (only in the archive, read-only)") {
				t.Errorf("%s left the member's code view:\n%s", name, s)
			}
		})
	}
}
