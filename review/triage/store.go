package triage

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"time"

	"sightline/review"
)

// FileName is the queue's file in the workspace directory: JSON records,
// one per line, only ever appended to. An import appends all its
// candidates in one write and one fsync; a decision is one line. A crash
// can only tear the last line, which is then ignored (and a re-import
// restores any candidate it held, since imports merge).
const FileName = "triage.jsonl"

// record is one line of the file.
type record struct {
	Time      time.Time   `json:"time"`
	Import    *ImportInfo `json:"import,omitempty"`
	Candidate *Candidate  `json:"candidate,omitempty"`
	Decision  *Decision   `json:"decision,omitempty"`
}

// ImportInfo records one import: where from and what it gave.
type ImportInfo struct {
	Source  string `json:"source"` // the file's base name, as given
	Tool    string `json:"tool"`
	Pin     string `json:"pin"`
	Results int    `json:"results"`
	New     int    `json:"new"`
}

// Decision is a reviewer's verdict on one candidate (by fingerprint).
type Decision struct {
	Fingerprint string `json:"fingerprint"`
	State       State  `json:"state"`
	Reason      Reason `json:"reason,omitempty"`
	Note        string `json:"note,omitempty"`
	Finding     string `json:"finding,omitempty"`
	Reviewer    string `json:"reviewer,omitempty"`
}

// Store is the triage queue of one workspace directory.
type Store struct {
	dir string
	now func() time.Time
}

// NewStore returns the queue kept in the workspace directory dir.
func NewStore(dir string) *Store { return &Store{dir: dir, now: time.Now} }

func (s *Store) path() string { return filepath.Join(s.dir, FileName) }

// Queue is the queue as the file says now: candidates in id order.
type Queue struct {
	Candidates []*Candidate
	byFP       map[string]*Candidate
	byID       map[string]*Candidate
	// Warnings name lines that could not be read (a torn last line is
	// not one: a crash leaves it and nothing was acknowledged from it).
	Warnings []string
}

// Get returns the candidate with this id ("C-0001", "c-1" or "1").
func (q *Queue) Get(id string) (*Candidate, error) {
	cid, err := ParseID(id)
	if err != nil {
		return nil, err
	}
	c, ok := q.byID[cid]
	if !ok {
		return nil, fmt.Errorf("candidate %s: %w: no such candidate (%d in the queue; see sightline triage list)", cid, review.ErrInvalid, len(q.Candidates))
	}
	return c, nil
}

// Load reads the queue. No file yet is an empty queue.
func (s *Store) Load() (*Queue, error) {
	q := &Queue{byFP: map[string]*Candidate{}, byID: map[string]*Candidate{}}
	data, err := os.ReadFile(s.path())
	if errors.Is(err, fs.ErrNotExist) {
		return q, nil
	}
	if err != nil {
		return nil, err
	}
	if i := bytes.LastIndexByte(data, '\n'); i+1 < len(data) {
		data = data[:i+1] // a torn last line
	}
	for n := 1; len(data) > 0; n++ {
		i := bytes.IndexByte(data, '\n')
		line := data[:i]
		data = data[i+1:]
		if len(bytes.TrimSpace(line)) == 0 {
			continue
		}
		var rec record
		if err := json.Unmarshal(line, &rec); err != nil {
			q.Warnings = append(q.Warnings, fmt.Sprintf("%s line %d is damaged and was skipped: %v", FileName, n, err))
			continue
		}
		q.apply(&rec)
	}
	return q, nil
}

func (q *Queue) apply(rec *record) {
	if c := rec.Candidate; c != nil && c.Fingerprint != "" && q.byFP[c.Fingerprint] == nil {
		c.ID = FormatID(len(q.Candidates) + 1)
		c.State = Pending
		q.Candidates = append(q.Candidates, c)
		q.byFP[c.Fingerprint] = c
		q.byID[c.ID] = c
	}
	if d := rec.Decision; d != nil {
		c := q.byFP[d.Fingerprint]
		if c == nil || c.State == Confirmed {
			return // a confirmation is final: its finding exists
		}
		c.State, c.Reason, c.Note, c.Finding, c.Reviewer, c.Decided = d.State, d.Reason, d.Note, d.Finding, d.Reviewer, rec.Time
	}
}

// append writes records in one write and fsyncs. O_APPEND keeps two
// writers (the TUI and a script) from overwriting each other's lines.
func (s *Store) append(recs []record) error {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	for i := range recs {
		if err := enc.Encode(&recs[i]); err != nil {
			return err
		}
	}
	f, err := os.OpenFile(s.path(), os.O_RDWR|os.O_CREATE|os.O_APPEND, 0o600)
	if err != nil {
		return err
	}
	// A line torn by a crash must not swallow the first new one.
	if st, err := f.Stat(); err == nil && st.Size() > 0 {
		last := make([]byte, 1)
		if _, err := f.ReadAt(last, st.Size()-1); err == nil && last[0] != '\n' {
			buf = *bytes.NewBuffer(append([]byte{'\n'}, buf.Bytes()...))
		}
	}
	if _, err := f.Write(buf.Bytes()); err != nil {
		_ = f.Close()
		return fmt.Errorf("writing %s: %w", FileName, err)
	}
	if err := f.Sync(); err != nil {
		_ = f.Close()
		return fmt.Errorf("writing %s: %w", FileName, err)
	}
	return f.Close()
}

// Sorted returns the open candidates first (pending, then skipped), then
// the decided ones, each group in id order.
func (q *Queue) Sorted() []*Candidate {
	out := append([]*Candidate(nil), q.Candidates...)
	rank := func(c *Candidate) int {
		switch c.State {
		case Pending:
			return 0
		case Skipped:
			return 1
		}
		return 2
	}
	sort.SliceStable(out, func(i, j int) bool { return rank(out[i]) < rank(out[j]) })
	return out
}
