package review

// LineMarks maps the lines of one file to the most severe finding with a
// step there, for gutter marks and the status bar. Only steps at commit
// (the pin, or in a diff the base) and path count; both the pin's tree
// and the pin side of a diff name the same lines, so side is not matched.
// Among findings of equal severity the lower id wins, so the marks do not
// depend on map order.
func LineMarks(findings []Finding, commit, path string) map[int]Finding {
	marks := map[int]Finding{}
	for _, f := range findings {
		for _, s := range f.Steps {
			l := s.Location
			if l.Commit != commit || l.Path != path || l.Archive != nil {
				continue
			}
			for n := l.StartLine; n <= l.EndLine; n++ {
				old, ok := marks[n]
				if !ok || f.Severity.Rank() > old.Severity.Rank() ||
					(f.Severity == old.Severity && idLess(f.ID, old.ID)) {
					marks[n] = f
				}
			}
		}
	}
	return marks
}

func idLess(a, b string) bool {
	x, _ := idNumber(a)
	y, _ := idNumber(b)
	return x < y
}
