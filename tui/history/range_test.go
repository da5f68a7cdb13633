package history

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"

	"sightline/repo"
	"sightline/repo/repotest"
	"sightline/repo/repotest/pintest"
	"sightline/tui/internal/drive"
)

// rangeFixture: a release v1.0, then main moves on while a side branch
// forked before v1.0 is merged after it; a branch with an escape
// sequence in its name (written as a crafted repository holds it) points
// at the pin.
func rangeFixture(t *testing.T) (*repotest.Repo, Model) {
	t.Helper()
	rt := repotest.New(t)
	c1 := rt.Commit("one", repotest.Tree{"a": {Content: "1\n"}})
	s1 := rt.CommitWithParents("side work", rt.Edit(c1, repotest.Tree{"b": {Content: "b\n"}}), c1)
	c2 := rt.Commit("release", rt.Edit(c1, repotest.Tree{"a": {Content: "2\n"}}))
	rt.Tag("v1.0", c2, "version 1.0")
	c3 := rt.Commit("fix after release", rt.Edit(c2, repotest.Tree{"a": {Content: "3\n"}}))
	rt.SetHead(rt.CommitWithParents("merge side", rt.Edit(c3, repotest.Tree{"b": {Content: "b\n"}}), c3, s1))
	if err := os.WriteFile(filepath.Join(rt.Dir, ".git", "refs", "heads", "evil\x1b]0;t\x07x"), []byte(rt.Head().String()+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	r, pin := pintest.Head(t, rt)
	m := New(r, pin.Commit, DefaultKeyMap(), asciiStyles())
	m.SetBase(repo.Hash(c2), "v1.0")
	m.SetSize(120, 30)
	m.Focus()
	m, _ = drive.Run(m, update, m.Load())
	return rt, m
}

func hashes(m Model) []string {
	var out []string
	for _, c := range m.Commits() {
		out = append(out, c.Hash.String())
	}
	return out
}

func TestRangeListsBaseToPinAsGitDoes(t *testing.T) {
	rt, m := rangeFixture(t)
	got := hashes(m)
	if len(got) != 3 {
		t.Fatalf("base..pin lists %d commits, want 3 (merge, fix, side work):\n%s", len(got), m.View())
	}
	if _, err := exec.LookPath("git"); err == nil {
		out, err := exec.Command("git", "-C", rt.Dir, "log", "--format=%H", "v1.0..HEAD").Output()
		if err != nil {
			t.Fatal(err)
		}
		if want := strings.Fields(string(out)); strings.Join(want, " ") != strings.Join(got, " ") {
			t.Errorf("git log v1.0..HEAD = %v, sightline %v", want, got)
		}
	}
	v := m.View()
	base := rt.Commits[2].String()[:12]
	if !strings.Contains(v, "base..pin: 3 commits in v1.0 "+base+".."+rt.Head().String()[:12]) {
		t.Errorf("the header does not say base..pin and its count:\n%s", v)
	}
	if strings.Contains(v, "release") && !strings.Contains(v, "fix after release") {
		t.Errorf("the base itself is listed:\n%s", v)
	}
	// The pin's row carries its branches, the hostile name as markers.
	if !strings.Contains(v, "(evil^[]0;t^Gx, main) merge side") {
		t.Errorf("the pin's row lacks its sanitized branch names:\n%s", v)
	}
	if strings.ContainsAny(v, "\x1b\x07") {
		t.Errorf("a raw control from a ref name reached the view: %q", v)
	}
}

func TestRangeTogglesToFullHistory(t *testing.T) {
	rt, m := rangeFixture(t)
	m, _ = drive.Keys(m, update, nil, "r")
	m, _ = drive.Run(m, update, nil)
	v := m.View()
	if len(m.Commits()) != 5 || !strings.Contains(v, "full history: 5 commits reachable from") || !strings.Contains(v, "r: only base..pin") {
		t.Fatalf("r did not list the full history and say so (%d commits):\n%s", len(m.Commits()), v)
	}
	// The base's row shows its tag; the detail pane names every ref.
	if !strings.Contains(v, rt.Commits[2].String()[:8]+" 2024-01-01 Test Author      (tag: v1.0) release") {
		t.Errorf("the release commit's row lacks its tag:\n%s", v)
	}
	m, _ = drive.Keys(m, update, nil, "/", "v", "1", ".", "0", "enter")
	if c, _ := m.Selected(); c.Hash.String() != rt.Commits[2].String() || !strings.Contains(m.View(), "refs      tag: v1.0") {
		t.Errorf("/v1.0 did not find the tagged commit and show its refs:\n%s", m.View())
	}
	m, _ = drive.Keys(m, update, nil, "r")
	m, _ = drive.Run(m, update, nil)
	if len(m.Commits()) != 3 || !strings.Contains(m.View(), "base..pin: 3 commits") {
		t.Errorf("r again did not go back to base..pin:\n%s", m.View())
	}
}

func TestRangeKeyWithoutBaseSaysWhy(t *testing.T) {
	m, _ := newView(t)
	m, _ = drive.Keys(m, update, nil, "r")
	if v := m.View(); !strings.Contains(v, "no base, so no range") || len(m.Commits()) != 4 {
		t.Errorf("r without a base did not say why:\n%s", v)
	}
}

func TestBaseMsgRelistsTheRange(t *testing.T) {
	rt, r, pin := fixture(t)
	m := New(r, pin.Commit, DefaultKeyMap(), asciiStyles())
	m.SetSize(100, 30)
	m, _ = drive.Run(m, update, m.Load())
	m, _ = drive.Run(m, update, func() tea.Msg { return BaseMsg{Commit: repo.Hash(rt.Commits[1]), Label: rt.Commits[1].String()[:12]} })
	if len(m.Commits()) != 2 || !strings.Contains(m.View(), "base..pin: 2 commits in "+rt.Commits[1].String()[:12]+"..") {
		t.Errorf("a new base did not list base..pin:\n%s", m.View())
	}
}
