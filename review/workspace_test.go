package review

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"
)

var (
	testPin  = Rev{Commit: strings.Repeat("1", 40), Tree: strings.Repeat("2", 40), Ref: "v1.0"}
	testBase = Rev{Commit: strings.Repeat("3", 40), Tree: strings.Repeat("4", 40), Ref: "v0.9"}
)

func testMeta() Meta {
	return Meta{Repository: "vendor", GitDir: "/src/vendor/.git", ObjectFormat: "sha1", Pin: testPin, Reviewer: "alice"}
}

func testLoc(path string, start, end int) Location {
	return Location{Commit: testPin.Commit, Path: path, Blob: strings.Repeat("b", 40), StartLine: start, EndLine: end,
		LineHash: "sha256:" + strings.Repeat("c", 64)}
}

func testFinding(title string) Finding {
	return Finding{Title: title, Severity: SeverityHigh, CWE: "cwe-78", Description: "input reaches exec\nwithout checks",
		Steps: []Step{{Location: testLoc("src/main.c", 10, 20), Note: "read here"}}}
}

func openWS(t testing.TB, dir string) *Workspace {
	t.Helper()
	w, err := Open(dir, testMeta())
	if err != nil {
		t.Fatal(err)
	}
	return w
}

func TestWorkspaceFindingsSurviveReopen(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "ws")
	w := openWS(t, dir)
	clock := time.Date(2026, 1, 2, 3, 4, 5, 600, time.UTC)
	w.now = func() time.Time { return clock }
	f1, err := w.AddFinding(testFinding("command injection"))
	if err != nil {
		t.Fatal(err)
	}
	if f1.ID != "F-0001" || f1.Reviewer != "alice" || f1.CWE != "CWE-78" || f1.Status != StatusOpen ||
		!f1.Created.Equal(clock.Truncate(time.Second)) {
		t.Fatalf("added %+v", f1)
	}
	f2, err := w.AddFinding(Finding{Title: "weak hash", Severity: "low", Reviewer: "bob", Steps: []Step{{Location: testLoc("b\xffad.c", 1, 1)}}})
	if err != nil || f2.ID != "F-0002" || f2.Reviewer != "bob" {
		t.Fatalf("second finding %+v, %v", f2, err)
	}
	clock = clock.Add(time.Minute)
	if _, err := w.AddStep("F-0001", Step{Location: testLoc("src/exec.c", 3, 4), Note: "reaches exec"}); err != nil {
		t.Fatal(err)
	}
	if _, err := w.SetStatus("F-0001", StatusConfirmed); err != nil {
		t.Fatal(err)
	}
	if _, err := w.UpdateFinding("F-0002", func(f *Finding) { f.Title = "weak hash (MD5)"; f.ID = "F-0099" }); err != nil {
		t.Fatal(err)
	}
	if err := w.MarkReviewedFiles(true, ReviewedFile{Path: "src/main.c", Blob: strings.Repeat("b", 40), Lines: 120},
		ReviewedFile{Path: "b\xffad.c", Blob: strings.Repeat("b", 40), Lines: 30}); err != nil {
		t.Fatal(err)
	}
	seq := w.j.seq
	if err := w.MarkReviewed(ReviewedFile{Path: "src/main.c", Blob: strings.Repeat("b", 40), Lines: 120}, true); err != nil || w.j.seq != seq {
		t.Errorf("marking a reviewed file again wrote an event: %v", err)
	}
	if err := w.DeleteFinding("F-0002"); err != nil {
		t.Fatal(err)
	}
	want := w.Findings()
	wantReviewed := w.Reviewed()
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}

	w = openWS(t, dir)
	defer w.Close()
	got := w.Findings()
	if len(got) != 1 || got[0].ID != "F-0001" || len(got[0].Steps) != 2 || got[0].Status != StatusConfirmed ||
		got[0].Steps[1].Note != "reaches exec" || !got[0].Updated.Equal(clock.Truncate(time.Second)) {
		t.Fatalf("after reopen: %+v", got)
	}
	if !equalFindings(got, want) {
		t.Errorf("reopened findings differ:\n%+v\n%+v", got, want)
	}
	if r := w.Reviewed(); len(r) != 2 || r[0] != wantReviewed[0] || r[1] != wantReviewed[1] || r[0].Path != "b\xffad.c" {
		t.Errorf("reviewed after reopen = %+v", r)
	}
	// A deleted finding's id is never given again.
	f3, err := w.AddFinding(testFinding("third"))
	if err != nil || f3.ID != "F-0003" {
		t.Errorf("after delete, new id = %q, %v; want F-0003", f3.ID, err)
	}
	p := w.Progress(Totals{Files: 10, Lines: 1000, Changed: []string{"src/main.c", "x.c"}})
	if p.String() != "reviewed 2/10 files, 20%; changed 1/2" || p.Lines != 150 {
		t.Errorf("progress = %q, %+v", p, p)
	}
	if err := w.MarkReviewed(ReviewedFile{Path: "src/main.c"}, false); err != nil || w.IsReviewed("src/main.c") {
		t.Errorf("unmark: %v", err)
	}
}

