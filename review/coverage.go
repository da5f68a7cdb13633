package review

import "fmt"

// ReviewedFile is a file marked reviewed: its path, its blob at the pin
// (so an auditor knows exactly what was read) and its line count.
type ReviewedFile struct {
	Path  string // raw bytes of the path
	Blob  string // full blob id at the pin
	Lines int    // lines in the blob, by repo.SplitLines
}

// Totals is what the caller knows about the tree under review: the number
// of files and lines at the pin and, in a diff review, the changed paths.
type Totals struct {
	Files   int
	Lines   int
	Changed []string // paths changed between base and pin; nil outside a diff review
}

// Progress is how much of the tree has been marked reviewed.
type Progress struct {
	Files, TotalFiles     int
	Lines, TotalLines     int
	Changed, TotalChanged int // reviewed changed files, of the changed files
	// Carried is set for a review carried from an older pin: the files
	// outside the changed ones are then the carried part of the review.
	Carried bool
}

// Percent is the share of files reviewed, rounded down (0 when there are
// no files).
func (p Progress) Percent() int {
	if p.TotalFiles == 0 {
		return 0
	}
	return p.Files * 100 / p.TotalFiles
}

// String is the status bar form: "reviewed 12/510 files, 8%", with the
// changed files when the review has a base.
// A carried review reads "reviewed 480/510 carried, 0/30 changed": the
// files the Changes tab does not list (marks kept from the last review)
// and the changed ones.
func (p Progress) String() string {
	if p.Carried && p.TotalChanged > 0 {
		return fmt.Sprintf("reviewed %d/%d carried, %d/%d changed", p.Files-p.Changed, max(p.TotalFiles-p.TotalChanged, 0), p.Changed, p.TotalChanged)
	}
	s := fmt.Sprintf("reviewed %d/%d files, %d%%", p.Files, p.TotalFiles, p.Percent())
	if p.TotalChanged > 0 {
		s += fmt.Sprintf("; changed %d/%d", p.Changed, p.TotalChanged)
	}
	return s
}

// progress counts the reviewed files against the totals.
func progress(reviewed map[string]ReviewedFile, t Totals) Progress {
	p := Progress{TotalFiles: t.Files, TotalLines: t.Lines, TotalChanged: len(t.Changed)}
	for _, f := range reviewed {
		p.Files++
		p.Lines += f.Lines
	}
	for _, path := range t.Changed {
		if _, ok := reviewed[path]; ok {
			p.Changed++
		}
	}
	return p
}
