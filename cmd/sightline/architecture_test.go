package main

// The architecture test: docs/ARCHITECTURE.md's import table is the rule,
// and every package of the module must follow it. The table is parsed
// here, the imports come from "go list", and checkImports compares them;
// architecture_rules_test.go tests the parser and the checker themselves.

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"slices"
	"strings"
	"testing"
)

const (
	modulePath   = "sightline"
	moduleRoot   = "../.."
	architecture = "docs/ARCHITECTURE.md"
)

// archRule is one row of the import table.
type archRule struct {
	pattern string   // which packages the row governs, relative to the module
	ours    []string // patterns of our packages they may import
	third   []string // patterns of third-party packages they may import
}

// archRules is the parsed table plus the layers, top to bottom, that
// bound what tests import.
type archRules struct {
	rows   []archRule
	layers []string
}

// listedPackage is what checkImports needs from "go list -json".
type listedPackage struct {
	ImportPath   string
	Doc          string
	Imports      []string
	TestImports  []string
	XTestImports []string
}

var backquoted = regexp.MustCompile("`([^`]+)`")

const (
	tableHeader  = "| package pattern | may import (ours) | may import (third party) |"
	layersPrefix = "Layers, top to bottom"
	noneMarker   = "-"
	tableColumns = 3
)

// parseArchRules reads the import table from the architecture document:
// the rows under tableHeader, and the line starting with layersPrefix.
// Only backquoted names count in a cell, so cells may carry remarks.
func parseArchRules(doc string) (archRules, error) {
	var rs archRules
	lines := strings.Split(doc, "\n")
	start := slices.IndexFunc(lines, func(l string) bool { return strings.TrimSpace(l) == tableHeader })
	if start < 0 {
		return rs, fmt.Errorf("no import table: no line %q", tableHeader)
	}
	for i := start + 2; i < len(lines) && strings.HasPrefix(lines[i], "|"); i++ {
		cells := strings.Split(strings.Trim(strings.TrimSpace(lines[i]), "|"), "|")
		if len(cells) != tableColumns {
			return rs, fmt.Errorf("line %d: want %d cells, got %d: %s", i+1, tableColumns, len(cells), lines[i])
		}
		pat := names(cells[0])
		if len(pat) != 1 {
			return rs, fmt.Errorf("line %d: want one backquoted package pattern, got %q", i+1, pat)
		}
		for _, c := range cells[1:] {
			if len(names(c)) == 0 && strings.TrimSpace(c) != noneMarker {
				return rs, fmt.Errorf("line %d: cell %q names nothing; write %q for nothing", i+1, strings.TrimSpace(c), noneMarker)
			}
		}
		rs.rows = append(rs.rows, archRule{pattern: pat[0], ours: names(cells[1]), third: names(cells[2])})
	}
	if len(rs.rows) == 0 {
		return rs, errors.New("the import table has no rows")
	}
	for _, l := range lines {
		if rest, ok := strings.CutPrefix(strings.TrimSpace(l), layersPrefix); ok {
			rs.layers = names(rest)
		}
	}
	if len(rs.layers) == 0 {
		return rs, fmt.Errorf("no line %q naming the layers", layersPrefix)
	}
	return rs, nil
}

func names(cell string) []string {
	var out []string
	for _, m := range backquoted.FindAllStringSubmatch(cell, -1) {
		out = append(out, m[1])
	}
	return out
}

// matches reports whether pattern covers path: "x" is x itself, "x/*"
// one level below x, "x/..." x and everything below it.
func matches(pattern, path string) bool {
	if base, ok := strings.CutSuffix(pattern, "/..."); ok {
		return path == base || strings.HasPrefix(path, base+"/")
	}
	if base, ok := strings.CutSuffix(pattern, "/*"); ok {
		rest, under := strings.CutPrefix(path, base+"/")
		return under && rest != "" && !strings.Contains(rest, "/")
	}
	return pattern == path
}

// specificity orders the patterns matching one package: an exact name
// beats "x/*", which beats any "x/...", and a longer "x/..." beats a
// shorter one.
func specificity(pattern string) int {
	switch {
	case strings.HasSuffix(pattern, "/..."):
		return len(pattern)
	case strings.HasSuffix(pattern, "/*"):
		return 1 << 20
	default:
		return 1 << 21
	}
}

// ruleFor returns the most specific row governing rel (a path relative to
// the module), or nil when no row does.
func (rs archRules) ruleFor(rel string) *archRule {
	var best *archRule
	for i := range rs.rows {
		r := &rs.rows[i]
		if matches(r.pattern, rel) && (best == nil || specificity(r.pattern) > specificity(best.pattern)) {
			best = r
		}
	}
	return best
}

func anyMatch(patterns []string, path string) bool {
	return slices.ContainsFunc(patterns, func(p string) bool { return matches(p, path) })
}

// isStdlib reports whether an import path belongs to the standard
// library: its first element has no dot. Call it after ours, since the
// module's own name has no dot either.
func isStdlib(path string) bool {
	first, _, _ := strings.Cut(path, "/")
	return !strings.Contains(first, ".")
}

