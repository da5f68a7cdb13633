package triage

import (
	"context"
	"fmt"
	"time"

	"sightline/repo"
)

// Summary is what an import did.
type Summary struct {
	Results int // results in the scan
	New     int // candidates added to the queue
	Known   int // results already in the queue (by fingerprint)
	// KnownDismissed counts the known results that stay dismissed.
	KnownDismissed int
	// Unlocated are this scan's candidates whose location is not at the
	// pin (new or known): kept in the queue, and listed for the user.
	Unlocated []*Candidate
	Tools     []string
}

// Import checks results against the tree at pin and adds those not in the
// queue yet. A result already there, decided or not, is left as it is: a
// dismissed candidate is not brought back by a newer scan.
func (s *Store) Import(ctx context.Context, r *repo.Repo, pin repo.Pin, source string, results []Result) (Summary, error) {
	q, err := s.Load()
	if err != nil {
		return Summary{}, err
	}
	loc := newLocator(ctx, r, pin)
	occ := map[string]int{}
	seen := map[string]bool{}
	sum := Summary{Results: len(results)}
	var recs []record
	now := s.now().UTC().Truncate(time.Second)
	for i := range results {
		c, err := candidateOf(loc, &results[i], pin)
		if err != nil {
			return Summary{}, err
		}
		key := fingerprintKey(c, results[i].Partial)
		occ[key]++
		c.Fingerprint = fingerprint(key, occ[key])
		if !seen[c.Tool] {
			seen[c.Tool] = true
			sum.Tools = append(sum.Tools, c.Tool)
		}
		if old := q.byFP[c.Fingerprint]; old != nil {
			sum.Known++
			if old.State == Dismissed {
				sum.KnownDismissed++
			}
			if !old.Located() {
				sum.Unlocated = append(sum.Unlocated, old)
			}
			continue
		}
		q.apply(&record{Candidate: c}) // gives the id, and dedups within the scan
		sum.New++
		if !c.Located() {
			sum.Unlocated = append(sum.Unlocated, c)
		}
		recs = append(recs, record{Time: now, Candidate: c})
	}
	tool := ""
	if len(sum.Tools) == 1 {
		tool = sum.Tools[0]
	}
	recs = append(recs, record{Time: now, Import: &ImportInfo{Source: source, Tool: tool, Pin: pin.Commit.String(), Results: len(results), New: sum.New}})
	return sum, s.append(recs)
}

func candidateOf(loc *locator, res *Result, pin repo.Pin) (*Candidate, error) {
	c := &Candidate{Pin: pin.Commit.String(), Tool: res.Tool, Rule: res.Rule, Level: res.Level,
		Severity: res.Severity, CWE: res.CWE, Message: res.Message}
	var err error
	if c.Where, err = loc.place(res.Where); err != nil {
		return nil, fmt.Errorf("checking %s against the pin: %w", res.Where.Path, err)
	}
	for _, s := range res.Flow {
		p, err := loc.place(s)
		if err != nil {
			return nil, fmt.Errorf("checking %s against the pin: %w", s.Path, err)
		}
		c.Flow = append(c.Flow, p)
	}
	return c, nil
}
