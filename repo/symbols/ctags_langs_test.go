package symbols

// The ctags cross-check for the languages the corpus does not have: the
// sample trees in testdata/langs (written for this test, a few hundred
// lines each in the shapes real code has) are tagged here and by ctags,
// and each ctags definition is looked for among ours by path, name and
// line, whatever kind we gave it. The table in the log lists the misses
// by ctags kind; the floors below are what the tagger reaches, so that a
// change that loses definitions fails.

import (
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"testing"
)

type langCheck struct {
	dir, ctagsLang, lang string
	// skip are ctags kinds that are not definitions a reviewer jumps to
	// (an impl block, a here document, an import).
	skip []string
	// ctagsWrong are ctags tags read and found wrong ("path:line name"):
	// they are left out of the count and listed in the table.
	ctagsWrong []string
	// floor is the lowest recall of all of ctags' definitions the test
	// accepts (fields, variables and enumerators included); the
	// functions, methods, types and macros (coreKinds) must reach 95%.
	floor, coreFloor float64
}

// coreKinds are the definitions issue 15 measures: functions, methods,
// types, structs, classes and macros, in each language's ctags names.
var coreKinds = set("function", "method", "class", "struct", "interface", "enum", "typedef", "alias", "union",
	"macro", "namespace", "module", "generator", "getter", "setter", "annotation")

var langChecks = []langCheck{
	{dir: "cpp", ctagsLang: "C++", lang: "c++", skip: []string{"header"}, floor: 0.95, coreFloor: 0.95},
	{dir: "python", ctagsLang: "Python", lang: "python", skip: []string{"module", "namespace", "unknown"}, floor: 0.95, coreFloor: 0.95},
	{dir: "java", ctagsLang: "Java", lang: "java", skip: []string{"package"}, floor: 0.95, coreFloor: 0.95},
	{dir: "js", ctagsLang: "JavaScript", lang: "javascript", floor: 0.95, coreFloor: 0.95, ctagsWrong: []string{
		"client.js:76 h",            // an object literal in a method body, called a class
		"client.js:100 path",        // the parameter of a method named get, called a field
		"client.js:133 Client",      // a property of module.exports, called a field
		"client.js:76 content-type", // a string key of that literal
	}},
	{dir: "ts", ctagsLang: "TypeScript", lang: "typescript", floor: 0.95, coreFloor: 0.95, ctagsWrong: []string{
		// const locals inside function bodies, called constants
		"queue.ts:74 attempts", "queue.ts:74 job", "queue.ts:74 payload", "queue.ts:82 l", "queue.ts:88 job",
		"queue.ts:92 h", "queue.ts:123 base", "queue.ts:155 gen", "queue.ts:156 q",
	}},
	{dir: "rust", ctagsLang: "Rust", lang: "rust", skip: []string{"implementation"}, floor: 0.95, coreFloor: 0.95},
	{dir: "shell", ctagsLang: "Sh", lang: "bash", skip: []string{"heredoc", "script"}, floor: 0.95, coreFloor: 0.95, ctagsWrong: []string{
		"deploy.sh:10 TARGETS=", // "declare -a TARGETS=()", called a function
	}},
}

func TestCtagsCrossCheckLangs(t *testing.T) {
	if _, err := exec.LookPath("ctags"); err != nil {
		t.Skip("ctags (Universal Ctags) is not installed: the cross-check is skipped (apt-get install universal-ctags)")
	}
	var table strings.Builder
	fmt.Fprintf(&table, "| language | ctags kind | ctags | found | recall | misses |\n|---|---|---:|---:|---:|---|\n")
	for _, lc := range langChecks {
		t.Run(lc.dir, func(t *testing.T) {
			dir := filepath.Join("testdata", "langs", lc.dir)
			ix := tagDir(t, dir)
			tags := runCtags(t, dir, "--languages="+lc.ctagsLang)
			rec, core, lines := recallAnyKind(ix, lc, tags)
			table.WriteString(lines)
			t.Logf("%s: recall %.1f%% of all ctags definitions, %.1f%% of functions, methods, types and macros", lc.dir, 100*rec, 100*core)
			if rec < lc.floor {
				t.Errorf("%s: recall of ctags' definitions %.1f%%, want at least %.0f%%", lc.dir, 100*rec, 100*lc.floor)
			}
			if core < lc.coreFloor {
				t.Errorf("%s: recall of ctags' functions, methods, types and macros %.1f%%, want at least %.0f%%", lc.dir, 100*core, 100*lc.coreFloor)
			}
		})
	}
	t.Log("\n" + table.String())
}

