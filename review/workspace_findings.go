package review

import (
	"fmt"
	"reflect"
	"slices"
	"sort"
	"strings"
	"time"
)

// stamp is the time recorded on a finding: UTC, whole seconds, taken when
// the reviewer made the change (not when a pending change was written).
func (w *Workspace) stamp() time.Time { return w.now().UTC().Truncate(time.Second) }

// AddFinding adds f, giving it the next id (F-0001, F-0002, ...; never
// one used before, even by a deleted finding or in a newer copy of the
// journal that was rolled back), its created and updated times, and its
// reviewer when f has none (the workspace's setting, else the login
// name). Status defaults to open. Every step's location must be
// at the pin (side "" or "pin") or the base (side "base"). It returns the
// finding as stored.
func (w *Workspace) AddFinding(f Finding) (Finding, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	t := w.stamp()
	var out Finding
	err := w.do(&op{typ: evAdd, build: func(s *state) (any, error) {
		g := f.Clone()
		g.ID = FormatID(max(s.lastID, w.idFloor) + 1) // above every id seen, even in a journal rolled back
		g.Reviewer = strings.TrimSpace(g.Reviewer)
		if g.Reviewer == "" {
			g.Reviewer = s.meta.Reviewer
		}
		if g.Reviewer == "" {
			g.Reviewer = DefaultReviewer()
		}
		g.Created, g.Updated = t, t
		if err := g.Validate(); err != nil {
			return nil, err
		}
		for i, st := range g.Steps {
			if err := s.checkStep(st); err != nil {
				return nil, fmt.Errorf("step %d: %w", i+1, err)
			}
		}
		out = g
		return g, nil
	}})
	return out.Clone(), err
}

// UpdateFinding changes finding id by calling edit on a copy of its
// current state (which may include another process's latest changes) and
// stores the result. The id, created time and updated time are not the
// editor's to change. edit may run again later, on a newer state, if the
// change has to wait as pending; it should only set fields. An edit that
// changes nothing writes nothing, and returns the finding as it is.
func (w *Workspace) UpdateFinding(id string, edit func(*Finding)) (Finding, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	t := w.stamp()
	var out Finding
	err := w.do(&op{typ: evUpdate, build: func(s *state) (any, error) {
		old, ok := s.findings[id]
		if !ok {
			return nil, fmt.Errorf("finding %s: %w", id, ErrNoSuchFinding)
		}
		g := old.Clone()
		edit(&g)
		g.ID, g.Created, g.Updated = old.ID, old.Created, t
		if err := g.Validate(); err != nil {
			return nil, err
		}
		if g.Updated = old.Updated; reflect.DeepEqual(g, old) {
			out = old
			return nil, nil // no event: the journal only records changes
		}
		g.Updated = t
		for i, st := range g.Steps {
			if err := s.checkStep(st); err != nil {
				return nil, fmt.Errorf("step %d: %w", i+1, err)
			}
		}
		out = g
		return g, nil
	}})
	return out.Clone(), err
}

// AddStep appends a step to finding id and returns the finding.
func (w *Workspace) AddStep(id string, step Step) (Finding, error) {
	if err := step.Validate(); err != nil {
		return Finding{}, err
	}
	w.mu.Lock()
	defer w.mu.Unlock()
	t := w.stamp()
	var out Finding
	err := w.do(&op{typ: evStep, build: func(s *state) (any, error) {
		f, ok := s.findings[id]
		if !ok {
			return nil, fmt.Errorf("finding %s: %w", id, ErrNoSuchFinding)
		}
		if err := s.checkCommit(step.Location); err != nil {
			return nil, err
		}
		out = f.Clone()
		out.Steps = append(out.Steps, step)
		out.Updated = t
		return stepData{ID: id, Step: step, Updated: t}, nil
	}})
	return out.Clone(), err
}

// SetStatus changes the status of finding id.
func (w *Workspace) SetStatus(id string, status Status) (Finding, error) {
	st, err := ParseStatus(string(status))
	if err != nil {
		return Finding{}, err
	}
	w.mu.Lock()
	defer w.mu.Unlock()
	t := w.stamp()
	var out Finding
	err = w.do(&op{typ: evStatus, build: func(s *state) (any, error) {
		f, ok := s.findings[id]
		if !ok {
			return nil, fmt.Errorf("finding %s: %w", id, ErrNoSuchFinding)
		}
		out = f.Clone()
		if f.Status == st {
			return nil, nil
		}
		out.Status, out.Updated = st, t
		return statusData{ID: id, Status: st, Updated: t}, nil
	}})
	return out.Clone(), err
}

