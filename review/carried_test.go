package review

import (
	"errors"
	"strings"
	"testing"
)

// A carried review is written as one event and replays: findings keep
// their ids, a gone step keeps its old commit (and the finding can still
// be edited), reviewed marks and the provenance chain come back.
func TestCarryReplaysAndRefusesTwice(t *testing.T) {
	dir := t.TempDir()
	ws := openWS(t, dir)
	oldCommit := strings.Repeat("9", 40)
	gone := testLoc("old.c", 3, 4)
	gone.Commit = oldCommit
	moved := testLoc("a.c", 10, 12)
	from := moved
	from.Commit, from.StartLine, from.EndLine = oldCommit, 7, 9
	f := testFinding("carried")
	f.ID, f.Status = "F-0007", StatusNeedsReReview
	f.Steps = []Step{
		{Location: moved, Carried: &Carried{Verdict: VerdictMoved, Rule: "diff", From: from}},
		{Location: gone, Carried: &Carried{Verdict: VerdictGone, From: gone}},
	}
	chain := []Provenance{{Pin: Rev{Commit: oldCommit}, Journal: Head{Seq: 12, Hash: "ab"}, Changed: []string{"x.c"}, Kept: 1}}
	if err := ws.Carry(NewCarryData(chain, []Finding{f}, []ReviewedFile{{Path: "k.c", Blob: strings.Repeat("c", 40), Lines: 2}})); err != nil {
		t.Fatal(err)
	}
	if err := ws.Carry(NewCarryData(chain, nil, nil)); !errors.Is(err, ErrInvalid) || !strings.Contains(err.Error(), "already holds a review carried") {
		t.Errorf("second carry: %v", err)
	}
	if err := ws.Close(); err != nil {
		t.Fatal(err)
	}
	ws = openWS(t, dir)
	defer ws.Close()
	got, ok := ws.Finding("F-0007")
	if !ok || got.Status != StatusNeedsReReview || got.Steps[1].Location.Commit != oldCommit || !got.Steps[1].Gone() ||
		got.Steps[0].Carried.From.StartLine != 7 {
		t.Fatalf("replayed finding: %+v", got)
	}
	if p := ws.Provenance(); len(p) != 1 || p[0].Journal.Seq != 12 || p[0].Changed[0] != "x.c" {
		t.Errorf("provenance: %+v", p)
	}
	if !ws.IsReviewed("k.c") {
		t.Error("carried reviewed mark lost")
	}
	if _, err := ws.SetStatus("F-0007", StatusConfirmed); err != nil {
		t.Error(err)
	}
	if _, err := ws.UpdateFinding("F-0007", func(g *Finding) { g.Title = "re-reviewed" }); err != nil {
		t.Errorf("a finding with a gone step cannot be edited: %v", err)
	}
	added, err := ws.AddFinding(testFinding("next"))
	if err != nil || added.ID != "F-0008" {
		t.Errorf("the next id after a carried F-0007: %s, %v", added.ID, err)
	}
	bad := f
	bad.Steps = []Step{{Location: moved, Carried: &Carried{Verdict: "teleported", From: from}}}
	if err := bad.Validate(); !errors.Is(err, ErrInvalid) {
		t.Errorf("unknown verdict accepted: %v", err)
	}
}

func TestProgressOfACarriedReview(t *testing.T) {
	p := Progress{Files: 480, TotalFiles: 540, Changed: 0, TotalChanged: 30, Carried: true}
	if got := p.String(); got != "reviewed 480/510 carried, 0/30 changed" {
		t.Errorf("carried: %q", got)
	}
	p.Carried = false
	if got := p.String(); got != "reviewed 480/540 files, 88%; changed 0/30" {
		t.Errorf("not carried: %q", got)
	}
}
