package annotate

import (
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"

	tea "github.com/charmbracelet/bubbletea"

	"sightline/review"
	"sightline/review/team"
	"sightline/tui/findings"
	"sightline/tui/nav"
	"sightline/tui/theme"
)

// view is m's Findings view as the workbench shows it after a snapshot.
func (m *member) view(t *testing.T, tm *nav.Team) findings.Model {
	t.Helper()
	v := findings.New(m.ws.Dir(), theme.PlainStyles(), findings.DefaultKeyMap())
	v.SetSize(140, 30)
	v.Focus()
	v.SetFindings(m.ws.Findings())
	v.SetTeam(tm)
	return v
}

// keys presses each key in the view and carries out what it asks of the
// controller (queueCmd) as the workbench does, returning the view after
// the reread and what the controller said.
func (m *member) keys(t *testing.T, v findings.Model, names ...string) (findings.Model, SavedMsg) {
	t.Helper()
	var saved SavedMsg
	for _, n := range names {
		k := tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune(n)}
		switch n {
		case "enter":
			k = tea.KeyMsg{Type: tea.KeyEnter}
		case "down":
			k = tea.KeyMsg{Type: tea.KeyDown}
		}
		var cmd tea.Cmd
		v, cmd = v.Update(k)
		if cmd == nil {
			continue
		}
		msg := cmd()
		if !Handles(msg) {
			continue
		}
		saved = queueCmd(m.ws, new(atomic.Int64), m.name, msg)().(SavedMsg)
		if saved.Err == nil {
			v.SetFindings(saved.Findings)
			v.SetTeam(saved.Team)
		}
	}
	return v, saved
}

func (m *member) teamView(t *testing.T) *nav.Team {
	t.Helper()
	tm, err := teamOf(m.ws.Dir())
	if err != nil || tm == nil {
		t.Fatalf("team of %s: %v", m.name, err)
	}
	tm.Me = append(tm.Me, m.name)
	return tm
}

// TestResolveAndConfirmFromTheFindingsTab: bob resolves a severity
// conflict with r and confirms alice's false-positive with v; the next
// push sends both and alice sees the chosen value, the conflict gone and
// the finding closed with bob's confirmation. Alice's own v is refused.
func TestResolveAndConfirmFromTheFindingsTab(t *testing.T) {
	store := filepath.Join(t.TempDir(), "store")
	if _, err := team.InitStore(store, true); err != nil {
		t.Fatal(err)
	}
	alice, bob := newMember(t, "alice"), newMember(t, "bob")
	a := teamSigners(t, alice, bob)
	step := []review.Step{{Location: review.Location{Commit: teamPin, Path: "a.c", Blob: strings.Repeat("2", 40),
		StartLine: 3, EndLine: 3, LineHash: "sha256:" + strings.Repeat("3", 64)}}}
	hers, err := alice.ws.AddFinding(review.Finding{Title: "alice's overflow", Severity: review.SeverityLow, Steps: step})
	if err != nil {
		t.Fatal(err)
	}
	alice.push(t, store, a)
	bob.pull(t, store, a)
	var id string
	for _, f := range bob.teamView(t).Findings {
		id = f.ID // T-…: alice's, the only one
	}
	// A severity conflict, and alice closes it as a false positive.
	bob.push(t, store, a, team.Intent{Type: team.OpSeverity, Finding: id, Value: "critical"})
	if _, err := alice.ws.UpdateFinding(hers.ID, func(f *review.Finding) {
		f.Severity, f.Status = review.SeverityMedium, review.StatusFalsePositive
	}); err != nil {
		t.Fatal(err)
	}
	alice.push(t, store, a)
	bob.pull(t, store, a)
	alice.pull(t, store, a)

	// Alice cannot confirm her own change.
	av, _ := alice.keys(t, alice.view(t, alice.teamView(t)), "v")
	if out := av.View(); !strings.Contains(out, "a second reviewer must confirm it") {
		t.Fatalf("alice's own v:\n%s", out)
	}

	v := bob.view(t, bob.teamView(t))
	if out := v.View(); !strings.Contains(out, "CONFLICT severity") || !strings.Contains(out, "PENDING false-positive by alice") {
		t.Fatalf("bob before:\n%s", out)
	}
	v, _ = bob.keys(t, v, "r")
	out := v.View()
	for _, want := range []string{"resolve the conflict on " + id, "severity medium (alice says)", "severity critical (bob says)", "severity: another value"} {
		if !strings.Contains(out, want) {
			t.Fatalf("picker lacks %q:\n%s", want, out)
		}
	}
	// "another value", then high from the severities (info, low, medium, high).
	v, saved := bob.keys(t, v, "down", "down", "enter", "down", "down", "down", "enter")
	if saved.Err != nil || !strings.Contains(saved.Done, "queued "+id+" severity high") {
		t.Fatalf("resolve: %q %v", saved.Done, saved.Err)
	}
	v, saved = bob.keys(t, v, "v")
	if saved.Err != nil || !strings.Contains(saved.Done, "queued the confirmation of "+id) {
		t.Fatalf("confirm: %q %v", saved.Done, saved.Err)
	}
	out = v.View()
	for _, want := range []string{"QUEUED severity high", "QUEUED confirm the status change"} {
		if !strings.Contains(out, want) {
			t.Fatalf("bob's view lacks %q:\n%s", want, out)
		}
	}

	bob.push(t, store, a) // no intents given: the queued ones go
	alice.pull(t, store, a)
	out = alice.view(t, alice.teamView(t)).View()
	for _, want := range []string{"high", "false-positive", "confirmed by bob", "bob set severity high", "bob confirmed the status change"} {
		if !strings.Contains(out, want) {
			t.Errorf("alice after pull lacks %q:\n%s", want, out)
		}
	}
	for _, bad := range []string{"CONFLICT", "PENDING", "QUEUED"} {
		if strings.Contains(out, bad) {
			t.Errorf("alice after pull still shows %s:\n%s", bad, out)
		}
	}
	if out := bob.view(t, bob.teamView(t)).View(); strings.Contains(out, "QUEUED") || strings.Contains(out, "CONFLICT") {
		t.Errorf("bob after push:\n%s", out)
	}
}
