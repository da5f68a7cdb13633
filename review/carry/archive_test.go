package carry

import (
	"context"
	"strings"
	"testing"

	"sightline/repo"
	"sightline/repo/repotest"
	"sightline/review"
)

var (
	oldRef = review.ArchiveRef{Name: "x-1.0.tar.gz", SHA256: strings.Repeat("ab", 32)}
	newRef = review.ArchiveRef{Name: "x-1.1.tar.gz", SHA256: strings.Repeat("cd", 32)}
)

// carryMember carries one step on member "m.c" (old content, lines
// s..e) into a new archive holding members (path -> content), with the
// old bytes at hand when known.
func carryMember(t *testing.T, old string, s, e int, known bool, members map[string]string) Step {
	t.Helper()
	fx := twoPins(t, repotest.Tree{"t.go": {Content: "t\n"}}, repotest.Tree{"t.go": {Content: "t2\n"}})
	loc, err := review.NewArchiveLocation(fx.a.Commit, oldRef, "m.c", []byte(old), s, e)
	if err != nil {
		t.Fatal(err)
	}
	a := Archives{New: &NewArchive{Ref: newRef}}
	if known {
		a.Old = map[repo.Hash][]byte{blobID([]byte(old)): []byte(old)}
	}
	for p, c := range members {
		a.New.Members = append(a.New.Members, Member{Path: p, Blob: blobID([]byte(c)), Content: []byte(c)})
	}
	f := review.Finding{ID: "F-0001", Title: "t", Severity: review.SeverityLow, Status: review.StatusOpen,
		Steps: []review.Step{{Location: loc}}}
	res, err := CarryWithArchives(context.Background(), fx.r, fx.a, fx.b, []review.Finding{f}, nil, a)
	if err != nil {
		t.Fatal(err)
	}
	st := res.Steps[0]
	if st.Verdict != review.VerdictGone && (st.To.Archive == nil || *st.To.Archive != newRef || st.To.Commit != fx.b.Commit.String()) {
		t.Errorf("carried step is at %+v, want the new archive at the new pin", st.To)
	}
	return st
}

// A block that was there twice: the step's copy is edited, the other is
// not. No rule may move the step onto the other copy, and nothing claims
// unchanged: it is changed, at its own lines.
func TestCarryArchiveDuplicatedBlockIsNotClaimed(t *testing.T) {
	block := "\tif (n > max) {\n\t\treturn -1;\n\t}\n"
	old := numbered("a", 1, 5) + block + numbered("b", 1, 5) + block + numbered("c", 1, 5)
	edited := numbered("a", 1, 5) + "\tif (n >= max) {\n\t\treturn -1;\n\t}\n" + numbered("b", 1, 5) + block + numbered("c", 1, 5)
	st := carryMember(t, old, 6, 8, true, map[string]string{"m.c": edited})
	want(t, st, "changed", "", "m.c:6-8")
}

// Lines cut from the top of the member and a copy of the step's block
// pasted into another member: the diff places the step, not the copy.
func TestCarryArchiveMemberRulesStrictestFirst(t *testing.T) {
	old := numbered("a", 1, 30)
	newer := numbered("a", 4, 30)
	st := carryMember(t, old, 10, 12, true, map[string]string{"m.c": newer, "other.c": numbered("a", 10, 12)})
	want(t, st, "moved", "diff", "m.c:7-9")
	// Moved within the member, the block placed by its surrounding lines
	// (rule 3) among the lines the new member added.
	moved := numbered("a", 1, 9) + numbered("a", 16, 30) + numbered("a", 7, 15)
	st = carryMember(t, old, 10, 12, true, map[string]string{"m.c": moved})
	if st.Verdict != review.VerdictMoved || st.Rule == RuleExact || st.Rule == RuleDiff || st.To.StartLine != 28 {
		t.Errorf("block moved down the member: %s by %s at %d", st.Verdict, st.Rule, st.To.StartLine)
	}
}

// CRLF line ends throughout: every line changed, so the step is changed
// and points at its own lines, never unchanged.
func TestCarryArchiveCRLFIsChanged(t *testing.T) {
	old := numbered("a", 1, 10)
	crlf := strings.ReplaceAll(old, "\n", "\r\n")
	st := carryMember(t, old, 4, 5, true, map[string]string{"m.c": crlf})
	want(t, st, "changed", "", "m.c:4-5")
}

// Without the old bytes (not in the old archive, not in the repository)
// the same lines at the same place are still not claimed unchanged.
func TestCarryArchiveWithoutOldBytesNeverUnchanged(t *testing.T) {
	old := numbered("a", 1, 10)
	st := carryMember(t, old, 2, 3, false, map[string]string{"m.c": old + "tail\n"})
	want(t, st, "changed", "", "m.c:2-3")
	if st.Reason != ReasonNoOldBytes {
		t.Errorf("reason %q", st.Reason)
	}
	st = carryMember(t, old, 2, 3, false, map[string]string{"m.c": old})
	want(t, st, "unchanged", "exact", "m.c:2-3")
	st = carryMember(t, old, 2, 3, false, map[string]string{"n.c": old, "k.c": old})
	want(t, st, "gone", "", "m.c:2-3") // two members with its bytes: which one is the rename is a guess
}
