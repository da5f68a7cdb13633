package main

// Tests of the architecture test's own parts: a checker that passes
// everything would make TestArchitecture worthless, so each rule is
// broken on purpose here, with fake import lists, and must be caught.

import (
	"slices"
	"strings"
	"testing"
)

const fakeDoc = "# fake\n\n" + tableHeader + `
|---|---|---|
| ` + "`cmd/x`" + ` | ` + "`tui`, `lib/...`" + ` | ` + "`example.com/ui`" + ` |
| ` + "`tui`" + ` (the root) | ` + "`tui/*`, `lib`" + ` | ` + "`example.com/...`" + ` |
| ` + "`tui/*`" + ` | ` + "`tui/theme`, `lib`" + ` | ` + "`example.com/ui`" + ` |
| ` + "`tui/page`" + ` (+ pane) | ` + "`tui/theme`, `tui/pane`, `lib`" + ` | - |
| ` + "`tui/theme`" + ` | - | ` + "`example.com/ui`" + ` |
| ` + "`lib/...`" + ` | ` + "`lib/leaf`" + ` | - |
| ` + "`lib/leaf`" + ` | - | - |

` + layersPrefix + ": `cmd`, `tui`, `lib`.\n"

func mustParse(t *testing.T, doc string) archRules {
	t.Helper()
	rs, err := parseArchRules(doc)
	if err != nil {
		t.Fatal(err)
	}
	return rs
}

func TestParseArchRules(t *testing.T) {
	rs := mustParse(t, fakeDoc)
	if len(rs.rows) != 7 {
		t.Fatalf("parsed %d rows, want 7: %+v", len(rs.rows), rs.rows)
	}
	page := rs.rows[3]
	if page.pattern != "tui/page" || !slices.Equal(page.ours, []string{"tui/theme", "tui/pane", "lib"}) || page.third != nil {
		t.Errorf("row 4 = %+v; the remark must not count and - means nothing", page)
	}
	if !slices.Equal(rs.layers, []string{"cmd", "tui", "lib"}) {
		t.Errorf("layers %q, want [cmd tui lib]", rs.layers)
	}
	for name, doc := range map[string]string{
		"no table":       "# nothing here\n",
		"no rows":        tableHeader + "\n|---|---|---|\n\ntext\n",
		"two cells":      tableHeader + "\n|---|---|---|\n| `a` | `b` |\n",
		"empty cell":     tableHeader + "\n|---|---|---|\n| `a` | | - |\n",
		"two patterns":   tableHeader + "\n|---|---|---|\n| `a`, `b` | - | - |\n",
		"remark only":    tableHeader + "\n|---|---|---|\n| `a` | anything | - |\n",
		"pattern absent": tableHeader + "\n|---|---|---|\n| a | - | - |\n",
		"no layers":      tableHeader + "\n|---|---|---|\n| `a` | - | - |\n",
	} {
		if _, err := parseArchRules(doc); err == nil {
			t.Errorf("%s: parsed without error", name)
		}
	}
}

func TestRuleForPicksTheMostSpecificRow(t *testing.T) {
	rs := mustParse(t, fakeDoc)
	for pkg, want := range map[string]string{
		"tui":          "tui",
		"tui/pane":     "tui/*",
		"tui/page":     "tui/page",
		"tui/theme":    "tui/theme",
		"lib":          "lib/...",
		"lib/a/b":      "lib/...",
		"lib/leaf":     "lib/leaf",
		"cmd/x":        "cmd/x",
		"cmd/y":        "",
		"tui/pane/sub": "",
	} {
		got := ""
		if r := rs.ruleFor(pkg); r != nil {
			got = r.pattern
		}
		if got != want {
			t.Errorf("ruleFor(%q) = %q, want %q", pkg, got, want)
		}
	}
}

