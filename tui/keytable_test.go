package tui

// README's key table is written for people and checked here against the
// KeyMaps: every binding with help must be named in a row for its view,
// and every key a row names must be bound in that view. The checker is a
// pair of plain functions (parseKeyTable, checkKeyTable) so that its own
// test can feed it a table and maps that disagree.

import (
	"fmt"
	"os"
	"reflect"
	"regexp"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/charmbracelet/bubbles/key"

	"sightline/tui/annotate"
	"sightline/tui/changes"
	"sightline/tui/compare"
	"sightline/tui/diff"
	"sightline/tui/files"
	"sightline/tui/finder"
	"sightline/tui/findings"
	"sightline/tui/form"
	"sightline/tui/grep"
	"sightline/tui/history"
	"sightline/tui/keys"
	"sightline/tui/release"
	"sightline/tui/triage"
)

// anyView is the view cell of rows whose keys work in every view; a key
// such a row names counts as documented in all of them.
const anyView = "Any view"

// keyTableHeader starts the README table the checker reads.
const keyTableHeader = "| View | Keys | Action |"

// readmeViews maps each view a README row may name to the KeyMaps bound
// there. Every exported key.Binding in them is found by reflection, so a
// binding added to a map is checked without touching this list.
func readmeViews() map[string][]any {
	d := diff.DefaultKeyMap()
	find := keys.DefaultFindKeys()
	zoom := struct{ Zoom, OpenBase key.Binding }{compare.ZoomKey(), compare.OpenBaseKey()}
	// alt+n opens the next ctrl+f result from any view, overlay closed.
	nextHit := struct{ NextHit key.Binding }{grep.DefaultKeyMap().NextHit}
	return map[string][]any{
		anyView:    {keys.DefaultGlobal(), keys.DefaultNav(), nextHit},
		"Files":    {files.DefaultKeyMap()},
		"Changes":  {changes.DefaultKeyMap(), d, find, zoom},
		"History":  {history.DefaultKeyMap(), d, find, zoom},
		"Findings": {findings.DefaultKeyMap()},
		"Release":  {release.DefaultKeyMap(), d},
		"Review":   {annotate.DefaultKeyMap()},
		"Finder":   {finder.DefaultKeyMap()},
		"Search":   {grep.DefaultKeyMap()},
		"Form":     {form.DefaultKeyMap()},
		"Triage":   {triage.DefaultKeyMap()},
	}
}

// keyRow is one row of the table: the views it is for and the keys its
// Keys cell names (backquoted), normalised.
type keyRow struct {
	line  int
	views []string
	keys  []string
}

var (
	backquotedKey = regexp.MustCompile("`([^`]+)`")
	parenthesised = regexp.MustCompile(`\([^)]*\)`)
)

// parseKeyTable reads the table that starts with keyTableHeader. A view
// cell names one or more views separated by commas; a parenthesised
// note ("Files (tree)") is for the reader and ignored.
func parseKeyTable(readme string) ([]keyRow, error) {
	lines := strings.Split(readme, "\n")
	start := slices.IndexFunc(lines, func(l string) bool { return strings.TrimSpace(l) == keyTableHeader })
	if start < 0 {
		return nil, fmt.Errorf("no key table: README needs a table whose header is %q", keyTableHeader)
	}
	var rows []keyRow
	for i := start + 2; i < len(lines) && strings.HasPrefix(lines[i], "|"); i++ {
		cells := splitCells(lines[i])
		if len(cells) != 3 {
			return nil, fmt.Errorf("README line %d: %d cells, want 3 (view, keys, action): %s", i+1, len(cells), lines[i])
		}
		r := keyRow{line: i + 1}
		for _, v := range strings.Split(parenthesised.ReplaceAllString(cells[0], ""), ",") {
			if v = strings.TrimSpace(v); v != "" {
				r.views = append(r.views, v)
			}
		}
		for _, m := range backquotedKey.FindAllStringSubmatch(cells[1], -1) {
			r.keys = append(r.keys, normKey(m[1]))
		}
		if len(r.views) == 0 || len(r.keys) == 0 {
			return nil, fmt.Errorf("README line %d: a row needs a view and at least one `key`: %s", i+1, lines[i])
		}
		rows = append(rows, r)
	}
	if len(rows) == 0 {
		return nil, fmt.Errorf("the key table under %q has no rows", keyTableHeader)
	}
	return rows, nil
}

