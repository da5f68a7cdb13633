package triage

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"strconv"
	"strings"
	"time"

	"sightline/review"
)

// State is where a candidate stands in triage.
type State string

// The states. Skipped candidates stay in the queue, after the pending ones.
const (
	Pending   State = "pending"
	Skipped   State = "skipped"
	Confirmed State = "confirmed"
	Dismissed State = "dismissed"
)

// Reason says why a candidate was dismissed.
type Reason string

// The reasons a candidate can be dismissed for.
const (
	FalsePositive Reason = "false-positive"
	WontFix       Reason = "wont-fix"
	TestCode      Reason = "test-code"
)

// Reasons lists the dismissal reasons, for help and forms.
var Reasons = []Reason{FalsePositive, WontFix, TestCode}

// ParseReason accepts a reason name (also "won't fix", "test").
func ParseReason(s string) (Reason, error) {
	switch strings.ToLower(strings.NewReplacer("'", "", "_", "-", " ", "-").Replace(strings.TrimSpace(s))) {
	case "false-positive", "fp":
		return FalsePositive, nil
	case "wont-fix", "wontfix":
		return WontFix, nil
	case "test-code", "test", "tests":
		return TestCode, nil
	}
	return "", fmt.Errorf("reason %q: %w; use false-positive, wont-fix or test-code", s, review.ErrInvalid)
}

// Place is a scanner's location checked against the tree at the pin:
// Location is set when the path and lines exist there; otherwise Missing
// says why, and the candidate is kept as unlocated.
type Place struct {
	Path      string           `json:"path"`                // display form when the raw path is not UTF-8
	PathBytes string           `json:"pathBytes,omitempty"` // base64 of a raw path that is not UTF-8
	StartLine int              `json:"startLine,omitempty"` // as the scanner said
	EndLine   int              `json:"endLine,omitempty"`
	Note      string           `json:"note,omitempty"`
	Location  *review.Location `json:"location,omitempty"`
	Missing   string           `json:"missing,omitempty"`
}

// RawPath is the path as the scanner gave it (possibly not UTF-8).
func (p Place) RawPath() string {
	raw, err := review.DecodePath(p.Path, p.PathBytes)
	if err != nil {
		return p.Path
	}
	return raw
}

// String is "path:10" or "path:10-12" (raw: sanitize before display).
func (p Place) String() string {
	s := p.RawPath()
	if p.StartLine > 0 {
		s += ":" + strconv.Itoa(p.StartLine)
		if p.EndLine > p.StartLine {
			s += "-" + strconv.Itoa(p.EndLine)
		}
	}
	return s
}

// Candidate is one imported result in the triage queue. The fields up to
// Flow are stored as imported; the rest come from the decisions made.
type Candidate struct {
	ID          string          `json:"-"` // "C-0001", by order of first import
	Fingerprint string          `json:"fingerprint"`
	Pin         string          `json:"pin"`
	Tool        string          `json:"tool"`
	Rule        string          `json:"rule"`
	Level       string          `json:"level,omitempty"`
	Severity    review.Severity `json:"severity"`
	CWE         string          `json:"cwe,omitempty"`
	Message     string          `json:"message"`
	Where       Place           `json:"where"`
	Flow        []Place         `json:"flow,omitempty"`

	State    State     `json:"-"`
	Reason   Reason    `json:"-"`
	Note     string    `json:"-"`
	Finding  string    `json:"-"` // the finding a confirmation made
	Reviewer string    `json:"-"`
	Decided  time.Time `json:"-"`
}

// Located reports whether the candidate's primary location exists at the pin.
func (c *Candidate) Located() bool { return c.Where.Location != nil }

// Open reports whether the candidate still waits for a decision.
func (c *Candidate) Open() bool { return c.State == Pending || c.State == Skipped }

// FormatID turns a sequence number into a candidate id: 1 is "C-0001".
func FormatID(n int) string { return fmt.Sprintf("C-%04d", n) }

// ParseID accepts "C-0012", "c-12" or "12".
func ParseID(s string) (string, error) {
	t := strings.TrimSpace(s)
	if len(t) > 2 && (t[:2] == "C-" || t[:2] == "c-") {
		t = t[2:]
	}
	n, err := strconv.Atoi(t)
	if err != nil || n < 1 || n > 1e8 {
		return "", fmt.Errorf("candidate id %q: %w; ids look like C-0001 (see sightline triage list)", s, review.ErrInvalid)
	}
	return FormatID(n), nil
}

// fingerprintKey is what re-imports are matched by: the scanner's
// partial fingerprints where it gave them, else the rule, path and the
// hash of the lines at the pin (the line number when the lines are not
// there).
func fingerprintKey(c *Candidate, partial string) string {
	key := []string{c.Tool, c.Rule, c.Where.RawPath()}
	switch {
	case partial != "":
		key = append(key, "partial", partial)
	case c.Where.Location != nil:
		key = append(key, "lines", c.Where.Location.LineHash)
	default:
		key = append(key, "line", strconv.Itoa(c.Where.StartLine))
	}
	return strings.Join(key, "\x00")
}

// fingerprint hashes a key and its occurrence in one scan (1 for the
// first), so two results one scan reports with the same key stay two.
func fingerprint(key string, occ int) string {
	d := sha256.Sum256([]byte(key + "\x00" + strconv.Itoa(occ)))
	return hex.EncodeToString(d[:16])
}
