package carry

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"math/rand/v2"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"sightline/repo"
	"sightline/repo/repotest/pintest"
	"sightline/repo/synth"
	"sightline/review"
)

// gitFile is git's line mapping of one old path: where it went, and for
// each old line its new line (0: deleted), from "git diff -U0 -M".
type gitFile struct {
	newPath string
	deleted bool
	hunks   [][4]int // oldStart, oldLines, newStart, newLines
}

// gitMapping runs git on the test's own repository and parses its diff.
func gitMapping(t *testing.T, dir, a, b string) map[string]*gitFile {
	t.Helper()
	cmd := exec.Command("git", "-C", dir, "-c", "core.quotePath=false", "diff", "-U0", "-M", "--no-color", "--no-ext-diff", a, b)
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("git diff: %v", err)
	}
	files := map[string]*gitFile{}
	var cur *gitFile
	var oldPath string
	sc := bufio.NewScanner(bytes.NewReader(out))
	sc.Buffer(make([]byte, 1<<20), 1<<26)
	for sc.Scan() {
		l := sc.Text()
		switch {
		case strings.HasPrefix(l, "diff --git "):
			cur, oldPath = &gitFile{}, ""
			// "diff --git a/P b/Q": synth paths hold no spaces.
			f := strings.Fields(l)
			oldPath, cur.newPath = strings.TrimPrefix(f[2], "a/"), strings.TrimPrefix(f[3], "b/")
			files[oldPath] = cur
		case cur == nil:
		case strings.HasPrefix(l, "deleted file mode"):
			cur.deleted = true
		case strings.HasPrefix(l, "new file mode"):
			delete(files, oldPath)
		case strings.HasPrefix(l, "@@ "):
			f := strings.Fields(l)
			os, ol := span(f[1][1:])
			ns, nl := span(f[2][1:])
			cur.hunks = append(cur.hunks, [4]int{os, ol, ns, nl})
		}
	}
	return files
}

func span(s string) (int, int) {
	a, b, ok := strings.Cut(s, ",")
	start, _ := strconv.Atoi(a)
	n := 1
	if ok {
		n, _ = strconv.Atoi(b)
	}
	return start, n
}

// gitPlace is where git puts old lines s..e: path and start when every
// line is kept and they stay together, else ok false (modified).
func gitPlace(g *gitFile, path string, s, e int) (string, int, bool) {
	if g == nil {
		return path, s, true
	}
	if g.deleted {
		return "", 0, false
	}
	delta := 0
	for _, h := range g.hunks {
		os, ol, nl := h[0], h[1], h[3]
		first, last := os, os+ol-1 // deleted old lines
		if ol == 0 {
			// Insertion after old line os: inside the range only between lines.
			if os >= s && os < e {
				return "", 0, false
			}
			if os < s {
				delta += nl
			}
			continue
		}
		if last < s {
			delta += nl - ol
			continue
		}
		if first > e {
			break
		}
		return "", 0, false
	}
	return g.newPath, s + delta, true
}

// TestCarryAccuracyAgainstGit carries thousands of random ranges across a
// generated history and compares each with git's own line mapping.
func TestCarryAccuracyAgainstGit(t *testing.T) {
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("git is not installed: the accuracy test compares with git's diff")
	}
	if testing.Short() {
		t.Skip("generates repositories")
	}
	for _, seed := range []uint64{11, 12} {
		t.Run(fmt.Sprint("seed", seed), func(t *testing.T) { accuracyRun(t, seed) })
	}
}

