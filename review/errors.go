package review

import "errors"

var (
	// ErrInvalid means a value given by the reviewer (severity, status,
	// CWE, line range, text) is not allowed; the message says what is.
	ErrInvalid = errors.New("invalid value")
	// ErrNoSuchFinding means a finding id is not in the workspace.
	ErrNoSuchFinding = errors.New("no such finding")
	// ErrLocation means a location does not exist at the commit it names:
	// a missing path, a directory, or lines past the end of the file.
	ErrLocation = errors.New("location does not exist")
	// ErrNotSaved means a change was accepted but could not be written to
	// the journal: it is kept in memory as pending and written by the next
	// change or Flush. It must never be reported as saved.
	ErrNotSaved = errors.New("not saved")
	// ErrCorrupt means the journal cannot be replayed: an event in the
	// middle is damaged or was edited, or the hash chain is broken. The
	// file is left untouched.
	ErrCorrupt = errors.New("workspace journal is damaged")
	// ErrRolledBack means the journal is behind, or beside, the head last
	// seen for this workspace (an older copy was put back, or another
	// journal put in its place). The workspace opens read-only and
	// refuses every change until the journal is restored or the reviewer
	// accepts it (Workspace.AcceptRollback). See RollbackError.
	ErrRolledBack = errors.New("workspace journal rolled back")
	// ErrBusy means another process held the workspace lock for too long.
	ErrBusy = errors.New("workspace is busy")
	// ErrWrongRepository means a workspace belongs to another repository or
	// pin than the one it was opened for.
	ErrWrongRepository = errors.New("workspace belongs to another review")
)
