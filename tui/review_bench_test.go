package tui

import (
	"fmt"
	"testing"

	"sightline/review"
	"sightline/tui/code"
	"sightline/tui/theme"
)

// BenchmarkLineMarks is the cost of recomputing the gutter marks of a file
// (done when the file or the findings change, never per frame) with 500
// findings of 3 steps each, a third of them in the file.
func BenchmarkLineMarks(b *testing.B) {
	const commit = "0123456789012345678901234567890123456789"
	var fs []review.Finding
	for i := 1; i <= 500; i++ {
		f := review.Finding{ID: review.FormatID(i), Title: fmt.Sprint("finding ", i), Severity: review.Severities[i%5]}
		for s := 0; s < 3; s++ {
			path := "other.go"
			if (i+s)%3 == 0 {
				path = "main.go"
			}
			l := review.Location{Commit: commit, Path: path, StartLine: i*3 + s, EndLine: i*3 + s + 4}
			f.Steps = append(f.Steps, review.Step{Location: l})
		}
		fs = append(fs, f)
	}
	st := theme.PlainStyles()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if len(code.FindingMarks(fs, commit, "main.go", st)) == 0 {
			b.Fatal("no marks")
		}
	}
}

// BenchmarkSyncReview is what every result message pays for keeping the
// marks in sync when nothing changed (keys pay nothing).
func BenchmarkSyncReview(b *testing.B) {
	m, _, _ := reviewFixture(b)
	mm := m.(Model)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		mm.syncReview(nil)
	}
}
