package bundle

import (
	"fmt"
	"slices"

	"sightline/review"
)

// TeamOpNamespace is the SSHSIG namespace of team operations (review/team
// signs with it): a bundle's signature cannot pass for an operation's.
const TeamOpNamespace = "sightline-team-op@v1"

// TeamClosing reports whether a status closes a finding, which a team
// store under the two-person rule lets happen only on a second reviewer's
// confirmation.
func TeamClosing(s review.Status) bool { return s == review.StatusFalsePositive }

// BundleTeam is one team store's merged review as the exporting workspace
// held it when it exported: every reviewer whose operations it merged,
// and each team finding with the signed operations that closed it.
type BundleTeam struct {
	Store     string              `json:"store"`
	TwoPerson bool                `json:"twoPerson"`
	Reviewers []string            `json:"reviewers"` // sorted, unique
	Findings  []BundleTeamFinding `json:"findings"`  // sorted by id
}

// BundleTeamFinding is a team finding: its merged state, who made it, and
// for a status a second reviewer confirmed, that status change and its
// confirmations as their signed operations, so verify checks them offline.
type BundleTeamFinding struct {
	ID            string          `json:"id"` // the create operation's id; T- + 8 digits names it
	Author        string          `json:"author"`
	Local         string          `json:"local"` // its id in the author's workspace
	Title         string          `json:"title"`
	Severity      review.Severity `json:"severity"`
	CWE           string          `json:"cwe"`
	Status        review.Status   `json:"status"`
	StatusChange  *BundleTeamOp   `json:"statusChange,omitempty"`
	Confirmations []BundleTeamOp  `json:"confirmations,omitempty"`
}

// BundleTeamOp is one signed team operation: the canonical bytes that
// were signed, their SHA-256 (the operation's id), and the armored SSHSIG
// signature (namespace TeamOpNamespace) by Reviewer's key.
type BundleTeamOp struct {
	Reviewer string `json:"reviewer"`
	Op       string `json:"op"`
	Record   string `json:"record"`
	Sig      string `json:"sig"`
}

// checkBundleTeams checks the shape of the team section; verify checks
// the signatures.
func checkBundleTeams(teams []BundleTeam) error {
	for i, t := range teams {
		if !isLowerHex(t.Store, 32) {
			return notStrict("team[%d].store %q is not 32 lowercase hex digits", i, t.Store)
		}
		if i > 0 && teams[i-1].Store >= t.Store {
			return notStrict("team stores are not sorted by unique id")
		}
		if !slices.IsSorted(t.Reviewers) || len(slices.Compact(slices.Clone(t.Reviewers))) != len(t.Reviewers) {
			return notStrict("team[%d].reviewers are not sorted and unique", i)
		}
		for j, f := range t.Findings {
			if err := checkBundleTeamFinding(f); err != nil {
				return notStrict("team[%d] finding %d: %v", i, j+1, err)
			}
			if j > 0 && t.Findings[j-1].ID >= f.ID {
				return notStrict("team[%d].findings are not sorted by unique id", i)
			}
		}
	}
	return nil
}

func checkBundleTeamFinding(f BundleTeamFinding) error {
	switch {
	case !isLowerHex(f.ID, 64):
		return fieldError(fmt.Sprintf("id %q is not 64 lowercase hex digits", f.ID))
	case f.Author == "":
		return fieldError("author is empty")
	case f.Severity.Rank() < 0:
		return fieldError(fmt.Sprintf("severity %q is not one of info, low, medium, high, critical", f.Severity))
	}
	if st, err := review.ParseStatus(string(f.Status)); err != nil || st != f.Status {
		return fieldError(fmt.Sprintf("status %q is not a status", f.Status))
	}
	ops := f.Confirmations
	if f.StatusChange != nil {
		ops = append([]BundleTeamOp{*f.StatusChange}, ops...)
	}
	for _, o := range ops {
		if !isLowerHex(o.Op, 64) || o.Reviewer == "" || o.Record == "" || o.Sig == "" {
			return fieldError("an operation needs reviewer, op (64 lowercase hex digits), record and sig")
		}
	}
	return nil
}
