package bundle

import "sightline/review"

// BundleProvenance is one link of a carried review's chain: the older
// review it was carried from, oldest first. A verifier sees what pin the
// review began at and which journal (and bundle) it continued.
type BundleProvenance struct {
	Pin          BundlePin   `json:"pin"`
	Journal      review.Head `json:"journal"`
	Bundle       string      `json:"bundle,omitempty"` // "sha256:..." of that review's bundle, when recorded
	KeptReviewed int         `json:"keptReviewed"`     // reviewed marks carried (same blob)
	ChangedFiles int         `json:"changedFiles"`     // reviewed files that changed: marks dropped
}

// BundleCarried says how a step came to this pin: its verdict (unchanged,
// moved, changed, gone), the rule that placed it, and where it was. A
// gone step's location is still its old one.
type BundleCarried struct {
	Verdict string         `json:"verdict"`
	Rule    string         `json:"rule,omitempty"`
	Renamed bool           `json:"renamed,omitempty"`
	From    BundleLocation `json:"from"`
}

func bundleProvenance(chain []review.Provenance) []BundleProvenance {
	var out []BundleProvenance
	for _, p := range chain {
		out = append(out, BundleProvenance{Pin: BundlePin(p.Pin), Journal: p.Journal, Bundle: p.Bundle,
			KeptReviewed: p.Kept, ChangedFiles: len(p.Changed)})
	}
	return out
}

func bundleCarried(c *review.Carried) *BundleCarried {
	if c == nil {
		return nil
	}
	return &BundleCarried{Verdict: c.Verdict, Rule: c.Rule, Renamed: c.Renamed, From: NewBundleLocation(c.From)}
}

// checkBundleCarried checks a step's carried record: a known verdict and
// a well-formed old location.
func checkBundleCarried(c *BundleCarried, idLen int) error {
	switch c.Verdict {
	case review.VerdictUnchanged, review.VerdictMoved, review.VerdictChanged, review.VerdictGone:
	default:
		return fieldError("carried.verdict is not unchanged, moved, changed or gone")
	}
	if err := checkBundleStep(BundleStep{Location: c.From}, idLen); err != nil {
		return fieldError("carried.from: " + err.Error())
	}
	return nil
}

// sarifBaselineState compares a finding with the review it was carried
// from: new (no step carried), absent (every step gone), unchanged (every
// step's lines are the same bytes, in place or moved), else updated.
func sarifBaselineState(f BundleFinding) string {
	carried, gone, same := 0, 0, 0
	for _, s := range f.Steps {
		if s.Carried == nil {
			continue
		}
		carried++
		switch s.Carried.Verdict {
		case review.VerdictGone:
			gone++
		case review.VerdictUnchanged, review.VerdictMoved:
			same++
		}
	}
	switch {
	case carried == 0:
		return "new"
	case gone == len(f.Steps):
		return "absent"
	case same == len(f.Steps):
		return "unchanged"
	}
	return "updated"
}

// fingerprintHash is the line hash a step is known by across releases:
// the one it was first carried with, so a changed step keeps matching.
func fingerprintHash(s BundleStep) string {
	if s.Carried != nil {
		return s.Carried.From.LineHash
	}
	return s.Location.LineHash
}
