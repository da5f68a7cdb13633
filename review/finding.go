package review

import (
	"fmt"
	"slices"
	"strings"
	"time"
	"unicode/utf8"
)

// maxTitle and maxText bound what a reviewer types, so one runaway paste
// cannot make every journal replay slow.
const (
	maxTitle = 500
	maxText  = 1 << 20
)

// Step is one place on a finding's path through the code, with an
// optional note ("input read here", "reaches exec here").
type Step struct {
	Location Location `json:"location"`
	Note     string   `json:"note"`
	// Carried is set on a step carried from an older pin: its verdict and
	// where it was. A gone step keeps its old Location.
	Carried *Carried `json:"carried,omitempty"`
}

// Finding is one suspected weakness: a title, how bad it is, where it
// stands, and the steps through the code that show it, in order.
type Finding struct {
	ID          string    `json:"id"` // "F-0001": sequential per workspace, never reused
	Title       string    `json:"title"`
	Severity    Severity  `json:"severity"`
	CWE         string    `json:"cwe"` // "CWE-78", or "" for none
	Status      Status    `json:"status"`
	Description string    `json:"description"`
	Reviewer    string    `json:"reviewer"`
	Created     time.Time `json:"created"` // UTC, whole seconds
	Updated     time.Time `json:"updated"`
	Steps       []Step    `json:"steps"`
}

// Clone returns a copy of f that shares no slice with it.
func (f Finding) Clone() Finding {
	f.Steps = slices.Clone(f.Steps)
	return f
}

// Gone reports whether the step was carried to a new pin and its code is
// gone: it keeps the old location, at the old commit.
func (s Step) Gone() bool { return s.Carried != nil && s.Carried.Verdict == VerdictGone }

// Covers reports whether a step of f covers line n of path on the given
// side, for gutter marks.
func (f Finding) Covers(path, side string, n int) bool {
	for _, s := range f.Steps {
		if s.Location.Archive == nil && s.Location.Path == path && s.Location.Side == side && s.Location.Contains(n) {
			return true
		}
	}
	return false
}

// Validate checks everything a reviewer typed or picked, normalising the
// CWE, so that a bad value is refused before it reaches the journal. The
// message says what is allowed.
func (f *Finding) Validate() error {
	f.Title = strings.TrimSpace(f.Title)
	if f.Title == "" {
		return fmt.Errorf("title: %w: a finding needs a title", ErrInvalid)
	}
	if strings.ContainsAny(f.Title, "\n\r") {
		return fmt.Errorf("title: %w: one line only; put details in the description", ErrInvalid)
	}
	if err := checkText("title", f.Title, maxTitle); err != nil {
		return err
	}
	if err := checkText("description", f.Description, maxText); err != nil {
		return err
	}
	if err := checkText("reviewer", f.Reviewer, maxTitle); err != nil {
		return err
	}
	sev, err := ParseSeverity(string(f.Severity))
	if err != nil {
		return err
	}
	f.Severity = sev
	if f.Status == "" {
		f.Status = StatusOpen
	}
	st, err := ParseStatus(string(f.Status))
	if err != nil {
		return err
	}
	f.Status = st
	cwe, err := ParseCWE(f.CWE)
	if err != nil {
		return err
	}
	f.CWE = cwe
	if len(f.Steps) == 0 {
		return fmt.Errorf("steps: %w: a finding needs at least one location", ErrInvalid)
	}
	for i := range f.Steps {
		if err := f.Steps[i].Validate(); err != nil {
			return fmt.Errorf("step %d: %w", i+1, err)
		}
	}
	return nil
}

// Validate checks a step's note and that its location is complete (a
// location is made by NewLocation, which checked it against the repository).
func (s *Step) Validate() error {
	if err := checkText("note", s.Note, maxText); err != nil {
		return err
	}
	if s.Carried != nil {
		if err := s.Carried.validate(); err != nil {
			return err
		}
	}
	l := s.Location
	switch {
	case len(l.Commit) != 40 || len(l.Blob) != 40:
		return fmt.Errorf("location: %w: commit and blob must be full 40-digit ids", ErrInvalid)
	case l.Path == "":
		return fmt.Errorf("location: %w: no path", ErrInvalid)
	case l.StartLine < 1 || l.EndLine < l.StartLine:
		return fmt.Errorf("location %d-%d: %w; lines count from 1 and START <= END", l.StartLine, l.EndLine, ErrInvalid)
	case !strings.HasPrefix(l.LineHash, "sha256:") || len(l.LineHash) != 7+64:
		return fmt.Errorf("location: %w: lineHash must be sha256: and 64 hex digits", ErrInvalid)
	case l.Side != "" && l.Side != SideBase && l.Side != SidePin:
		return fmt.Errorf("location side %q: %w; use base or pin", l.Side, ErrInvalid)
	case l.Archive != nil && l.Side != "":
		return fmt.Errorf("location in archive %s: %w: an archive member has no diff side", l.Archive.Name, ErrInvalid)
	case l.Archive != nil:
		return l.Archive.Validate()
	}
	return nil
}

// checkText refuses text that JSON cannot carry unchanged (invalid UTF-8
// would come back as U+FFFD after a replay) or that is absurdly long.
func checkText(field, s string, max int) error {
	if !utf8.ValidString(s) {
		return fmt.Errorf("%s: %w: not valid UTF-8", field, ErrInvalid)
	}
	if len(s) > max {
		return fmt.Errorf("%s: %w: %d bytes, at most %d allowed", field, ErrInvalid, len(s), max)
	}
	return nil
}

// CheckShortText checks a one-line value such as a title, a reviewer or
// a signing identity as the journal does before storing it: valid UTF-8
// (JSON would silently change anything else) and at most 500 bytes. The
// error names field and wraps ErrInvalid.
func CheckShortText(field, s string) error { return checkText(field, s, maxTitle) }

// FormatID turns a sequence number into a finding id: 1 is "F-0001".
func FormatID(n int) string { return fmt.Sprintf("F-%04d", n) }

// ParseID accepts "F-0012", "f-12" or "12" and returns the canonical id.
func ParseID(s string) (string, error) {
	t := strings.TrimSpace(s)
	if len(t) > 2 && (t[:2] == "F-" || t[:2] == "f-") {
		t = t[2:]
	}
	n := 0
	for _, c := range t {
		if c < '0' || c > '9' || n > 1e8 {
			n = -1
			break
		}
		n = n*10 + int(c-'0')
	}
	if t == "" || n < 1 {
		return "", fmt.Errorf("finding id %q: %w; ids look like F-0001 (see sightline findings list)", s, ErrInvalid)
	}
	return FormatID(n), nil
}
