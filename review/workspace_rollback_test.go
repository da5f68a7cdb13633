package review

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestRolledBackJournalRefused puts an older copy of the journal back:
// the workspace opens read-only, saying where the journal ends and what
// was seen, refuses every change without touching the journal, and after
// the reviewer accepts, gives out no id the newer copy had used.
func TestRolledBackJournalRefused(t *testing.T) {
	dir, heads := t.TempDir(), t.TempDir()
	w := openHeads(t, dir, heads)
	addN(t, w, 2, "old")
	w.Close()
	old := readJournal(t, dir)
	w = openHeads(t, dir, heads)
	addN(t, w, 3, "newer") // F-0003..F-0005, entries 4..6
	w.Close()
	newer := readJournal(t, dir)

	writeJournal(t, dir, old)
	w = openHeads(t, dir, heads)
	defer w.Close()
	want := fmt.Sprintf("journal rolled back: it ends at entry 3 (%s…), but entry 6 (%s…) was seen on ", lastSum(t, old)[:12], lastSum(t, newer)[:12])
	warn := w.Warnings()
	if len(warn) != 1 || !strings.HasPrefix(warn[0], want) || !strings.Contains(warn[0], "sightline findings accept-rollback --workspace "+dir) ||
		!strings.Contains(warn[0], "new finding ids will follow F-0005") || !strings.Contains(warn[0], "read-only") {
		t.Fatalf("warnings %q; want one starting %q", warn, want)
	}
	if c := w.RolledBack(); c == nil || c.Forked || c.Journal.Seq != 3 || c.Seen.Seq != 6 || c.MaxID != 5 {
		t.Fatalf("RolledBack() = %+v", c)
	}
	if h := w.Head(); h.Seq != 3 || h.Hash != lastSum(t, old) {
		t.Errorf("Head() = %+v", h)
	}
	if len(w.Findings()) != 2 {
		t.Errorf("%d findings shown, want the journal's 2", len(w.Findings()))
	}
	_, err := w.AddFinding(testFinding("refused"))
	if !errors.Is(err, ErrRolledBack) || errors.Is(err, ErrNotSaved) || !strings.HasPrefix(err.Error(), want) {
		t.Fatalf("add on a rolled back journal: %v", err)
	}
	for name, err := range map[string]error{
		"status":   func() error { _, err := w.SetStatus("F-0001", StatusConfirmed); return err }(),
		"delete":   w.DeleteFinding("F-0002"),
		"reviewer": w.SetReviewer("mallory"),
		"mark":     w.MarkReviewed(ReviewedFile{Path: "a.c", Blob: strings.Repeat("a", 40), Lines: 1}, true),
	} {
		if !errors.Is(err, ErrRolledBack) {
			t.Errorf("%s on a rolled back journal: %v", name, err)
		}
	}
	if w.Pending() != 0 || len(w.Findings()) != 2 || !bytes.Equal(readJournal(t, dir), old) {
		t.Fatalf("a refused change was kept or written: %d pending, %d findings", w.Pending(), len(w.Findings()))
	}
	if err := w.Refresh(); err != nil {
		t.Errorf("refresh (nothing to write) on a read-only workspace: %v", err)
	}

	if err := w.AcceptRollback(); err != nil {
		t.Fatal(err)
	}
	if w.RolledBack() != nil {
		t.Fatal("still read-only after AcceptRollback")
	}
	f, err := w.AddFinding(testFinding("after"))
	if err != nil || f.ID != "F-0006" {
		t.Fatalf("first finding after accepting: %q, %v; want F-0006 (F-0003..F-0005 were used in the newer copy)", f.ID, err)
	}
	w.Close()

	// The choice is an event of the journal, carrying the ids seen: with
	// the head record gone too, no old id comes back.
	j := readJournal(t, dir)
	if !bytes.Contains(j, []byte(`"type":"journal.rollback"`)) || !bytes.Contains(j, []byte(`"reason":"rolled back"`)) ||
		!bytes.Contains(j, []byte(fmt.Sprintf(`"seen":{"seq":6,"hash":"%s"}`, lastSum(t, newer)))) || !bytes.Contains(j, []byte(`"maxId":5`)) {
		t.Errorf("journal after accepting:\n%s", j)
	}
	w = openHeads(t, dir, heads)
	if warn := w.Warnings(); len(warn) != 0 || w.RolledBack() != nil || len(w.Findings()) != 3 {
		t.Fatalf("reopen after accepting: warnings %q, %d findings", warn, len(w.Findings()))
	}
	w.Close()
	if err := w.AcceptRollback(); err == nil {
		t.Error("AcceptRollback on a closed workspace succeeded")
	}
	writeJournal(t, dir, j[:bytes.LastIndexByte(j[:len(j)-1], '\n')+1]) // drop F-0006 again
	w = openHeads(t, dir, t.TempDir())                                  // and lose the record
	defer w.Close()
	if f, err := w.AddFinding(testFinding("again")); err != nil || f.ID != "F-0006" {
		t.Errorf("with only the journal's rollback event to go by: %q, %v; want F-0006", f.ID, err)
	}
}

