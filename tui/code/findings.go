package code

import (
	"sightline/review"
	"sightline/tui/nav"
	"sightline/tui/theme"
)

// FindingMarks turns the findings' steps in path at commit into gutter
// marks: runs of lines whose most severe finding is the same become one
// mark, in that finding's severity colour, titled with its id and title.
func FindingMarks(fs []review.Finding, commit, path string, s theme.Styles) []Mark {
	byLine := review.LineMarks(fs, commit, path)
	if len(byLine) == 0 {
		return nil
	}
	maxLine := 0
	for n := range byLine {
		maxLine = max(maxLine, n)
	}
	var out []Mark
	for n := 1; n <= maxLine; n++ {
		f, ok := byLine[n]
		if !ok {
			continue
		}
		title := nav.MarkTitle(f)
		if k := len(out) - 1; k >= 0 && out[k].End == n-1 && out[k].Title == title {
			out[k].End = n
			continue
		}
		out = append(out, Mark{Start: n, End: n, Style: nav.SeverityStyle(f.Severity, s), Title: title})
	}
	return out
}