// splitCells splits a table row on the pipes that are not escaped (\|).
func splitCells(row string) []string {
	row = strings.TrimSpace(row)
	row = strings.TrimSuffix(strings.TrimPrefix(row, "|"), "|")
	var cells []string
	var cur strings.Builder
	for i := 0; i < len(row); i++ {
		switch {
		case row[i] == '\\' && i+1 < len(row) && row[i+1] == '|':
			cur.WriteByte('|')
			i++
		case row[i] == '|':
			cells = append(cells, strings.TrimSpace(cur.String()))
			cur.Reset()
		default:
			cur.WriteByte(row[i])
		}
	}
	return append(cells, strings.TrimSpace(cur.String()))
}

// keyNames are the names key.Binding uses for keys the README draws as
// arrows or words.
var keyNames = map[string]string{"up": "↑", "down": "↓", "left": "←", "right": "→", "pgdown": "pgdn", " ": "space"}

func normKey(k string) string {
	if n, ok := keyNames[k]; ok {
		return n
	}
	return k
}

// helpKeys splits a binding's help key ("k/↑", "←/→/space") into the
// keys it shows; "/" alone is the slash key.
func helpKeys(h string) []string {
	parts := strings.Split(h, "/")
	if slices.Contains(parts, "") {
		return []string{normKey(h)}
	}
	for i, p := range parts {
		parts[i] = normKey(p)
	}
	return parts
}

// boundKey is one enabled binding of a view.
type boundKey struct {
	field string   // where it is, for the message: "files.KeyMap.Code.Wrap"
	help  []string // the keys its help shows: these must be documented
	keys  []string // everything that triggers it, help keys included
}

// bindings finds every enabled key.Binding in the KeyMap values, through
// nested structs, arrays and slices.
func bindings(maps ...any) []boundKey {
	var out []boundKey
	var walk func(v reflect.Value, path string)
	walk = func(v reflect.Value, path string) {
		if b, ok := v.Interface().(key.Binding); ok {
			if !b.Enabled() {
				return
			}
			bk := boundKey{field: path}
			if h := b.Help().Key; h != "" {
				bk.help = helpKeys(h)
			}
			for _, k := range b.Keys() {
				bk.keys = append(bk.keys, normKey(k))
			}
			bk.keys = append(bk.keys, bk.help...)
			out = append(out, bk)
			return
		}
		switch v.Kind() {
		case reflect.Struct:
			for i := 0; i < v.NumField(); i++ {
				if f := v.Type().Field(i); f.IsExported() {
					walk(v.Field(i), path+"."+f.Name)
				}
			}
		case reflect.Array, reflect.Slice:
			for i := 0; i < v.Len(); i++ {
				walk(v.Index(i), fmt.Sprintf("%s[%d]", path, i))
			}
		}
	}
	for _, m := range maps {
		v := reflect.ValueOf(m)
		walk(v, v.Type().String())
	}
	return out
}

// checkKeyTable returns one line per disagreement between the table's
// rows and the views' KeyMaps: a view a row names that does not exist, a
// key a row names that nothing in its views (or in every view) binds, and
// a binding with help that no row for its view (or for every view) names.
func checkKeyTable(rows []keyRow, views map[string][]any) []string {
	var bad []string
	documented := map[string]map[string]bool{}
	for v := range views {
		documented[v] = map[string]bool{}
	}
	bound := func(view, k string) bool {
		for _, b := range bindings(views[view]...) {
			if slices.Contains(b.keys, k) {
				return true
			}
		}
		return false
	}
	for _, r := range rows {
		for _, v := range r.views {
			if _, ok := views[v]; !ok {
				bad = append(bad, fmt.Sprintf("README line %d names the view %q; the views are %s", r.line, v, strings.Join(sortedKeys(views), ", ")))
				continue
			}
			for _, k := range r.keys {
				documented[v][k] = true
				if !bound(v, k) && !bound(anyView, k) {
					bad = append(bad, fmt.Sprintf("README line %d documents `%s` in %s, but nothing there binds it: remove it or bind it", r.line, k, v))
				}
			}
		}
	}
	for _, v := range sortedKeys(views) {
		for _, b := range bindings(views[v]...) {
			for _, k := range b.help {
				if !documented[v][k] && !documented[anyView][k] {
					bad = append(bad, fmt.Sprintf("%s binds `%s` (%s) but no README key-table row for %s or %s names it: add it", v, k, b.field, v, anyView))
				}
			}
		}
	}
	return bad
}