func equalFindings(a, b []Finding) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		x, y := a[i], b[i]
		if x.ID != y.ID || x.Title != y.Title || x.Status != y.Status || !x.Created.Equal(y.Created) ||
			!x.Updated.Equal(y.Updated) || len(x.Steps) != len(y.Steps) || x.Description != y.Description {
			return false
		}
		for j := range x.Steps {
			if x.Steps[j] != y.Steps[j] {
				return false
			}
		}
	}
	return true
}

func TestWorkspaceRefusals(t *testing.T) {
	w := openWS(t, t.TempDir())
	defer w.Close()
	cases := []struct {
		name string
		do   func() error
		want string
	}{
		{"unknown severity", func() error { f := testFinding("x"); f.Severity = "urgent"; _, err := w.AddFinding(f); return err }, "use one of info, low"},
		{"bad cwe", func() error { f := testFinding("x"); f.CWE = "78"; _, err := w.AddFinding(f); return err }, "like CWE-78"},
		{"other commit", func() error {
			f := testFinding("x")
			f.Steps[0].Location.Commit = strings.Repeat("9", 40)
			_, err := w.AddFinding(f)
			return err
		}, "must be at the pin"},
		{"base without base", func() error {
			f := testFinding("x")
			f.Steps[0].Location.Side = SideBase
			_, err := w.AddFinding(f)
			return err
		}, "no base"},
		{"step on missing finding", func() error { _, err := w.AddStep("F-0042", Step{Location: testLoc("a", 1, 1)}); return err }, "no such finding"},
		{"bad status", func() error { _, err := w.SetStatus("F-0001", "done"); return err }, "use one of open"},
		{"delete missing", func() error { return w.DeleteFinding("F-0007") }, "no such finding"},
	}
	for _, tc := range cases {
		if err := tc.do(); err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: error = %v; want %q", tc.name, err, tc.want)
		}
	}
	if n := len(w.Findings()); n != 0 || w.Pending() != 0 {
		t.Errorf("refused changes left %d findings, %d pending", n, w.Pending())
	}
	if f, err := w.AddFinding(testFinding("ok")); err != nil || f.ID != "F-0001" {
		t.Errorf("after refusals the first id is %q, %v", f.ID, err)
	}
}

func TestWorkspaceWrongPinAndBase(t *testing.T) {
	dir := t.TempDir()
	openWS(t, dir).Close()
	m := testMeta()
	m.Pin.Commit = strings.Repeat("5", 40)
	_, err := Open(dir, m)
	if !errors.Is(err, ErrWrongRepository) || !strings.Contains(err.Error(), testPin.Commit) {
		t.Fatalf("other pin: %v", err)
	}
	m = testMeta()
	base := testBase
	m.Base = &base
	w, err := Open(dir, m)
	if err != nil {
		t.Fatal(err)
	}
	f := testFinding("diff")
	f.Steps = append(f.Steps, Step{Location: Location{Commit: testBase.Commit, Path: "old.c", Blob: strings.Repeat("a", 40),
		StartLine: 1, EndLine: 2, LineHash: "sha256:" + strings.Repeat("d", 64), Side: SideBase}})
	if _, err := w.AddFinding(f); err != nil {
		t.Fatal(err)
	}
	w.Close()
	w = openWS(t, dir) // no base given: the recorded one stays
	defer w.Close()
	if b := w.Meta().Base; b == nil || *b != testBase {
		t.Errorf("base after reopen = %+v", b)
	}
}

