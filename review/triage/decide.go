package triage

import (
	"fmt"
	"strings"
	"time"
	"unicode/utf8"

	"sightline/review"
)

// Dismiss records that the candidates are not worth a finding, and why.
// A confirmed candidate cannot be dismissed (change its finding instead).
func (s *Store) Dismiss(q *Queue, ids []string, reason Reason, note, reviewer string) ([]*Candidate, error) {
	if _, err := ParseReason(string(reason)); err != nil {
		return nil, err
	}
	return s.decide(q, ids, Decision{State: Dismissed, Reason: reason, Note: note, Reviewer: reviewer})
}

// Skip puts the candidates back in the queue, after the pending ones.
func (s *Store) Skip(q *Queue, ids []string, reviewer string) ([]*Candidate, error) {
	return s.decide(q, ids, Decision{State: Skipped, Reviewer: reviewer})
}

func (s *Store) decide(q *Queue, ids []string, d Decision) ([]*Candidate, error) {
	if !utf8.ValidString(d.Note) {
		return nil, fmt.Errorf("note: %w: not valid UTF-8", review.ErrInvalid)
	}
	cs, err := q.pick(ids)
	if err != nil {
		return nil, err
	}
	now := s.now().UTC().Truncate(time.Second)
	recs := make([]record, len(cs))
	for i, c := range cs {
		dd := d
		dd.Fingerprint = c.Fingerprint
		recs[i] = record{Time: now, Decision: &dd}
	}
	if err := s.append(recs); err != nil {
		return nil, err
	}
	for i := range recs {
		q.apply(&recs[i])
	}
	return cs, nil
}

// pick finds every id, refusing the lot if one is unknown or confirmed,
// so a batch is all or nothing.
func (q *Queue) pick(ids []string) ([]*Candidate, error) {
	if len(ids) == 0 {
		return nil, fmt.Errorf("%w: no candidate given", review.ErrInvalid)
	}
	var out []*Candidate
	for _, id := range ids {
		c, err := q.Get(id)
		if err != nil {
			return nil, err
		}
		if c.State == Confirmed {
			return nil, fmt.Errorf("candidate %s: %w: already confirmed as %s; change that finding instead", c.ID, review.ErrInvalid, c.Finding)
		}
		out = append(out, c)
	}
	return out, nil
}

// marker ties a finding to the candidate it came from, so a confirmation
// interrupted between the two writes is finished, not done twice.
func marker(c *Candidate) string { return "triage-fingerprint: " + c.Fingerprint }

// Confirm turns candidates into findings in ws: the rule's severity
// (or sev, when given) and CWE, the scanner's message, and the code flow
// as steps (the primary location when there is no flow at the pin).
func (s *Store) Confirm(ws *review.Workspace, q *Queue, ids []string, sev review.Severity, reviewer string) ([]review.Finding, error) {
	cs, err := q.pick(ids)
	if err != nil {
		return nil, err
	}
	for _, c := range cs {
		if _, err := c.Draft(sev); err != nil {
			return nil, err
		}
	}
	var out []review.Finding
	for _, c := range cs {
		f, err := s.confirmOne(ws, q, c, sev, reviewer)
		if err != nil {
			return out, err
		}
		out = append(out, f)
	}
	return out, nil
}

func (s *Store) confirmOne(ws *review.Workspace, q *Queue, c *Candidate, sev review.Severity, reviewer string) (review.Finding, error) {
	var f review.Finding
	found := false
	for _, g := range ws.Findings() {
		if strings.Contains(g.Description, marker(c)) {
			f, found = g, true
			break
		}
	}
	if !found {
		draft, err := c.Draft(sev)
		if err != nil {
			return f, err
		}
		draft.Reviewer = reviewer
		if f, err = ws.AddFinding(draft); err != nil {
			return f, fmt.Errorf("candidate %s: %w", c.ID, err)
		}
	}
	rec := record{Time: s.now().UTC().Truncate(time.Second),
		Decision: &Decision{Fingerprint: c.Fingerprint, State: Confirmed, Finding: f.ID, Reviewer: reviewer}}
	if err := s.append([]record{rec}); err != nil {
		return f, fmt.Errorf("candidate %s became %s, but the queue could not record it (confirming again will not add a second finding): %w", c.ID, f.ID, err)
	}
	q.apply(&rec)
	return f, nil
}

// Draft is the finding a confirmation makes, before the workspace gives
// it an id. sev overrides the rule's severity when not "".
func (c *Candidate) Draft(sev review.Severity) (review.Finding, error) {
	var steps []review.Step
	for _, p := range c.Flow {
		if p.Location != nil {
			steps = append(steps, review.Step{Location: *p.Location, Note: p.Note})
		}
	}
	if w := c.Where.Location; w != nil && !hasLocation(steps, *w) {
		steps = append(steps, review.Step{Location: *w, Note: firstLine(c.Message)})
	}
	if len(steps) == 0 {
		return review.Finding{}, fmt.Errorf("candidate %s: %w: its location is not at the pin (%s); dismiss it, or add a finding by hand", c.ID, review.ErrLocation, c.Where.Missing)
	}
	if sev == "" {
		sev = c.Severity
	}
	title := firstLine(c.Message)
	if title == "" {
		title = c.Rule
	}
	if title == "" {
		title = "Result of " + c.Tool
	}
	desc := fmt.Sprintf("Imported from %s, rule %s (candidate %s).\n\n%s\n\n%s", c.Tool, c.Rule, c.ID, c.Message, marker(c))
	return review.Finding{Title: clip(title, 200), Severity: sev, CWE: c.CWE, Description: desc, Steps: steps}, nil
}

func hasLocation(steps []review.Step, l review.Location) bool {
	for _, s := range steps {
		if s.Location.Path == l.Path && s.Location.StartLine == l.StartLine && s.Location.EndLine == l.EndLine {
			return true
		}
	}
	return false
}

func firstLine(s string) string {
	s, _, _ = strings.Cut(strings.TrimSpace(s), "\n")
	return strings.TrimSpace(strings.TrimRight(s, "\r"))
}

// clip cuts s to at most n bytes on a rune boundary.
func clip(s string, n int) string {
	if len(s) <= n {
		return s
	}
	for n > 0 && !utf8.RuneStart(s[n]) {
		n--
	}
	return s[:n] + "…"
}
