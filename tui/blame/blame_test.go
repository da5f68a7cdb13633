package blame

import (
	"os/exec"
	"strconv"
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"

	"sightline/repo"
	"sightline/repo/repotest"
	"sightline/repo/repotest/pintest"
	"sightline/tui/internal/drive"
)

func update(m Model, msg tea.Msg) (Model, tea.Cmd) { return m.Update(msg) }

func TestBlameGutterNamesLastChange(t *testing.T) {
	rt := repotest.New(t)
	c1 := rt.Commit("one", repotest.Tree{"f.go": {Content: "a\nb\nc\n"}})
	rt.Author.Name = "Mallory \x1b]0;owned\x07"
	c2 := rt.Commit("two", rt.Edit(c1, repotest.Tree{"f.go": {Content: "a\nB\nc\n"}}))
	r := pintest.Open(t, rt.Dir)
	m := New(r, repo.Hash(c2))
	m, _ = drive.Run(m, update, m.Toggle("f.go"))
	text := m.Text("f.go")
	if len(text) != 3 {
		t.Fatalf("gutter has %d lines, want 3 (err %v)", len(text), m.Err())
	}
	if !strings.HasPrefix(text[0], c1.String()[:8]+" Test Author ") || !strings.HasSuffix(text[0], "2024-01-01") {
		t.Errorf("line 1 gutter = %q", text[0])
	}
	if !strings.HasPrefix(text[1], c2.String()[:8]+" Mallory ^[]…") {
		t.Errorf("line 2 gutter = %q, want c2 and the sanitized author", text[1])
	}
	if strings.ContainsAny(strings.Join(text, ""), "\x1b\x07") {
		t.Errorf("raw control in the gutter: %q", text)
	}
	if h, ok := m.CommitAt("f.go", 2); !ok || h != repo.Hash(c2) {
		t.Errorf("CommitAt(2) = %v %v, want c2", h, ok)
	}
	if _, err := exec.LookPath("git"); err == nil {
		out, err := exec.Command("git", "-C", rt.Dir, "blame", "--line-porcelain", c2.String(), "--", "f.go").Output()
		if err != nil {
			t.Fatal(err)
		}
		n := 0
		for _, l := range strings.Split(string(out), "\n") {
			f := strings.Fields(l)
			if len(f) >= 3 && len(f[0]) == 40 {
				n++
				if h, _ := m.CommitAt("f.go", n); h.String() != f[0] {
					t.Errorf("line %d: git blames %s, sightline %s", n, f[0], h)
				}
				if f[2] != strconv.Itoa(n) {
					t.Errorf("unexpected porcelain line %q", l)
				}
			}
		}
	}
	if cmd := m.Toggle("f.go"); cmd != nil || m.Text("f.go") != nil {
		t.Errorf("second toggle did not hide the blame")
	}
}

func TestCancelDropsResult(t *testing.T) {
	rt := repotest.New(t)
	c1 := rt.Commit("one", repotest.Tree{"f.go": {Content: "a\n"}})
	r := pintest.Open(t, rt.Dir)
	m := New(r, repo.Hash(c1))
	cmd := m.Toggle("f.go")
	if !m.Busy() || !strings.Contains(m.Progress(), "blaming f.go") {
		t.Fatalf("no progress while blaming: %q", m.Progress())
	}
	m.Cancel()
	m, _ = drive.Run(m, update, cmd)
	if m.Text("f.go") != nil || m.Busy() {
		t.Errorf("a cancelled blame was shown")
	}
}
