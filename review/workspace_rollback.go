package review

import (
	"errors"
	"fmt"
	"strings"
	"time"
)

// RollbackError is why a workspace opened read-only: its journal ends
// before the head last recorded for it (Forked false), or holds a
// different entry where that head was (Forked true), or the record of
// that head cannot be read (Unreadable). errors.Is(err, ErrRolledBack) is
// true for it. Every change is refused with it until the newer journal is
// put back or the reviewer accepts this one (Workspace.AcceptRollback).
type RollbackError struct {
	Dir        string    // the workspace directory
	Journal    Head      // where the journal on disk ends
	Seen       Head      // the head recorded when the journal was last written
	SeenAt     time.Time // when Seen was recorded
	MaxID      int       // the highest finding id number seen for this workspace
	Forked     bool
	Record     string // the record's file
	Unreadable error  // why the record could not be read, or nil

	rollbacks int // the journal's accepted rollbacks when this was found
}

func (e *RollbackError) Error() string {
	var what string
	switch {
	case e.Unreadable != nil:
		what = fmt.Sprintf("journal head cannot be checked: the record of the head last seen (%s) cannot be read: %v", e.Record, e.Unreadable)
	case !e.Forked:
		what = fmt.Sprintf("journal rolled back: it ends at %s, but %s was seen on %s", e.Journal.short(), e.Seen.short(), e.seenAt())
	case e.Journal.Seq == e.Seen.Seq:
		what = fmt.Sprintf("journal forked: it ends at %s, but a different %s was seen on %s", e.Journal.short(), e.Seen.short(), e.seenAt())
	default:
		what = fmt.Sprintf("journal forked: it ends at %s, and its entry %d is not the %s seen on %s", e.Journal.short(), e.Seen.Seq, e.Seen.short(), e.seenAt())
	}
	ids := ""
	if e.MaxID > 0 {
		ids = fmt.Sprintf("; new finding ids will follow %s", FormatID(e.MaxID))
	}
	return fmt.Sprintf("%s; restore the newer copy of %s, or run `sightline findings accept-rollback --workspace %s` to go on from entry %d as it is (the choice is recorded in the journal%s); until then the workspace is read-only",
		what, e.Dir, shellWord(e.Dir), e.Journal.Seq, ids)
}

// shellWord quotes s for a POSIX shell when it needs it, so the command
// in the message can be pasted as it is.
func shellWord(s string) string {
	if s != "" && !strings.ContainsFunc(s, func(r rune) bool {
		return !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || strings.ContainsRune("/._-+,:@%=", r))
	}) {
		return s
	}
	return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
}

func (e *RollbackError) seenAt() string { return e.SeenAt.UTC().Format("2006-01-02 15:04:05 UTC") }

// Is makes errors.Is(err, ErrRolledBack) true.
func (e *RollbackError) Is(target error) bool { return target == ErrRolledBack }

func (e *RollbackError) reason() string {
	switch {
	case e.Unreadable != nil:
		return "record unreadable"
	case e.Forked:
		return "forked"
	}
	return "rolled back"
}

// head is where the journal on disk ends.
func (w *Workspace) head() Head { return Head{Seq: w.j.seq, Hash: w.j.last} }

// Head is where the workspace's journal on disk ends: the sequence
// number and sum of its last entry, which chains to all before it. An
// export records it, so that a copy of the journal can be checked
// against the bundle. Pending changes are not in it.
func (w *Workspace) Head() Head {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.head()
}

// RolledBack is why the workspace is read-only (see RollbackError), or
// nil when it is not.
func (w *Workspace) RolledBack() *RollbackError {
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.conflict == nil {
		return nil
	}
	c := *w.conflict
	return &c
}

// loadHead finds the record of this workspace's head before the journal
// is read, and marks the recorded entry so that reading keeps its sum.
// The lock must be held.
func (w *Workspace) loadHead(o openOptions, pin string) {
	dir := o.headDir
	if dir == "" {
		var err error
		if dir, err = DefaultHeadDir(); err != nil {
			w.warnings = append(w.warnings, fmt.Sprintf("the journal's head is not remembered (%v): an older copy of the workspace put back would not be noticed", err))
			return
		}
	}
	w.heads = newHeadStore(dir, w.dir, pin)
	w.seen, w.seenErr = w.heads.load()
	if w.seen != nil {
		w.j.mark = w.seen.Head.Seq
		w.idFloor = w.seen.MaxID
	}
}