// TestForkedJournalRefused puts another journal of the same review in
// place: one as long as the one seen, and one longer, both with a
// different entry where the seen head was.
func TestForkedJournalRefused(t *testing.T) {
	dir, heads := t.TempDir(), t.TempDir()
	w := openHeads(t, dir, heads)
	addN(t, w, 1, "common")
	w.Close()
	common := readJournal(t, dir)
	w = openHeads(t, dir, heads)
	addN(t, w, 1, "ours")
	w.Close()
	ours := readJournal(t, dir)

	other := t.TempDir()
	writeJournal(t, other, common)
	o := openHeads(t, other, t.TempDir())
	addN(t, o, 1, "theirs")
	same := readJournal(t, other)
	addN(t, o, 1, "theirs")
	longer := readJournal(t, other)
	o.Close()

	for _, c := range []struct {
		name    string
		journal []byte
		want    string
	}{
		{"same length", same, fmt.Sprintf("journal forked: it ends at entry 3 (%s…), but a different entry 3 (%s…) was seen on ", lastSum(t, same)[:12], lastSum(t, ours)[:12])},
		{"longer", longer, fmt.Sprintf("journal forked: it ends at entry 4 (%s…), and its entry 3 is not the entry 3 (%s…) seen on ", lastSum(t, longer)[:12], lastSum(t, ours)[:12])},
	} {
		writeJournal(t, dir, c.journal)
		w := openHeads(t, dir, heads)
		warn := w.Warnings()
		if len(warn) != 1 || !strings.HasPrefix(warn[0], c.want) {
			t.Errorf("%s: warnings %q; want %q", c.name, warn, c.want)
		}
		if r := w.RolledBack(); r == nil || !r.Forked {
			t.Errorf("%s: RolledBack() = %+v", c.name, r)
		}
		if _, err := w.AddFinding(testFinding("refused")); !errors.Is(err, ErrRolledBack) {
			t.Errorf("%s: add: %v", c.name, err)
		}
		w.Close()
		if !bytes.Equal(readJournal(t, dir), c.journal) {
			t.Errorf("%s: the journal was written", c.name)
		}
	}
}

// TestJournalAheadOfRecordAccepted: a process of ours that stopped
// between fsyncing the journal and replacing the record leaves the
// record behind a journal that went on from it. That opens normally and
// the record catches up.
func TestJournalAheadOfRecordAccepted(t *testing.T) {
	dir, heads := t.TempDir(), t.TempDir()
	w := openHeads(t, dir, heads)
	addN(t, w, 1, "first")
	w.Close()
	p := newHeadStore(heads, dir, testPin.Commit).path()
	behind, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	w = openHeads(t, dir, heads)
	addN(t, w, 2, "more")
	w.Close()
	if err := os.WriteFile(p, behind, 0o600); err != nil {
		t.Fatal(err)
	}
	w = openHeads(t, dir, heads)
	defer w.Close()
	if warn := w.Warnings(); len(warn) != 0 || w.RolledBack() != nil {
		t.Fatalf("journal ahead of its record: warnings %q", warn)
	}
	if r := recordOf(t, heads, dir); r.Head.Seq != 4 || r.Head.Hash != lastSum(t, readJournal(t, dir)) || r.MaxID != 3 {
		t.Errorf("record after open: %+v; want entry 4, max id 3", r)
	}
	if f, err := w.AddFinding(testFinding("next")); err != nil || f.ID != "F-0004" {
		t.Errorf("next finding %q, %v", f.ID, err)
	}
	if r := recordOf(t, heads, dir); r.Head.Seq != 5 || r.MaxID != 4 {
		t.Errorf("record after a write: %+v", r)
	}
}

