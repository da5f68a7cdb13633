package review

import "fmt"

// ReviewedFile is a file marked reviewed: its path, its blob at the pin
// (so an auditor knows exactly what was read) and how much was read: its
// line count, or for a binary file its size in bytes.
type ReviewedFile struct {
	Path  string // raw bytes of the path
	Blob  string // full blob id at the pin
	Lines int    // lines in the blob, by repo.SplitLines; 0 for a binary file
	// Bytes is a binary file's size (git's rule: a NUL in its first 8000
	// bytes): what a reviewer reads of it is bytes in a hex view, and its
	// LF count would be a meaningless "lines". 0 for a text file.
	Bytes int64
}

// Totals is what the caller knows about the tree under review: the number
// of files and lines at the pin and, in a diff review, the changed paths.
type Totals struct {
	Files   int
	Lines   int      // lines of the text files
	Bytes   int64    // bytes of the binary files
	Changed []string // paths changed between base and pin; nil outside a diff review
}

// Progress is how much of the tree has been marked reviewed.
type Progress struct {
	Files, TotalFiles     int
	Lines, TotalLines     int
	Bytes, TotalBytes     int64 // of binary files, counted in bytes not lines
	Changed, TotalChanged int   // reviewed changed files, of the changed files
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
	p := Progress{TotalFiles: t.Files, TotalLines: t.Lines, TotalBytes: t.Bytes, TotalChanged: len(t.Changed)}
	for _, f := range reviewed {
		p.Files++
		p.Lines += f.Lines
		p.Bytes += f.Bytes
	}
	for _, path := range t.Changed {
		if _, ok := reviewed[path]; ok {
			p.Changed++
		}
	}
	return p
}

// ByteCount is a byte count as coverage shows it: "4,096 B".
func ByteCount(n int64) string {
	s := fmt.Sprint(n)
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s + " B"
}
