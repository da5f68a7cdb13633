package symbols

import (
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"testing"
)

// Leaving out, while tagging, the occurrences Build does not keep gives
// the same definitions and the same kept occurrences as tagging whole and
// filtering after: on this package's Go files as they are, and with their
// package clause blanked (the go/scanner pass), for names in code,
// comments and strings.
func TestTagKeptIsTagFiltered(t *testing.T) {
	paths, err := filepath.Glob("*.go")
	if err != nil || len(paths) < 10 {
		t.Fatalf("want this package's Go files: %v %v", paths, err)
	}
	clause := regexp.MustCompile(`(?m)^package symbols$`)
	names := []string{"Occ", "src", "keep", "err", "t", "the", "Tag", "nil", "File", "Line"}
	for _, p := range paths {
		src, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		for _, s := range [][]byte{src, clause.ReplaceAll(src, []byte("// ckage symbols"))} {
			whole, err := Tag(p, s, DefaultLimits)
			if err != nil {
				t.Fatalf("%s: %v", p, err)
			}
			for _, name := range names {
				keep := func(n string) bool { return n == name }
				kept, err := tagKept(p, s, DefaultLimits, keep)
				if err != nil {
					t.Fatalf("%s: %v", p, err)
				}
				var want []Occ
				for _, o := range whole.Occs {
					if keep(o.Name) {
						want = append(want, o)
					}
				}
				if !reflect.DeepEqual(kept.Defs, whole.Defs) || !reflect.DeepEqual(kept.Occs, want) {
					t.Errorf("%s (%d bytes), %s: kept while tagging gives %d occurrences and %d definitions, filtered after %d and %d",
						p, len(s), name, len(kept.Occs), len(kept.Defs), len(want), len(whole.Defs))
				}
			}
		}
	}
}
