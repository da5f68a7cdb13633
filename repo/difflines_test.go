package repo

import (
	"fmt"
	"math/rand"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"sightline/repo/internal/linediff"
)

// applyHunks rebuilds the new file from the old one and the hunks, and
// checks every line number on the way.
func applyHunks(t *testing.T, a [][]byte, hs []Hunk) string {
	t.Helper()
	var out strings.Builder
	next := 1 // next old line to copy
	for _, h := range hs {
		first := h.OldStart
		if h.OldLines == 0 {
			first++
		}
		for ; next < first; next++ {
			out.Write(a[next-1])
		}
		for _, l := range h.Lines {
			switch l.Kind {
			case ' ', '-':
				if l.OldLine != next || string(TrimEOL(a[next-1])) != string(l.Text) {
					t.Fatalf("hunk %+v: line %+v does not match old line %d %q", h, l, next, a[next-1])
				}
				if l.Kind == ' ' {
					out.Write(a[next-1])
				}
				next++
			case '+':
				out.Write(l.Text)
				if !l.NoEOL {
					out.WriteByte('\n')
				}
			}
		}
	}
	for ; next <= len(a); next++ {
		out.Write(a[next-1])
	}
	return out.String()
}

func randomText(rnd *rand.Rand, n int) string {
	var b strings.Builder
	for i := 0; i < n; i++ {
		fmt.Fprintf(&b, "l%d\n", rnd.Intn(8))
	}
	if rnd.Intn(4) == 0 {
		b.WriteString("no newline")
	}
	return b.String()
}

func TestDiffLinesRebuildsAndCountsLikeGit(t *testing.T) {
	_, err := exec.LookPath("git")
	withGit := err == nil
	rnd := rand.New(rand.NewSource(7))
	dir := t.TempDir()
	for iter := 0; iter < 150; iter++ {
		a := randomText(rnd, rnd.Intn(40))
		b := randomText(rnd, rnd.Intn(40))
		if iter%3 == 0 { // mostly similar files, as real edits are
			g := &historyGen{rnd: rnd}
			b = g.edit(a + "x\n")
		}
		la, lb := SplitLines([]byte(a)), SplitLines([]byte(b))
		for _, ctx := range []int{0, 1, 3} {
			if got := applyHunks(t, la, DiffLines(la, lb, ctx)); got != b {
				t.Fatalf("context %d: hunks of %q -> %q rebuild %q", ctx, a, b, got)
			}
		}
		if !withGit || iter%2 == 1 {
			continue
		}
		del, add := linediff.Changes(la, lb)
		fa, fb := filepath.Join(dir, "a"), filepath.Join(dir, "b")
		_ = os.WriteFile(fa, []byte(a), 0o644)
		_ = os.WriteFile(fb, []byte(b), 0o644)
		cmd := exec.Command("git", "diff", "--no-index", "--numstat", fa, fb)
		out, _ := cmd.Output() // exit 1 means "differs"
		want := "0\t0"
		if f := strings.Fields(string(out)); len(f) >= 2 {
			want = f[0] + "\t" + f[1]
		}
		if got := fmt.Sprintf("%d\t%d", countBools(add), countBools(del)); got != want {
			t.Errorf("counts of %q -> %q: got %s, git says %s", a, b, got, want)
		}
	}
}

func countBools(bs []bool) int {
	n := 0
	for _, b := range bs {
		if b {
			n++
		}
	}
	return n
}

func TestDiffLinesHunkShape(t *testing.T) {
	a := SplitLines([]byte("1\n2\n3\n4\n5\n6\n7\n8\n9\n10\n11\n12\n"))
	b := SplitLines([]byte("1\n2\nthree\n4\n5\n6\n7\n8\n9\n10\n11\n12\n13"))
	hs := DiffLines(a, b, 3)
	if len(hs) != 2 {
		t.Fatalf("got %d hunks, want 2: %+v", len(hs), hs)
	}
	if h := hs[0]; h.OldStart != 1 || h.OldLines != 6 || h.NewStart != 1 || h.NewLines != 6 {
		t.Errorf("first hunk header -%d,%d +%d,%d, want -1,6 +1,6", h.OldStart, h.OldLines, h.NewStart, h.NewLines)
	}
	h := hs[1]
	if h.OldStart != 10 || h.OldLines != 3 || h.NewStart != 10 || h.NewLines != 4 {
		t.Errorf("second hunk header -%d,%d +%d,%d, want -10,3 +10,4", h.OldStart, h.OldLines, h.NewStart, h.NewLines)
	}
	last := h.Lines[len(h.Lines)-1]
	if last.Kind != '+' || string(last.Text) != "13" || !last.NoEOL || last.NewLine != 13 {
		t.Errorf("last line %+v, want +13 without newline", last)
	}
	if hs := DiffLines(a, b, 10); len(hs) != 1 {
		t.Errorf("context 10: %d hunks, want 1", len(hs))
	}
	if hs := DiffLines(nil, SplitLines([]byte("x\n")), 3); len(hs) != 1 || hs[0].OldStart != 0 || hs[0].OldLines != 0 || hs[0].NewStart != 1 {
		t.Errorf("added file: %+v", hs)
	}
}

