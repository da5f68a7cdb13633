package tui

import (
	"strings"
	"testing"

	"sightline/repo/repotest/pintest"
)

// rowOf is the screen line that lists path in the Changes list.
func rowOf(view, path string) string {
	for _, l := range strings.Split(view, "\n") {
		if strings.Contains(l, "  "+path) {
			return l
		}
	}
	return ""
}

func TestChangesListChecksReviewedFiles(t *testing.T) {
	_, r := historyFixture(t)
	pin := pintest.Resolve(t, r, "HEAD")
	base := pintest.Resolve(t, r, "HEAD~2")
	m, ws := reviewModel(t, r, pin, base)
	m = keysIn(t, m, "2")
	if v := m.View(); strings.Contains(rowOf(v, "a.go"), "✓") || strings.Contains(rowOf(v, "b.go"), "✓") {
		t.Fatalf("nothing is reviewed yet:\n%s", v)
	}
	m = keysIn(t, m, "j", "m") // the list: a.go, then b.go
	v := m.View()
	if !ws.IsReviewed("b.go") || !strings.Contains(rowOf(v, "b.go"), "b.go ✓") || strings.Contains(rowOf(v, "a.go"), "✓") {
		t.Fatalf("b.go marked reviewed: want a ✓ on its row only:\n%s", v)
	}
	m = keysIn(t, m, "m")
	if v := m.View(); ws.IsReviewed("b.go") || strings.Contains(rowOf(v, "b.go"), "✓") {
		t.Errorf("b.go unmarked, yet its row keeps the ✓:\n%s", v)
	}
}
