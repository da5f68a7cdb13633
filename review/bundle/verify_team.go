package bundle

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"slices"
	"time"

	"sightline/review"
)

// teamRecord is what verify reads of a signed team operation: only the
// fields that tie it to its store, its finding and what it said.
type teamRecord struct {
	Store    string `json:"store"`
	Reviewer string `json:"reviewer"`
	Type     string `json:"type"`
	Finding  string `json:"finding"`
	Data     struct {
		Op     string        `json:"op"`     // a confirmation: the status change confirmed
		Value  string        `json:"value"`  // a status change: the new status
		Status review.Status `json:"status"` // a creation: its first status
	} `json:"data"`
}

// checkTeams checks every team finding's status change and confirmations:
// each operation's SSHSIG signature over its record, its id, that its key
// may sign for its reviewer in allowed_signers at the time at, that it
// belongs to its store and finding, and that a finding closed under the
// two-person rule was confirmed by a second, distinct identity.
func (r *VerifyReport) checkTeams(b *Bundle, as *AllowedSigners, at time.Time) {
	for _, t := range b.Team {
		r.add(CheckPass, "team", fmt.Sprintf("store %s (two-person rule %s), %d finding(s), reviewers %q",
			t.Store, onOffWord(t.TwoPerson), len(t.Findings), t.Reviewers))
		for _, f := range t.Findings {
			r.checkTeamFinding(t, f, as, at)
		}
	}
}

func onOffWord(b bool) string {
	if b {
		return "on"
	}
	return "off"
}

func (r *VerifyReport) checkTeamFinding(t BundleTeam, f BundleTeamFinding, as *AllowedSigners, at time.Time) {
	name := "T-" + f.ID[:8]
	fail := func(format string, args ...any) {
		r.Checks = append(r.Checks, Check{Status: CheckFail, Name: "two-person", Finding: name, Detail: fmt.Sprintf(format, args...)})
	}
	guarded := t.TwoPerson && TeamClosing(f.Status)
	if f.StatusChange == nil {
		if guarded {
			fail("status %s under the two-person rule, but the bundle carries no confirmed status change", f.Status)
		} else if len(f.Confirmations) > 0 {
			fail("confirmations without the status change they confirm")
		}
		return
	}
	sc, err := checkTeamOp(t, f, *f.StatusChange, as, at)
	if err != nil {
		fail("status change by %q: %v", f.StatusChange.Reviewer, err)
		return
	}
	said := sc.Data.Value
	if sc.Type == "finding.create" {
		said = string(sc.Data.Status)
	} else if sc.Type != "finding.status" {
		fail("status change %.12s is a %s operation", f.StatusChange.Op, sc.Type)
		return
	}
	if said != string(f.Status) {
		fail("the signed status change says %s, the bundle says %s", said, f.Status)
		return
	}
	var confirmers []string
	for _, c := range f.Confirmations {
		cr, err := checkTeamOp(t, f, c, as, at)
		switch {
		case err != nil:
			fail("confirmation by %q: %v", c.Reviewer, err)
			return
		case cr.Type != "finding.confirm" || cr.Data.Op != f.StatusChange.Op:
			fail("confirmation %.12s by %q does not confirm status change %.12s", c.Op, c.Reviewer, f.StatusChange.Op)
			return
		case cr.Reviewer == sc.Reviewer:
			fail("%q confirmed their own status change; the two-person rule needs a second identity", c.Reviewer)
			return
		}
		confirmers = append(confirmers, c.Reviewer)
	}
	if len(confirmers) == 0 {
		fail("status %s by %q has no confirmation by a second reviewer", f.Status, sc.Reviewer)
		return
	}
	r.Checks = append(r.Checks, Check{Status: CheckPass, Name: "two-person", Finding: name,
		Detail: fmt.Sprintf("%s set by %q, confirmed by %q; every signature good and allowed for its signer", f.Status, sc.Reviewer, confirmers)})
}

// checkTeamOp checks one signed operation of finding f in team t.
func checkTeamOp(t BundleTeam, f BundleTeamFinding, o BundleTeamOp, as *AllowedSigners, at time.Time) (teamRecord, error) {
	var rec teamRecord
	sum := sha256.Sum256([]byte(o.Record))
	if hex.EncodeToString(sum[:]) != o.Op {
		return rec, fmt.Errorf("operation %.12s: its record does not hash to its id", o.Op)
	}
	key, err := VerifyNamespace([]byte(o.Record), []byte(o.Sig), TeamOpNamespace)
	if err != nil {
		return rec, fmt.Errorf("operation %.12s: %v", o.Op, err)
	}
	if err := json.Unmarshal([]byte(o.Record), &rec); err != nil {
		return rec, fmt.Errorf("operation %.12s: unreadable record: %v", o.Op, err)
	}
	finding := rec.Finding
	if rec.Type == "finding.create" {
		finding = o.Op
	}
	switch {
	case rec.Reviewer != o.Reviewer:
		return rec, fmt.Errorf("operation %.12s was made by %q, not %q", o.Op, rec.Reviewer, o.Reviewer)
	case rec.Store != t.Store:
		return rec, fmt.Errorf("operation %.12s belongs to another team store (%.12s)", o.Op, rec.Store)
	case finding != f.ID:
		return rec, fmt.Errorf("operation %.12s is about another finding (%.12s)", o.Op, finding)
	case !slices.Contains(t.Reviewers, rec.Reviewer):
		return rec, fmt.Errorf("%q is not among the team's reviewers", rec.Reviewer)
	}
	if _, err := as.Check(rec.Reviewer, TeamOpNamespace, key, at); err != nil {
		return rec, fmt.Errorf("operation %.12s: %v", o.Op, err)
	}
	return rec, nil
}