func TestCheckImportsNamesPackageImportAndRow(t *testing.T) {
	rs := mustParse(t, fakeDoc)
	pkgs := []listedPackage{
		{ImportPath: "m/cmd/x", Imports: []string{"fmt", "m/tui", "m/lib/leaf", "example.com/ui"}},
		{ImportPath: "m/tui", Imports: []string{"m/tui/pane", "m/lib", "example.com/ui/sub"}},
		{ImportPath: "m/tui/page", Imports: []string{"m/tui/pane", "m/tui/theme"}, TestImports: []string{"m/lib/libtest", "m/tui/page"}},
		{ImportPath: "m/lib/leaf", Imports: []string{"strings"}, XTestImports: []string{"m/lib/leaf", "m/lib/libtest", "m/lib"}},
		{ImportPath: "m/tui/theme", XTestImports: []string{"m/tui/pane", "m/tui", "m/lib/leaf"}},
	}
	if bad := checkImports(rs, "m", pkgs); len(bad) != 0 {
		t.Fatalf("allowed imports reported:\n%s", strings.Join(bad, "\n"))
	}
	for _, tc := range []struct {
		name string
		pkg  listedPackage
		want string
	}{
		{"a pane imports the root", listedPackage{ImportPath: "m/tui/pane", Imports: []string{"m/tui"}},
			`m/tui/pane imports m/tui: the row "tui/*" allows of ours only tui/theme, lib`},
		{"a pane imports a sibling", listedPackage{ImportPath: "m/tui/pane", Imports: []string{"m/tui/page"}},
			`m/tui/pane imports m/tui/page: the row "tui/*"`},
		{"the lower layer imports the upper", listedPackage{ImportPath: "m/lib", Imports: []string{"m/tui/theme"}},
			`m/lib imports m/tui/theme: the row "lib/..."`},
		{"the leaf imports ours", listedPackage{ImportPath: "m/lib/leaf", Imports: []string{"m/lib"}},
			`m/lib/leaf imports m/lib: the row "lib/leaf" allows nothing of ours`},
		{"the leaf imports a third party", listedPackage{ImportPath: "m/lib/leaf", Imports: []string{"example.com/ui"}},
			`m/lib/leaf imports example.com/ui: the row "lib/leaf" allows nothing of third parties`},
		{"a third party not listed", listedPackage{ImportPath: "m/cmd/x", Imports: []string{"example.com/ui/sub"}},
			`m/cmd/x imports example.com/ui/sub: the row "cmd/x" allows of third parties only example.com/ui`},
		{"a test imports upward", listedPackage{ImportPath: "m/lib", TestImports: []string{"m/tui"}},
			`m/lib (tests) imports m/tui: a test may import its own layer (lib) and below, not tui`},
		{"an external test imports upward", listedPackage{ImportPath: "m/tui/theme", XTestImports: []string{"m/cmd/x"}},
			`m/tui/theme (tests) imports m/cmd/x: a test may import its own layer (tui) and below, not cmd`},
		{"a test helper outside tests", listedPackage{ImportPath: "m/lib", Imports: []string{"m/lib/libtest"}},
			`m/lib imports m/lib/libtest`},
		{"no row", listedPackage{ImportPath: "m/cmd/y"},
			"m/cmd/y: no row of the import table governs it"},
	} {
		bad := checkImports(rs, "m", []listedPackage{tc.pkg})
		if len(bad) != 1 || !strings.HasPrefix(bad[0], tc.want) {
			t.Errorf("%s: got %q, want one report starting %q", tc.name, bad, tc.want)
		}
	}
}

func TestCheckImportsIgnoresThirdPartyInTests(t *testing.T) {
	rs := mustParse(t, fakeDoc)
	p := listedPackage{ImportPath: "m/lib/leaf", TestImports: []string{"example.com/fixtures", "testing"}}
	if bad := checkImports(rs, "m", []listedPackage{p}); len(bad) != 0 {
		t.Errorf("a test's third-party fixture reported: %q", bad)
	}
}

func TestCheckDocs(t *testing.T) {
	bad := checkDocs([]listedPackage{{ImportPath: "m/a", Doc: "Package a does one thing."}, {ImportPath: "m/b", Doc: " "}})
	if len(bad) != 1 || !strings.HasPrefix(bad[0], "m/b has no package doc comment") {
		t.Errorf("checkDocs = %q, want one report for m/b", bad)
	}
}

