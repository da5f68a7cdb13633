package triage

import (
	"context"
	"io"
	"os"
	"strings"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
	"github.com/muesli/termenv"

	"sightline/repo/repotest"
	"sightline/repo/repotest/pintest"
	"sightline/review"
	"sightline/review/reviewtest"
	queue "sightline/review/triage"
	"sightline/tui/theme"
	"sightline/tui/tuitest"
)

func TestMain(m *testing.M) { reviewtest.Main(m) }

const runPy = "import subprocess\nimport sys\n\n\ndef run(cmd):\n    return subprocess.call(cmd, shell=True)\n\n\ndef main():\n    arg = sys.argv[1]\n    run(\"ls \" + arg)\n"

const mainC = "#include <stdlib.h>\nint main(int c, char **v) {\n  char buf[64];\n  sprintf(buf, \"ls %s\", v[1]);\n  system(buf);\n}\n"

// setup imports the CodeQL and semgrep fixtures into a fresh workspace
// and returns the view, loaded, at 120×30.
func setup(t testing.TB) (Model, *review.Workspace, *queue.Store) {
	t.Helper()
	rt := repotest.New(t)
	rt.Commit("v1", repotest.Tree{
		"app/run.py":        {Content: runPy},
		"src/main.c":        {Content: mainC},
		"tests/test_run.py": {Content: "def test_x():\n    assert 1 == 1\n"},
	})
	r, pin := pintest.Head(t, rt)
	dir := t.TempDir()
	st := queue.NewStore(dir)
	for _, name := range []string{"codeql.sarif", "semgrep.sarif"} {
		f, err := os.Open("../../review/triage/testdata/" + name)
		if err != nil {
			t.Fatal(err)
		}
		res, err := queue.ParseSARIF(f, "")
		f.Close()
		if err != nil {
			t.Fatal(err)
		}
		if _, err := st.Import(context.Background(), r, pin, name, res); err != nil {
			t.Fatal(err)
		}
	}
	ws, err := review.Open(dir, review.MetaFor(r, pin, nil, "alice"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = ws.Close() })
	rd := lipgloss.NewRenderer(io.Discard)
	rd.SetColorProfile(termenv.Ascii)
	m := New(st, ws, "alice", theme.NewStyles(theme.Default(), rd), DefaultKeyMap())
	m.SetSize(120, 30)
	m = tuitest.Run(t, m, m.Init()())
	return m, ws, st
}

func keyMsgs(names ...string) []any {
	var out []any
	for _, n := range names {
		out = append(out, tuitest.Key(n))
	}
	return out
}

func run(t *testing.T, m Model, names ...string) Model {
	t.Helper()
	for _, k := range keyMsgs(names...) {
		m = tuitest.Run(t, m, k)
	}
	return m
}

func TestTriageWalkConfirmDismissSkip(t *testing.T) {
	m, ws, st := setup(t)
	v := m.View()
	if !strings.Contains(v, "5 to triage") || !strings.Contains(v, "C-0001 pending") || !strings.Contains(v, "1. app/run.py:10  ControlFlowNode for Attribute") {
		t.Fatalf("first view:\n%s", v)
	}
	m = run(t, m, "c", "enter") // C-0001 becomes F-0001 at its rule's severity
	if fs := ws.Findings(); len(fs) != 1 || fs[0].CWE != "CWE-78" || fs[0].Severity != review.SeverityCritical || len(fs[0].Steps) != 3 {
		t.Fatalf("after c: findings %+v", fs)
	}
	v = m.View()
	if !strings.Contains(v, "confirmed: F-0001 critical") || !strings.Contains(v, "4 to triage") || strings.Contains(v, "C-0001") {
		t.Errorf("after c:\n%s", v)
	}
	// The cursor is on the next candidate, C-0002: dismiss it as a false positive.
	m = run(t, m, "d")
	if !m.Capturing() || !strings.Contains(m.View(), "f false positive") {
		t.Errorf("d does not ask for a reason:\n%s", m.View())
	}
	m = run(t, m, "f")
	// Then skip C-0003: it goes to the back of the queue.
	m = run(t, m, "s")
	q, err := st.Load()
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]queue.State{"C-0001": queue.Confirmed, "C-0002": queue.Dismissed, "C-0003": queue.Skipped, "C-0004": queue.Pending}
	for id, s := range want {
		if c, _ := q.Get(id); c.State != s {
			t.Errorf("%s is %s; want %s", id, c.State, s)
		}
	}
	if c, _ := q.Get("2"); c.Reason != queue.FalsePositive || c.Reviewer != "alice" {
		t.Errorf("C-0002: %s by %s", c.Reason, c.Reviewer)
	}
	if c, ok := m.Selected(); !ok || c.ID != "C-0004" {
		t.Errorf("cursor on %v after skip; want C-0004", c)
	}
	if err := tuitest.Inert(m.View(), false); err != nil {
		t.Errorf("the view is not inert (hostile message from the scanner): %v", err)
	}
}

