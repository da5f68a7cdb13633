package team

import (
	"fmt"
	"maps"
	"slices"
	"strings"

	"golang.org/x/crypto/ssh"

	"sightline/review"
)

// deriver turns a workspace's changes since the last push into signed
// operations, each chained to the one before and clocked above every
// operation the workspace holds.
type deriver struct {
	l         *Local
	store     string
	reviewer  string
	pin       string
	signer    ssh.Signer
	parent    string
	clock     uint64
	state     State
	heads     map[string]map[string][]Claim // finding -> field -> current claims
	out       []Signed
	twoPerson bool
	verdicts  map[string]Verdict // candidate fingerprint -> the team's triage verdict, made on first use
}

func newDeriver(l *Local, store, reviewer, pin string, signer ssh.Signer, twoPerson bool) *deriver {
	parent, clock := l.lastOwn(reviewer)
	d := &deriver{l: l, store: store, reviewer: reviewer, pin: pin, signer: signer, parent: parent, clock: clock,
		heads: map[string]map[string][]Claim{}, twoPerson: twoPerson}
	d.state = Merge(l.ops, twoPerson)
	for _, f := range d.state.Findings {
		d.heads[f.ID] = maps.Clone(f.Heads)
	}
	return d
}

// emit signs one operation and makes it the head of its field.
func (d *deriver) emit(typ, finding string, data any, field string) (Signed, error) {
	var sup []string
	if field != "" {
		for _, c := range d.heads[finding][field] {
			sup = append(sup, c.Op)
		}
	}
	s, err := d.emitSuperseding(typ, finding, data, sup)
	if err == nil && field != "" {
		d.heads[finding][field] = []Claim{claimOf(s, "")}
	}
	return s, err
}

// emitSuperseding signs one operation that replaces the ops sup.
func (d *deriver) emitSuperseding(typ, finding string, data any, sup []string) (Signed, error) {
	d.clock++
	op := Op{V: 1, Store: d.store, Reviewer: d.reviewer, Clock: d.clock, Parent: d.parent, Pin: d.pin,
		Type: typ, Finding: finding, Data: mustData(data)}
	if len(sup) > 0 {
		op.Supersedes = slices.Compact(slices.Sorted(slices.Values(sup)))
	}
	s, err := Sign(op, d.signer)
	if err != nil {
		return Signed{}, err
	}
	d.parent = s.ID
	d.out = append(d.out, s)
	return s, nil
}

// derive compares the workspace with what was last pushed.
func (d *deriver) derive(ws *review.Workspace, intents []Intent) ([]Signed, error) {
	l := d.l
	for _, f := range ws.Findings() {
		if err := d.finding(f); err != nil {
			return nil, err
		}
	}
	marks := map[string]string{}
	for _, r := range ws.Reviewed() {
		marks[r.Path] = r.Blob
	}
	for _, p := range slices.Sorted(maps.Keys(marks)) {
		if l.Marks[p] != marks[p] {
			if _, err := d.emit(OpReviewed, "", reviewedData{Path: p, Blob: marks[p], Reviewed: true}, ""); err != nil {
				return nil, err
			}
		}
	}
	for _, p := range slices.Sorted(maps.Keys(l.Marks)) {
		if _, ok := marks[p]; !ok {
			if _, err := d.emit(OpReviewed, "", reviewedData{Path: p, Blob: l.Marks[p]}, ""); err != nil {
				return nil, err
			}
		}
	}
	l.Marks = marks
	// After the findings: a confirmation names the create op just made.
	if err := d.triage(ws); err != nil {
		return nil, err
	}
	for _, in := range intents {
		var err error
		if in.Type == OpTriage {
			err = d.triageIntent(ws, in)
		} else {
			err = d.intent(in)
		}
		if err != nil && in.queued {
			return nil, fmt.Errorf("a change queued in the workbench: %w (push with --drop-queued to discard the workbench's queued changes)", err)
		}
		if err != nil {
			return nil, err
		}
	}
	return d.out, nil
}

