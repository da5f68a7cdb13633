package review

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"time"
)

// defaultLockTimeout is how long a write waits for another process's
// transaction. Transactions take milliseconds, so a long wait means the
// other process is stuck, and the error names it.
const defaultLockTimeout = 5 * time.Second

// Workspace is one review on disk: its Meta, findings and coverage, kept
// as a journal of events. Every change is appended and fsynced before the
// method returns nil. Two Workspaces (in one process or two) on the same
// directory take turns under an flock taken per change, and each reads
// the other's events before writing its own, so a TUI and a script can
// share a workspace. A Workspace is safe for concurrent use.
//
// When the journal cannot be written (a full disk, a read-only
// directory), the change is kept in memory as pending, the method returns
// an error wrapping ErrNotSaved, and the next change, Refresh or Close
// tries again. The state the read methods show includes pending changes.
type Workspace struct {
	mu          sync.Mutex
	dir         string
	j           *journal
	lock        *fileLock
	committed   *state // what the journal on disk holds
	view        *state // committed plus pending
	pending     []*op
	warnings    []string
	now         func() time.Time
	lockTimeout time.Duration
	closed      bool

	// The journal's head as last recorded outside the workspace (see
	// journal_head.go), and why the workspace is read-only, if it is.
	heads    *headStore
	seen     *headRecord
	seenErr  error
	conflict *RollbackError
	idFloor  int  // finding ids are given out above this, whatever the journal says
	openMeta Meta // what Open was given, for a journal still to be written
	headWrap func(syncFile) syncFile
}

// op is one change, kept as a function of the state so that it can be
// rebuilt on top of events another process appended first (finding ids
// are given out then).
type op struct {
	typ string
	// build returns the event data, or nil for nothing to do, or an error
	// when the change does not apply to s.
	build func(s *state) (any, error)
}

// Open opens the workspace in dir, creating it (and dir) for meta when it
// does not exist. An existing workspace must be for the same pin;
// meta.Base, when set and different, is recorded as the new base; meta's
// other fields are only used when creating. A journal whose last record
// was torn by a crash is repaired (see Warnings); one damaged anywhere
// else is refused with ErrCorrupt and left untouched.
//
// The journal's head is remembered outside the workspace (DefaultHeadDir,
// or WithHeadDir). A journal behind that head, or forked from it, opens
// read-only: the reason is in Warnings and RolledBack, and every change
// is refused with a RollbackError until AcceptRollback.
func Open(dir string, meta Meta, opts ...Option) (*Workspace, error) {
	if len(meta.Pin.Commit) != 40 {
		return nil, fmt.Errorf("open workspace: %w: the pin must be a full commit id", ErrInvalid)
	}
	dir, err := filepath.Abs(dir)
	if err != nil {
		return nil, fmt.Errorf("open workspace: %w", err)
	}
	if err := makeDir(dir); err != nil {
		return nil, err
	}
	var o openOptions
	for _, opt := range opts {
		opt(&o)
	}
	w := &Workspace{dir: dir, committed: newState(), now: time.Now, lockTimeout: defaultLockTimeout, openMeta: meta}
	if w.lock, err = openLock(dir); err != nil {
		return nil, err
	}
	if err := w.open(meta, o); err != nil {
		if w.j != nil {
			_ = w.j.close()
		}
		_ = w.lock.close()
		return nil, fmt.Errorf("open workspace %s: %w", dir, err)
	}
	return w, nil
}

func (w *Workspace) open(meta Meta, o openOptions) error {
	if err := w.lock.acquire(w.lockTimeout); err != nil {
		return err
	}
	defer func() { _ = w.lock.release() }()
	var err error
	if w.j, _, err = openJournal(w.dir); err != nil {
		return err
	}
	w.loadHead(o, meta.Pin.Commit)
	if err := w.catchUp(); err != nil {
		return err
	}
	w.view = w.baseView()
	if have := w.committed.meta; w.committed.opened && have.Pin.Commit != meta.Pin.Commit {
		return fmt.Errorf("%w: it reviews %s at %s (%s), not %s; pass another --workspace, or --rev %s",
			ErrWrongRepository, have.Repository, have.Pin.Commit, have.Pin.Ref, meta.Pin.Commit, have.Pin.Commit)
	}
	if w.checkHead(); w.conflict != nil {
		return nil // read-only: nothing is written, not even a new base
	}
	switch have := w.committed.meta; {
	case !w.committed.opened:
		err = w.writeNow(evOpen, meta)
	case meta.Base != nil && (have.Base == nil || have.Base.Commit != meta.Base.Commit):
		err = w.writeNow(evBase, baseData{Base: meta.Base})
	}
	if err == nil {
		w.recordHead()
	}
	return err
}

