package symbols

import (
	"io/fs"
	"math/rand"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"testing"
)

// The cache build tags for definitions only (tagDefs). What it finds must
// be exactly what Tag finds, in every language: on the sample files, on
// this package's Go files with their package clause blanked (the
// go/scanner pass), and on cut-up copies of all of them, where the
// taggers meet unclosed comments, strings and braces.
func TestTagDefsGivesTagsDefinitions(t *testing.T) {
	var paths []string
	err := filepath.WalkDir("testdata", func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() && Language(p) != "" {
			paths = append(paths, p)
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	own, _ := filepath.Glob("*.go")
	paths = append(paths, own...)
	langs := map[string]bool{}
	clause := regexp.MustCompile(`(?m)^package symbols$`)
	rng := rand.New(rand.NewSource(7))
	checked := 0
	for _, p := range paths {
		src, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		langs[Language(p)] = true
		versions := [][]byte{src, clause.ReplaceAll(src, []byte("// ckage symbols"))}
		for i := 0; i < 4 && len(src) > 2; i++ {
			a, b := rng.Intn(len(src)), rng.Intn(len(src))
			if a > b {
				a, b = b, a
			}
			versions = append(versions, append(append([]byte{}, src[:a]...), src[b:]...))
		}
		for _, s := range versions {
			whole, werr := Tag(p, s, DefaultLimits)
			defs, derr := tagDefs(p, s, DefaultLimits)
			if (werr == nil) != (derr == nil) {
				t.Fatalf("%s (%d bytes): Tag says %v, tagDefs %v", p, len(s), werr, derr)
			}
			if len(defs.Occs) != 0 {
				t.Errorf("%s: tagDefs made %d occurrences", p, len(defs.Occs))
			}
			if !reflect.DeepEqual(defs.Defs, whole.Defs) {
				t.Errorf("%s (%d bytes): tagDefs finds %d definitions, Tag %d:\n%v\n%v", p, len(s), len(defs.Defs), len(whole.Defs), defs.Defs, whole.Defs)
			}
			checked++
		}
	}
	for _, l := range []string{"c", "c++", "go", "python", "javascript", "typescript", "java", "rust", "bash"} {
		if !langs[l] {
			t.Errorf("no sample file in %s", l)
		}
	}
	t.Logf("%d versions of %d files", checked, len(paths))
}
