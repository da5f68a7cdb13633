package main

import (
	"context"
	"encoding/json"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"sightline/repo/artifact"
	"sightline/review"
)

// releaseArchives writes pkg-1.0.tar.gz and pkg-1.1.tar.gz: keep.c the
// same, move.c with 5 lines inserted at the top, edit.c with line 20
// rewritten, old.c renamed to new.c with the same bytes, del.c deleted,
// and src/a.c as the tree has it at v1 and v2 (so the repository holds
// its old bytes).
func releaseArchives(t *testing.T, dir string) (oldPath, newPath string) {
	t.Helper()
	edit := carryLines("edit", 30)
	a1 := carryLines("a", 30)
	a2 := carryLines("new", 3) + strings.Replace(a1, "a line 20: call(20);", "a line 20: call(checked(20));", 1)
	oldPath, newPath = filepath.Join(dir, "pkg-1.0.tar.gz"), filepath.Join(dir, "pkg-1.1.tar.gz")
	writeTarGz(t, oldPath, []tarMember{
		{name: "pkg-1.0/keep.c", content: carryLines("keep", 10)},
		{name: "pkg-1.0/move.c", content: carryLines("move", 30)},
		{name: "pkg-1.0/edit.c", content: edit},
		{name: "pkg-1.0/old.c", content: carryLines("ren", 8)},
		{name: "pkg-1.0/del.c", content: carryLines("del", 8)},
		{name: "pkg-1.0/src/a.c", content: a1},
	})
	writeTarGz(t, newPath, []tarMember{
		{name: "pkg-1.1/keep.c", content: carryLines("keep", 10)},
		{name: "pkg-1.1/move.c", content: carryLines("top", 5) + carryLines("move", 30)},
		{name: "pkg-1.1/edit.c", content: strings.Replace(edit, "edit line 20: call(20);", "edit line 20: call(checked(20));", 1)},
		{name: "pkg-1.1/new.c", content: carryLines("ren", 8)},
		{name: "pkg-1.1/src/a.c", content: a2},
	})
	return oldPath, newPath
}

// archiveReview adds one finding per member step at v1 of the fixture,
// in the old release's archive, and returns the workspace.
func archiveReview(t *testing.T, repoDir, oldArchive string) string {
	t.Helper()
	ws := filepath.Join(t.TempDir(), "ws1")
	archiveFindings(t, oldArchive, "--repo", repoDir, "--rev", "v1", "--workspace", ws)
	return ws
}

func archiveFindings(t *testing.T, oldArchive string, at ...string) {
	t.Helper()
	for _, s := range []struct{ path, lines string }{
		{"keep.c", "3-4"}, {"move.c", "10-12"}, {"edit.c", "19-21"}, {"old.c", "2"}, {"del.c", "5"}, {"src/a.c", "5-6"},
	} {
		must(t, append([]string{"findings", "add", "--artifact", oldArchive,
			"--path", s.path, "--lines", s.lines, "--title", "in " + s.path, "--severity", "low"}, at...)...)
	}
}

type carriedJSON struct {
	Counts map[string]int
	Steps  []struct {
		Finding, Verdict, Rule, Reason string
		Renamed                        bool
		From, To                       review.Location
	}
}

