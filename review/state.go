package review

import (
	"encoding/json"
	"fmt"
	"maps"
	"strconv"
	"strings"
	"time"
)

// Event types in the journal. Each event's data is the JSON of the
// matching payload below; replaying them in order rebuilds the state.
const (
	evOpen     = "workspace.open"     // Meta: the first event
	evBase     = "workspace.base"     // baseData
	evReviewer = "workspace.reviewer" // reviewerData
	evAdd      = "finding.add"        // Finding
	evUpdate   = "finding.update"     // Finding, replacing the one with its id
	evStep     = "finding.step"       // stepData
	evStatus   = "finding.status"     // statusData
	evDelete   = "finding.delete"     // deleteData
	evCoverage = "coverage.mark"      // coverageData
	evRollback = "journal.rollback"   // rollbackData: the reviewer accepted an older or forked journal
	evCarry    = "workspace.carry"    // CarryData: a review carried from an older pin
)

type baseData struct {
	Base *Rev `json:"base"`
}

type reviewerData struct {
	Reviewer string `json:"reviewer"`
}

type stepData struct {
	ID      string    `json:"id"`
	Step    Step      `json:"step"`
	Updated time.Time `json:"updated"`
}

type statusData struct {
	ID      string    `json:"id"`
	Status  Status    `json:"status"`
	Updated time.Time `json:"updated"`
}

// rollbackData records the reviewer's choice to go on from a journal
// that is behind (or beside) the head seen before. MaxID carries the
// highest finding id seen into the journal itself, so no later replay
// gives an old id out again.
type rollbackData struct {
	Reason  string    `json:"reason"` // "rolled back", "forked" or "record unreadable"
	Journal Head      `json:"journal"`
	Seen    *Head     `json:"seen,omitempty"` // nil when the record could not be read
	SeenAt  time.Time `json:"seenAt,omitzero"`
	MaxID   int       `json:"maxId"`
}

type deleteData struct {
	ID string `json:"id"`
}

// coverageData marks (or unmarks) a batch of files in one event, so that
// marking a directory of thousands of files costs one fsync.
type coverageData struct {
	Reviewed bool           `json:"reviewed"`
	Files    []coverageFile `json:"files"`
}

type coverageFile struct {
	Path      string `json:"path"`
	PathBytes string `json:"pathBytes,omitempty"`
	Blob      string `json:"blob,omitempty"`
	Lines     int    `json:"lines,omitempty"`
	Bytes     int64  `json:"bytes,omitempty"` // a binary file's size (ReviewedFile.Bytes)
}

// state is what replaying the journal gives. Findings are replaced, never
// changed in place, so a shallow copy of the maps is a full snapshot.
type state struct {
	meta     Meta
	opened   bool
	findings map[string]Finding
	lastID   int // highest id number ever given out, so ids are never reused
	reviewed map[string]ReviewedFile
	// rollbacks counts the accepted rollbacks, so that a Workspace that
	// found one can tell when another process accepted it.
	rollbacks int
	carried   []Provenance // replaced, never appended to in place
}

func newState() *state {
	return &state{findings: map[string]Finding{}, reviewed: map[string]ReviewedFile{}}
}

func (s *state) clone() *state {
	c := *s
	c.findings = maps.Clone(s.findings)
	c.reviewed = maps.Clone(s.reviewed)
	return &c
}

// apply changes the state by one event. An event that does not fit the
// state (a step for a finding that does not exist) is an error: in a
// replay that means the journal was damaged.
func (s *state) apply(typ string, data json.RawMessage) error {
	if !s.opened && typ != evOpen {
		return fmt.Errorf("the first event must be %s", evOpen)
	}
	switch typ {
	case evOpen:
		if s.opened {
			return fmt.Errorf("a second %s event", evOpen)
		}
		s.opened = true
		return json.Unmarshal(data, &s.meta)
	case evBase:
		var d baseData
		if err := json.Unmarshal(data, &d); err != nil {
			return err
		}
		s.meta.Base = d.Base
	case evReviewer:
		var d reviewerData
		if err := json.Unmarshal(data, &d); err != nil {
			return err
		}
		s.meta.Reviewer = d.Reviewer
	case evAdd, evUpdate:
		return s.applyFinding(typ, data)
	case evStep, evStatus, evDelete:
		return s.applyChange(typ, data)
	case evCarry:
		var d CarryData
		if err := json.Unmarshal(data, &d); err != nil {
			return err
		}
		return s.applyCarry(d)
	case evRollback:
		var d rollbackData
		if err := json.Unmarshal(data, &d); err != nil {
			return err
		}
		s.lastID = max(s.lastID, d.MaxID)
		s.rollbacks++
	case evCoverage:
		var d coverageData
		if err := json.Unmarshal(data, &d); err != nil {
			return err
		}
		for _, f := range d.Files {
			path, err := DecodePath(f.Path, f.PathBytes)
			if err != nil {
				return err
			}
			if d.Reviewed {
				s.reviewed[path] = ReviewedFile{Path: path, Blob: f.Blob, Lines: f.Lines, Bytes: f.Bytes}
			} else {
				delete(s.reviewed, path)
			}
		}
	default:
		return fmt.Errorf("unknown event type %q", typ)
	}
	return nil
}

func (s *state) applyFinding(typ string, data json.RawMessage) error {
	var f Finding
	if err := json.Unmarshal(data, &f); err != nil {
		return err
	}
	n, err := idNumber(f.ID)
	if err != nil {
		return err
	}
	_, exists := s.findings[f.ID]
	switch {
	case typ == evAdd && n <= s.lastID:
		return fmt.Errorf("finding %s added again (ids are never reused)", f.ID)
	case typ == evUpdate && !exists:
		return fmt.Errorf("finding %s: %w", f.ID, ErrNoSuchFinding)
	}
	if err := f.Validate(); err != nil {
		return fmt.Errorf("finding %s: %w", f.ID, err)
	}
	if typ == evAdd {
		s.lastID = n
	}
	s.findings[f.ID] = f
	return nil
}

func (s *state) applyChange(typ string, data json.RawMessage) error {
	var d struct {
		ID      string    `json:"id"`
		Step    *Step     `json:"step"`
		Status  Status    `json:"status"`
		Updated time.Time `json:"updated"`
	}
	if err := json.Unmarshal(data, &d); err != nil {
		return err
	}
	f, ok := s.findings[d.ID]
	if !ok {
		return fmt.Errorf("finding %s: %w", d.ID, ErrNoSuchFinding)
	}
	switch typ {
	case evDelete:
		delete(s.findings, d.ID)
		return nil
	case evStep:
		if d.Step == nil {
			return fmt.Errorf("finding %s: step event without a step", d.ID)
		}
		if err := d.Step.Validate(); err != nil {
			return err
		}
		f = f.Clone()
		f.Steps = append(f.Steps, *d.Step)
	case evStatus:
		st, err := ParseStatus(string(d.Status))
		if err != nil {
			return err
		}
		f.Status = st
	}
	f.Updated = d.Updated
	s.findings[d.ID] = f
	return nil
}

func idNumber(id string) (int, error) {
	num, ok := strings.CutPrefix(id, "F-")
	n, err := strconv.Atoi(num)
	if !ok || err != nil || n < 1 || FormatID(n) != id {
		return 0, fmt.Errorf("bad finding id %q", id)
	}
	return n, nil
}