// writeNow writes one event while the lock is held and nothing is pending.
func (w *Workspace) writeNow(typ string, data any) error {
	raw, err := json.Marshal(data)
	if err != nil {
		return err
	}
	if err := w.committed.apply(typ, raw); err != nil {
		return err
	}
	if err := w.appendEvent(typ, raw); err != nil {
		return err
	}
	w.view = w.committed.clone()
	return nil
}

func makeDir(dir string) error {
	if fi, err := os.Stat(dir); err == nil {
		if !fi.IsDir() {
			return fmt.Errorf("open workspace %s: not a directory", dir)
		}
		return nil
	}
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return fmt.Errorf("create workspace: %w", err)
	}
	if err := syncDir(filepath.Dir(dir)); err != nil {
		return fmt.Errorf("create workspace: %w", err)
	}
	return nil
}

// catchUp applies the events appended since the last read (by another
// process, or a write whose fsync failed) and sets aside a torn tail. The
// lock must be held.
func (w *Workspace) catchUp() error {
	torn, err := w.j.readNew(func(ev event) error { return w.committed.apply(ev.Type, ev.Data) })
	if err != nil {
		return err
	}
	if torn != nil {
		msg, err := w.j.setAside(torn, w.now())
		if err != nil {
			return err
		}
		w.warnings = append(w.warnings, msg)
	}
	return nil
}

func (w *Workspace) appendEvent(typ string, raw json.RawMessage) error {
	seq := w.j.seq + 1
	line, sum, err := encodeEvent(event{Seq: seq, Time: w.now().UTC().Format(time.RFC3339Nano), Type: typ, Prev: w.j.last, Data: raw})
	if err != nil {
		return err
	}
	return w.j.append(line, sum, seq)
}

// do runs a change (nil: only write what is pending) as one transaction:
// take the lock, read other processes' events, write pending changes and
// then this one, each fsynced. A change that does not apply is refused
// with its error and nothing is kept; a change that cannot be written is
// kept pending and the error wraps ErrNotSaved.
func (w *Workspace) do(o *op) error {
	if w.closed {
		return errors.New("workspace is closed")
	}
	ops := slices.Clone(w.pending)
	if o != nil {
		ops = append(ops, o)
	}
	ioErr := w.lock.acquire(w.lockTimeout)
	if ioErr == nil {
		defer func() { _ = w.lock.release() }()
		ioErr = w.catchUp()
		if ioErr == nil && w.j.recovered && len(ops) > 0 {
			// The first pending change had reached the disk after all.
			w.j.recovered = false
			ops = ops[1:]
			ioErr = w.j.w.Sync()
		}
	}
	if err := w.refuseWrite(); err != nil && len(ops) > 0 {
		w.view = w.baseView()
		return err // read-only: nothing is kept
	}
	ws := w.baseView()
	var still []*op
	appended := false
	for _, c := range ops {
		raw, err := buildOp(c, ws)
		if err != nil {
			if c == o {
				w.view = ws
				w.pending = still
				return err
			}
			w.warnings = append(w.warnings, fmt.Sprintf("a change that was not yet saved no longer applies and was dropped: %v", err))
			continue
		}
		if raw == nil {
			continue
		}
		if ioErr == nil {
			if ioErr = w.appendEvent(c.typ, raw); ioErr == nil {
				if err := w.committed.apply(c.typ, raw); err != nil {
					return err // cannot happen: ws accepted the same event
				}
				appended = true
				continue
			}
		}
		still = append(still, c)
	}
	w.view, w.pending = ws, still
	if appended {
		w.recordHead()
	}
	if len(still) > 0 {
		return &NotSavedError{Cause: ioErr, Pending: len(still)}
	}
	if ioErr != nil {
		return ioErr // catching up failed, nothing of ours to write
	}
	return nil
}