// Steps on release-archive members follow the tree's rules into the new
// release's archive given with --artifact: every verdict, the rename by
// identical bytes, and the new archive's SHA-256 on each carried step.
func TestCarryArchiveStepsIntoTheNewRelease(t *testing.T) {
	tr, _ := carryFixture(t)
	oldA, newA := releaseArchives(t, t.TempDir())
	ws1 := archiveReview(t, tr.Dir, oldA)
	ws2 := filepath.Join(t.TempDir(), "ws2")
	out := must(t, "carry", "--from", ws1, "--repo", tr.Dir, "--rev", "v2", "--workspace", ws2,
		"--artifact", newA, "--from-artifact", oldA)
	for _, want := range []string{
		"steps: 1 unchanged, 3 moved, 1 changed, 1 gone",
		"step 1: unchanged  pkg-1.0.tar.gz:keep.c:3-4 -> pkg-1.1.tar.gz:keep.c:3-4",
		"step 1: moved (diff)  pkg-1.0.tar.gz:move.c:10-12 -> pkg-1.1.tar.gz:move.c:15-17",
		"step 1: changed  pkg-1.0.tar.gz:edit.c:19-21 -> pkg-1.1.tar.gz:edit.c:19-21  (old text kept; needs re-review)",
		"step 1: moved (diff, renamed)  pkg-1.0.tar.gz:old.c:2 -> pkg-1.1.tar.gz:new.c:2",
		"step 1: gone  pkg-1.0.tar.gz:del.c:5",
		"step 1: moved (diff)  pkg-1.0.tar.gz:src/a.c:5-6 -> pkg-1.1.tar.gz:src/a.c:8-9",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("report lacks %q:\n%s", want, out)
		}
	}
	sum, err := artifact.FileSHA256(newA)
	if err != nil {
		t.Fatal(err)
	}
	var doc struct{ Findings []review.Finding }
	if err := json.Unmarshal([]byte(must(t, "findings", "list", "--json", "--workspace", ws2)), &doc); err != nil {
		t.Fatal(err)
	}
	for _, f := range doc.Findings {
		st := f.Steps[0]
		if st.Carried.Verdict == review.VerdictGone {
			if st.Location.Archive.Name != "pkg-1.0.tar.gz" || f.Status != review.StatusNeedsReReview {
				t.Errorf("%s: a gone step keeps its old archive: %+v, status %s", f.ID, st.Location, f.Status)
			}
			continue
		}
		if a := st.Location.Archive; a == nil || a.Name != "pkg-1.1.tar.gz" || a.SHA256 != sum {
			t.Errorf("%s (%s): carried step names archive %+v, want pkg-1.1.tar.gz %s", f.ID, st.Carried.Verdict, a, sum)
		}
		if st.Carried.From.Archive.Name != "pkg-1.0.tar.gz" {
			t.Errorf("%s: carried from %+v", f.ID, st.Carried.From)
		}
	}

	// The carried review's bundle verifies against the new release alone:
	// each carried step's lines in pkg-1.1.tar.gz, the gone one noted.
	dir := t.TempDir()
	key, signers := filepath.Join(dir, "id"), filepath.Join(dir, "allowed_signers")
	if code, out, errs := runSigned(t, "keygen", "-o", key, "--comment", "r@agency.example"); code != 0 {
		t.Fatalf("keygen: %d %s %s", code, out, errs)
	}
	pub, _ := os.ReadFile(key + ".pub")
	pf := strings.Fields(string(pub))
	if err := os.WriteFile(signers, []byte("r@agency.example "+pf[0]+" "+pf[1]+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	bundle := filepath.Join(dir, "findings.json")
	if code, out, errs := runSigned(t, "export", "--workspace", ws2, "--repo", tr.Dir, "--key", key, "--identity", "r@agency.example", "-o", bundle); code != 0 {
		t.Fatalf("export: %d %s %s", code, out, errs)
	}
	code, out, errs := runSigned(t, "verify", bundle, "--signers", signers, "--repo", tr.Dir, "--artifact", newA)
	for _, want := range []string{`"move.c" in pkg-1.1.tar.gz is blob`, `"new.c" in pkg-1.1.tar.gz is blob`,
		`carried as gone: the member is not in the new release; the step keeps its old location "del.c" in "pkg-1.0.tar.gz"`} {
		if !strings.Contains(out, want) {
			t.Errorf("verify lacks %q", want)
		}
	}
	if code != 0 {
		t.Errorf("verify against the new release: exit %d\n%s%s", code, out, errs)
	}
}

// Without the old archive a member's old bytes come from the repository
// when it holds them (src/a.c is a tree file too); else a member that
// differs is changed, never unchanged or moved by a weaker rule.
func TestCarryArchiveStepsWithoutTheOldArchive(t *testing.T) {
	tr, _ := carryFixture(t)
	oldA, newA := releaseArchives(t, t.TempDir())
	ws1 := archiveReview(t, tr.Dir, oldA)
	out := must(t, "carry", "--from", ws1, "--repo", tr.Dir, "--rev", "v2", "--workspace", filepath.Join(t.TempDir(), "ws2"),
		"--artifact", newA, "--json")
	var rep carriedJSON
	if err := json.Unmarshal([]byte(out), &rep); err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	got := map[string]string{}
	for _, s := range rep.Steps {
		got[s.From.Path] = s.Verdict + "/" + s.Rule + " " + s.To.String()
		if s.Verdict == review.VerdictChanged && !strings.Contains(s.Reason, "--from-artifact") {
			t.Errorf("%s: changed without the old bytes must say how to map it: reason %q", s.From.Path, s.Reason)
		}
	}
	for path, want := range map[string]string{
		"keep.c":  "unchanged/exact pkg-1.1.tar.gz:keep.c:3-4",
		"move.c":  "changed/ pkg-1.1.tar.gz:move.c:10-12",
		"edit.c":  "changed/ pkg-1.1.tar.gz:edit.c:19-21",
		"old.c":   "moved/diff pkg-1.1.tar.gz:new.c:2",
		"del.c":   "gone/ pkg-1.0.tar.gz:del.c:5",
		"src/a.c": "moved/diff pkg-1.1.tar.gz:src/a.c:8-9",
	} {
		if got[path] != want {
			t.Errorf("%s: got %q, want %q", path, got[path], want)
		}
	}
}

// Bad archive flags are refused with what to do, and nothing is written.
func TestCarryArchiveFlags(t *testing.T) {
	tr, _ := carryFixture(t)
	oldA, newA := releaseArchives(t, t.TempDir())
	ws1 := archiveReview(t, tr.Dir, oldA)
	ws2 := filepath.Join(t.TempDir(), "ws2")
	base := []string{"carry", "--from", ws1, "--repo", tr.Dir, "--rev", "v2", "--workspace", ws2}
	for _, c := range []struct {
		args []string
		code int
		msg  string
	}{
		{[]string{"--from-artifact", oldA}, 2, "--from-artifact goes with --artifact NEW_ARCHIVE"},
		{[]string{"--artifact", newA, "--from-artifact", newA}, 1, "is not an archive the review's steps were made on"},
		{[]string{"--artifact", filepath.Join(t.TempDir(), "none.tar.gz")}, 1, "--artifact"},
	} {
		code, _, errOut := runCmd(append(base, c.args...)...)
		if code != c.code || !strings.Contains(errOut, c.msg) {
			t.Errorf("%q: exit %d, stderr %q; want %d and %q", c.args, code, errOut, c.code, c.msg)
		}
	}
	if _, err := review.ReadMeta(ws2); err == nil {
		t.Error("a refused carry wrote the new workspace")
	}
	// Without --artifact, archive steps stay gone and say why.
	out := must(t, append(base, "--json")...)
	var rep carriedJSON
	if err := json.Unmarshal([]byte(out), &rep); err != nil {
		t.Fatal(err)
	}
	if rep.Counts["gone"] != 6 || !strings.Contains(rep.Steps[0].Reason, "--artifact NEW_ARCHIVE") {
		t.Errorf("without --artifact: %v, reason %q", rep.Counts, rep.Steps[0].Reason)
	}
}

// The workbench opened with --artifact carries archive steps into that
// archive when C accepts its offer (the old bytes from the repository
// where it holds them: the session has no old archive).
func TestWorkbenchCarryTakesArchiveStepsIntoItsArtifact(t *testing.T) {
	tr, _ := carryFixture(t)
	oldA, newA := releaseArchives(t, t.TempDir())
	archiveFindings(t, oldA, "--repo", tr.Dir, "--rev", "v1")
	r, err := openRepo(tr.Dir, io.Discard)
	if err != nil {
		t.Fatal(err)
	}
	o, err := openWorkspaceIn(r, workspaceFlags{repo: tr.Dir, rev: "v2"}, io.Discard)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = o.Close() })
	offer := carryOfferFor(r, o.Pin, o.WS, newA)
	if offer == nil {
		t.Fatal("no offer")
	}
	done, base, err := offer.Carry(context.Background())
	if err != nil || base == nil || base.Commit.String() != resolveTag(t, tr, "v1") {
		t.Fatalf("carry: %q, base %+v, %v", done, base, err)
	}
	if !strings.Contains(done, "steps 1 unchanged, 2 moved, 2 changed, 1 gone") {
		t.Errorf("done %q", done)
	}
	for _, f := range o.WS.Findings() {
		if st := f.Steps[0]; f.Title == "in src/a.c" && (st.Location.Archive == nil || st.Location.Archive.Name != "pkg-1.1.tar.gz" || st.Location.StartLine != 8) {
			t.Errorf("src/a.c step carried to %+v", st.Location)
		}
	}
}
