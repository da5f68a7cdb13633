package carry

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"sightline/repo"
	"sightline/repo/repotest"
	"sightline/repo/repotest/pintest"
	"sightline/review"
)

// numbered returns lines "prefix N: ..." from..to, each with its LF.
func numbered(prefix string, from, to int) string {
	var b strings.Builder
	for i := from; i <= to; i++ {
		fmt.Fprintf(&b, "%s %d: value := compute(%d)\n", prefix, i, i*7)
	}
	return b.String()
}

type fixture struct {
	r    *repo.Repo
	a, b repo.Pin
}

// twoPins commits tree a, then tree b, and pins both.
func twoPins(t *testing.T, a, b repotest.Tree) fixture {
	t.Helper()
	rt := repotest.New(t)
	ha := rt.Commit("A", a)
	hb := rt.Commit("B", b)
	r := pintest.Open(t, rt.Dir)
	return fixture{r: r, a: pintest.Resolve(t, r, ha.String()), b: pintest.Resolve(t, r, hb.String())}
}

// finding is a finding with one step per range at the old pin.
func (fx fixture) finding(t *testing.T, id string, ranges ...string) review.Finding {
	t.Helper()
	f := review.Finding{ID: id, Title: "t " + id, Severity: review.SeverityHigh, Status: review.StatusConfirmed}
	for _, rg := range ranges {
		path, lines, _ := strings.Cut(rg, ":")
		s, e, err := review.ParseLines(lines)
		if err != nil {
			t.Fatal(err)
		}
		l, err := review.NewLocation(context.Background(), fx.r, fx.a.Commit, path, s, e, "")
		if err != nil {
			t.Fatal(err)
		}
		f.Steps = append(f.Steps, review.Step{Location: l, Note: "n"})
	}
	return f
}

func (fx fixture) carry(t *testing.T, fs ...review.Finding) *Result {
	t.Helper()
	res, err := Carry(context.Background(), fx.r, fx.a, fx.b, fs, nil)
	if err != nil {
		t.Fatal(err)
	}
	return res
}

// want checks one step's verdict, rule and new place ("path:s-e").
func want(t *testing.T, st Step, verdict, rule, at string) {
	t.Helper()
	got := fmt.Sprintf("%s/%s %s:%d-%d", st.Verdict, st.Rule, st.To.Path, st.To.StartLine, st.To.EndLine)
	if w := verdict + "/" + rule + " " + at; got != w {
		t.Errorf("%s step %d: got %s, want %s", st.Finding, st.Index+1, got, w)
	}
}

func TestCarryEachVerdict(t *testing.T) {
	a := numbered("a", 1, 40)
	lines := strings.SplitAfter(a, "\n")
	// B: 5 lines inserted at the top, line 20 rewritten, lines 30-32 deleted.
	var b strings.Builder
	b.WriteString(numbered("new", 1, 5))
	for i, l := range lines[:40] {
		switch {
		case i+1 == 20:
			b.WriteString("a 20: value := computeSafely(140)\n")
		case i+1 >= 30 && i+1 <= 32:
		default:
			b.WriteString(l)
		}
	}
	fx := twoPins(t,
		repotest.Tree{"x.go": {Content: a}, "same.go": {Content: "package same\n"}},
		repotest.Tree{"x.go": {Content: b.String()}, "same.go": {Content: "package same\n"}})
	f := fx.finding(t, "F-0001", "same.go:1", "x.go:10-12", "x.go:19-21", "x.go:30-32")
	res := fx.carry(t, f)
	want(t, res.Steps[0], "unchanged", "exact", "same.go:1-1")
	want(t, res.Steps[1], "moved", "diff", "x.go:15-17")
	want(t, res.Steps[2], "changed", "", "x.go:24-26")
	want(t, res.Steps[3], "gone", "", "x.go:30-32")
	g := res.Findings[0]
	if g.Status != review.StatusNeedsReReview {
		t.Errorf("status %s, want needs-re-review", g.Status)
	}
	ch := g.Steps[2]
	if ch.Carried.From.LineHash != f.Steps[2].Location.LineHash || ch.Location.LineHash == ch.Carried.From.LineHash {
		t.Errorf("changed step: keeps old hash %s in From, new lines hash differently: %+v", f.Steps[2].Location.LineHash, ch)
	}
	if gone := g.Steps[3]; gone.Location != f.Steps[3].Location {
		t.Errorf("gone step moved: %+v", gone.Location)
	}
	if res.Counts["unchanged"] != 1 || res.Counts["moved"] != 1 || res.Counts["changed"] != 1 || res.Counts["gone"] != 1 {
		t.Errorf("counts %v", res.Counts)
	}
	for _, st := range g.Steps {
		if err := st.Validate(); err != nil {
			t.Errorf("carried step does not validate: %v", err)
		}
	}
	if err := g.Validate(); err != nil {
		t.Error(err)
	}
}