// TestRealTableCatchesEachRule feeds the checker the table in
// docs/ARCHITECTURE.md and, for each rule the architecture states, one
// package that breaks it: the table must refuse every one.
func TestRealTableCatchesEachRule(t *testing.T) {
	rs := readArchRules(t)
	for _, tc := range []struct{ rule, pkg, imp string }{
		{"cmd -> tui -> review -> repo: review never imports tui", "review", "sightline/tui"},
		{"review never imports a tui pane", "review/bundle", "sightline/tui/theme"},
		{"repo never imports review", "repo", "sightline/review"},
		{"repo/search never imports tui", "repo/search", "sightline/tui/keys"},
		{"nothing but cmd imports the tui root: a pane", "tui/code", "sightline/tui"},
		{"nothing but cmd imports the tui root: nav", "tui/nav", "sightline/tui"},
		{"nothing but cmd imports tui: repo", "repo", "sightline/tui/theme"},
		{"a pane never imports a sibling", "tui/tree", "sightline/tui/code"},
		{"a leaf helper never imports a pane", "tui/theme", "sightline/tui/tree"},
		{"a pane never imports the controller", "tui/findings", "sightline/tui/annotate"},
		{"repo/textsafe imports nothing of ours", "repo/textsafe", "sightline/repo"},
		{"repo/textsafe imports no third party", "repo/textsafe", "golang.org/x/text/unicode/norm"},
		{"only repo/ imports go-git: cmd", "cmd/sightline", "github.com/go-git/go-git/v5"},
		{"only repo/ imports go-git: review", "review", "github.com/go-git/go-git/v5/plumbing"},
		{"only repo/ imports go-git: tui", "tui/history", "github.com/go-git/go-git/v5/plumbing/object"},
		{"only tui imports lipgloss", "cmd/sightline", "github.com/charmbracelet/lipgloss"},
		{"only tui imports bubbles", "cmd/benchops", "github.com/charmbracelet/bubbles/key"},
		{"only tui imports chroma", "review", "github.com/alecthomas/chroma/v2"},
		{"only tui imports bubbletea (cmd aside)", "review/bundle", "github.com/charmbracelet/bubbletea"},
		{"the product never uses repo/synth", "cmd/sightline", "sightline/repo/synth"},
		{"the product never uses repo/repotest", "tui", "sightline/repo/repotest"},
		{"mkrepo is flags and wiring over repo/synth", "cmd/mkrepo", "sightline/repo"},
	} {
		p := listedPackage{ImportPath: modulePath + "/" + tc.pkg, Imports: []string{"fmt", tc.imp}}
		bad := checkImports(rs, modulePath, []listedPackage{p})
		want := p.ImportPath + " imports " + tc.imp + ": the row "
		if len(bad) != 1 || !strings.HasPrefix(bad[0], want) {
			t.Errorf("%s: checker said %q, want one report starting %q", tc.rule, bad, want)
		}
	}
	// Tests may cross panes, never layers.
	for pkg, imp := range map[string]string{"review": "sightline/tui/tuitest", "repo/search": "sightline/review", "tui/code": "sightline/cmd/sightline"} {
		p := listedPackage{ImportPath: modulePath + "/" + pkg, XTestImports: []string{imp}}
		if bad := checkImports(rs, modulePath, []listedPackage{p}); len(bad) != 1 || !strings.Contains(bad[0], "a test may import its own layer") {
			t.Errorf("a test of %s importing %s: checker said %q", pkg, imp, bad)
		}
	}
	p := listedPackage{ImportPath: modulePath + "/tui/keys", XTestImports: []string{"sightline/tui/tree", "sightline/repo/repotest"}}
	if bad := checkImports(rs, modulePath, []listedPackage{p}); len(bad) != 0 {
		t.Errorf("a tui test driving a pane on a repotest fixture: %q", bad)
	}
}
