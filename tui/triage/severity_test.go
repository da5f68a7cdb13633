package triage

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"

	"sightline/review"
	"sightline/review/team"
	queue "sightline/review/triage"
	"sightline/tui/tuitest"
)

// TestConfirmPicksTheSeverity: c opens a picker pre-filled with the
// rule's severity and showing the CWE; h lowers it, l raises it, enter
// makes the finding at the chosen severity, esc writes nothing.
func TestConfirmPicksTheSeverity(t *testing.T) {
	m, ws, st := setup(t)
	m = run(t, m, "c")
	v := m.View()
	if !m.Capturing() || !strings.Contains(v, "confirm C-0001 as ◀ critical ▶ · CWE-78 · h/l change") {
		t.Fatalf("c does not offer the rule's severity and the CWE:\n%s", v)
	}
	m = run(t, m, "l") // critical is the top: stays
	m = run(t, m, "esc")
	if len(ws.Findings()) != 0 || m.Capturing() || !strings.Contains(m.View(), "confirm cancelled") {
		t.Fatalf("esc: findings %v capturing %v\n%s", ws.Findings(), m.Capturing(), m.View())
	}
	// "4" is a severity key here, not a tab switch: the picker captures it.
	m = run(t, m, "c", "h", "left", "l")
	if !strings.Contains(m.View(), "confirm C-0001 as ◀ high ▶") {
		t.Fatalf("h, ←, l from critical:\n%s", m.View())
	}
	m = run(t, m, "enter")
	fs := ws.Findings()
	if len(fs) != 1 || fs[0].Severity != review.SeverityHigh || fs[0].CWE != "CWE-78" {
		t.Fatalf("after enter: %+v", fs)
	}
	if !strings.Contains(m.View(), "confirmed: F-0001 high") {
		t.Errorf("after enter:\n%s", m.View())
	}
	if q, _ := st.Load(); func() bool { c, _ := q.Get("1"); return c.State != queue.Confirmed }() {
		t.Error("C-0001 not recorded as confirmed")
	}
}

// TestBatchConfirmKeepsEachRulesSeverity: for a selection whose rules
// disagree the picker starts at "from each rule".
func TestBatchConfirmKeepsEachRulesSeverity(t *testing.T) {
	m, ws, _ := setup(t)
	m = run(t, m, "v", "j", "j", "v", "c") // C-0001 (critical) and C-0004 (high)
	if !strings.Contains(m.View(), "confirm 2 selected as ◀ from each rule ▶") {
		t.Fatalf("batch confirm:\n%s", m.View())
	}
	m = run(t, m, "enter")
	fs := ws.Findings()
	if len(fs) != 2 || fs[0].Severity == fs[1].Severity {
		t.Fatalf("each rule's severity was not kept: %+v\n%s", fs, m.View())
	}
}

// TestTeamVerdictsShowOnCandidates: a candidate the team decided shows
// who decided it; one reviewers disagree on is marked CONFLICT with who
// said what.
func TestTeamVerdictsShowOnCandidates(t *testing.T) {
	m, _, _ := setup(t)
	fp1, fp2 := m.all[0].Fingerprint, m.all[1].Fingerprint
	op := func(id, who string, clock uint64, fp, verdict, reason string) team.Signed {
		d, _ := json.Marshal(map[string]string{"fingerprint": fp, "verdict": verdict, "reason": reason,
			"tool": "CodeQL", "rule": "py/command-line-injection", "where": "app/run.py:10"})
		return team.Signed{ID: id, Op: team.Op{V: 1, Reviewer: who, Clock: clock, Type: team.OpTriage, Data: d}}
	}
	verdicts := team.Triage([]team.Signed{
		op("a1", "alice", 1, fp1, "confirmed", ""),
		op("b1", "bob\x1b[31m", 1, fp1, "dismissed", "false-positive"),
		op("b2", "bob", 2, fp2, "dismissed", "wont-fix"),
	})
	m = tuitest.Run(t, m, LoadedMsg{Cands: m.all, Team: verdicts})
	v := m.View()
	if !strings.Contains(v, "C-0001 CONFLICT") || !strings.Contains(v, "team: CONFLICT alice: confirmed; bob^[[31m: dismissed (false-positive)") {
		t.Fatalf("the conflict is not shown with who said what:\n%s", v)
	}
	// Bob's agreed dismissal took C-0002 out of the queue: T shows it.
	m = run(t, m, "T")
	if v := m.View(); !strings.Contains(v, "team: dismissed (wont-fix) by bob") || !strings.Contains(v, "C-0002 team:dismissed") {
		t.Fatalf("bob's dismissal is not shown:\n%s", v)
	}
	if err := tuitest.Inert(m.View(), false); err != nil {
		t.Error(err)
	}
	// An action's reload carries no verdicts (it cannot change them): they stay.
	m = run(t, m, "T")
	m = tuitest.Run(t, m, LoadedMsg{Cands: m.all, Walked: true})
	if v := m.View(); !strings.Contains(v, "C-0001 CONFLICT") {
		t.Fatalf("an action's reload dropped the team's verdicts:\n%s", v)
	}
}

// TestTeamDecidedLeavesTheQueue: a candidate another room decided, with
// no conflict, leaves the "to triage" count and the queue, shown by T as
// decided by the team; the local store keeps no decision for it, and a
// disputed one stays in the queue.
func TestTeamDecidedLeavesTheQueue(t *testing.T) {
	m, _, st := setup(t)
	total := len(m.all)
	_, open0, _ := m.Counts()
	fp1, fp2 := m.all[0].Fingerprint, m.all[1].Fingerprint
	id2 := m.all[1].ID
	op := func(id, who string, clock uint64, fp, verdict, reason string) team.Signed {
		d, _ := json.Marshal(map[string]string{"fingerprint": fp, "verdict": verdict, "reason": reason,
			"tool": "CodeQL", "rule": "py/command-line-injection", "where": "app/run.py:10"})
		return team.Signed{ID: id, Op: team.Op{V: 1, Reviewer: who, Clock: clock, Type: team.OpTriage, Data: d}}
	}
	verdicts := team.Triage([]team.Signed{
		op("a1", "alice", 1, fp1, "confirmed", ""),
		op("b1", "bob", 1, fp1, "dismissed", "false-positive"),
		op("b2", "bob", 2, fp2, "dismissed", "wont-fix"),
	})
	m = tuitest.Run(t, m, LoadedMsg{Cands: m.all, Team: verdicts})
	v := m.View()
	want := fmt.Sprintf("Triage · %d to triage · %d shown · 1 decided by the team (T)", open0-1, total-1)
	if !strings.Contains(v, want) || strings.Contains(v, id2+" ") || !strings.Contains(v, "C-0001 CONFLICT") {
		t.Fatalf("want %q, %s out of the queue, the conflict in it:\n%s", want, id2, v)
	}
	m = run(t, m, "T")
	v = m.View()
	if !strings.Contains(v, "1 shown") || !strings.Contains(v, "decided by the team only") || !strings.Contains(v, id2+" team:dismissed") || strings.Contains(v, "C-0001") {
		t.Fatalf("T shows only the team's decisions:\n%s", v)
	}
	m = run(t, m, "T")
	if _, open, _ := m.Counts(); open != open0-1 || len(m.rows) != total-1 {
		t.Fatalf("back to the queue: %d open, %d shown", open, len(m.rows))
	}
	// The local store still holds no decision for it.
	cands, err := st.Load()
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range cands.Sorted() {
		if c.Fingerprint == fp2 && !c.Open() {
			t.Fatalf("the local store's history was rewritten: %s is %s", c.ID, c.State)
		}
	}
}
