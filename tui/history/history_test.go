package history

import (
	"io"
	"os/exec"
	"strconv"
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
	"github.com/muesli/termenv"

	"sightline/repo"
	"sightline/repo/repotest"
	"sightline/repo/repotest/pintest"
	"sightline/tui/internal/drive"
	"sightline/tui/theme"
)

func asciiStyles() theme.Styles {
	r := lipgloss.NewRenderer(io.Discard)
	r.SetColorProfile(termenv.Ascii)
	return theme.NewStyles(theme.Default(), r)
}

func update(m Model, msg tea.Msg) (Model, tea.Cmd) { return m.Update(msg) }

// fixture is a four-commit history: two touch a.go, one b.go, and the
// last has a message with an OSC 52 clipboard write.
func fixture(t *testing.T) (*repotest.Repo, *repo.Repo, repo.Pin) {
	t.Helper()
	rt := repotest.New(t)
	c1 := rt.Commit("initial import\n\nwith a body line", repotest.Tree{"a.go": {Content: "package a\n"}, "b.go": {Content: "package b\n"}})
	c2 := rt.Commit("change a", rt.Edit(c1, repotest.Tree{"a.go": {Content: "package a\n\nvar X = 1\n"}}))
	c3 := rt.Commit("change b", rt.Edit(c2, repotest.Tree{"b.go": {Content: "package b\n\nvar Y = 2\n"}}))
	rt.Commit("subject \x1b]52;c;ZXZpbA==\x07 hidden\n\nbody \x1b[8mconcealed\x1b[0m\r overprint", rt.Edit(c3, repotest.Tree{"a.go": {Content: "package a\n\nvar X = 3\n"}}))
	r, pin := pintest.Head(t, rt)
	return rt, r, pin
}

func newView(t *testing.T) (Model, *repotest.Repo) {
	rt, r, pin := fixture(t)
	m := New(r, pin.Commit, DefaultKeyMap(), asciiStyles())
	m.SetSize(100, 30)
	m.Focus()
	m, _ = drive.Run(m, update, m.Load())
	return m, rt
}

func TestListsCommitsNewestFirstSanitized(t *testing.T) {
	m, rt := newView(t)
	if got := len(m.Commits()); got != 4 {
		t.Fatalf("listed %d commits, want 4", got)
	}
	v := m.View()
	for _, want := range []string{
		"4 commits reachable from",
		rt.Commits[3].String()[:8] + " 2024-01-01 Test Author      (main) subject ^[]52;c;ZXZpbA==^G hidden",
		rt.Commits[0].String()[:8] + " 2024-01-01 Test Author      initial import",
		"commit    " + rt.Commits[3].String(),
		"parent    " + rt.Commits[2].String(),
		"    body ^[[8mconcealed^[[0m^M overprint",
	} {
		if !strings.Contains(v, want) {
			t.Errorf("view lacks %q:\n%s", want, v)
		}
	}
	if strings.ContainsAny(v, "\x1b\x07\r") {
		t.Errorf("raw control reached the view: %q", v)
	}
	if strings.Index(v, "subject") > strings.Index(v, "initial import") {
		t.Errorf("commits not newest first:\n%s", v)
	}
}

func TestPathHistoryMatchesGit(t *testing.T) {
	m, rt := newView(t)
	m, _ = drive.Run(m, update, m.ShowPath("a.go"))
	var got []string
	for _, c := range m.Commits() {
		got = append(got, c.Hash.String())
	}
	want := []string{rt.Commits[3].String(), rt.Commits[1].String(), rt.Commits[0].String()}
	if strings.Join(got, " ") != strings.Join(want, " ") {
		t.Fatalf("history of a.go = %v, want %v", got, want)
	}
	if !strings.Contains(m.View(), "3 commits touching a.go") {
		t.Errorf("title does not name the path:\n%s", m.View())
	}
	if _, err := exec.LookPath("git"); err == nil {
		out, err := exec.Command("git", "-C", rt.Dir, "log", "--format=%H", "--", "a.go").Output()
		if err != nil {
			t.Fatal(err)
		}
		if g := strings.Fields(string(out)); strings.Join(g, " ") != strings.Join(got, " ") {
			t.Errorf("git log -- a.go = %v, sightline %v", g, got)
		}
	}
	m, _ = drive.Keys(m, update, nil, "esc")
	m, _ = drive.Run(m, update, nil)
	if m.Path() != "" {
		t.Errorf("esc kept the path filter %q", m.Path())
	}
}

