package triage

import (
	"regexp"
	"strconv"
	"strings"

	"sightline/review"
)

// Result is one scanner result as the scanner reported it, before it is
// checked against the tree at the pin.
type Result struct {
	Tool     string
	Rule     string
	Level    string // error, warning, note, none (SARIF's words)
	Severity review.Severity
	CWE      string // "CWE-78", or ""
	Message  string
	Where    Spot
	Flow     []Spot // the code flow, source to sink; may be empty
	// Partial is the scanner's own fingerprint (SARIF partialFingerprints,
	// keys sorted), or "" when it gave none.
	Partial string
}

// Spot is a place a scanner named: a path relative to the repository
// root and a line range. Note is the scanner's message for a flow step.
type Spot struct {
	Path      string
	StartLine int
	EndLine   int
	Note      string
	// Bad says why the scanner's location could not be read as a path
	// in the repository (an absolute path elsewhere, a URI with "..").
	Bad string
}

// severityOf maps a SARIF level to a finding severity.
func severityOf(level string) review.Severity {
	switch strings.ToLower(level) {
	case "error":
		return review.SeverityHigh
	case "warning", "":
		return review.SeverityMedium
	case "note":
		return review.SeverityLow
	default:
		return review.SeverityInfo
	}
}

// severityOfScore maps a CVSS-like score (CodeQL's security-severity) to
// a severity; ok is false for a value that is not a score.
func severityOfScore(s string) (review.Severity, bool) {
	f, err := strconv.ParseFloat(strings.TrimSpace(s), 64)
	switch {
	case err != nil || f < 0 || f > 10:
		return "", false
	case f >= 9:
		return review.SeverityCritical, true
	case f >= 7:
		return review.SeverityHigh, true
	case f >= 4:
		return review.SeverityMedium, true
	case f > 0:
		return review.SeverityLow, true
	}
	return review.SeverityInfo, true
}

// cweRE finds a CWE id in a tag: "external/cwe/cwe-78", "CWE-78",
// "cwe_78", "CWE-078: OS Command Injection".
var cweRE = regexp.MustCompile(`(?i)\bcwe[-_/ ]?0*([0-9]{1,5})\b`)

// cweOf returns "CWE-N" for the first tag naming a CWE, else "".
func cweOf(tags ...string) string {
	for _, t := range tags {
		if m := cweRE.FindStringSubmatch(t); m != nil {
			return "CWE-" + m[1]
		}
	}
	return ""
}
