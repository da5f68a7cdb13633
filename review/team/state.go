package team

import (
	"cmp"
	"slices"

	"sightline/review"
	"sightline/review/bundle"
)

// State is the merge of a set of operations. It is a function of the set
// alone (never of the order operations arrived in), so every room that
// holds the same operations shows the same state.
type State struct {
	Findings []Finding           // by creation order (clock, then id)
	Reviewed map[string][]string // path -> reviewers who marked it reviewed, sorted
}

// Finding is a finding as the team sees it.
type Finding struct {
	ID          string // the create op's id
	Author      string
	Local       string // the id in the author's workspace
	Title       string
	Severity    review.Severity
	CWE         string
	Status      review.Status
	Description string
	Steps       []review.Step
	// Conflicts lists the fields on which reviewers disagree, each with
	// who said what; the field keeps its last agreed value meanwhile.
	Conflicts []Conflict
	// Pending is a closing status waiting for a second reviewer's
	// confirmation under the two-person rule.
	Pending *Claim
	// Confirmations are the confirmations of the current status.
	Confirmations []Claim
	// Changes is every operation on the finding, in merge order: who did what.
	Changes []Claim
	// Heads are each field's current claims, which a new change supersedes.
	Heads map[string][]Claim
}

// Conflict is one field with more than one current value.
type Conflict struct {
	Field  string
	Claims []Claim
}

// Claim is what one operation said.
type Claim struct {
	Op       string
	Reviewer string
	Clock    uint64
	Type     string
	Value    string
}

// fieldOf maps a register op type to the field it sets.
var fieldOf = map[string]string{OpSeverity: "severity", OpStatus: "status", OpTitle: "title", OpNote: "note"}

// Order sorts ops into merge order: Lamport clock, ties by op id.
func Order(ops []Signed) {
	slices.SortFunc(ops, func(a, b Signed) int {
		if c := cmp.Compare(a.Op.Clock, b.Op.Clock); c != 0 {
			return c
		}
		return cmp.Compare(a.ID, b.ID)
	})
}

// Merge computes the state of ops (in any order; duplicates are one op).
// twoPerson applies the two-person rule to closing statuses.
func Merge(in []Signed, twoPerson bool) State {
	return mergeUnique(dedupe(in), twoPerson)
}

// mergeUnique is Merge of ops that holds no operation twice; it sorts
// ops in place.
func mergeUnique(ops []Signed, twoPerson bool) State {
	Order(ops)
	superseded := map[string]bool{}
	confirms := map[string][]Claim{} // status op id -> confirmations
	for _, s := range ops {
		for _, id := range s.Op.Supersedes {
			superseded[id] = true
		}
		if s.Op.Type == OpConfirm {
			d := dataOf[confirmData](&s.Op)
			confirms[d.Op] = append(confirms[d.Op], claimOf(s, d.Op))
		}
	}
	byID := map[string]*Finding{}
	var order []*Finding
	heads := map[string]map[string][]Claim{} // finding -> field -> current claims
	reviewed := map[string]map[string]bool{}
	for _, s := range ops {
		switch s.Op.Type {
		case OpCreate:
			f := newFinding(s)
			byID[s.ID], order = f, append(order, f)
			heads[s.ID] = map[string][]Claim{}
			for _, c := range createClaims(s, f) {
				if !superseded[s.ID] {
					heads[s.ID][c.Type] = append(heads[s.ID][c.Type], c)
				}
			}
		case OpReviewed:
			d := dataOf[reviewedData](&s.Op)
			if reviewed[d.Path] == nil {
				reviewed[d.Path] = map[string]bool{}
			}
			reviewed[d.Path][s.Op.Reviewer] = d.Reviewed // each log is in clock order
		}
	}
	for _, s := range ops {
		f := byID[s.Op.Finding]
		if f == nil || s.Op.Type == OpCreate {
			continue // an op whose finding has not arrived waits in the set
		}
		var v string
		if s.Op.Type == OpStep {
			st := dataOf[review.Step](&s.Op)
			f.Steps = append(f.Steps, st)
			v = st.Location.String() // valueOf's, without parsing the step twice
		} else {
			v = valueOf(s)
		}
		f.Changes = append(f.Changes, claimOf(s, v))
		switch s.Op.Type {
		case OpSeverity, OpStatus, OpTitle, OpNote:
			if !superseded[s.ID] {
				field := fieldOf[s.Op.Type]
				heads[f.ID][field] = append(heads[f.ID][field], claimOf(s, v))
			}
		}
	}
	st := State{Reviewed: map[string][]string{}}
	if len(order) > 0 {
		st.Findings = make([]Finding, 0, len(order))
	}
	for _, f := range order {
		f.resolve(heads[f.ID], confirms, twoPerson)
		st.Findings = append(st.Findings, *f)
	}
	for p, who := range reviewed {
		for r, ok := range who {
			if ok {
				st.Reviewed[p] = append(st.Reviewed[p], r)
			}
		}
		slices.Sort(st.Reviewed[p])
		if len(st.Reviewed[p]) == 0 {
			delete(st.Reviewed, p)
		}
	}
	return st
}

