package symbols

// The cross-check against Universal Ctags on real projects: the corpus
// bundles beside the repository (tmux in C, fzf in Go). Each file the
// taggers read is written out to a temporary directory, ctags tags the
// same files, and the definitions are compared by path, name, line and
// kind. Recall is the share of ctags' definitions found; precision the
// share of ours that ctags also has.

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"sightline/repo/repotest/pintest"
)

// corpusDir finds shared/corpus in a directory above the package, or
// SIGHTLINE_CORPUS.
func corpusDir() string {
	if d := os.Getenv("SIGHTLINE_CORPUS"); d != "" {
		return d
	}
	dir, err := filepath.Abs(".")
	if err != nil {
		return ""
	}
	for {
		if c := filepath.Join(dir, "shared", "corpus"); isDir(c) {
			return c
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return ""
		}
		dir = parent
	}
}

func isDir(p string) bool {
	fi, err := os.Stat(p)
	return err == nil && fi.IsDir()
}

// corpusIndex clones a corpus bundle into t.TempDir(), tags its tree at
// HEAD and writes the tagged files out under the returned directory.
func corpusIndex(t *testing.T, name string, keepOccs func(string) bool) (*Index, string) {
	t.Helper()
	if testing.Short() || raceEnabled {
		t.Skip("-short or -race: the ctags cross-check tags a whole corpus project")
	}
	if _, err := exec.LookPath("ctags"); err != nil {
		t.Skip("ctags (Universal Ctags) is not installed: the cross-check is skipped (apt-get install universal-ctags)")
	}
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("git is not installed: cannot clone the corpus bundle")
	}
	bundle := filepath.Join(corpusDir(), name+".bundle")
	if _, err := os.Stat(bundle); corpusDir() == "" || err != nil {
		t.Skipf("corpus bundle %s.bundle not found (put the corpus in ../shared/corpus or set SIGHTLINE_CORPUS): cross-check skipped", name)
	}
	tmp := t.TempDir()
	gitDir := filepath.Join(tmp, name+".git")
	if out, err := exec.Command("git", "clone", "-q", "--bare", bundle, gitDir).CombinedOutput(); err != nil {
		t.Fatalf("git clone --bare %s: %v\n%s", bundle, err, out)
	}
	r := pintest.Open(t, gitDir)
	pin := pintest.Resolve(t, r, "HEAD")
	ix, err := Build(context.Background(), r, pin.Tree, Options{KeepOccs: keepOccs})
	if err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(tmp, "files")
	for _, f := range ix.Files {
		e, err := r.Lookup(context.Background(), pin.Tree, f.Path)
		if err != nil {
			t.Fatal(err)
		}
		b, err := r.ReadBlob(context.Background(), e.Hash, -1)
		if err != nil {
			t.Fatal(err)
		}
		p := filepath.Join(out, filepath.FromSlash(f.Path))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, b.Data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	for _, s := range ix.Skipped {
		t.Logf("skipped %s: %s", s.Path, s.Reason)
	}
	return ix, out
}

type ctag struct {
	Name  string `json:"name"`
	Path  string `json:"path"`
	Line  int    `json:"line"`
	Kind  string `json:"kind"`
	Scope string `json:"scope"`
}

func runCtags(t *testing.T, dir string, args ...string) []ctag {
	t.Helper()
	cmd := exec.Command("ctags", append([]string{"--output-format=json", "--fields=+n", "-R", "-f", "-"}, args...)...)
	cmd.Dir = dir
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("ctags: %v", err)
	}
	var tags []ctag
	sc := bufio.NewScanner(bytes.NewReader(out))
	sc.Buffer(nil, 1<<20)
	for sc.Scan() {
		var c ctag
		if err := json.Unmarshal(sc.Bytes(), &c); err != nil || c.Name == "" {
			continue
		}
		if strings.HasPrefix(c.Name, "__anon") {
			continue
		}
		tags = append(tags, c)
	}
	return tags
}