func TestCarryUnchangedInEditedFile(t *testing.T) {
	a := numbered("a", 1, 30)
	b := strings.Replace(a, "a 25: value := compute(175)", "a 25: value := other()", 1)
	fx := twoPins(t, repotest.Tree{"x.go": {Content: a}}, repotest.Tree{"x.go": {Content: b}})
	res := fx.carry(t, fx.finding(t, "F-0001", "x.go:3-5"))
	want(t, res.Steps[0], "unchanged", "exact", "x.go:3-5")
	if res.Findings[0].Status != review.StatusConfirmed {
		t.Errorf("status %s changed on an unchanged step", res.Findings[0].Status)
	}
}

func TestCarryRename(t *testing.T) {
	a := numbered("a", 1, 60)
	b := numbered("top", 1, 2) + a // renamed with a small edit
	fx := twoPins(t,
		repotest.Tree{"old/x.go": {Content: a}, "keep.go": {Content: "k\n"}},
		repotest.Tree{"new/y.go": {Content: b}, "keep.go": {Content: "k\n"}})
	res := fx.carry(t, fx.finding(t, "F-0001", "old/x.go:10-12"))
	want(t, res.Steps[0], "moved", "diff", "new/y.go:12-14")
	if !res.Steps[0].Renamed {
		t.Error("rename not said")
	}
}

func TestCarryFileSplit(t *testing.T) {
	a := numbered("a", 1, 60)
	lines := strings.SplitAfter(a, "\n")
	first, second := strings.Join(lines[:40], ""), strings.Join(lines[40:60], "")
	fx := twoPins(t,
		repotest.Tree{"big.go": {Content: a}},
		repotest.Tree{"big.go": {Content: first}, "part2.go": {Content: "package x\n\n" + second}})
	res := fx.carry(t, fx.finding(t, "F-0001", "big.go:5-6", "big.go:45-47"))
	want(t, res.Steps[0], "unchanged", "exact", "big.go:5-6")
	want(t, res.Steps[1], "moved", "context", "part2.go:7-9")
}

// A block that exists twice: when one copy is rewritten, the other copy
// (already there at the old pin) must not be taken for it.
func TestCarryDuplicatedBlockNotClaimed(t *testing.T) {
	block := "\tif err != nil {\n\t\treturn err\n\t}\n"
	a := numbered("a", 1, 10) + block + numbered("b", 1, 10) + block + numbered("c", 1, 10)
	b := numbered("a", 1, 10) + "\tif err != nil {\n\t\treturn fmt.Errorf(\"wrap: %w\", err)\n\t}\n" + numbered("b", 1, 10) + block + numbered("c", 1, 10)
	fx := twoPins(t, repotest.Tree{"d.go": {Content: a}}, repotest.Tree{"d.go": {Content: b}})
	res := fx.carry(t, fx.finding(t, "F-0001", "d.go:11-13", "d.go:24-26"))
	want(t, res.Steps[0], "changed", "", "d.go:11-13")
	want(t, res.Steps[1], "unchanged", "exact", "d.go:24-26")

	// Moved within the file: the copy that moved is found by its context,
	// and the copy left in place is not offered for it.
	c := numbered("b", 1, 10) + block + numbered("a", 1, 10) + block + numbered("c", 1, 10)
	fx = twoPins(t, repotest.Tree{"d.go": {Content: a}}, repotest.Tree{"d.go": {Content: c}})
	res = fx.carry(t, fx.finding(t, "F-0001", "d.go:11-13"))
	if st := res.Steps[0]; st.Verdict == "unchanged" || (st.Verdict == "moved" && st.Rule == RuleHash) {
		t.Errorf("duplicated block claimed by a weak rule: %+v", st)
	}
}