// checkImports returns one line per broken rule, naming the package, the
// import and the row that does not allow it. The rows bind non-test
// imports; a test may import any of our packages in its own layer or
// below, and any third party (go-git to build fixtures).
func checkImports(rs archRules, module string, pkgs []listedPackage) []string {
	var bad []string
	for _, p := range pkgs {
		rel, ok := relative(module, p.ImportPath)
		if !ok {
			continue
		}
		r := rs.ruleFor(rel)
		if r == nil {
			bad = append(bad, fmt.Sprintf("%s: no row of the import table governs it; add one", p.ImportPath))
			continue
		}
		for _, imp := range p.Imports {
			if why := r.refuses(module, imp); why != "" {
				bad = append(bad, fmt.Sprintf("%s imports %s: %s", p.ImportPath, imp, why))
			}
		}
		for _, imp := range slices.Concat(p.TestImports, p.XTestImports) {
			if why := rs.refusesInTest(module, rel, imp); why != "" {
				bad = append(bad, fmt.Sprintf("%s (tests) imports %s: %s", p.ImportPath, imp, why))
			}
		}
	}
	return bad
}

// refuses says why the row does not allow imp, or "" when it does.
func (r *archRule) refuses(module, imp string) string {
	if rel, ours := relative(module, imp); ours {
		if anyMatch(r.ours, rel) {
			return ""
		}
		return fmt.Sprintf("the row %q allows %s", r.pattern, list("of ours", r.ours))
	}
	if isStdlib(imp) || anyMatch(r.third, imp) {
		return ""
	}
	return fmt.Sprintf("the row %q allows %s", r.pattern, list("of third parties", r.third))
}

// refusesInTest says why a test of the package rel may not import imp, or
// "" when it may: imp is ours and in a layer above rel's.
func (rs archRules) refusesInTest(module, rel, imp string) string {
	impRel, ours := relative(module, imp)
	if !ours {
		return ""
	}
	from, to := rs.layer(rel), rs.layer(impRel)
	if from < 0 || to < 0 || to >= from {
		return ""
	}
	return fmt.Sprintf("a test may import its own layer (%s) and below, not %s", rs.layers[from], rs.layers[to])
}

// layer is the index in rs.layers of the layer holding rel, or -1.
func (rs archRules) layer(rel string) int {
	return slices.IndexFunc(rs.layers, func(l string) bool { return matches(l+"/...", rel) })
}

func relative(module, path string) (string, bool) {
	if path == module {
		return "", true
	}
	rel, ok := strings.CutPrefix(path, module+"/")
	return rel, ok
}

func list(whose string, patterns []string) string {
	if len(patterns) == 0 {
		return "nothing " + whose
	}
	return whose + " only " + strings.Join(patterns, ", ")
}

// checkDocs returns one line per package without a package doc comment.
func checkDocs(pkgs []listedPackage) []string {
	var bad []string
	for _, p := range pkgs {
		if strings.TrimSpace(p.Doc) == "" {
			bad = append(bad, fmt.Sprintf("%s has no package doc comment saying its one job", p.ImportPath))
		}
	}
	return bad
}

// goList lists every package of the module with its imports.
func goList(t *testing.T) []listedPackage {
	t.Helper()
	goTool, err := exec.LookPath("go")
	if err != nil {
		goTool = filepath.Join(runtime.GOROOT(), "bin", "go")
	}
	cmd := exec.Command(goTool, "list", "-e", "-json=ImportPath,Doc,Imports,TestImports,XTestImports,Error", "./...")
	cmd.Dir = moduleRoot
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("go list: %v\n%s", err, stderr.Bytes())
	}
	var pkgs []listedPackage
	dec := json.NewDecoder(bytes.NewReader(out))
	for {
		var p struct {
			listedPackage
			Error *struct{ Err string }
		}
		if err := dec.Decode(&p); errors.Is(err, io.EOF) {
			break
		} else if err != nil {
			t.Fatalf("go list output: %v", err)
		}
		if p.Error != nil {
			t.Fatalf("go list %s: %s", p.ImportPath, p.Error.Err)
		}
		pkgs = append(pkgs, p.listedPackage)
	}
	if len(pkgs) == 0 {
		t.Fatal("go list found no packages")
	}
	return pkgs
}

func readArchRules(t *testing.T) archRules {
	t.Helper()
	doc, err := os.ReadFile(filepath.Join(moduleRoot, architecture))
	if err != nil {
		t.Fatal(err)
	}
	rs, err := parseArchRules(string(doc))
	if err != nil {
		t.Fatalf("%s: %v", architecture, err)
	}
	return rs
}

// TestArchitecture checks every package's imports against the table in
// docs/ARCHITECTURE.md, and that every package says its job in a doc
// comment.
func TestArchitecture(t *testing.T) {
	rs := readArchRules(t)
	pkgs := goList(t)
	for _, msg := range checkImports(rs, modulePath, pkgs) {
		t.Error(msg)
	}
	for _, msg := range checkDocs(pkgs) {
		t.Error(msg)
	}
}
