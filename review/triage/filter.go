package triage

import "strings"

// Filter narrows the queue: each non-empty field must occur in the
// candidate's rule, path or tool (letter case ignored).
type Filter struct {
	Rule, Path, Tool string
}

// Match reports whether c passes the filter.
func (f Filter) Match(c *Candidate) bool {
	return has(c.Rule, f.Rule) && has(c.Where.RawPath(), f.Path) && has(c.Tool, f.Tool)
}

// Empty reports whether the filter lets everything through.
func (f Filter) Empty() bool { return f == Filter{} }

func has(s, sub string) bool {
	return sub == "" || strings.Contains(strings.ToLower(s), strings.ToLower(sub))
}