// score compares our definitions with ctags' for each ctags kind (mapped
// to ours by kinds) and returns recall and precision per kind, logging
// the table and a few misses of each kind.
func score(t *testing.T, ix *Index, lang string, tags []ctag, kinds map[string][]Kind) map[string][2]float64 {
	t.Helper()
	type key struct {
		path, name string
		line       int
	}
	ours := map[Kind]map[key]bool{}
	for _, d := range ix.AllDefs() {
		if d.Lang != lang {
			continue
		}
		if ours[d.Kind] == nil {
			ours[d.Kind] = map[key]bool{}
		}
		ours[d.Kind][key{d.Path, d.Name, d.Line}] = true
	}
	theirs := map[string]map[key]bool{}
	for _, c := range tags {
		if kinds[c.Kind] == nil {
			continue
		}
		if theirs[c.Kind] == nil {
			theirs[c.Kind] = map[key]bool{}
		}
		theirs[c.Kind][key{filepath.ToSlash(c.Path), c.Name, c.Line}] = true
	}
	names := make([]string, 0, len(kinds))
	for k := range kinds {
		names = append(names, k)
	}
	sort.Strings(names)
	res := map[string][2]float64{}
	var report strings.Builder
	fmt.Fprintf(&report, "%-12s %7s %7s %7s %8s %9s\n", "ctags kind", "ctags", "ours", "both", "recall", "precision")
	for _, ck := range names {
		mine := map[key]bool{}
		for _, k := range kinds[ck] {
			for x := range ours[k] {
				mine[x] = true
			}
		}
		both := 0
		var misses []string
		for x := range theirs[ck] {
			if mine[x] {
				both++
			} else {
				misses = append(misses, fmt.Sprintf("%s:%d %s", x.path, x.line, x.name))
			}
		}
		recall, precision := ratio(both, len(theirs[ck])), ratio(both, len(mine))
		res[ck] = [2]float64{recall, precision}
		fmt.Fprintf(&report, "%-12s %7d %7d %7d %7.1f%% %8.1f%%\n", ck, len(theirs[ck]), len(mine), both, 100*recall, 100*precision)
		sort.Strings(misses)
		if len(misses) > 8 {
			misses = append(misses[:8], fmt.Sprintf("... %d more", len(misses)-8))
		}
		for _, m := range misses {
			fmt.Fprintf(&report, "    missed %s\n", m)
		}
		var extra []string
		for x := range mine {
			if !theirs[ck][x] {
				extra = append(extra, fmt.Sprintf("%s:%d %s", x.path, x.line, x.name))
			}
		}
		sort.Strings(extra)
		if len(extra) > 8 {
			extra = append(extra[:8], fmt.Sprintf("... %d more", len(extra)-8))
		}
		for _, m := range extra {
			fmt.Fprintf(&report, "    not in ctags %s\n", m)
		}
	}
	t.Log("\n" + report.String())
	return res
}

func ratio(a, b int) float64 {
	if b == 0 {
		return 1
	}
	return float64(a) / float64(b)
}

// C: tmux. The thresholds are what the tagger meets on it, with a little
// room; the table in the log says where it stands.
func TestCtagsCrossCheckC(t *testing.T) {
	ix, dir := corpusIndex(t, "tmux", func(string) bool { return true })
	tags := runCtags(t, dir, "--languages=C", "--langmap=C:.c.h")
	res := score(t, ix, "c", tags, map[string][]Kind{
		"function": {Func}, "macro": {Macro}, "struct": {Struct}, "typedef": {Type},
		"enum": {Enum}, "union": {Union}, "enumerator": {Const}, "member": {Field}, "variable": {Var},
	})
	for kind, min := range map[string]float64{"function": 0.95, "macro": 0.95, "struct": 0.95} {
		if r := res[kind][0]; r < min {
			t.Errorf("recall of ctags' %s definitions is %.1f%%, want at least %.0f%%", kind, 100*r, 100*min)
		}
		if p := res[kind][1]; p < min {
			t.Errorf("precision of %s definitions is %.1f%%, want at least %.0f%%", kind, 100*p, 100*min)
		}
	}
	rate, n := goToDefinition(ix, tags)
	t.Logf("go to definition: the first candidate is ctags' only definition at %.1f%% of %d uses", 100*rate, n)
	if n < 500 || rate < 0.95 {
		t.Errorf("go to definition: the first candidate is ctags' definition at %.1f%% of %d uses, want at least 95%% of 500 or more", 100*rate, n)
	}
}

// goToDefinition takes the uses in code of every function ctags defines
// exactly once in the tree (a sample of every third, outside the
// definition itself) and returns how often the first ranked candidate is
// that definition, and how many uses it tried.
func goToDefinition(ix *Index, tags []ctag) (float64, int) {
	count := map[string]int{}
	at := map[string]ctag{}
	for _, c := range tags {
		if c.Kind == "function" || c.Kind == "macro" || c.Kind == "struct" || c.Kind == "variable" || c.Kind == "typedef" {
			count[c.Name]++
			at[c.Name] = c
		}
	}
	tried, hit, k := 0, 0, 0
	for _, f := range ix.Files {
		for _, o := range f.Occs {
			c, ok := at[o.Name]
			if o.In != Code || !ok || count[o.Name] != 1 || c.Kind != "function" || f.Path == c.Path && o.Line == c.Line {
				continue
			}
			if k++; k%3 != 0 {
				continue
			}
			tried++
			if ds := Rank(ix.Defs(o.Name), f.Path); len(ds) > 0 && ds[0].Path == c.Path && ds[0].Line == c.Line {
				hit++
			}
		}
	}
	return ratio(hit, tried), tried
}

// Go: fzf, where go/parser gives the definitions.
func TestCtagsCrossCheckGo(t *testing.T) {
	ix, dir := corpusIndex(t, "fzf", nil)
	tags := runCtags(t, dir, "--languages=Go")
	res := score(t, ix, "go", tags, map[string][]Kind{
		"func": {Func, Method}, "struct": {Struct}, "interface": {Interface}, "type": {Type},
		"const": {Const}, "var": {Var},
	})
	for kind, min := range map[string]float64{"func": 0.95, "struct": 0.95, "interface": 0.95} {
		if r := res[kind][0]; r < min {
			t.Errorf("recall of ctags' %s definitions is %.1f%%, want at least %.0f%%", kind, 100*r, 100*min)
		}
	}
}