// checkHead compares the journal, once read, with the recorded head. A
// journal ahead of the record that went on from the recorded entry is
// fine (a process of ours stopped between writing the journal and the
// record); one behind it, or beside it, makes the workspace read-only.
func (w *Workspace) checkHead() {
	if w.heads == nil {
		return
	}
	cur := w.head()
	c := &RollbackError{Dir: w.dir, Journal: cur, Record: w.heads.path(), rollbacks: w.committed.rollbacks}
	switch r := w.seen; {
	case w.seenErr != nil:
		c.Unreadable = w.seenErr
	case r == nil:
		return
	case cur.Seq < r.Head.Seq:
	case cur.Seq == r.Head.Seq && cur.Hash != r.Head.Hash, cur.Seq > r.Head.Seq && w.j.markSum != r.Head.Hash:
		c.Forked = true
	default:
		return
	}
	if r := w.seen; r != nil {
		c.Seen, c.SeenAt, c.MaxID = r.Head, r.Seen, max(r.MaxID, w.committed.lastID)
	}
	w.conflict = c
	w.warnings = append(w.warnings, c.Error())
}

// recordHead remembers the journal's head after a write (and on open)
// outside the workspace. The lock must be held. The journal is already
// on disk, so a failure here does not undo the change: it is a warning,
// and the next write tries again.
func (w *Workspace) recordHead() {
	if w.heads == nil || w.conflict != nil {
		return
	}
	cur := w.head()
	maxID := max(w.idFloor, w.committed.lastID)
	if r, err := w.heads.load(); err == nil && r != nil {
		maxID = max(maxID, r.MaxID)
	}
	if w.seen != nil && w.seen.Head == cur && w.seen.MaxID == maxID {
		return
	}
	rec := headRecord{Head: cur, MaxID: maxID, Seen: w.now().UTC()}
	if err := w.heads.save(rec, w.headWrap); err != nil {
		w.warnings = append(w.warnings, fmt.Sprintf("the journal's head (%s) could not be recorded in %s: %v; an older copy of the workspace put back would not be noticed until the next change records it",
			cur.short(), w.heads.dir, err))
		return
	}
	w.seen, w.seenErr, w.idFloor = &rec, nil, maxID
}

// AcceptRollback is the reviewer's choice to go on from the journal as
// it is after a RollbackError: it writes that choice, with the head seen
// before and the highest finding id seen, to the journal as an event of
// its own, records the new head, and makes the workspace writable again.
// Finding ids stay above every id seen. Without a RollbackError it does
// nothing.
func (w *Workspace) AcceptRollback() error {
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.closed {
		return errors.New("workspace is closed")
	}
	if w.conflict == nil {
		return nil
	}
	if err := w.lock.acquire(w.lockTimeout); err != nil {
		return err
	}
	defer func() { _ = w.lock.release() }()
	if err := w.catchUp(); err != nil {
		return err
	}
	c := w.conflict
	if w.committed.rollbacks > c.rollbacks { // another process accepted it
		w.conflict = nil
		w.view = w.committed.clone()
		return nil
	}
	if !w.committed.opened {
		if err := w.writeNow(evOpen, w.openMeta); err != nil {
			return fmt.Errorf("accept rollback: %w", err)
		}
	}
	d := rollbackData{Reason: c.reason(), Journal: w.head(), MaxID: max(c.MaxID, w.idFloor, w.committed.lastID)}
	if c.Unreadable == nil {
		d.Seen, d.SeenAt = &c.Seen, c.SeenAt
	}
	if err := w.writeNow(evRollback, d); err != nil {
		return fmt.Errorf("accept rollback: %w", err)
	}
	w.conflict = nil
	w.idFloor = max(w.idFloor, d.MaxID)
	w.recordHead()
	return nil
}

// refuseWrite is do's check while the workspace is read-only: after
// catching up, a rollback accepted by another process lifts it. The lock
// must be held.
func (w *Workspace) refuseWrite() error {
	if w.conflict != nil && w.committed.rollbacks > w.conflict.rollbacks {
		w.conflict = nil
	}
	if w.conflict != nil {
		return w.conflict
	}
	return nil
}

// baseView is the committed state for the read methods; before a rolled
// back (empty) journal is accepted, it carries the Meta Open was given.
func (w *Workspace) baseView() *state {
	s := w.committed.clone()
	if !s.opened {
		s.meta = w.openMeta
	}
	return s
}