func TestTriageBatchAndFilter(t *testing.T) {
	m, _, st := setup(t)
	// Filter to semgrep's two candidates, select both, dismiss as test code.
	m = run(t, m, "/")
	for _, k := range tuitest.Type("tool:semgrep") {
		m = tuitest.Run(t, m, k)
	}
	m = run(t, m, "enter")
	if shown, _, _ := m.Counts(); shown != 2 {
		t.Fatalf("tool:semgrep shows %d; want 2\n%s", shown, m.View())
	}
	m = run(t, m, "V")
	if _, _, sel := m.Counts(); sel != 2 || !strings.Contains(m.View(), "2 selected") {
		t.Fatalf("V selected %d\n%s", sel, m.View())
	}
	m = run(t, m, "d", "t")
	q, _ := st.Load()
	for _, id := range []string{"C-0004", "C-0005"} {
		if c, _ := q.Get(id); c.State != queue.Dismissed || c.Reason != queue.TestCode {
			t.Errorf("%s: %s %s; want dismissed test-code", id, c.State, c.Reason)
		}
	}
	for _, id := range []string{"C-0001", "C-0002", "C-0003"} {
		if c, _ := q.Get(id); c.State != queue.Pending {
			t.Errorf("%s: %s; the batch touched a candidate outside the selection", id, c.State)
		}
	}
	if shown, _, sel := m.Counts(); shown != 0 || sel != 0 {
		t.Errorf("after the batch: %d shown, %d selected; want 0, 0", shown, sel)
	}
	m = run(t, m, "a")
	if shown, _, _ := m.Counts(); shown != 2 || !strings.Contains(m.View(), "test-code") {
		t.Errorf("a (with decided) shows %d:\n%s", shown, m.View())
	}
	// esc cancels a reason: nothing is written.
	m = run(t, m, "/", "ctrl+u")
	m = run(t, m, "enter", "a", "d", "esc")
	if q2, _ := st.Load(); len(q2.Candidates) != 5 {
		t.Fatal("queue changed")
	}
	if c, _ := st.Load(); func() bool { x, _ := c.Get("1"); return x.State != queue.Pending }() {
		t.Error("esc after d dismissed the candidate")
	}
}

// A keystroke does no I/O: moving over a queue of 10,000 candidates
// returns no Cmd. Its cost is logged here and measured by
// BenchmarkTriageKeystroke (the budget is 16 ms); a wall-clock bound
// in a test would fail on a shared machine for reasons not ours.
func TestTriageKeystrokeCheap(t *testing.T) {
	m := manyCandidates(t, 10_000)
	start := time.Now()
	for i := 0; i < 100; i++ {
		var cmd tea.Cmd
		m, cmd = m.Update(tuitest.Key("j"))
		if cmd != nil {
			t.Fatal("moving returned a Cmd")
		}
		_ = m.View()
	}
	t.Logf("keystroke + redraw over 10,000 candidates: %v", time.Since(start)/100)
}

func BenchmarkTriageKeystroke(b *testing.B) {
	m := manyCandidates(b, 10_000)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		key := "j"
		if i%200 >= 100 {
			key = "k"
		}
		m, _ = m.Update(tuitest.Key(key))
		_ = m.View()
	}
}

// manyCandidates is the Triage tab loaded with n candidates copied from
// the fixture's, each with its own id and fingerprint.
func manyCandidates(tb testing.TB, n int) Model {
	m, _, _ := setup(tb)
	var many []*queue.Candidate
	for i := 0; i < n; i++ {
		c := *m.all[i%len(m.all)]
		c.ID, c.Fingerprint = queue.FormatID(i+1), strings.Repeat("x", 8)+string(rune('a'+i%26))+queue.FormatID(i)
		many = append(many, &c)
	}
	return tuitest.Run(tb, m, LoadedMsg{Cands: many})
}
