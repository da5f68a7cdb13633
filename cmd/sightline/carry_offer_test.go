package main

import (
	"io"
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"

	"sightline/repo/search"
	"sightline/review"
	"sightline/tui"
	"sightline/tui/annotate"
	"sightline/tui/keys"
	"sightline/tui/nav"
	"sightline/tui/theme"
	"sightline/tui/tuitest"
)

// openAt opens the default workspace of the fixture at rev, as 'sightline
// open' does, and the workbench's offer for it.
func openAt(t *testing.T, dir, rev string) (*openedWorkspace, *annotate.CarryOffer) {
	t.Helper()
	r, err := openRepo(dir, io.Discard)
	if err != nil {
		t.Fatal(err)
	}
	o, err := openWorkspaceIn(r, workspaceFlags{repo: dir, rev: rev}, io.Discard)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = o.Close() })
	return o, carryOfferFor(r, o.Pin, o.WS, "")
}

// Opening v2 with a new workspace while a review of v1 exists offers to
// carry it; the message line says so, nothing is carried until C, and C
// carries it with the command's code and shows the carried findings.
func TestWorkbenchOffersToCarryAnEarlierReview(t *testing.T) {
	tr, _ := carryFixture(t)
	at1 := []string{"--repo", tr.Dir, "--rev", "v1"}
	must(t, append([]string{"findings", "add", "--path", "src/a.c", "--lines", "19-21", "--title", "edited since", "--severity", "low"}, at1...)...)
	must(t, append([]string{"reviewed", "gone.c", "doc.txt"}, at1...)...)

	o, offer := openAt(t, tr.Dir, "v2")
	if offer == nil {
		t.Fatal("no offer to carry the review of v1 into a new workspace at v2")
	}
	v1 := tr.Commits[0].String()[:12]
	if !strings.Contains(offer.What, v1+" (v1)") {
		t.Errorf("offer names %q, want the v1 pin %s", offer.What, v1)
	}
	m := annotate.New(annotate.Deps{WS: o.WS, Repo: o.Repo, Files: o.Repo, Pin: o.Pin, Styles: theme.PlainStyles(), Offer: offer})
	m = tuitest.Run(t, m, m.Init()())
	_, info := m.TakeNotes()
	for _, want := range []string{"an earlier review of this repository can be carried here", v1, "press C to carry it"} {
		if !strings.Contains(info, want) {
			t.Errorf("start message %q lacks %q", info, want)
		}
	}
	if n := len(m.Review().Findings); n != 0 {
		t.Fatalf("%d findings before C: the offer must never carry by itself", n)
	}
	// Other keys decline for free: still nothing carried.
	m, cmd, _ := m.Key(tuitest.Key("j"), nav.ViewFindings, nil)
	if cmd != nil || len(o.WS.Findings()) != 0 {
		t.Fatal("a key other than C carried the review")
	}
	m, cmd, out := m.Key(tuitest.Key("C"), nav.ViewFindings, nil)
	if !out.Handled || cmd == nil {
		t.Fatalf("C: handled %v, cmd %v", out.Handled, cmd != nil)
	}
	m = tuitest.Run(t, m, tuitest.Exec(t, cmd)...)
	err, info := m.TakeNotes()
	if err != "" || !strings.Contains(info, "carried 1 finding(s) from "+tr.Commits[0].String()[:7]) || !strings.Contains(info, "1 changed") {
		t.Errorf("after C: err %q, info %q", err, info)
	}
	fs := m.Review().Findings
	if len(fs) != 1 || fs[0].Status != review.StatusNeedsReReview || fs[0].Steps[0].Carried == nil ||
		fs[0].Steps[0].Carried.Verdict != review.VerdictChanged {
		t.Fatalf("carried findings: %+v", fs)
	}
	if p := o.WS.Provenance(); len(p) != 1 || p[0].Pin.Ref != "v1" {
		t.Errorf("provenance %+v", p)
	}
	if b := o.WS.Meta().Base; b == nil || b.Commit != tr.Commits[0].String() {
		t.Errorf("base %+v, want the old pin", b)
	}
	// Once: a second C says there is nothing (left) to carry.
	m, _, _ = m.Key(tuitest.Key("C"), nav.ViewFindings, nil)
	if _, info := m.TakeNotes(); !strings.Contains(info, "no earlier review to carry") {
		t.Errorf("second C: %q", info)
	}
}