// DeleteFinding removes finding id. Its id is not given out again, and
// the journal keeps its history.
func (w *Workspace) DeleteFinding(id string) error {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.do(&op{typ: evDelete, build: func(s *state) (any, error) {
		if _, ok := s.findings[id]; !ok {
			return nil, fmt.Errorf("finding %s: %w", id, ErrNoSuchFinding)
		}
		return deleteData{ID: id}, nil
	}})
}

// Finding returns finding id.
func (w *Workspace) Finding(id string) (Finding, bool) {
	w.mu.Lock()
	defer w.mu.Unlock()
	f, ok := w.view.findings[id]
	return f.Clone(), ok
}

// Findings returns copies of all findings, in id order.
func (w *Workspace) Findings() []Finding {
	w.mu.Lock()
	defer w.mu.Unlock()
	out := make([]Finding, 0, len(w.view.findings))
	for _, f := range w.view.findings {
		out = append(out, f.Clone())
	}
	sort.Slice(out, func(i, j int) bool {
		a, _ := idNumber(out[i].ID)
		b, _ := idNumber(out[j].ID)
		return a < b
	})
	return out
}

// MarkReviewed marks one file reviewed (with its blob at the pin and its
// line count), or unmarks it when reviewed is false (only f.Path counts
// then). Marking a file already marked with the same blob writes nothing.
func (w *Workspace) MarkReviewed(f ReviewedFile, reviewed bool) error {
	return w.MarkReviewedFiles(reviewed, f)
}

// MarkReviewedFiles is MarkReviewed for many files (a directory) in one
// event and one fsync. Files already in the wanted state are skipped;
// when none is left nothing is written.
func (w *Workspace) MarkReviewedFiles(reviewed bool, files ...ReviewedFile) error {
	for _, f := range files {
		if f.Path == "" {
			return fmt.Errorf("reviewed: %w: no path", ErrInvalid)
		}
		if reviewed && (len(f.Blob) != 40 || f.Lines < 0 || f.Bytes < 0) {
			return fmt.Errorf("reviewed %q: %w: a full blob id and a line count are needed", f.Path, ErrInvalid)
		}
	}
	files = slices.Clone(files)
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.do(&op{typ: evCoverage, build: func(s *state) (any, error) {
		d := coverageData{Reviewed: reviewed}
		for _, f := range files {
			if old, was := s.reviewed[f.Path]; was == reviewed && (!reviewed || old == f) {
				continue
			}
			path, b64 := EncodePath(f.Path)
			cf := coverageFile{Path: path, PathBytes: b64}
			if reviewed {
				cf.Blob, cf.Lines, cf.Bytes = f.Blob, f.Lines, f.Bytes
			}
			d.Files = append(d.Files, cf)
		}
		if len(d.Files) == 0 {
			return nil, nil
		}
		return d, nil
	}})
}

// IsReviewed reports whether path is marked reviewed.
func (w *Workspace) IsReviewed(path string) bool {
	w.mu.Lock()
	defer w.mu.Unlock()
	_, ok := w.view.reviewed[path]
	return ok
}

// Reviewed returns the files marked reviewed, sorted by path.
func (w *Workspace) Reviewed() []ReviewedFile {
	w.mu.Lock()
	defer w.mu.Unlock()
	out := make([]ReviewedFile, 0, len(w.view.reviewed))
	for _, f := range w.view.reviewed {
		out = append(out, f)
	}
	slices.SortFunc(out, func(a, b ReviewedFile) int { return strings.Compare(a.Path, b.Path) })
	return out
}

// Progress counts the reviewed files and lines against the totals the
// caller knows (and, in a diff review, the changed paths).
func (w *Workspace) Progress(t Totals) Progress {
	w.mu.Lock()
	defer w.mu.Unlock()
	return progress(w.view.reviewed, t)
}

// checkStep is checkCommit, except that a step carried as gone keeps its
// old location, at the old pin, by design.
func (s *state) checkStep(st Step) error {
	if st.Gone() {
		return nil
	}
	return s.checkCommit(st.Location)
}

// checkCommit refuses a location at a commit other than the pin (or, on
// the base side, the base), so a finding cannot name code outside the
// review.
func (s *state) checkCommit(l Location) error {
	want, what := s.meta.Pin.Commit, "the pin"
	if l.Side == SideBase {
		if s.meta.Base == nil {
			return fmt.Errorf("location %s: %w: the review has no base", l.Side, ErrInvalid)
		}
		want, what = s.meta.Base.Commit, "the base"
	}
	if l.Commit != want {
		return fmt.Errorf("location at commit %s: %w: it must be at %s, %s", l.Commit, ErrInvalid, what, want)
	}
	return nil
}