func (d *deriver) finding(f review.Finding) error {
	l := d.l
	now := snap{Title: f.Title, Severity: f.Severity, Status: f.Status, Description: f.Description, Steps: len(f.Steps)}
	id, known := l.Map[f.ID]
	if !known {
		s, err := d.emit(OpCreate, "", createData{Title: f.Title, Severity: f.Severity, CWE: f.CWE, Status: f.Status,
			Description: f.Description, Steps: f.Steps, Local: f.ID}, "")
		if err != nil {
			return err
		}
		l.Map[f.ID], l.Snap[f.ID] = s.ID, now
		d.heads[s.ID] = map[string][]Claim{}
		for _, field := range []string{"severity", "status", "title", "note"} {
			d.heads[s.ID][field] = []Claim{claimOf(s, "")}
		}
		return nil
	}
	was := l.Snap[f.ID]
	if d.heads[id] == nil {
		d.heads[id] = map[string][]Claim{}
	}
	for i := was.Steps; i < len(f.Steps); i++ {
		if _, err := d.emit(OpStep, id, f.Steps[i], ""); err != nil {
			return err
		}
	}
	changes := []struct {
		typ, field, old, new string
	}{
		{OpSeverity, "severity", string(was.Severity), string(f.Severity)},
		{OpStatus, "status", string(was.Status), string(f.Status)},
		{OpTitle, "title", was.Title, f.Title},
		{OpNote, "note", was.Description, f.Description},
	}
	for _, c := range changes {
		if c.old != c.new {
			if _, err := d.emit(c.typ, id, valueData{Value: c.new}, c.field); err != nil {
				return err
			}
		}
	}
	l.Snap[f.ID] = now
	return nil
}

// intent makes a confirmation or a resolving value for a team finding.
func (d *deriver) intent(in Intent) error {
	f, err := d.state.Lookup(in.Finding)
	if err != nil {
		return err
	}
	if in.Type == OpConfirm {
		switch {
		case f.Pending == nil:
			return fmt.Errorf("finding %s has no status change waiting for confirmation", Short(f.ID))
		case f.Pending.Reviewer == d.reviewer:
			return fmt.Errorf("finding %s: %s proposed %s; a second reviewer must confirm it", Short(f.ID), f.Pending.Reviewer, f.Pending.Value)
		}
		_, err := d.emit(OpConfirm, f.ID, confirmData{Op: f.Pending.Op}, "")
		return err
	}
	field, ok := fieldOf[in.Type]
	if !ok {
		return fmt.Errorf("unknown change %q", in.Type)
	}
	v := valueData{Value: in.Value}
	if err := validateData(in.Type, &v); err != nil {
		return err
	}
	if d.heads[f.ID] == nil {
		d.heads[f.ID] = maps.Clone(f.Heads)
	}
	_, err = d.emit(in.Type, f.ID, v, field)
	return err
}

// Short is how a team finding is named: T- and the first 8 hex digits of
// its id.
func Short(id string) string { return "T-" + id[:8] }

// Lookup finds a team finding by its id, its short name or a unique
// prefix of its id.
func (s State) Lookup(name string) (Finding, error) {
	p := strings.TrimPrefix(strings.TrimPrefix(strings.ToLower(strings.TrimSpace(name)), "t-"), "t")
	var hit []Finding
	for _, f := range s.Findings {
		if p != "" && strings.HasPrefix(f.ID, p) {
			hit = append(hit, f)
		}
	}
	switch len(hit) {
	case 1:
		return hit[0], nil
	case 0:
		return Finding{}, fmt.Errorf("no team finding %q (names look like T-1a2b3c4d; see sightline findings)", name)
	}
	return Finding{}, fmt.Errorf("%q names %d team findings; give more digits", name, len(hit))
}
