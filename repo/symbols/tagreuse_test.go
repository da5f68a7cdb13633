package symbols

import (
	"os"
	"path/filepath"
	"reflect"
	"sync"
	"testing"
)

// The taggers reuse their token, occurrence and definition buffers from
// file to file: what Tag returned for one file must not change when
// other files are tagged afterwards, on the same goroutine or on others,
// and tagging a file again must give the same result.
func TestTagResultsSurviveLaterFiles(t *testing.T) {
	var paths []string
	for _, glob := range []string{"testdata/sample.*", "testdata/Sample.*", "testdata/langs/*/*"} {
		m, err := filepath.Glob(glob)
		if err != nil {
			t.Fatal(err)
		}
		paths = append(paths, m...)
	}
	type tagged struct {
		path string
		src  []byte
		f    File
		snap File // a deep copy taken at once
	}
	var files []*tagged
	for _, p := range paths {
		if Language(p) == "" {
			continue
		}
		src, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		f, err := Tag(p, src, DefaultLimits)
		if err != nil {
			t.Fatalf("%s: %v", p, err)
		}
		if len(f.Occs) == 0 {
			t.Fatalf("%s: no occurrences: the sample is not tagged", p)
		}
		files = append(files, &tagged{p, src, f, File{Path: f.Path, Lang: f.Lang,
			Defs: append([]Def(nil), f.Defs...), Occs: append([]Occ(nil), f.Occs...)}})
	}
	if len(files) < 10 {
		t.Fatalf("only %d sample files found", len(files))
	}
	// Tag them all again, several times over, on two goroutines.
	var wg sync.WaitGroup
	again := make([][]File, 2)
	for g := range again {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for round := 0; round < 3; round++ {
				for _, tf := range files {
					f, err := Tag(tf.path, tf.src, DefaultLimits)
					if err != nil {
						t.Errorf("%s: %v", tf.path, err)
						return
					}
					if round == 2 {
						again[g] = append(again[g], f)
					}
				}
			}
		}()
	}
	wg.Wait()
	for i, tf := range files {
		if !reflect.DeepEqual(tf.f, tf.snap) {
			t.Errorf("%s: the first result changed after other files were tagged", tf.path)
		}
		for g := range again {
			if i < len(again[g]) && !reflect.DeepEqual(again[g][i], tf.snap) {
				t.Errorf("%s: tagged again on goroutine %d, the result differs", tf.path, g)
			}
		}
	}
}
