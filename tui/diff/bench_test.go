package diff

import (
	"fmt"
	"strings"
	"testing"

	"github.com/charmbracelet/lipgloss"
	"github.com/muesli/termenv"

	"sightline/repo"
	"sightline/tui/theme"
)

// BenchmarkPrepareLargeFile prepares the diff of a 20,000-line Go file in
// which every fourth line changed (5,000 changed lines in 5,000 hunk
// lines, highlighted and word-diffed), in true colour.
func BenchmarkPrepareLargeFile(b *testing.B) {
	var old, new strings.Builder
	for i := range 20000 {
		fmt.Fprintf(&old, "\tx%d := compute(alpha, %d) // line %d\n", i, i, i)
		if i%4 == 0 {
			fmt.Fprintf(&new, "\tx%d := compute(beta, %d) // line %d\n", i, i, i)
		} else {
			fmt.Fprintf(&new, "\tx%d := compute(alpha, %d) // line %d\n", i, i, i)
		}
	}
	hunks := repo.DiffLines(repo.SplitLines([]byte(old.String())), repo.SplitLines([]byte(new.String())), DefaultContext)
	r := lipgloss.NewRenderer(nil)
	r.SetColorProfile(termenv.TrueColor)
	st := NewStyles(theme.NewStyles(theme.Default(), r))
	ch := repo.FileChange{Status: 'M', OldPath: "big.go", NewPath: "big.go", Added: 5000, Removed: 5000}
	b.ResetTimer()
	for b.Loop() {
		Prepare(ch, hunks, DefaultContext, st)
	}
}
