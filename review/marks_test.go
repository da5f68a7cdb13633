package review

import (
	"strings"
	"testing"
)

func TestLineMarks(t *testing.T) {
	low := Finding{ID: "F-0002", Severity: SeverityLow, Steps: []Step{{Location: testLoc("a.c", 1, 5)}}}
	high := Finding{ID: "F-0003", Severity: SeverityHigh, Steps: []Step{{Location: testLoc("a.c", 4, 6)}, {Location: testLoc("b.c", 1, 1)}}}
	low2 := Finding{ID: "F-0001", Severity: SeverityLow, Steps: []Step{{Location: testLoc("a.c", 2, 2)}}}
	other := Finding{ID: "F-0004", Severity: SeverityCritical, Steps: []Step{{Location: Location{Commit: strings.Repeat("9", 40), Path: "a.c", StartLine: 1, EndLine: 9}}}}
	m := LineMarks([]Finding{low, high, low2, other}, testPin.Commit, "a.c")
	want := map[int]string{1: "F-0002", 2: "F-0001", 3: "F-0002", 4: "F-0003", 5: "F-0003", 6: "F-0003"}
	if len(m) != len(want) {
		t.Fatalf("marks on %d lines, want %d: %v", len(m), len(want), m)
	}
	for n, id := range want {
		if m[n].ID != id {
			t.Errorf("line %d marked by %s, want %s", n, m[n].ID, id)
		}
	}
}
