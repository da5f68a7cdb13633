package findings

import (
	"strings"
	"testing"

	"sightline/review"
	"sightline/tui/nav"
)

// sampleTeam: F-0001 is ours and was pushed; bob's T-1a2b3c4d is not.
func sampleTeam() *nav.Team {
	return &nav.Team{
		Reviewers: []string{"alice", "bob"},
		Findings: []nav.TeamFinding{
			{Finding: review.Finding{ID: "F-0001", Title: "Back door in update", Severity: "critical", Status: "open"},
				Own: true, Author: "alice", Involved: []string{"alice", "bob"},
				Changes:   []string{"alice created it", "bob set severity low"},
				Conflicts: []string{"severity: alice says critical; bob says low"}},
			{Finding: review.Finding{ID: "T-1a2b3c4d", Title: "bob's \x1b[2Jfind", Severity: "high", Status: "open",
				Reviewer: "bob", Steps: []review.Step{{Location: loc("src/x.c", 7, 7)}}},
				Author: "bob", Involved: []string{"bob"}, Changes: []string{"bob created it", "bob set status false-positive"},
				Pending: "false-positive by bob: needs a second reviewer's confirmation"},
		},
	}
}

func TestTeamFindingsShowAttributionConflictsAndPending(t *testing.T) {
	m := newView(t)
	m.SetTeam(sampleTeam())
	v := m.View()
	for _, want := range []string{"4 of 4 findings", "T-1a2b3c4d", "bob's ^[[2Jfind  by bob", "CONFLICT",
		"CONFLICT severity: alice says critical; bob says low", "team: alice created it · bob set severity low"} {
		if !strings.Contains(v, want) {
			t.Errorf("view lacks %q:\n%s", want, v)
		}
	}
	m, _ = press(t, m, "G")
	v = m.View()
	for _, want := range []string{"PENDING false-positive by bob: needs a second reviewer's confirmation",
		"team: bob created it · bob set status false-positive", "step 1  src/x.c:7"} {
		if !strings.Contains(v, want) {
			t.Errorf("on bob's finding the view lacks %q:\n%s", want, v)
		}
	}
}

func TestReviewerFilterCyclesTheTeam(t *testing.T) {
	m := newView(t)
	m.SetTeam(sampleTeam())
	m, _ = press(t, m, "w") // alice: her own F-0001 (created, on the team) only
	if v := m.View(); !strings.Contains(v, "1 of 4 findings") || !strings.Contains(v, "reviewer alice") || !strings.Contains(v, "F-0001") {
		t.Fatalf("filtered by alice:\n%s", v)
	}
	m, _ = press(t, m, "w") // bob: he changed F-0001 and made T-1a2b3c4d
	v := m.View()
	if !strings.Contains(v, "2 of 4 findings") || !strings.Contains(v, "reviewer bob") || !strings.Contains(v, "T-1a2b3c4d") || strings.Contains(v, "F-0002") {
		t.Fatalf("filtered by bob:\n%s", v)
	}
	m, _ = press(t, m, "w")
	if v := m.View(); !strings.Contains(v, "4 of 4 findings") {
		t.Fatalf("the filter did not come back to any reviewer:\n%s", v)
	}
}

func TestAnotherReviewersFindingIsNotChangedHere(t *testing.T) {
	m := newView(t)
	m.SetTeam(sampleTeam())
	m, _ = press(t, m, "G")
	for _, k := range []string{"e", "x", "f"} {
		var msgs []any
		m2, out := press(t, m, k)
		for _, o := range out {
			msgs = append(msgs, o)
		}
		if len(msgs) != 0 || m2.Confirming() {
			t.Fatalf("%s on bob's finding asked for %v", k, msgs)
		}
		if v := m2.View(); !strings.Contains(v, "T-1a2b3c4d is another reviewer's: change it with sightline team push --set") {
			t.Fatalf("%s on bob's finding says nothing:\n%s", k, v)
		}
	}
	// Opening its step still works: the root finds it among the team's.
	if _, out := press(t, m, "enter"); len(out) != 1 || out[0].(JumpMsg).ID != "T-1a2b3c4d" {
		t.Fatalf("enter on bob's finding: %v", out)
	}
}
