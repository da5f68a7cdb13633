package review

import (
	"fmt"
	"maps"
	"slices"
)

// Verdicts a carried step gets (see package review/carry for the rules).
const (
	VerdictUnchanged = "unchanged" // same path, same lines, same bytes
	VerdictMoved     = "moved"     // the same bytes at other lines or another path
	VerdictChanged   = "changed"   // the region is still there but its bytes changed
	VerdictGone      = "gone"      // the file or the lines were deleted
)

// Carried is how a step came to the new pin: its verdict, the rule that
// gave it, and the location it had before (with the old line hash, so
// the old text can always be read back and compared).
type Carried struct {
	Verdict string   `json:"verdict"`
	Rule    string   `json:"rule,omitempty"`    // "exact", "diff", "context", "hash"; "" for changed and gone
	Renamed bool     `json:"renamed,omitempty"` // the file was renamed between the pins
	From    Location `json:"from"`
	// Reason says why a step was not matched by the rules at all (a
	// release-archive member's step: carry reads trees, not archives).
	Reason string `json:"reason,omitempty"`
}

// validate checks the verdict and the old location.
func (c *Carried) validate() error {
	switch c.Verdict {
	case VerdictUnchanged, VerdictMoved, VerdictChanged, VerdictGone:
	default:
		return fmt.Errorf("carried: %w: verdict %q; use unchanged, moved, changed or gone", ErrInvalid, c.Verdict)
	}
	from := Step{Location: c.From}
	if err := from.Validate(); err != nil {
		return fmt.Errorf("carried from: %w", err)
	}
	return nil
}

// Provenance is one link of a carried review's chain: the review it came
// from. The newest link is last.
type Provenance struct {
	Pin       Rev    `json:"pin"`                 // the old pin
	Journal   Head   `json:"journal"`             // the old journal's head when carried
	Bundle    string `json:"bundle,omitempty"`    // "sha256:..." of the old review's exported bundle, when given
	Workspace string `json:"workspace,omitempty"` // where the old workspace was; informational
	// Changed lists the files reviewed at the old pin whose content is
	// different (or gone) at the new one: "changed since the last review".
	Changed []string `json:"changed,omitempty"`
	// Kept counts the reviewed marks carried because the blob is the same.
	Kept int `json:"kept"`
}

// CarryData is what carrying a review writes into a new workspace, as one
// event: the provenance chain (the old review's chain plus one link), the
// carried findings with their old ids, and the reviewed marks kept.
type CarryData struct {
	Chain    []Provenance   `json:"chain"`
	Findings []Finding      `json:"findings"`
	Reviewed []coverageFile `json:"reviewed"`
}

// NewCarryData builds the event data from reviewed files (paths encoded
// as the journal stores them).
func NewCarryData(chain []Provenance, findings []Finding, reviewed []ReviewedFile) CarryData {
	d := CarryData{Chain: chain, Findings: findings}
	for _, f := range reviewed {
		p, b := EncodePath(f.Path)
		d.Reviewed = append(d.Reviewed, coverageFile{Path: p, PathBytes: b, Blob: f.Blob, Lines: f.Lines, Bytes: f.Bytes})
	}
	return d
}

// Carry writes a carried review into the workspace: findings keep their
// ids, reviewed marks are set, and the provenance chain is recorded in
// the Meta. A workspace that already holds findings or a carried review
// is refused, so nothing the reviewer did at the new pin is overwritten.
func (w *Workspace) Carry(d CarryData) error {
	for i := range d.Findings {
		if err := d.Findings[i].Validate(); err != nil {
			return fmt.Errorf("carry finding %s: %w", d.Findings[i].ID, err)
		}
	}
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.do(&op{typ: evCarry, build: func(s *state) (any, error) {
		if len(s.carried) > 0 {
			return nil, fmt.Errorf("%w: this workspace already holds a review carried from %s; carry into a new --workspace",
				ErrInvalid, s.carried[len(s.carried)-1].Pin.Commit)
		}
		if len(s.findings) > 0 {
			return nil, fmt.Errorf("%w: this workspace already has %d finding(s) at the new pin; carry into a new --workspace",
				ErrInvalid, len(s.findings))
		}
		return d, nil
	}})
}

// Provenance is the chain of reviews this one was carried from, oldest
// first; nil for a review begun at its pin.
func (w *Workspace) Provenance() []Provenance {
	w.mu.Lock()
	defer w.mu.Unlock()
	return slices.Clone(w.view.carried)
}

// applyCarry replays a carry event.
func (s *state) applyCarry(d CarryData) error {
	if len(d.Chain) == 0 {
		return fmt.Errorf("carry event without provenance")
	}
	findings := maps.Clone(s.findings)
	last := s.lastID
	for _, f := range d.Findings {
		n, err := idNumber(f.ID)
		if err != nil {
			return err
		}
		if _, dup := findings[f.ID]; dup {
			return fmt.Errorf("finding %s carried twice", f.ID)
		}
		if err := f.Validate(); err != nil {
			return fmt.Errorf("finding %s: %w", f.ID, err)
		}
		findings[f.ID] = f
		last = max(last, n)
	}
	for _, f := range d.Reviewed {
		path, err := DecodePath(f.Path, f.PathBytes)
		if err != nil {
			return err
		}
		s.reviewed[path] = ReviewedFile{Path: path, Blob: f.Blob, Lines: f.Lines, Bytes: f.Bytes}
	}
	s.findings, s.lastID = findings, last
	s.carried = d.Chain
	return nil
}
