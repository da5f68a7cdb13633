package release

import (
	"archive/tar"
	"bytes"
	"compress/gzip"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"sightline/repo/repotest"
	"sightline/repo/repotest/pintest"
	"sightline/review"
	"sightline/tui/tuitest"
)

// A script only in the archive with a bidi override hidden in it, and a
// binary only in the archive.
const injectSh = "#!/bin/sh\n# harmless\nif [ \"$x\" = \"user\u202e \u2066// admin\u2069\u2066\" ]; then\n  eval \"$payload\"\nfi\n"

var blobBin = append([]byte("\x7fELF\x02\x01\x01\x00"), bytes.Repeat([]byte{0, 1, 2, 3, 0xfe}, 20)...)

// archiveFixture is a tree and a release archive of it plus members only
// in the archive (members, path -> content), in a workspace.
func archiveFixture(t *testing.T, members map[string][]byte) (Deps, *review.Workspace) {
	t.Helper()
	rt := repotest.New(t)
	rt.Commit("v1", repotest.Tree{"README": {Content: "hello\n"}})
	r, pin := pintest.Head(t, rt)
	dir := t.TempDir()
	var buf bytes.Buffer
	zw := gzip.NewWriter(&buf)
	tw := tar.NewWriter(zw)
	members["README"] = []byte("hello\n")
	for name, data := range members {
		if err := tw.WriteHeader(&tar.Header{Name: "pkg-1.0/" + name, Mode: 0o644, Size: int64(len(data)), Typeflag: tar.TypeReg}); err != nil {
			t.Fatal(err)
		}
		_, _ = tw.Write(data)
	}
	_ = tw.Close()
	_ = zw.Close()
	archive := filepath.Join(dir, "pkg-1.0.tar.gz")
	if err := os.WriteFile(archive, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	ws, err := review.Open(filepath.Join(dir, "ws"), review.MetaFor(r, pin, nil, "reviewer1"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = ws.Close() })
	return Deps{Repo: r, Pin: pin, Archive: archive, WS: ws, Styles: asciiStyles()}, ws
}

// cursorOn puts the list's cursor on path's row.
func cursorOn(t *testing.T, m Model, path string) Model {
	t.Helper()
	for i, r := range m.rows {
		if !r.heading && r.res.Path == path {
			m.cur = i
			return m
		}
	}
	t.Fatalf("%s is not listed:\n%s", path, m.View())
	return m
}

func TestReleaseArchiveOnlyMemberOpensInCodeView(t *testing.T) {
	d, ws := archiveFixture(t, map[string][]byte{"build-aux/inject.sh": []byte(injectSh)})
	m := started(t, d)
	m = cursorOn(t, m, "build-aux/inject.sh")
	m = tuitest.Run(t, m, press("enter"))
	m = tuitest.Run(t, m, tuitest.Exec(t, nil)...)
	if !m.CodeOpen() {
		t.Fatalf("enter did not open the member in the code view:\n%s", m.View())
	}
	view := m.View()
	lines := strings.Split(view, "\n")
	if !strings.Contains(lines[0], "pkg-1.0.tar.gz: build-aux/inject.sh (only in the archive, read-only)") {
		t.Errorf("title = %q", lines[0])
	}
	// The code view, not the diff: no + column, the bidi characters
	// marked and counted.
	if strings.Contains(view, "+#!/bin/sh") || !strings.Contains(view, "#!/bin/sh") {
		t.Errorf("not the code view:\n%s", view)
	}
	if strings.ContainsRune(view, '\u202e') || m.Code().HostileCount() != 4 {
		t.Errorf("hostile characters: %d marked, raw in view: %v\n%s", m.Code().HostileCount(), strings.ContainsRune(view, '\u202e'), view)
	}
	if err := tuitest.Inert(view, false); err != nil {
		t.Error(err)
	}
	// j j V j: a finding on lines 3-4 is an archive location.
	for _, k := range []string{"j", "j", "V", "j"} {
		m = tuitest.Run(t, m, press(k))
	}
	l, err := m.SelectedLines()
	if err != nil || l.Archive == nil || l.Archive.Name != "pkg-1.0.tar.gz" || l.Path != "build-aux/inject.sh" ||
		l.Start != 3 || l.End != 4 || string(l.Content) != injectSh || l.Commit != d.Pin.Commit {
		t.Fatalf("SelectedLines = %+v, %v", l, err)
	}
	if _, err := review.NewArchiveLocation(l.Commit, *l.Archive, l.Path, l.Content, l.Start, l.End); err != nil {
		t.Fatalf("location: %v", err)
	}
	// m marks the member in the release scope; the tree's marks are untouched.
	m = tuitest.Run(t, m, press("m"))
	if extra, _ := m.Status(); !strings.Contains(extra, "release: 1/1 reviewed") {
		t.Errorf("after m: %q", extra)
	}
	if got := ws.Reviewed(); len(got) != 0 {
		t.Errorf("m in the archive's code view marked files at the pin: %v", got)
	}
	// The scope's size is kept with the marks, for the exported bundle.
	if all, err := ws.AllReleaseMarks(); err != nil || len(all) != 1 || all[0].InScope != 1 || len(all[0].Reviewed) != 1 {
		t.Errorf("release marks = %+v, %v", all, err)
	}
	m = tuitest.Run(t, m, press("q"))
	if m.CodeOpen() || m.DiffOpen() {
		t.Error("q did not go back to the list")
	}
}

func TestReleaseArchiveOnlyBinaryOpensAsHex(t *testing.T) {
	d, _ := archiveFixture(t, map[string][]byte{"data/blob.bin": blobBin})
	m := started(t, d)
	m = cursorOn(t, m, "data/blob.bin")
	m = tuitest.Run(t, m, press("enter"))
	if !m.CodeOpen() || !m.Code().HexShown() {
		t.Fatalf("a binary member is not in the hex view:\n%s", m.View())
	}
	view := m.View()
	if !strings.Contains(view, "7f 45 4c 46") || !strings.Contains(view, "pkg-1.0.tar.gz: data/blob.bin") {
		t.Errorf("hex view:\n%s", view)
	}
	if _, err := m.SelectedLines(); err == nil || !strings.Contains(err.Error(), "x shows it as text") {
		t.Errorf("lines of a hex view: %v", err)
	}
}

// A stale code-view answer (a member shown before) is dropped, and code
// messages never leave the tab untagged.
func TestReleaseCodeViewDropsStaleAnswers(t *testing.T) {
	d, _ := archiveFixture(t, map[string][]byte{"a.sh": []byte("echo a\n"), "b.sh": []byte("echo b\n")})
	m := started(t, d)
	m = cursorOn(t, m, "a.sh")
	m, cmd := m.Update(press("enter"))
	msgs := tuitest.Exec(t, cmd) // the member read
	m, cmd = m.Update(msgs[0])
	stale := tuitest.Exec(t, cmd) // a.sh's code load, held back
	for _, s := range stale {
		if _, ok := s.(codeMsg); !ok {
			t.Fatalf("untagged code view message %T", s)
		}
	}
	m = tuitest.Run(t, m, press("q"))
	m = cursorOn(t, m, "b.sh")
	m = tuitest.Run(t, m, press("enter"))
	m = tuitest.Run(t, m, stale...)
	if v := m.View(); !strings.Contains(v, "echo b") || strings.Contains(v, "echo a") {
		t.Errorf("a stale load was shown:\n%s", v)
	}
}

// A binary member that differs from the tree opens in the hex diff:
// both blob ids and the changed range, tree above archive.
func TestReleaseBinaryThatDiffersOpensHexDiff(t *testing.T) {
	rt := repotest.New(t)
	tree := append([]byte(nil), blobBin...)
	rt.Commit("v1", repotest.Tree{"README": {Content: "hello\n"}, "data/blob.bin": {Content: string(tree)}})
	r, pin := pintest.Head(t, rt)
	shipped := append([]byte(nil), blobBin...)
	shipped[40] = 0xcc
	d, _ := archiveFixture(t, map[string][]byte{"data/blob.bin": shipped})
	d.Repo, d.Pin = r, pin
	m := started(t, d)
	m = cursorOn(t, m, "data/blob.bin")
	m = tuitest.Run(t, m, press("enter"))
	if !m.HexOpen() || m.CodeOpen() {
		t.Fatalf("no hex diff:\n%s", m.View())
	}
	view := m.View()
	for _, want := range []string{"pkg-1.0.tar.gz: data/blob.bin (binary: tree → archive, hex)", "tree     blob ", "archive  blob ",
		"1 changed ranges", "range 1/1: 0x28–0x28", "  tree    00000020  fe 00 01 02 03 fe 00 01  02 03 fe 00 01 02 03 fe",
		"  archive 00000020  fe 00 01 02 03 fe 00 01  cc 03 fe 00 01 02 03 fe"} {
		if !strings.Contains(view, want) {
			t.Errorf("hex diff lacks %q:\n%s", want, view)
		}
	}
	if _, err := m.SelectedLines(); err == nil {
		t.Error("a hex diff gave lines for a finding")
	}
	m = tuitest.Run(t, m, press("m"))
	if extra, _ := m.Status(); !strings.Contains(extra, "release: 1/1 reviewed") {
		t.Errorf("after m: %q", extra)
	}
	m = tuitest.Run(t, m, press("q"))
	if m.HexOpen() || m.DiffOpen() {
		t.Error("q did not go back to the list")
	}
}