func dedupe(in []Signed) []Signed {
	seen := make(map[string]bool, len(in))
	out := make([]Signed, 0, len(in))
	for _, s := range in {
		if !seen[s.ID] {
			seen[s.ID] = true
			out = append(out, s)
		}
	}
	return out
}

func newFinding(s Signed) *Finding {
	d := dataOf[createData](&s.Op)
	f := &Finding{ID: s.ID, Author: s.Op.Reviewer, Local: d.Local, Title: d.Title, Severity: d.Severity, CWE: d.CWE,
		Status: d.Status, Description: d.Description, Steps: slices.Clone(d.Steps)}
	f.Changes = append(f.Changes, claimOf(s, d.Title))
	return f
}

// createClaims are the field values a create op sets: it is the first
// current value of each field until an op supersedes it.
func createClaims(s Signed, f *Finding) []Claim {
	mk := func(field, v string) Claim {
		c := claimOf(s, v)
		c.Type = field
		return c
	}
	return []Claim{mk("severity", string(f.Severity)), mk("status", string(f.Status)),
		mk("title", f.Title), mk("note", f.Description)}
}

func claimOf(s Signed, v string) Claim {
	return Claim{Op: s.ID, Reviewer: s.Op.Reviewer, Clock: s.Op.Clock, Type: s.Op.Type, Value: v}
}

func valueOf(s Signed) string {
	switch s.Op.Type {
	case OpStep:
		return dataOf[review.Step](&s.Op).Location.String()
	case OpConfirm:
		return dataOf[confirmData](&s.Op).Op
	}
	return dataOf[valueData](&s.Op).Value
}

// resolve sets each field from its current claims: one value (or several
// claims that agree) is the value; disagreeing claims are a conflict and
// the field keeps its value from the creation meanwhile.
func (f *Finding) resolve(heads map[string][]Claim, confirms map[string][]Claim, twoPerson bool) {
	f.Heads = heads
	for _, field := range []string{"severity", "status", "title", "note"} {
		cs := heads[field]
		if len(cs) == 0 {
			continue
		}
		agreed := true
		for _, c := range cs[1:] {
			agreed = agreed && c.Value == cs[0].Value
		}
		if !agreed {
			f.Conflicts = append(f.Conflicts, Conflict{Field: field, Claims: cs})
			continue
		}
		v := cs[len(cs)-1]
		if field == "status" && twoPerson && bundle.TeamClosing(review.Status(v.Value)) {
			var ok []Claim
			for _, c := range confirms[v.Op] {
				if c.Reviewer != v.Reviewer {
					ok = append(ok, c)
				}
			}
			if len(ok) == 0 {
				// Not yet closed: it stays open until a second reviewer
				// confirms (or someone sets another status).
				f.Pending, f.Status = &v, review.StatusOpen
				continue
			}
			f.Confirmations = ok
		}
		f.set(field, v.Value)
	}
}

func (f *Finding) set(field, v string) {
	switch field {
	case "severity":
		f.Severity = review.Severity(v)
	case "status":
		f.Status = review.Status(v)
	case "title":
		f.Title = v
	case "note":
		f.Description = v
	}
}