var hunkHeader = regexp.MustCompile(`(?m)^(@@ [^@]* @@).*$`)

// unified renders hunks as git's unified diff body.
func unified(hs []Hunk) string {
	var b strings.Builder
	rng := func(start, n int) string {
		if n == 1 {
			return fmt.Sprint(start)
		}
		return fmt.Sprintf("%d,%d", start, n)
	}
	for _, h := range hs {
		fmt.Fprintf(&b, "@@ -%s +%s @@\n", rng(h.OldStart, h.OldLines), rng(h.NewStart, h.NewLines))
		for _, l := range h.Lines {
			b.WriteByte(l.Kind)
			b.Write(l.Text)
			b.WriteByte('\n')
			if l.NoEOL {
				b.WriteString("\\ No newline at end of file\n")
			}
		}
	}
	return b.String()
}

// codeLike makes text with indentation, braces and blank lines: the lines
// whose placement git's sliding heuristics decide.
func codeLike(rnd *rand.Rand, n int) string {
	lines := []string{"}", "{", "", "\treturn x;", "\tif (a) {", "\t\tcall();", "\t}", "int f() {", "// c", "  x = 1;"}
	var b strings.Builder
	for i := 0; i < n; i++ {
		b.WriteString(lines[rnd.Intn(len(lines))])
		b.WriteByte('\n')
	}
	return b.String()
}

// fewValues is n lines drawn from two values: long, similar but
// misaligned sequences.
func fewValues(rnd *rand.Rand, n int) string {
	var b strings.Builder
	for i := 0; i < n; i++ {
		fmt.Fprintf(&b, "v%d\n", rnd.Intn(2))
	}
	return b.String()
}

// TestDiffLinesPlacesHunksLikeGit compares whole hunks (placement, not
// only counts) with git diff on code-like text full of repeated lines.
func TestDiffLinesPlacesHunksLikeGit(t *testing.T) {
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("git not installed")
	}
	rnd := rand.New(rand.NewSource(11))
	dir := t.TempDir()
	fa, fb := filepath.Join(dir, "a"), filepath.Join(dir, "b")
	for iter := 0; iter < 124; iter++ {
		a := codeLike(rnd, 5+rnd.Intn(60))
		g := &historyGen{rnd: rnd}
		b := a
		for k := rnd.Intn(3); k >= 0; k-- {
			b = g.edit(b)
		}
		if iter%4 == 0 {
			b = codeLike(rnd, rnd.Intn(60))
		}
		if iter >= 120 { // big files: git's cost caps and snake heuristic
			a, b = codeLike(rnd, 3000), ""
			switch {
			case iter%2 == 0:
				b = a
				for k := 0; k < 400; k++ {
					b = g.edit(b)
				}
			default:
				b = codeLike(rnd, 2500)
			}
		}
		if got, want := unified(DiffLines(SplitLines([]byte(a)), SplitLines([]byte(b)), 3)), gitHunks(t, fa, fb, a, b); got != want {
			t.Fatalf("iteration %d: diff of\n%q\n%q\ngot\n%s\ngit\n%s", iter, a, b, got, want)
		}
	}
}

// gitHunks is the hunks of "git diff --no-index" between a and b, written
// to fa and fb, without git's function context after "@@".
func gitHunks(t *testing.T, fa, fb, a, b string) string {
	t.Helper()
	_ = os.WriteFile(fa, []byte(a), 0o644)
	_ = os.WriteFile(fb, []byte(b), 0o644)
	out, _ := exec.Command("git", "diff", "--no-index", "--no-color", fa, fb).Output()
	want := string(out)
	if i := strings.Index(want, "@@"); i >= 0 {
		want = want[i:]
	} else {
		want = ""
	}
	return hunkHeader.ReplaceAllString(want, "$1")
}

// TestDiffLinesHugeFileLikeGit: past 65,536 lines git's search may stop
// at a long run of matching lines it reaches late (its snake heuristic);
// the placement must still be git's.
func TestDiffLinesHugeFileLikeGit(t *testing.T) {
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("git not installed")
	}
	if testing.Short() || raceEnabled {
		t.Skip("a 68,000-line diff: skipped under -short and -race")
	}
	rnd := rand.New(rand.NewSource(12))
	var common strings.Builder
	for k := 0; k < 80; k++ {
		fmt.Fprintf(&common, "common %d\n", k)
	}
	a := fewValues(rnd, 1000) + common.String() + fewValues(rnd, 33000)
	b := fewValues(rnd, 1000) + common.String() + fewValues(rnd, 33000)
	dir := t.TempDir()
	got := unified(DiffLines(SplitLines([]byte(a)), SplitLines([]byte(b)), 3))
	if want := gitHunks(t, filepath.Join(dir, "a"), filepath.Join(dir, "b"), a, b); got != want {
		t.Errorf("diff of 68,000-line files differs from git's (%d vs %d bytes)", len(got), len(want))
	}
}