// No offer: a workspace that already holds work, a later pin's review
// (not an ancestor), or only this pin's own workspace.
func TestWorkbenchOffersOnlyAnAncestorIntoANewWorkspace(t *testing.T) {
	tr, _ := carryFixture(t)
	must(t, "findings", "add", "--repo", tr.Dir, "--rev", "v3", "--path", "src/a.c", "--lines", "2", "--title", "later", "--severity", "low")
	if _, offer := openAt(t, tr.Dir, "v2"); offer != nil {
		t.Errorf("v2 offered the review of its descendant v3: %s", offer.What)
	}
	if _, offer := openAt(t, tr.Dir, "v3"); offer != nil {
		t.Errorf("v3 offered its own workspace: %s", offer.What)
	}
	must(t, "findings", "add", "--repo", tr.Dir, "--rev", "v1", "--path", "src/a.c", "--lines", "2", "--title", "early", "--severity", "low")
	if _, offer := openAt(t, tr.Dir, "v3"); offer != nil {
		t.Errorf("v3's workspace holds a finding, yet it was offered %s", offer.What)
	}
}

// After C in the workbench, the Changes tab compares the old pin with the
// new one at once (not from the next start): the tab appears while the
// reviewer stays where they were, lists what changed since the last
// review, and the status line counts the reviewed marks carried and the
// changed files.
func TestWorkbenchCarryMakesTheOldPinTheChangesBaseAtOnce(t *testing.T) {
	tr, _ := carryFixture(t)
	at1 := []string{"--repo", tr.Dir, "--rev", "v1"}
	must(t, append([]string{"findings", "add", "--path", "src/a.c", "--lines", "19-21", "--title", "edited since", "--severity", "low"}, at1...)...)
	must(t, append([]string{"reviewed", "gone.c", "doc.txt"}, at1...)...)
	o, offer := openAt(t, tr.Dir, "v2")
	if offer == nil {
		t.Fatal("no offer")
	}
	var m tea.Model = tui.New(tui.Deps{Repo: o.Repo, Search: search.New(o.Repo, ""), Pin: o.Pin, Styles: theme.PlainStyles(),
		Keys: keys.DefaultGlobal(), Review: tui.Review{WS: o.WS, Repo: o.Repo, Offer: offer}})
	m = tuitest.RunModel(t, m, append(tuitest.Exec(t, m.Init()), tea.WindowSizeMsg{Width: 160, Height: 30})...)
	tabLine := func(screen string) string { return strings.SplitN(screen, "\n", 2)[0] }
	if screen := tuitest.Screen(m.View()); strings.Contains(tabLine(screen), "2 Changes") {
		t.Fatalf("a Changes tab before C, with no base given:\n%s", screen)
	}
	v1 := tr.Commits[0].String()[:7]
	m, screen := navPress(t, m, "C")
	if !strings.Contains(tabLine(screen), "2 Changes") {
		t.Errorf("no Changes tab after C:\n%s", screen)
	}
	for _, want := range []string{"carried 1 finding(s) from " + v1, "(2 Changes now compares with"} {
		if !strings.Contains(screen, want) {
			t.Errorf("after C the screen lacks %q:\n%s", want, screen)
		}
	}
	if !strings.Contains(screen, "No file open") {
		t.Errorf("C moved the reviewer off the Files tab:\n%s", screen)
	}
	m, screen = navPress(t, m, "2")
	for _, want := range []string{"doc.txt", "lib/b.c", "reviewed 1/2 carried, 0/3 changed"} {
		if !strings.Contains(screen, want) {
			t.Errorf("Changes after C lacks %q:\n%s", want, screen)
		}
	}
}
