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
	"sightline/tui/theme"
	"sightline/tui/tuitest"
)

// The Release tab through the root: 5 shows it, enter opens the member,
// a makes a finding located in the archive, m is the tab's own (release
// coverage), not the Files view's mark.
func TestReleaseTabFindingAndMarkThroughTheRoot(t *testing.T) {
	rt := repotest.New(t)
	rt.Commit("one", repotest.Tree{"a.go": {Content: "package a\n"}})
	r, pin := pintest.Head(t, rt)
	var buf bytes.Buffer
	tw := tar.NewWriter(&buf)
	content := "package a\n\nfunc init() { run(payload) }\n"
	for _, f := range [][2]string{{"a.go", "package a\n"}, {"extra.go", content}} {
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
	var m tea.Model = New(Deps{Repo: r, Pin: pin, Styles: theme.PlainStyles(), Keys: keys.DefaultGlobal(),
		Review: Review{WS: ws, Reviewer: "alice", Repo: r}, Release: ReleaseDeps{Archive: archive}})
	m = tuitest.RunModel(t, m, append(tuitest.Exec(t, m.Init()), tea.WindowSizeMsg{Width: 120, Height: 30})...)
	m = keysIn(t, m, "5")
	if v := m.View(); !strings.Contains(v, "5 Release") || !strings.Contains(v, "unknown (1)") || !strings.Contains(v, "extra.go") {
		t.Fatalf("Release tab:\n%s", v)
	}
	m = keysIn(t, m, "enter", "j", "j", "a")
	if v := m.View(); !strings.Contains(v, "New finding") || !strings.Contains(v, "p-1.tar:extra.go:3") {
		t.Fatalf("a on the member's line 3 should open the form:\n%s", v)
	}
	m = keysIn(t, m, "Payload at init", "tab", "h", "ctrl+s")
	fs := ws.Findings()
	if len(fs) != 1 {
		t.Fatalf("findings: %+v", fs)
	}
	l := fs[0].Steps[0].Location
	if l.Archive == nil || l.Archive.Name != "p-1.tar" || l.Path != "extra.go" || l.StartLine != 3 || l.Commit != pin.Commit.String() {
		t.Fatalf("location %+v", l)
	}
	m = keysIn(t, m, "m")
	if v := m.View(); !strings.Contains(v, "release: 1/1 reviewed") {
		t.Errorf("m should mark the member:\n%s", v)
	}
	if len(ws.Reviewed()) != 0 {
		t.Errorf("m marked files at the pin: %+v", ws.Reviewed())
	}
}
