package main

import (
	"encoding/json"
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	"sightline/repo/repotest"
	"sightline/review"
)

func carryLines(prefix string, n int) string {
	var b strings.Builder
	for i := 1; i <= n; i++ {
		fmt.Fprintf(&b, "%s line %d: call(%d);\n", prefix, i, i)
	}
	return b.String()
}

// carryFixture: v1, then v2 (3 lines inserted at the top of a.c, b.c
// renamed unchanged, doc.txt edited, line 20 of a.c rewritten), then v3
// (gone.c deleted).
func carryFixture(t *testing.T) (*repotest.Repo, string) {
	t.Helper()
	t.Setenv("XDG_DATA_HOME", filepath.Join(t.TempDir(), "data"))
	tr := repotest.New(t)
	a := carryLines("a", 30)
	hostile := "esc\x1b[31m.c"
	v1 := tr.Commit("v1", repotest.Tree{"src/a.c": {Content: a}, "src/b.c": {Content: carryLines("b", 10)},
		"doc.txt": {Content: "doc\n"}, "gone.c": {Content: carryLines("g", 5)}, hostile: {Content: carryLines("h", 3)}})
	tr.Tag("v1", v1, "")
	a2 := carryLines("new", 3) + strings.Replace(a, "a line 20: call(20);", "a line 20: call(checked(20));", 1)
	v2 := tr.Commit("v2", repotest.Tree{"src/a.c": {Content: a2}, "lib/b.c": {Content: carryLines("b", 10)},
		"doc.txt": {Content: "doc v2\n"}, "gone.c": {Content: carryLines("g", 5)}, hostile: {Content: carryLines("h", 3)}})
	tr.Tag("v2", v2, "")
	v3 := tr.Commit("v3", repotest.Tree{"src/a.c": {Content: a2}, "lib/b.c": {Content: carryLines("b", 10)},
		"doc.txt": {Content: "doc v2\n"}, hostile: {Content: carryLines("h", 3)}})
	tr.Tag("v3", v3, "")
	return tr, hostile
}

