package release

import (
	"archive/tar"
	"bytes"
	"compress/gzip"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
	"github.com/muesli/termenv"

	"sightline/repo/repotest"
	"sightline/repo/repotest/pintest"
	"sightline/review"
	"sightline/review/reviewtest"
	"sightline/tui/diff"
	"sightline/tui/theme"
	"sightline/tui/tuitest"
)

func TestMain(m *testing.M) { reviewtest.Main(m) }

const (
	upstreamM4 = "# build-to-host.m4 serial 3\ndnl upstream gnulib\nAC_DEFUN([gl_BUILD_TO_HOST],\n[\n  gl_final=ok\n])\n"
	modifiedM4 = "# build-to-host.m4 serial 3\ndnl upstream gnulib\nAC_DEFUN([gl_BUILD_TO_HOST],\n[\n  gl_final=ok\n  eval $gl_payload\n])\n"
)

func asciiStyles() theme.Styles {
	r := lipgloss.NewRenderer(io.Discard)
	r.SetColorProfile(termenv.Ascii)
	return theme.NewStyles(theme.Default(), r)
}

// fixture is a tree, a release archive of it with a modified upstream m4
// file and a changed source file, and a --known directory holding the
// genuine m4 file.
func fixture(t *testing.T) (Deps, *review.Workspace) {
	t.Helper()
	rt := repotest.New(t)
	rt.Commit("v1", repotest.Tree{"README": {Content: "hello\n"}, "src/main.c": {Content: "int main(void) { return 0; }\n"}})
	r, pin := pintest.Head(t, rt)
	dir := t.TempDir()
	var buf bytes.Buffer
	zw := gzip.NewWriter(&buf)
	tw := tar.NewWriter(zw)
	for _, m := range [][2]string{{"README", "hello\n"}, {"src/main.c", "int main(void) { return 1; }\n"}, {"m4/build-to-host.m4", modifiedM4}} {
		if err := tw.WriteHeader(&tar.Header{Name: "pkg-1.0/" + m[0], Mode: 0o644, Size: int64(len(m[1])), Typeflag: tar.TypeReg}); err != nil {
			t.Fatal(err)
		}
		_, _ = tw.Write([]byte(m[1]))
	}
	_ = tw.Close()
	_ = zw.Close()
	archive := filepath.Join(dir, "pkg-1.0.tar.gz")
	if err := os.WriteFile(archive, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	known := filepath.Join(dir, "aclocal")
	if err := os.MkdirAll(known, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(known, "build-to-host.m4"), []byte(upstreamM4), 0o644); err != nil {
		t.Fatal(err)
	}
	ws, err := review.Open(filepath.Join(dir, "ws"), review.MetaFor(r, pin, nil, "reviewer1"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = ws.Close() })
	return Deps{Repo: r, Pin: pin, Archive: archive, Known: []string{known}, WS: ws, Styles: asciiStyles()}, ws
}

func started(t *testing.T, d Deps) Model {
	t.Helper()
	m := New(d)
	m.SetSize(100, 30)
	cmd := Model.Start(m) // on a copy, as the root's view does
	if extra, _ := m.Status(); !strings.Contains(extra, "release: comparing ") {
		t.Errorf("status while comparing = %q", extra)
	}
	m = tuitest.Run(t, m, tuitest.Exec(t, cmd)...)
	return m
}

func press(s string) tea.Msg { return tuitest.Key(s) }

func TestReleaseTabRiskiestFirstDiffMarkAndLines(t *testing.T) {
	d, ws := fixture(t)
	m := started(t, d)
	view := m.View()
	lines := strings.Split(view, "\n")
	if !strings.Contains(lines[0], "Release pkg-1.0.tar.gz (sha256 ") || !strings.Contains(lines[0], "release: 0/2 reviewed") {
		t.Errorf("header = %q", lines[0])
	}
	if !strings.Contains(lines[1], "modified upstream (1)") || !strings.Contains(lines[2], "m4/build-to-host.m4") ||
		!strings.Contains(lines[3], "differs (1)") || !strings.Contains(lines[4], "src/main.c") {
		t.Fatalf("the modified upstream file is not at the top:\n%s", view)
	}
	if !strings.Contains(view, "identical (1)") {
		t.Errorf("identical members are not counted:\n%s", view)
	}

	// enter: its diff against the closest upstream version.
	m = tuitest.Run(t, m, press("enter"))
	view = m.View()
	if !m.DiffOpen() || !strings.Contains(view, "m4/build-to-host.m4 (- upstream aclocal/build-to-host.m4  + archive)") ||
		!strings.Contains(view, "eval $gl_payload") {
		t.Fatalf("diff not shown:\n%s", view)
	}
	// The cursor is on the added line: a finding there is in the archive.
	l, err := m.SelectedLines()
	if err != nil || l.Archive == nil || l.Archive.Name != "pkg-1.0.tar.gz" || l.Path != "m4/build-to-host.m4" || l.Start != 6 ||
		string(l.Content) != modifiedM4 || l.Commit != d.Pin.Commit {
		t.Fatalf("SelectedLines = %+v, %v", l, err)
	}
	loc, err := review.NewArchiveLocation(l.Commit, *l.Archive, l.Path, l.Content, l.Start, l.End)
	if err != nil || loc.Blob == "" {
		t.Fatalf("location: %v", err)
	}
	// The diff keys work: s side by side, ]f the next member.
	m = tuitest.Run(t, m, press("s"))
	if !m.Diff().SideBySide() {
		t.Error("s did not switch to side by side")
	}

	// m marks the member, in the workspace.
	m = tuitest.Run(t, m, press("m"))
	if extra, _ := m.Status(); !strings.Contains(extra, "release: 1/2 reviewed") {
		t.Errorf("after m: %q", extra)
	}
	m = tuitest.Run(t, m, tuitest.Type("]f")[0], tuitest.Type("]f")[1])
	if !strings.Contains(m.View(), "src/main.c (- tree  + archive)") {
		t.Errorf("]f did not open the next member:\n%s", m.View())
	}
	// On the - side of a member that differs from the tree, the lines are
	// the tree's (unified again: side by side, a row holds both sides).
	m = tuitest.Run(t, m, press("s"))
	for i := 0; i < 5; i++ {
		if side, _, _, _ := m.Diff().Lines(); side == diff.SideBase {
			break
		}
		m = tuitest.Run(t, m, press("k"))
	}
	if l, err := m.SelectedLines(); err != nil || l.Archive != nil || l.Path != "src/main.c" {
		t.Errorf("tree side lines = %+v, %v", l, err)
	}
	if !m.Close() || m.DiffOpen() {
		t.Error("Close did not go back to the list")
	}

	// The marks are the workspace's: a new tab shows them.
	again := started(t, d)
	if extra, _ := again.Status(); !strings.Contains(extra, "release: 1/2 reviewed") {
		t.Errorf("marks not kept: %q", extra)
	}
	if !strings.Contains(again.View(), "✓ m4/build-to-host.m4") {
		t.Errorf("the mark is not drawn:\n%s", again.View())
	}
	_ = ws
}

func TestReleaseTabNamesAFailure(t *testing.T) {
	d, _ := fixture(t)
	d.Archive = filepath.Join(t.TempDir(), "missing.tar.gz")
	m := started(t, d)
	if _, err := m.Status(); !strings.Contains(err, "release archive: ") || !strings.Contains(m.View(), "no such file") {
		t.Errorf("status err %q, view:\n%s", err, m.View())
	}
}

// The comparison's progress reaches the status line, count by count, and
// a count from an earlier comparison is dropped.
func TestReleaseProgressOnStatusLine(t *testing.T) {
	d, _ := fixture(t)
	m := New(d)
	ch := make(chan int, 1)
	ch <- 9
	close(ch) // the comparison ends after it
	m, cmd := m.Update(progressMsg{id: m.id, members: 7, ch: ch})
	if extra, _ := m.Status(); !strings.Contains(extra, "release: comparing ") || !strings.Contains(extra, "7 members read") {
		t.Errorf("status = %q", extra)
	}
	m = tuitest.Run(t, m, tuitest.Exec(t, cmd)...)
	if extra, _ := m.Status(); !strings.Contains(extra, "9 members read") {
		t.Errorf("the next count was not waited for: %q", extra)
	}
	m, _ = m.Update(progressMsg{id: m.id - 1, members: 100})
	if extra, _ := m.Status(); strings.Contains(extra, "100") {
		t.Errorf("a stale count was shown: %q", extra)
	}
}