// tagDir tags every file under dir the way Build does one blob.
func tagDir(t *testing.T, dir string) *Index {
	t.Helper()
	ix := &Index{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || Language(p) == "" {
			return err
		}
		src, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		rel = filepath.ToSlash(rel)
		f, err := Tag(rel, src, DefaultLimits)
		if err != nil {
			return fmt.Errorf("Tag(%s): %w", rel, err)
		}
		f.Path = rel
		for i := range f.Defs {
			f.Defs[i].Path = rel
		}
		ix.Files = append(ix.Files, f)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	ix.index()
	return ix
}

// recallAnyKind returns the share of ctags' definitions we also have (by
// path, name and line) and table rows per ctags kind naming the misses;
// our definitions ctags does not have are logged.
func recallAnyKind(ix *Index, lc langCheck, tags []ctag) (all, core float64, table string) {
	type key struct {
		path, name string
		line       int
	}
	ours := map[key]Def{}
	for _, d := range ix.AllDefs() {
		ours[key{d.Path, d.Name, d.Line}] = d
	}
	byKind := map[string][]ctag{}
	theirs := map[key]bool{}
	for _, c := range tags {
		if contains(lc.skip, c.Kind) {
			continue
		}
		if contains(lc.ctagsWrong, fmt.Sprintf("%s:%d %s", filepath.ToSlash(c.Path), c.Line, c.Name)) {
			c.Kind = ctagsWrongKind
		}
		byKind[c.Kind] = append(byKind[c.Kind], c)
		theirs[key{filepath.ToSlash(c.Path), c.Name, c.Line}] = true
	}
	kinds := make([]string, 0, len(byKind))
	for k := range byKind {
		kinds = append(kinds, k)
	}
	sort.Strings(kinds)
	var rows strings.Builder
	total, found, coreTotal, coreFound := 0, 0, 0, 0
	for _, k := range kinds {
		var misses []string
		for _, c := range byKind[k] {
			if _, ok := ours[key{filepath.ToSlash(c.Path), c.Name, c.Line}]; !ok {
				misses = append(misses, fmt.Sprintf("%s:%d %s", c.Path, c.Line, c.Name))
			}
		}
		n := len(byKind[k])
		if k == ctagsWrongKind {
			fmt.Fprintf(&rows, "| %s | %s | %d | | | %s |\n", lc.dir, k, n, strings.Join(misses, ", "))
			continue
		}
		total, found = total+n, found+n-len(misses)
		if coreKinds[k] {
			coreTotal, coreFound = coreTotal+n, coreFound+n-len(misses)
		}
		fmt.Fprintf(&rows, "| %s | %s | %d | %d | %.0f%% | %s |\n", lc.dir, k, n, n-len(misses), 100*ratio(n-len(misses), n), strings.Join(misses, ", "))
	}
	var extra []string
	for k, d := range ours {
		if !theirs[k] {
			extra = append(extra, fmt.Sprintf("%s:%d %s %s", k.path, k.line, d.Kind, k.name))
		}
	}
	sort.Strings(extra)
	if len(extra) > 0 {
		fmt.Fprintf(&rows, "| %s | (ours, not in ctags) | | %d | | %s |\n", lc.dir, len(extra), strings.Join(extra, ", "))
	}
	return ratio(found, total), ratio(coreFound, coreTotal), rows.String()
}

func contains(xs []string, x string) bool {
	for _, y := range xs {
		if x == y {
			return true
		}
	}
	return false
}

// ctagsWrongKind is the table row of the tags listed in ctagsWrong.
const ctagsWrongKind = "(ctags wrong, not counted)"
