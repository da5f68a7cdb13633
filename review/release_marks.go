package review

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
)

// ReleaseMarks are the members of one release archive marked reviewed:
// a coverage scope of their own, since the members are not files at the
// pin. Each mark keeps the member's blob id, so a member whose content
// changed no longer counts.
type ReleaseMarks struct {
	Archive  ArchiveRef        `json:"archive"`
	Reviewed map[string]string `json:"reviewed"` // member path -> blob id
	// InScope is how many members the scope had when last marked (those
	// that differ from the tree or from upstream): the 14 of "12/14".
	InScope int `json:"inScope,omitempty"`
}

func releaseMarksName(sha string) string { return "release-" + sha + ".json" }

// ReleaseMarks reads the marks on the archive with this SHA-256 (none
// yet is not an error).
func (w *Workspace) ReleaseMarks(a ArchiveRef) (ReleaseMarks, error) {
	if err := a.Validate(); err != nil {
		return ReleaseMarks{}, err
	}
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.readReleaseMarks(a)
}

func (w *Workspace) readReleaseMarks(a ArchiveRef) (ReleaseMarks, error) {
	rm := ReleaseMarks{Archive: a, Reviewed: map[string]string{}}
	data, err := os.ReadFile(filepath.Join(w.dir, releaseMarksName(a.SHA256)))
	if errors.Is(err, fs.ErrNotExist) {
		return rm, nil
	}
	if err != nil {
		return rm, err
	}
	var got ReleaseMarks
	if err := json.Unmarshal(data, &got); err != nil || got.Archive.SHA256 != a.SHA256 {
		return rm, fmt.Errorf("%s: %w: not the release marks of archive %s", releaseMarksName(a.SHA256), ErrInvalid, a.SHA256)
	}
	for p, b := range got.Reviewed {
		rm.Reviewed[p] = b
	}
	rm.InScope = got.InScope
	return rm, nil
}

// MarkReleaseMember marks member (with its blob id) reviewed in the
// archive, or unmarks it, records how many members are in scope, and
// writes the marks crash-safely beside the journal. It returns the marks
// after the change.
func (w *Workspace) MarkReleaseMember(a ArchiveRef, member, blob string, on bool, inScope int) (ReleaseMarks, error) {
	if err := a.Validate(); err != nil {
		return ReleaseMarks{}, err
	}
	if member == "" || len(blob) != 40 {
		return ReleaseMarks{}, fmt.Errorf("release mark: %w: a member path and its 40-digit blob id are needed", ErrInvalid)
	}
	w.mu.Lock()
	defer w.mu.Unlock()
	rm, err := w.readReleaseMarks(a)
	if err != nil {
		return rm, err
	}
	if on {
		rm.Reviewed[member] = blob
	} else {
		delete(rm.Reviewed, member)
	}
	rm.InScope = max(inScope, len(rm.Reviewed))
	data, err := json.MarshalIndent(rm, "", "  ")
	if err != nil {
		return rm, err
	}
	return rm, WriteFileAtomic(w.dir, releaseMarksName(a.SHA256), append(data, '\n'))
}

// AllReleaseMarks reads the marks of every release archive reviewed in
// this workspace, sorted by the archive's SHA-256: the release scopes an
// export carries.
func (w *Workspace) AllReleaseMarks() ([]ReleaseMarks, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	names, err := filepath.Glob(filepath.Join(w.dir, releaseMarksName("*")))
	if err != nil {
		return nil, err
	}
	sort.Strings(names)
	var out []ReleaseMarks
	for _, n := range names {
		sum := strings.TrimSuffix(strings.TrimPrefix(filepath.Base(n), "release-"), ".json")
		data, err := os.ReadFile(n)
		if err != nil {
			return nil, err
		}
		var rm ReleaseMarks
		if err := json.Unmarshal(data, &rm); err != nil || rm.Archive.SHA256 != sum || rm.Archive.Validate() != nil {
			return nil, fmt.Errorf("%s: %w: not the release marks of archive %s", filepath.Base(n), ErrInvalid, sum)
		}
		if rm.Reviewed == nil {
			rm.Reviewed = map[string]string{}
		}
		out = append(out, rm)
	}
	return out, nil
}