// NotSavedError is the error of a change that could not be written: it
// is kept in memory (Pending changes in all) and written by the next
// change, Refresh or Close. errors.Is(err, ErrNotSaved) is true for it.
type NotSavedError struct {
	Cause   error // why writing failed: a full disk, a busy lock, a damaged journal
	Pending int
}

func (e *NotSavedError) Error() string {
	return fmt.Sprintf("not saved: %v; %d change(s) kept in memory, to be written by the next change", e.Cause, e.Pending)
}

// Is makes errors.Is(err, ErrNotSaved) true.
func (e *NotSavedError) Is(target error) bool { return target == ErrNotSaved }

// Unwrap returns the cause.
func (e *NotSavedError) Unwrap() error { return e.Cause }

// buildOp builds c's event data on ws and applies it there, so later
// changes see it. It returns nil data when c has nothing to do.
func buildOp(c *op, ws *state) (json.RawMessage, error) {
	data, err := c.build(ws)
	if err != nil || data == nil {
		return nil, err
	}
	raw, err := json.Marshal(data)
	if err != nil {
		return nil, err
	}
	if err := ws.apply(c.typ, raw); err != nil {
		return nil, err
	}
	return raw, nil
}

// Dir is the workspace directory, for the TUI to show.
func (w *Workspace) Dir() string { return w.dir }

// Meta is the review this workspace holds, with its current base and
// reviewer setting.
func (w *Workspace) Meta() Meta {
	w.mu.Lock()
	defer w.mu.Unlock()
	m := w.view.meta
	if m.Base != nil {
		b := *m.Base
		m.Base = &b
	}
	return m
}

// Warnings returns what the workspace repaired or dropped (a torn journal
// end set aside, a pending change that no longer applied) since the last
// call, and clears them.
func (w *Workspace) Warnings() []string {
	w.mu.Lock()
	defer w.mu.Unlock()
	out := w.warnings
	w.warnings = nil
	return out
}

// Pending is the number of changes not yet on disk.
func (w *Workspace) Pending() int {
	w.mu.Lock()
	defer w.mu.Unlock()
	return len(w.pending)
}

// Refresh reads what other processes wrote to the workspace and writes
// any pending changes. It returns an error wrapping ErrNotSaved while
// changes are still pending.
func (w *Workspace) Refresh() error {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.do(nil)
}

// Flush is Refresh: it writes pending changes, or says why it cannot.
func (w *Workspace) Flush() error { return w.Refresh() }

// Close writes pending changes and closes the workspace. It returns an
// error wrapping ErrNotSaved when some could not be written: they are
// lost once Close returns.
func (w *Workspace) Close() error {
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.closed {
		return nil
	}
	var err error
	if len(w.pending) > 0 {
		err = w.do(nil)
	}
	w.closed = true
	if cerr := w.j.close(); err == nil {
		err = cerr
	}
	if cerr := w.lock.close(); err == nil {
		err = cerr
	}
	return err
}

// SetReviewer sets the workspace's default reviewer for new findings.
func (w *Workspace) SetReviewer(name string) error {
	name = strings.TrimSpace(name)
	if err := checkText("reviewer", name, maxTitle); err != nil {
		return err
	}
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.do(&op{typ: evReviewer, build: func(s *state) (any, error) {
		if s.meta.Reviewer == name {
			return nil, nil
		}
		return reviewerData{Reviewer: name}, nil
	}})
}

// SetBase records the base of a diff review (nil: no base).
func (w *Workspace) SetBase(base *Rev) error {
	if base != nil && len(base.Commit) != 40 {
		return fmt.Errorf("base: %w: a full commit id is needed", ErrInvalid)
	}
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.do(&op{typ: evBase, build: func(s *state) (any, error) {
		if (s.meta.Base == nil && base == nil) || (s.meta.Base != nil && base != nil && *s.meta.Base == *base) {
			return nil, nil
		}
		return baseData{Base: base}, nil
	}})
}