func TestSetBase(t *testing.T) {
	m, rt := newView(t)
	_, out := drive.Keys(m, update, []any{SetBaseMsg{}}, "j", "j", "B")
	if len(out) != 1 || out[0].(SetBaseMsg).Commit.String() != rt.Commits[1].String() {
		t.Fatalf("B sent %v, want SetBaseMsg for the third-newest commit", out)
	}
}

func TestEscCancelsWalkAndDropsLateBatches(t *testing.T) {
	_, r, pin := fixture(t)
	m := New(r, pin.Commit, DefaultKeyMap(), asciiStyles())
	m.SetSize(100, 30)
	m.Focus()
	cmd := m.Load()
	m, _ = m.Update(tea.KeyMsg{Type: tea.KeyEsc})
	if m.Loading() {
		t.Fatal("esc did not stop the walk")
	}
	m, _ = drive.Run(m, update, cmd)
	if n := len(m.Commits()); n != 0 {
		t.Errorf("a cancelled walk still listed %d commits", n)
	}
	if !strings.Contains(m.View(), "cancelled") {
		t.Errorf("view does not say cancelled:\n%s", m.View())
	}
}

func TestLongHistoryIsListedPageByPage(t *testing.T) {
	rt := repotest.New(t)
	h := rt.Commit("c0", repotest.Tree{"a": {Content: "0\n"}})
	for i := 1; i < 25; i++ {
		h = rt.Commit("c"+strconv.Itoa(i), rt.Edit(h, repotest.Tree{"a": {Content: strconv.Itoa(i) + "\n"}}))
	}
	r := pintest.Open(t, rt.Dir)
	m := New(r, repo.Hash(h), DefaultKeyMap(), asciiStyles())
	m.pageSize = 10
	m.SetSize(100, 30)
	m.Focus()
	m, _ = drive.Run(m, update, m.Load())
	if n := len(m.Commits()); n != 10 || !strings.Contains(m.View(), "10 commits reachable from "+repo.Hash(h).Short()+" so far · scroll down for more") {
		t.Fatalf("first page: %d commits, view:\n%s", n, m.View())
	}
	// G now lists every page (issue 12.6); half-page moves still list
	// one page at a time, as the cursor nears the end.
	halfDown := func() tea.Msg { return tea.KeyMsg{Type: tea.KeyCtrlD} }
	m, _ = drive.Run(m, update, halfDown) // near the end: ask for the next page
	if n := len(m.Commits()); n != 20 {
		t.Fatalf("after ctrl+d: %d commits, want 20", n)
	}
	m, _ = drive.Run(m, update, halfDown)
	if n := len(m.Commits()); n != 25 || m.Loading() {
		t.Fatalf("after the second ctrl+d: %d commits (loading %v), want all 25", n, m.Loading())
	}
}

// Issue 12.6: G stopped at the end of the first page.
func TestBottomGoesToTheRealEnd(t *testing.T) {
	rt := repotest.New(t)
	h := rt.Commit("c0 the root", repotest.Tree{"a": {Content: "0\n"}})
	for i := 1; i < 35; i++ {
		h = rt.Commit("c"+strconv.Itoa(i), rt.Edit(h, repotest.Tree{"a": {Content: strconv.Itoa(i) + "\n"}}))
	}
	r, err := repo.Open(rt.Dir)
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	m := New(r, repo.Hash(h), DefaultKeyMap(), asciiStyles())
	m.pageSize = 10
	m.SetSize(100, 30)
	m.Focus()
	m, _ = drive.Run(m, update, m.Load())
	m, _ = drive.Keys(m, update, nil, "G")
	c, ok := m.Selected()
	if n := len(m.Commits()); n != 35 || m.Loading() || !ok || c.Subject() != "c0 the root" {
		t.Fatalf("after G: %d commits (loading %v), cursor on %q, want the root of 35", n, m.Loading(), c.Subject())
	}
	if v := m.View(); !strings.Contains(v, "35 commits reachable") || !strings.Contains(v, "c0 the root") {
		t.Fatalf("view after G:\n%s", v)
	}
}

