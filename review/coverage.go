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
func (p Progress) String() string {
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
