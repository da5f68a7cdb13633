package review

import (
	"fmt"
	"strconv"
	"strings"
)

// Severity is how bad a finding is, from info to critical.
type Severity string

// The severities, from least to most severe.
const (
	SeverityInfo     Severity = "info"
	SeverityLow      Severity = "low"
	SeverityMedium   Severity = "medium"
	SeverityHigh     Severity = "high"
	SeverityCritical Severity = "critical"
)

// Severities lists every severity from least to most severe, for forms and
// filters.
var Severities = []Severity{SeverityInfo, SeverityLow, SeverityMedium, SeverityHigh, SeverityCritical}

// Rank orders severities: info is 0, critical 4, an unknown value -1.
func (s Severity) Rank() int {
	for i, v := range Severities {
		if v == s {
			return i
		}
	}
	return -1
}

// ParseSeverity accepts a severity name in any letter case.
func ParseSeverity(s string) (Severity, error) {
	v := Severity(strings.ToLower(strings.TrimSpace(s)))
	if v.Rank() < 0 {
		return "", fmt.Errorf("severity %q: %w; use one of info, low, medium, high, critical", s, ErrInvalid)
	}
	return v, nil
}

// Status is where a finding stands in the review.
type Status string

// The statuses a finding can have. New findings are open.
const (
	StatusOpen          Status = "open"
	StatusConfirmed     Status = "confirmed"
	StatusFalsePositive Status = "false-positive"
	StatusNeedsInfo     Status = "needs-info"
	// StatusNeedsReReview is set by carrying a review to a new pin when
	// a step's code changed or went away: the old verdict no longer
	// stands on its own.
	StatusNeedsReReview Status = "needs-re-review"
)

// Statuses lists every status, in the order forms offer them.
var Statuses = []Status{StatusOpen, StatusConfirmed, StatusFalsePositive, StatusNeedsInfo, StatusNeedsReReview}

// ParseStatus accepts a status name in any letter case.
func ParseStatus(s string) (Status, error) {
	v := Status(strings.ToLower(strings.TrimSpace(s)))
	for _, ok := range Statuses {
		if v == ok {
			return v, nil
		}
	}
	return "", fmt.Errorf("status %q: %w; use one of open, confirmed, false-positive, needs-info, needs-re-review", s, ErrInvalid)
}

// ParseCWE accepts "CWE-" and a decimal number (1 to 999999, no leading
// zero), the prefix in any letter case, and returns it as "CWE-78". The
// empty string means no CWE and is returned as is.
func ParseCWE(s string) (string, error) {
	t := strings.TrimSpace(s)
	if t == "" {
		return "", nil
	}
	bad := fmt.Errorf("CWE %q: %w; write CWE- and the weakness number, like CWE-78, or leave it empty", s, ErrInvalid)
	if len(t) < 5 || !strings.EqualFold(t[:4], "CWE-") {
		return "", bad
	}
	num := t[4:]
	if len(num) > 6 || num[0] == '0' {
		return "", bad
	}
	for _, c := range num {
		if c < '0' || c > '9' {
			return "", bad
		}
	}
	if _, err := strconv.Atoi(num); err != nil {
		return "", bad
	}
	return "CWE-" + num, nil
}
