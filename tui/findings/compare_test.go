package findings

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"sightline/repo"
	"sightline/repo/repotest"
	"sightline/repo/repotest/pintest"
	"sightline/review"
	"sightline/review/carry"
	"sightline/tui/diff"
	"sightline/tui/nav"
	"sightline/tui/theme"
)

// carriedFixture carries a finding with a changed, a moved and a gone
// step from commit A to commit B of a real repository.
func carriedFixture(t *testing.T) (*repo.Repo, repo.Pin, repo.Pin, review.Finding) {
	t.Helper()
	var a, b strings.Builder
	for i := 1; i <= 30; i++ {
		fmt.Fprintf(&a, "line %d: keep(%d)\n", i, i)
	}
	b.WriteString("// new header\n// more\n")
	for i := 1; i <= 30; i++ {
		switch {
		case i == 11:
			b.WriteString("line 11: check_bounds_first(11)\n")
		case i >= 25:
		default:
			fmt.Fprintf(&b, "line %d: keep(%d)\n", i, i)
		}
	}
	rt := repotest.New(t)
	ha := rt.Commit("A", repotest.Tree{"src/a.c": {Content: a.String()}})
	hb := rt.Commit("B", repotest.Tree{"src/a.c": {Content: b.String()}})
	r := pintest.Open(t, rt.Dir)
	pa, pb := pintest.Resolve(t, r, ha.String()), pintest.Resolve(t, r, hb.String())
	f := review.Finding{ID: "F-0001", Title: "bounds", Severity: review.SeverityHigh, Status: review.StatusConfirmed}
	for _, rg := range [][2]int{{10, 12}, {3, 4}, {26, 27}} {
		l, err := review.NewLocation(context.Background(), r, pa.Commit, "src/a.c", rg[0], rg[1], "")
		if err != nil {
			t.Fatal(err)
		}
		f.Steps = append(f.Steps, review.Step{Location: l})
	}
	res, err := carry.Carry(context.Background(), r, pa, pb, []review.Finding{f}, nil)
	if err != nil {
		t.Fatal(err)
	}
	return r, pa, pb, res.Findings[0]
}

// findingsOver is a focused 120×24 Findings view reading old text from r.
func findingsOver(r *repo.Repo) Model {
	m := New("/ws", theme.PlainStyles(), DefaultKeyMap())
	m.SetSource(r)
	m.SetSize(120, 24)
	m.Focus()
	return m
}

// compareFrom opens the comparison of the selected step with the keys
// given and runs the Cmd that reads it.
func compareFrom(t *testing.T, m Model, keys ...string) Model {
	t.Helper()
	m, msgs := press(t, m, keys...)
	for _, msg := range msgs {
		m, _ = m.Update(msg)
	}
	return m
}

// Opening a carried changed step shows its old lines beside the new, each
// side numbered by its own file and labelled with its commit, the line
// hashes checked; esc goes back and enter opens the step at the pin.
func TestCompareChangedStepShowsOldBesideNew(t *testing.T) {
	r, pa, pb, f := carriedFixture(t)
	if v := f.Steps[0].Carried.Verdict; v != review.VerdictChanged {
		t.Fatalf("fixture: step 1 is %s, want changed", v)
	}
	m := findingsOver(r)
	m.SetFindings([]review.Finding{f})
	m = compareFrom(t, m, "enter")
	if !m.Comparing() {
		t.Fatalf("enter on a changed step did not open the comparison:\n%s", m.View())
	}
	v := m.View()
	for _, want := range []string{
		"F-0001 step 1 [changed] · old src/a.c:10-12 at " + pa.Commit.String()[:12] + " → new src/a.c:12-14 at " + pb.Commit.String()[:12],
		"the old and the new lines match their recorded line hashes · read-only",
		"-line 11: keep(11)", "+line 11: check_bounds_first(11)", " line 10: keep(10)",
	} {
		if !strings.Contains(v, want) {
			t.Errorf("comparison lacks %q:\n%s", want, v)
		}
	}
	// The old side is numbered by the old file (10-12), the new by the new (12-14).
	if !strings.Contains(v, "11     -line 11") || !strings.Contains(v, "13 +line 11: check") {
		t.Errorf("line numbers of both files missing:\n%s", v)
	}
	_, msgs := press(t, m, "enter")
	if len(msgs) != 1 || msgs[0] != (JumpMsg{ID: "F-0001", Step: 0}) {
		t.Errorf("enter in the comparison: %v, want a jump to the step", msgs)
	}
	m, _ = press(t, m, "esc")
	if m.Comparing() || !strings.Contains(m.View(), "1 of 1 findings") {
		t.Errorf("esc did not go back to the list:\n%s", m.View())
	}
}

