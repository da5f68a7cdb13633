package findings

import (
	"strings"
	"testing"

	"sightline/review"
)

// A carried review: the list says each finding's verdict, the steps say
// how each came here and where it was, and the status filter reaches
// needs-re-review.
func TestCarriedVerdictsAndReReviewFilter(t *testing.T) {
	was := func(path string, a, b int) review.Location {
		l := loc(path, a, b)
		l.Commit = strings.Repeat("9", 40)
		return l
	}
	fs := append(sample(),
		review.Finding{ID: "F-0004", Title: "Edited since", Severity: "high", Status: review.StatusNeedsReReview,
			Steps: []review.Step{
				{Location: loc("src/x.c", 22, 24), Carried: &review.Carried{Verdict: "changed", From: was("src/x.c", 19, 21)}},
				{Location: loc("lib/b.c", 2, 2), Carried: &review.Carried{Verdict: "moved", Rule: "diff", Renamed: true, From: was("src/b.c", 2, 2)}},
			}},
		review.Finding{ID: "F-0005", Title: "Still there", Severity: "low", Status: "confirmed",
			Steps: []review.Step{{Location: loc("k.c", 1, 1), Carried: &review.Carried{Verdict: "unchanged", Rule: "exact", From: was("k.c", 1, 1)}}}},
	)
	m := newView(t)
	m.SetFindings(fs)
	m, _ = press(t, m, "G", "k") // F-0004
	v := m.View()
	for _, want := range []string{
		"F-0004", "needs-re-review", "carried: changed", "F-0005", "carried: unchanged",
		"step 1  src/x.c:22-24  [changed; was src/x.c:19-21]",
		"step 2  lib/b.c:2  [moved by diff, renamed; was src/b.c:2]",
	} {
		if !strings.Contains(v, want) {
			t.Errorf("view lacks %q:\n%s", want, v)
		}
	}
	if strings.Contains(v, "F-0001  critical") && strings.Contains(strings.Split(v, "\n")[1], "carried") {
		t.Errorf("a finding made at this pin shows a verdict:\n%s", v)
	}
	m, _ = press(t, m, "t", "t", "t", "t", "t") // open, confirmed, false-positive, needs-info, needs-re-review
	v = m.View()
	if !strings.Contains(v, "1 of 5 findings") || !strings.Contains(v, "status needs-re-review") || !strings.Contains(v, "F-0004") {
		t.Errorf("needs-re-review filter:\n%s", v)
	}
}

// An archive step carried without its old bytes is changed and says why;
// the reason comes from the journal and is drawn escaped.
func TestCarriedStepShowsItsReason(t *testing.T) {
	ref := &review.ArchiveRef{Name: "x-1.1.tar.gz", SHA256: strings.Repeat("c", 64)}
	at, was := loc("m.c", 2, 3), loc("m.c", 2, 3)
	at.Archive, was.Archive = ref, &review.ArchiveRef{Name: "x-1.0.tar.gz", SHA256: strings.Repeat("a", 64)}
	m := newView(t)
	m.SetFindings([]review.Finding{{ID: "F-0001", Title: "In a member", Severity: "low", Status: review.StatusNeedsReReview,
		Steps: []review.Step{{Location: at, Carried: &review.Carried{Verdict: "changed", From: was,
			Reason: "old bytes not at hand \x1b]0;pwned\x07"}}}}})
	v := m.View()
	if !strings.Contains(v, "step 1  x-1.1.tar.gz:m.c:2-3  [changed; was x-1.0.tar.gz:m.c:2-3; old bytes not at hand") {
		t.Errorf("view lacks the step's reason:\n%s", v)
	}
	if strings.ContainsAny(v, "\x07") || strings.Contains(v, "\x1b]0;") {
		t.Errorf("the reason reached the view raw:\n%q", v)
	}
}