func TestCarryCommandVerdictsCoverageAndChain(t *testing.T) {
	tr, hostile := carryFixture(t)
	dir := t.TempDir()
	ws1, ws2, ws3 := filepath.Join(dir, "ws1"), filepath.Join(dir, "ws2"), filepath.Join(dir, "ws3")
	at1 := []string{"--repo", tr.Dir, "--rev", "v1", "--workspace", ws1}
	must(t, append([]string{"findings", "add", "--path", "src/a.c", "--lines", "5-6", "--title", "moves down", "--severity", "high", "--status", "confirmed"}, at1...)...)
	must(t, append([]string{"findings", "step", "F-0001", "--path", "src/b.c", "--lines", "2"}, at1...)...)
	must(t, append([]string{"findings", "add", "--path", "src/a.c", "--lines", "19-21", "--title", "edited", "--severity", "low"}, at1...)...)
	must(t, append([]string{"findings", "add", "--path", "gone.c", "--lines", "2-3", "--title", "deleted later", "--severity", "low"}, at1...)...)
	must(t, append([]string{"findings", "add", "--path", hostile, "--lines", "1", "--title", "title \x1b]0;pwned\x07", "--severity", "low"}, at1...)...)
	must(t, append([]string{"reviewed", "src/b.c", "doc.txt", "gone.c"}, at1...)...)

	out := must(t, "carry", "--from", ws1, "--repo", tr.Dir, "--rev", "v2", "--workspace", ws2)
	for _, want := range []string{
		"steps: 2 unchanged, 2 moved, 1 changed, 0 gone",
		"F-0001 [confirmed] moves down",
		"step 1: moved (diff)  src/a.c:5-6 -> src/a.c:8-9",
		"step 2: moved (diff, renamed)  src/b.c:2 -> lib/b.c:2",
		"F-0002 [needs-re-review] edited",
		"step 1: changed  src/a.c:19-21 -> src/a.c:22-24  (old text kept; needs re-review)",
		"step 1: unchanged  gone.c:2-3",
		"reviewed marks: 2 kept (1 through a rename with the same blob), 1 changed since the last review",
		"kept, renamed: src/b.c -> lib/b.c",
		"changed: doc.txt",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("report lacks %q:\n%s", want, out)
		}
	}
	if strings.ContainsAny(out, "\x1b\x07") {
		t.Errorf("report carries raw control bytes:\n%q", out)
	}

	// The new workspace holds the carried review at v2, based on v1.
	var doc struct {
		Pin      review.Rev
		Findings []review.Finding
	}
	list := must(t, "findings", "list", "--json", "--workspace", ws2)
	if err := json.Unmarshal([]byte(list), &doc); err != nil {
		t.Fatal(err)
	}
	if len(doc.Findings) != 4 || doc.Findings[1].Status != review.StatusNeedsReReview {
		t.Fatalf("carried findings: %+v", doc.Findings)
	}
	st := doc.Findings[1].Steps[0]
	if st.Carried == nil || st.Carried.Verdict != "changed" || st.Carried.From.StartLine != 19 || st.Location.StartLine != 22 {
		t.Errorf("changed step as stored: %+v", st)
	}
	m, err := review.ReadMeta(ws2)
	if err != nil {
		t.Fatal(err)
	}
	ws, err := review.Open(ws2, m)
	if err != nil {
		t.Fatal(err)
	}
	var marked []string
	for _, f := range ws.Reviewed() {
		marked = append(marked, f.Path)
	}
	_ = ws.Close()
	if got := strings.Join(marked, " "); got != "gone.c lib/b.c" || m.Base == nil || m.Base.Commit != resolveTag(t, tr, "v1") {
		t.Errorf("at v2: reviewed %q (doc.txt changed: not kept), base %+v", got, m.Base)
	}

	// Carrying again keeps the chain: v1 then v2.
	out = must(t, "carry", "--from", ws2, "--repo", tr.Dir, "--rev", "v3", "--workspace", ws3, "--json")
	var rep struct {
		Counts     map[string]int
		Provenance []review.Provenance
		Steps      []struct {
			Finding, Verdict string
			From, To         review.Location
		}
	}
	if err := json.Unmarshal([]byte(out), &rep); err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	v1, v2 := resolveTag(t, tr, "v1"), resolveTag(t, tr, "v2")
	if len(rep.Provenance) != 2 || rep.Provenance[0].Pin.Commit != v1 || rep.Provenance[1].Pin.Commit != v2 ||
		rep.Provenance[1].Journal.Seq == 0 || rep.Provenance[0].Journal.Seq == 0 {
		t.Errorf("provenance chain: %+v", rep.Provenance)
	}
	if rep.Counts["gone"] != 1 {
		t.Errorf("counts after v3: %v", rep.Counts)
	}
	for _, s := range rep.Steps {
		if s.Finding == "F-0003" && (s.Verdict != "gone" || s.To.Commit != v2 || s.To.Path != "gone.c") {
			t.Errorf("deleted file's step: %+v", s)
		}
	}

	// Carrying into a workspace that already holds the review is refused.
	code, _, errOut := runCmd("carry", "--from", ws2, "--repo", tr.Dir, "--rev", "v3", "--workspace", ws3)
	if code != 1 || !strings.Contains(errOut, "already holds a review carried from") {
		t.Errorf("second carry into ws3: exit %d, %s", code, errOut)
	}
}

func TestCarryCommandUsage(t *testing.T) {
	tr, _ := carryFixture(t)
	for _, c := range []struct {
		args []string
		code int
		msg  string
	}{
		{[]string{"carry", "--rev", "v2"}, 2, "--from WORKSPACE is required"},
		{[]string{"carry", "--from", t.TempDir()}, 2, "--rev NEW is required"},
		{[]string{"carry", "--from", filepath.Join(t.TempDir(), "none"), "--rev", "v2", "--repo", tr.Dir}, 1, "no workspace there"},
	} {
		code, _, errOut := runCmd(c.args...)
		if code != c.code || !strings.Contains(errOut, c.msg) {
			t.Errorf("%q: exit %d, stderr %q; want %d and %q", c.args, code, errOut, c.code, c.msg)
		}
	}
}

func resolveTag(t *testing.T, tr *repotest.Repo, tag string) string {
	t.Helper()
	ref, err := tr.Git.Tag(tag)
	if err != nil {
		t.Fatal(err)
	}
	return ref.Hash().String()
}