// d compares any carried step: a gone one shows its old lines alone; a
// step whose old lines no longer hash to the recorded hash says so; a step
// made at this pin says there is nothing to compare.
func TestCompareGoneDamagedAndUncarriedSteps(t *testing.T) {
	r, _, _, f := carriedFixture(t)
	if v := f.Steps[2].Carried.Verdict; v != review.VerdictGone {
		t.Fatalf("fixture: step 3 is %s, want gone", v)
	}
	m := findingsOver(r)
	bad := f.Clone()
	bad.ID = "F-0002"
	bad.Steps[1].Carried.From.LineHash = "sha256:" + strings.Repeat("0", 64)
	made := review.Finding{ID: "F-0003", Title: "here", Severity: "low", Status: "open", Steps: []review.Step{{Location: f.Steps[0].Location}}}
	m.SetFindings([]review.Finding{f, bad, made})
	m = compareFrom(t, m, "l", "l", "d")
	v := m.View()
	for _, want := range []string{"F-0001 step 3 [gone] · old src/a.c:26-27", "gone at", "-line 26: keep(26)", "-line 27: keep(27)"} {
		if !strings.Contains(v, want) {
			t.Errorf("gone step's comparison lacks %q:\n%s", want, v)
		}
	}
	m, _ = press(t, m, "esc", "j")
	m = compareFrom(t, m, "l", "d")
	if v := m.View(); !strings.Contains(v, "the old lines do NOT match their recorded line hash") {
		t.Errorf("a damaged old hash is not said:\n%s", v)
	}
	m, _ = press(t, m, "esc", "j")
	m = compareFrom(t, m, "d")
	if v := m.View(); m.Comparing() || !strings.Contains(v, "this step was made at this pin") {
		t.Errorf("d on a step made here:\n%s", v)
	}
}

// The comparison's diff pane has no file list: ]f, ]c past its last hunk
// and e ask nothing of anyone (the root would give such a message to
// every view, and the Release tab would move to its next member unseen),
// while gd on a line still asks the root for a lookup.
func TestComparePaneAsksNoOwnerForAnotherFile(t *testing.T) {
	r, _, _, f := carriedFixture(t)
	m := findingsOver(r)
	m.SetFindings([]review.Finding{f})
	m = compareFrom(t, m, "enter")
	if !m.Comparing() {
		t.Fatalf("enter on a changed step did not open the comparison:\n%s", m.View())
	}
	for _, keys := range [][]string{{"]", "f"}, {"]", "c", "]", "c", "]", "c"}, {"e"}, {"[", "f"}} {
		_, msgs := press(t, m, keys...)
		for _, msg := range msgs {
			switch msg.(type) {
			case diff.NavigateMsg, diff.ContextMsg, diff.HexDiffMsg:
				t.Errorf("%q in the comparison sent %T to the root", keys, msg)
			}
		}
	}
	_, msgs := press(t, m, "j", "j", "g", "d")
	found := false
	for _, msg := range msgs {
		if _, ok := msg.(nav.SymbolMsg); ok {
			found = true
		}
	}
	if !found {
		t.Errorf("gd in the comparison asked for no lookup: %v", msgs)
	}
}
