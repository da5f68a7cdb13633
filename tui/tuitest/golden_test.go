package tuitest

import (
	"fmt"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// recorder is a testing.TB that keeps what Golden reports.
type recorder struct {
	testing.TB
	name   string
	failed []string
}

func (r *recorder) Name() string { return r.name }
func (r *recorder) Helper()      {}
func (r *recorder) Errorf(format string, args ...any) {
	r.failed = append(r.failed, fmt.Sprintf(format, args...))
}

func (r *recorder) Fatalf(format string, args ...any) { r.Errorf(format, args...) }

func TestGoldenComparesWithTheStoredView(t *testing.T) {
	if *update {
		t.Skip("-update: testdata/TestGoldenComparesWithTheStoredView.golden is written by hand")
	}
	view := "title\n  row one  \n› row two"
	Golden(t, view) // testdata/TestGoldenComparesWithTheStoredView.golden

	r := &recorder{TB: t, name: t.Name()}
	Golden(r, "title\n  row one\n› row 2")
	if len(r.failed) != 1 || !strings.Contains(r.failed[0], "  title⏎\n-   row one  ⏎\n- › row two⏎\n+   row one⏎\n+ › row 2⏎") ||
		!strings.Contains(r.failed[0], "-update") {
		t.Errorf("a different view reported as %q", r.failed)
	}
	r = &recorder{TB: t, name: "TestNoSuchGolden"}
	if Golden(r, view); len(r.failed) != 1 || !strings.Contains(r.failed[0], "-update writes it") {
		t.Errorf("a missing golden file reported as %q", r.failed)
	}
	for _, bad := range []string{"a \x1b[31mred\x1b[0m view", "tab\there", "bidi \u202e"} {
		r = &recorder{TB: t, name: t.Name()}
		if Golden(r, bad); len(r.failed) != 1 || !strings.Contains(r.failed[0], "plain text") {
			t.Errorf("%q taken as a golden view: %q", bad, r.failed)
		}
	}
}

func TestLineDiffCutsLongUnchangedRuns(t *testing.T) {
	want := "a\nb\nc\nd\ne\nf"
	got := "a\nb\nc\nd\nE\nf\ng"
	d := LineDiff(want, got)
	for _, line := range []string{"  a⏎", "  …", "  d⏎", "- e⏎", "+ E⏎", "  f⏎", "+ g⏎"} {
		if !strings.Contains(d, line+"\n") && !strings.HasSuffix(d, line) {
			t.Errorf("diff lacks %q:\n%s", line, d)
		}
	}
	if strings.Contains(d, "  b⏎") {
		t.Errorf("an unchanged run is not cut:\n%s", d)
	}
	if d := LineDiff("x", "x"); d != "  x⏎" {
		t.Errorf("equal texts: %q", d)
	}
}

// go test ./tui/... -update hands -update to every tui test binary, and a
// binary that does not define it fails; this package defines it, so every
// tui package with tests must link this package.
func TestEveryTUITestPackageTakesUpdate(t *testing.T) {
	const self = "sightline/tui/tuitest"
	err := filepath.WalkDir("..", func(dir string, d os.DirEntry, err error) error {
		if err != nil || !d.IsDir() || filepath.Base(dir) == "testdata" || filepath.Base(dir) == "tuitest" {
			return err
		}
		tests, _ := filepath.Glob(filepath.Join(dir, "*_test.go"))
		if len(tests) == 0 {
			return nil
		}
		for _, f := range tests {
			file, err := parser.ParseFile(token.NewFileSet(), f, nil, parser.ImportsOnly)
			if err != nil {
				return err
			}
			for _, imp := range file.Imports {
				if p, _ := strconv.Unquote(imp.Path.Value); p == self {
					return nil
				}
			}
		}
		t.Errorf("the tests of %s do not import %s: go test ./tui/... -update fails there", dir, self)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}