func TestRootCommitDiffIsAgainstEmptyTree(t *testing.T) {
	m, _ := newView(t)
	m, _ = drive.Keys(m, update, nil, "G", "enter")
	v := m.View()
	for _, want := range []string{"2 files changed, +2 -0", "empty tree (000000000000) → init", "A     +1 -0  a.go"} {
		if !strings.Contains(v, want) {
			t.Errorf("root commit diff lacks %q:\n%s", want, v)
		}
	}
	m, _ = drive.Keys(m, update, nil, "esc")
	if _, open := m.ShowingDiff(); open || !strings.Contains(m.View(), "4 commits reachable") {
		t.Errorf("esc did not return to the list:\n%s", m.View())
	}
}

func TestLongMessageScrollsInTheDetailPane(t *testing.T) {
	rt := repotest.New(t)
	var msg strings.Builder
	msg.WriteString("long one\n\n")
	for i := 1; i <= 40; i++ {
		msg.WriteString("message line " + strconv.Itoa(i) + "\n")
	}
	h := rt.Commit(msg.String(), repotest.Tree{"a": {Content: "a\n"}})
	r := pintest.Open(t, rt.Dir)
	m := New(r, repo.Hash(h), DefaultKeyMap(), asciiStyles())
	m.SetSize(100, 30)
	m.Focus()
	m, _ = drive.Run(m, update, m.Load())
	v := m.View()
	if !strings.Contains(v, "message line 1\n") || strings.Contains(v, "message line 40") || !strings.Contains(v, "more lines · J/K scroll the message") {
		t.Fatalf("the detail pane does not show the top and say there is more:\n%s", v)
	}
	m, _ = drive.Keys(m, update, nil, strings.Repeat("J", 60))
	v = m.View()
	if !strings.Contains(v, "message line 40") || strings.Contains(v, "message line 1\n") || strings.Contains(v, "more lines") {
		t.Fatalf("J did not scroll to the message's end:\n%s", v)
	}
	if len(strings.Split(v, "\n")) != 30 {
		t.Errorf("view has %d lines, want 30", len(strings.Split(v, "\n")))
	}
	m, _ = drive.Keys(m, update, nil, "K")
	if v = m.View(); !strings.Contains(v, "message line 29\n") || !strings.Contains(v, "… 2 more lines") || strings.Contains(v, "message line 40") {
		t.Errorf("K did not scroll up a line:\n%s", v)
	}
	m, _ = drive.Keys(m, update, nil, strings.Repeat("K", 60))
	if v = m.View(); !strings.Contains(v, "commit    "+repo.Hash(h).String()) {
		t.Errorf("K did not scroll back to the header:\n%s", v)
	}
}

// Issue 17.1: a commit whose message is too long to hold is shown cut,
// with a note saying how big it is, in lines no wider than the pane.
func TestDetailSaysMessageIsCut(t *testing.T) {
	c := repo.Commit{Message: strings.Repeat("m", 5000), MessageCut: 268435652}
	lines := Detail(c, 60, theme.PlainStyles())
	joined := strings.Join(lines, "\n")
	if !strings.Contains(joined, "[message cut: the commit is 268435652 bytes") {
		t.Fatalf("no note that the message is cut:\n%s", joined)
	}
	for _, l := range lines {
		if w := lipgloss.Width(l); w > 60 {
			t.Fatalf("line %d columns wide, want at most 60: %q", w, l)
		}
	}
	if whole := strings.Join(Detail(repo.Commit{Message: "short"}, 60, theme.PlainStyles()), "\n"); strings.Contains(whole, "message cut") {
		t.Fatalf("a whole message says it is cut:\n%s", whole)
	}
}

// One commit is "1 commit", in the path history's title and the whole
// history's.
func TestOneCommitIsSingular(t *testing.T) {
	rt := repotest.New(t)
	rt.Commit("only", repotest.Tree{"a.go": {Content: "package a\n"}})
	r, pin := pintest.Head(t, rt)
	m := New(r, pin.Commit, DefaultKeyMap(), asciiStyles())
	m.SetSize(100, 30)
	m, _ = drive.Run(m, update, m.Init())
	if v := m.View(); !strings.Contains(v, "1 commit reachable from") {
		t.Errorf("whole history title:\n%s", v)
	}
	m, _ = drive.Run(m, update, m.ShowPath("a.go"))
	if v := m.View(); !strings.Contains(v, "1 commit touching a.go (from") {
		t.Errorf("path history title:\n%s", v)
	}
}