func TestCarryCRLF(t *testing.T) {
	a := numbered("a", 1, 20)
	b := strings.ReplaceAll(a, "\n", "\r\n")
	fx := twoPins(t, repotest.Tree{"w.txt": {Content: a}}, repotest.Tree{"w.txt": {Content: b}})
	res := fx.carry(t, fx.finding(t, "F-0001", "w.txt:4-6"))
	want(t, res.Steps[0], "changed", "", "w.txt:4-6")
	if res.Findings[0].Status != review.StatusNeedsReReview {
		t.Error("line-end change not sent to re-review")
	}
}

func TestCarryDeletedFile(t *testing.T) {
	fx := twoPins(t,
		repotest.Tree{"gone.go": {Content: numbered("g", 1, 10)}, "k.go": {Content: "k\n"}},
		repotest.Tree{"k.go": {Content: "k\n"}})
	f := fx.finding(t, "F-0001", "gone.go:2-3")
	res := fx.carry(t, f)
	want(t, res.Steps[0], "gone", "", "gone.go:2-3")
	if res.Steps[0].To.Commit != fx.a.Commit.String() {
		t.Error("a gone step must keep its old commit")
	}
}

func TestCarryCoverage(t *testing.T) {
	fx := twoPins(t,
		repotest.Tree{"same.go": {Content: "s\n"}, "mv.go": {Content: numbered("m", 1, 9)}, "edit.go": {Content: "e\n"}, "del.go": {Content: "d\n"}},
		repotest.Tree{"same.go": {Content: "s\n"}, "moved/mv.go": {Content: numbered("m", 1, 9)}, "edit.go": {Content: "e2\n"}})
	var reviewed []review.ReviewedFile
	for _, p := range []string{"same.go", "mv.go", "edit.go", "del.go"} {
		e, err := fx.r.Lookup(context.Background(), fx.a.Tree, p)
		if err != nil {
			t.Fatal(err)
		}
		reviewed = append(reviewed, review.ReviewedFile{Path: p, Blob: e.Hash.String(), Lines: 1})
	}
	res, err := Carry(context.Background(), fx.r, fx.a, fx.b, nil, reviewed)
	if err != nil {
		t.Fatal(err)
	}
	var kept []string
	for _, f := range res.Coverage.Kept {
		kept = append(kept, f.Path)
	}
	if got := strings.Join(kept, " "); got != "moved/mv.go same.go" {
		t.Errorf("kept %q", got)
	}
	if got := strings.Join(res.Coverage.Changed, " "); got != "del.go edit.go" {
		t.Errorf("changed %q", got)
	}
	if len(res.Coverage.Renamed) != 1 || res.Coverage.Renamed[0] != (Rename{"mv.go", "moved/mv.go"}) {
		t.Errorf("renamed %v", res.Coverage.Renamed)
	}
}

// A step on a release-archive member is not in the tree: even when a tree
// file of the same path is untouched, no tree rule places it; it stays
// where it was, gone, and says why.
func TestCarryArchiveStepIsKeptGoneWithItsReason(t *testing.T) {
	src := numbered("a", 1, 10)
	fx := twoPins(t, repotest.Tree{"x.go": {Content: src}}, repotest.Tree{"x.go": {Content: src}, "y.go": {Content: "y\n"}})
	ref := review.ArchiveRef{Name: "x-1.0.tar.gz", SHA256: strings.Repeat("ab", 32)}
	member, err := review.NewArchiveLocation(fx.a.Commit, ref, "x.go", []byte(src), 2, 3)
	if err != nil {
		t.Fatal(err)
	}
	f := fx.finding(t, "F-0001", "x.go:2-3")
	f.Steps = append(f.Steps, review.Step{Location: member})
	res := fx.carry(t, f)
	want(t, res.Steps[0], "unchanged", "exact", "x.go:2-3")
	st := res.Steps[1]
	want(t, st, "gone", "", "x.go:2-3")
	if st.Reason != ReasonArchive || st.To.Archive == nil || *st.To.Archive != ref || st.To != member {
		t.Errorf("archive step: reason %q, to %+v; want it kept where it was with the archive reason", st.Reason, st.To)
	}
	g := res.Findings[0]
	if g.Status != review.StatusNeedsReReview || g.Steps[1].Carried.Reason != ReasonArchive || g.Steps[1].Location != member {
		t.Errorf("carried finding: status %s, step 2 %+v", g.Status, g.Steps[1])
	}
}