func accuracyRun(t *testing.T, seed uint64) {
	dir := filepath.Join(t.TempDir(), "r")
	m, err := synth.Generate(dir, 400, 300, seed)
	if err != nil {
		t.Fatal(err)
	}
	r := pintest.Open(t, dir)
	a, b := pintest.Resolve(t, r, m.Base), pintest.Resolve(t, r, m.Head)
	gm := gitMapping(t, dir, m.Base, m.Head)

	ctx := context.Background()
	type file struct {
		path  string
		blob  repo.Hash
		lines [][]byte
		data  []byte
	}
	var files []file
	err = r.WalkFiles(ctx, a.Tree, func(e repo.Entry) error {
		if e.Kind != repo.KindFile && e.Kind != repo.KindExec {
			return nil
		}
		bl, err := r.ReadBlob(ctx, e.Hash, -1)
		if err != nil || bl.HasNUL || bl.Binary || len(bl.Data) == 0 {
			return err
		}
		files = append(files, file{e.Path, e.Hash, repo.SplitLines(bl.Data), bl.Data})
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	byPath := map[string]file{}
	for _, f := range files {
		byPath[f.path] = f
	}
	rng := rand.New(rand.NewPCG(1, 2))
	const n = 5000
	var findings []review.Finding
	for i := range n {
		f := files[rng.IntN(len(files))]
		s := 1 + rng.IntN(len(f.lines))
		e := min(len(f.lines), s+rng.IntN(8))
		h, err := review.LineHash(f.data, s, e)
		if err != nil {
			t.Fatal(err)
		}
		loc := review.Location{Commit: a.Commit.String(), Path: f.path, Blob: f.blob.String(), StartLine: s, EndLine: e, LineHash: h}
		findings = append(findings, review.Finding{ID: review.FormatID(i + 1), Title: "r", Severity: review.SeverityLow,
			Status: review.StatusOpen, Steps: []review.Step{{Location: loc}}})
	}
	res, err := Carry(ctx, r, a, b, findings, nil)
	if err != nil {
		t.Fatal(err)
	}
	// Rows: what git says; columns: our verdict ("@git" when at git's lines).
	table := map[string]map[string]int{"untouched": {}, "modified": {}}
	for _, st := range res.Steps {
		l := st.From
		gp, gs, ok := gitPlace(gm[l.Path], l.Path, l.StartLine, l.EndLine)
		row := "modified"
		if ok {
			row = "untouched"
		}
		col := st.Verdict
		if ok && (col == "unchanged" || col == "moved") && st.To.Path == gp && st.To.StartLine == gs {
			col += "@git"
		}
		table[row][col]++
		if !ok && (st.Verdict == "unchanged" || st.Verdict == "moved") {
			t.Errorf("%s: git shows it modified, carried as %s (%s) to %s: %q", l, st.Verdict, st.Rule, st.To,
				bytes.Join(byPath[l.Path].lines[l.StartLine-1:l.EndLine], nil))
		}
	}
	var sb strings.Builder
	cols := []string{"unchanged@git", "moved@git", "unchanged", "moved", "changed", "gone"}
	fmt.Fprintf(&sb, "%-10s", "git \\ us")
	for _, c := range cols {
		fmt.Fprintf(&sb, " %14s", c)
	}
	for _, row := range []string{"untouched", "modified"} {
		fmt.Fprintf(&sb, "\n%-10s", row)
		for _, c := range cols {
			fmt.Fprintf(&sb, " %14d", table[row][c])
		}
	}
	t.Logf("%d ranges from %s to %s (%d files changed):\n%s", n, m.Base[:12], m.Head[:12], len(gm), sb.String())
	u := table["untouched"]
	total := 0
	for _, v := range u {
		total += v
	}
	exact := u["unchanged@git"] + u["moved@git"]
	if total == 0 || exact*100 < total*99 {
		t.Errorf("%d of %d ranges git leaves untouched landed on git's lines; want at least 99%%", exact, total)
	}
	if bad := table["modified"]["unchanged"] + table["modified"]["moved"]; bad > 0 {
		t.Errorf("%d ranges git shows modified were carried as unchanged or moved", bad)
	}
	if table["modified"]["changed"]+table["modified"]["gone"] == 0 || u["moved@git"] == 0 {
		t.Errorf("the history exercised too little: %v", table)
	}
}