// TestTwoWorkspacesTakeTurns has two handles on one workspace (as a TUI
// and a script would) add findings concurrently: every id is distinct,
// each sees the other's findings, and the journal replays cleanly.
func TestTwoWorkspacesTakeTurns(t *testing.T) {
	dir := t.TempDir()
	a, b := openWS(t, dir), openWS(t, dir)
	const n = 30
	var wg sync.WaitGroup
	ids := make(chan string, 2*n)
	for _, w := range []*Workspace{a, b} {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; i < n; i++ {
				f, err := w.AddFinding(testFinding("concurrent"))
				if err != nil {
					t.Error(err)
					return
				}
				ids <- f.ID
			}
		}()
	}
	wg.Wait()
	close(ids)
	seen := map[string]bool{}
	for id := range ids {
		if seen[id] {
			t.Errorf("id %s given twice", id)
		}
		seen[id] = true
	}
	if _, err := a.AddStep("F-0001", Step{Location: testLoc("x.c", 1, 1)}); err != nil {
		t.Fatal(err)
	}
	if err := b.Refresh(); err != nil {
		t.Fatal(err)
	}
	if got := b.Findings(); len(got) != 2*n || len(got[0].Steps) != 2 {
		t.Errorf("b sees %d findings, first with %d steps", len(got), len(got[0].Steps))
	}
	a.Close()
	b.Close()
	c := openWS(t, dir)
	defer c.Close()
	if len(c.Findings()) != 2*n {
		t.Errorf("replay has %d findings", len(c.Findings()))
	}
}

func TestLockHeldNamesHolder(t *testing.T) {
	dir := t.TempDir()
	a, b := openWS(t, dir), openWS(t, dir)
	defer a.Close()
	defer b.Close()
	if err := a.lock.acquire(time.Second); err != nil {
		t.Fatal(err)
	}
	b.lockTimeout = 50 * time.Millisecond
	_, err := b.AddFinding(testFinding("blocked"))
	if !errors.Is(err, ErrNotSaved) || !errors.Is(err, ErrBusy) || !strings.Contains(err.Error(), "pid ") {
		t.Fatalf("error = %v; want not saved, busy, naming the pid", err)
	}
	if b.Pending() != 1 || len(b.Findings()) != 1 {
		t.Fatalf("pending %d, findings %d", b.Pending(), len(b.Findings()))
	}
	_ = a.lock.release()
	if err := b.Flush(); err != nil || b.Pending() != 0 {
		t.Fatalf("flush: %v, pending %d", err, b.Pending())
	}
	if err := a.Refresh(); err != nil || len(a.Findings()) != 1 {
		t.Fatalf("a sees %d findings, %v", len(a.Findings()), err)
	}
	if _, err := os.Stat(filepath.Join(dir, journalName)); err != nil {
		t.Fatal(err)
	}
}

// An edit that changes nothing writes no journal event and keeps the
// updated time; a real change after it is written as before.
func TestUpdateFindingWithoutChangeWritesNothing(t *testing.T) {
	w := openWS(t, filepath.Join(t.TempDir(), "ws"))
	defer w.Close()
	hostile := "zwj \U0001F468\u200D\U0001F4BB tab\tesc\x1b[2J bidi\u202Eevil"
	f := testFinding(hostile)
	f.Description = hostile + "\nsecond line"
	added, err := w.AddFinding(f)
	if err != nil {
		t.Fatal(err)
	}
	seq := w.Head().Seq
	w.now = func() time.Time { return added.Updated.Add(time.Hour) }
	got, err := w.UpdateFinding(added.ID, func(g *Finding) { g.Title = hostile })
	if err != nil || w.Head().Seq != seq || !got.Updated.Equal(added.Updated) || got.Title != hostile {
		t.Fatalf("unchanged edit: seq %d -> %d, %+v, %v", seq, w.Head().Seq, got, err)
	}
	got, err = w.UpdateFinding(added.ID, func(g *Finding) { g.Severity = SeverityLow })
	if err != nil || w.Head().Seq != seq+1 || got.Severity != SeverityLow || got.Title != hostile || got.Description != f.Description {
		t.Fatalf("severity edit: seq %d -> %d, %+v, %v", seq, w.Head().Seq, got, err)
	}
}