func sortedKeys[V any](m map[string]V) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// TestREADMEKeyTable holds README's key table to the KeyMaps.
func TestREADMEKeyTable(t *testing.T) {
	b, err := os.ReadFile("../README.md")
	if err != nil {
		t.Fatal(err)
	}
	rows, err := parseKeyTable(string(b))
	if err != nil {
		t.Fatal(err)
	}
	for _, msg := range checkKeyTable(rows, readmeViews()) {
		t.Error(msg)
	}
}

// TestKeyTableChecker proves the checker fails both ways: a binding no
// row documents, and a documented key nothing binds; and passes when the
// two agree.
func TestKeyTableChecker(t *testing.T) {
	type viewKeys struct {
		Nav  keys.Nav
		Wrap key.Binding
		Off  key.Binding // disabled: neither needed nor bound
		Bare key.Binding // bound, but no help: not needed
	}
	off := key.NewBinding(key.WithKeys("o"), key.WithHelp("o", "off"))
	off.SetEnabled(false)
	views := map[string][]any{
		anyView: {keys.DefaultGlobal()},
		"Files": {viewKeys{Nav: keys.DefaultNav(), Wrap: key.NewBinding(key.WithKeys("w"), key.WithHelp("w", "wrap")),
			Off: off, Bare: key.NewBinding(key.WithKeys("z"))}},
	}
	table := func(rows ...string) string {
		return "# x\n\n" + keyTableHeader + "\n|---|---|---|\n" + strings.Join(rows, "\n") + "\n\nafter\n"
	}
	agreeing := []string{
		"| Any view | `1` `2` `3` `4` `5` `6` · `tab`/`shift+tab` · `:N` · `?` · `ctrl+p` · `ctrl+t` · `ctrl+f` | tabs, panes, … |",
		"| Any view | `esc` · `q`/`Q`/`ctrl+c` · `ctrl+o`/`ctrl+n` | close · quit · jump |",
		"| Files (code) | `j`/`k`, `↓`/`↑` · `ctrl+d`/`ctrl+u` · `pgdn`/`pgup`, `space`/`ctrl+b` · `gg`/`G` | move |",
		"| Files | `w` · `z` | wrap · bare |",
	}
	check := func(rows ...string) []string {
		t.Helper()
		parsed, err := parseKeyTable(table(rows...))
		if err != nil {
			t.Fatal(err)
		}
		return checkKeyTable(parsed, views)
	}
	if bad := check(agreeing...); len(bad) != 0 {
		t.Fatalf("an agreeing table fails:\n%s", strings.Join(bad, "\n"))
	}

	undocumented := check(agreeing[0], agreeing[1], agreeing[2], "| Files | `z` | bare |")
	if len(undocumented) != 1 || !strings.Contains(undocumented[0], "Files binds `w` (tui.viewKeys.Wrap)") {
		t.Errorf("a binding with help that no row names: %q", undocumented)
	}

	unbound := check(append(slices.Clone(agreeing), "| Files | `y` · `o` | nothing · disabled |")...)
	if len(unbound) != 2 || !strings.Contains(unbound[0], "line 9 documents `y` in Files, but nothing there binds it") ||
		!strings.Contains(unbound[1], "documents `o` in Files") {
		t.Errorf("keys a row names that nothing binds: %q", unbound)
	}

	if bad := check(append(slices.Clone(agreeing), "| Filez | `w` | typo |")...); len(bad) != 1 || !strings.Contains(bad[0], `names the view "Filez"`) {
		t.Errorf("an unknown view: %q", bad)
	}
	if _, err := parseKeyTable("# no table\n"); err == nil {
		t.Error("a README without the table parses")
	}
}
