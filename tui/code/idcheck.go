package code

import (
	"errors"
	"fmt"

	"sightline/repo"
)

// What the banners say of a blob's id check (HOST-28). A blob read whole
// at load was checked then (a substitute never loads), so nothing is said
// of it. A paged blob is checked by the whole-file read (wholecount.go):
// the banner says the check is under way, then that it passed, or why it
// could not be made; a mismatch is said by its own warning alone. A blob
// cut at the window and never streamed (a source that cannot stream) is
// never checked, and the banner says so.

// idNote is the clause on the open file's id check ("" when there is
// nothing to add: checked at load, or its mismatch warning is shown).
func (m Model) idNote() string {
	d := m.doc
	id := d.Entry.Hash
	w := m.whole
	switch {
	case d.Mismatch != nil:
		return ""
	case !d.Paged && !d.Blob.Truncated:
		return ""
	case !d.Paged:
		return fmt.Sprintf("its ID (blob %s) is not checked: only the first %s is read", id, humanSize(int64(len(d.Blob.Data))))
	case !w.done || w.hash != d.Blob.Hash:
		return fmt.Sprintf("its ID (blob %s) is being checked (reading the whole file …)", id)
	case w.err == nil:
		return fmt.Sprintf("its ID (blob %s) was checked: the whole file matches it", id)
	case errors.Is(w.err, repo.ErrHashMismatch):
		return "" // noteMismatch flagged the Doc already
	}
	return fmt.Sprintf("its ID (blob %s) is not checked: the whole file could not be read: %v", id, w.err)
}