// TestEmptiedJournalRefused: a journal emptied (or a workspace made
// anew in the same directory for the same pin) is a rollback to entry 0.
func TestEmptiedJournalRefused(t *testing.T) {
	dir, heads := t.TempDir(), t.TempDir()
	w := openHeads(t, dir, heads)
	addN(t, w, 2, "gone")
	w.Close()
	if err := os.Remove(filepath.Join(dir, journalName)); err != nil {
		t.Fatal(err)
	}
	w = openHeads(t, dir, heads)
	defer w.Close()
	if warn := w.Warnings(); len(warn) != 1 || !strings.HasPrefix(warn[0], "journal rolled back: it ends at entry 0 (an empty journal), but entry 3 (") {
		t.Fatalf("warnings %q", warn)
	}
	if m := w.Meta(); m.Pin != testPin || m.Repository != "vendor" {
		t.Errorf("Meta() of the unwritten journal = %+v", m)
	}
	if _, err := w.AddFinding(testFinding("refused")); !errors.Is(err, ErrRolledBack) {
		t.Fatalf("add: %v", err)
	}
	if b := readJournal(t, dir); len(b) != 0 {
		t.Fatalf("the journal was written: %s", b)
	}
	if err := w.AcceptRollback(); err != nil {
		t.Fatal(err)
	}
	if f, err := w.AddFinding(testFinding("new")); err != nil || f.ID != "F-0003" {
		t.Errorf("after accepting: %q, %v", f.ID, err)
	}
	if m, err := ReadMeta(dir); err != nil || m.Pin != testPin {
		t.Errorf("ReadMeta after accepting: %+v, %v", m, err)
	}
}

// TestUnreadableRecordRefused: a damaged record cannot vouch for the
// journal, so the workspace is read-only until the reviewer accepts the
// journal as it is, which writes a good record.
func TestUnreadableRecordRefused(t *testing.T) {
	dir, heads := t.TempDir(), t.TempDir()
	w := openHeads(t, dir, heads)
	addN(t, w, 1, "one")
	w.Close()
	p := newHeadStore(heads, dir, testPin.Commit).path()
	if err := os.WriteFile(p, []byte(`{"version":1,"head":`), 0o600); err != nil {
		t.Fatal(err)
	}
	w = openHeads(t, dir, heads)
	defer w.Close()
	if warn := w.Warnings(); len(warn) != 1 || !strings.HasPrefix(warn[0], "journal head cannot be checked: the record of the head last seen ("+p+") cannot be read") {
		t.Fatalf("warnings %q", warn)
	}
	if _, err := w.AddFinding(testFinding("refused")); !errors.Is(err, ErrRolledBack) {
		t.Fatalf("add: %v", err)
	}
	if err := w.AcceptRollback(); err != nil {
		t.Fatal(err)
	}
	if r := recordOf(t, heads, dir); r.Head.Seq != 3 || r.MaxID != 1 {
		t.Errorf("record after accepting: %+v", r)
	}
	if !bytes.Contains(readJournal(t, dir), []byte(`"reason":"record unreadable"`)) {
		t.Error("the journal does not record the choice")
	}
}

// TestRollbackAcceptedByAnotherWorkspace: two Workspaces opened on the
// rolled back journal (a TUI and a command); when one accepts, the
// other's next change goes through, with an id above every one seen.
func TestRollbackAcceptedByAnotherWorkspace(t *testing.T) {
	dir, heads := t.TempDir(), t.TempDir()
	w := openHeads(t, dir, heads)
	addN(t, w, 1, "old")
	w.Close()
	old := readJournal(t, dir)
	w = openHeads(t, dir, heads)
	addN(t, w, 2, "newer")
	w.Close()
	writeJournal(t, dir, old)

	a, b := openHeads(t, dir, heads), openHeads(t, dir, heads)
	defer a.Close()
	defer b.Close()
	if _, err := a.AddFinding(testFinding("refused")); !errors.Is(err, ErrRolledBack) {
		t.Fatalf("add before accepting: %v", err)
	}
	if err := b.AcceptRollback(); err != nil {
		t.Fatal(err)
	}
	f, err := a.AddFinding(testFinding("after"))
	if err != nil || f.ID != "F-0004" {
		t.Fatalf("add after the other accepted: %q, %v", f.ID, err)
	}
	if a.RolledBack() != nil || a.AcceptRollback() != nil {
		t.Error("still read-only")
	}
	if n := bytes.Count(readJournal(t, dir), []byte(`"type":"journal.rollback"`)); n != 1 {
		t.Errorf("%d rollback events, want 1", n)
	}
}

// TestRollbackMessageQuotesDir: the command in the message can be pasted
// into a shell even when the workspace path has spaces or quotes.
func TestRollbackMessageQuotesDir(t *testing.T) {
	for dir, want := range map[string]string{
		"/home/r/ws-1":   "--workspace /home/r/ws-1`",
		"/home/r/my ws":  "--workspace '/home/r/my ws'`",
		"/home/r/it's":   "--workspace '/home/r/it'\\''s'`",
		"/home/r/$(x)ws": "--workspace '/home/r/$(x)ws'`",
	} {
		e := &RollbackError{Dir: dir, Journal: Head{Seq: 2, Hash: strings.Repeat("a", 64)}, Seen: Head{Seq: 3, Hash: strings.Repeat("b", 64)}}
		if msg := e.Error(); !strings.Contains(msg, want) {
			t.Errorf("%q: message %q lacks %q", dir, msg, want)
		}
	}
}
