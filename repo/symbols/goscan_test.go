package symbols

import (
	"fmt"
	"os"
	"regexp"
	"strings"
	"testing"
)

// A Go file the parser cannot read past its first line (no package
// clause, as in a fragment or a damaged file) still gives every use and
// the declarations a reviewer would look for, labelled as candidates.
func TestGoFileWithoutPackageClauseIsStillTagged(t *testing.T) {
	src := "// stream helpers\n" +
		"if err := lockProbe.ReaderSorker(socket, 2967); err != nil {\n" +
		"\treturn nil\n" +
		"}\n" +
		"func (s *FrameSocket) ReaderSorker(config bool) error {\n" +
		"\tlog(\"ReaderSorker failed\") // ReaderSorker is retried\n" +
		"\treturn s.next.ReaderSorker(config)\n" +
		"}\n" +
		"type Frame struct{}\n" +
		"func helper() {}\n"
	f, err := Tag("stream/port.go", []byte(src), DefaultLimits)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, o := range f.Occs {
		if o.Name == "ReaderSorker" {
			got = append(got, fmt.Sprintf("%d:%d %s %s %v", o.Line, o.Col, o.In, o.Func, o.Call))
		}
	}
	want := []string{
		"2:21 code  true",
		"5:23 code  true",
		"6:7 string ReaderSorker false",
		"6:32 comment ReaderSorker false",
		"7:16 code ReaderSorker true",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("occurrences of ReaderSorker:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	var defs []string
	for _, d := range f.Defs {
		defs = append(defs, fmt.Sprintf("%d:%d %s %s %s %v", d.Line, d.Col, d.Kind, d.Name, d.Scope, d.Precise))
	}
	wantDefs := []string{
		"5:23 method ReaderSorker FrameSocket false",
		"9:6 type Frame  false",
		"10:6 function helper  false",
	}
	if strings.Join(defs, "\n") != strings.Join(wantDefs, "\n") {
		t.Errorf("definitions:\n%s\nwant:\n%s", strings.Join(defs, "\n"), strings.Join(wantDefs, "\n"))
	}
}

// Held to the parser: real Go files of this package, made unparseable by
// blanking their package clause (line numbers kept), must give every
// occurrence the parser gives for the intact file, in the same place and
// class, the callers' enclosing functions, and every function and method.
func TestGoScanAgreesWithTheParser(t *testing.T) {
	files := []string{"gotag.go", "goscan.go", "index.go", "cacheread.go", "cachewrite.go", "symbols.go"}
	pkg := regexp.MustCompile(`(?m)^package \w+$`)
	for _, name := range files {
		src, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		good, err := Tag(name, src, DefaultLimits)
		if err != nil {
			t.Fatal(err)
		}
		loc := pkg.FindStringIndex(string(src))
		if loc == nil {
			t.Fatalf("%s: no package clause to blank", name)
		}
		pkgLine := strings.Count(string(src[:loc[0]]), "\n") + 1
		broken := string(src[:loc[0]]) + strings.Repeat(" ", loc[1]-loc[0]) + string(src[loc[1]:])
		bad, err := Tag(name, []byte(broken), DefaultLimits)
		if err != nil {
			t.Fatal(err)
		}
		type key struct {
			name      string
			line, col int
			in        Where
		}
		scanned := map[key]Occ{}
		for _, o := range bad.Occs {
			scanned[key{o.Name, o.Line, o.Col, o.In}] = o
		}
		missing := 0
		for _, o := range good.Occs {
			s, ok := scanned[key{o.Name, o.Line, o.Col, o.In}]
			switch {
			case o.Line == pkgLine: // the package name, blanked
			case !ok:
				t.Errorf("%s: %s at %d:%d (%s) missing from the scan", name, o.Name, o.Line, o.Col, o.In)
				missing++
			case o.Call && !s.Call:
				t.Errorf("%s: the call %s at %d:%d not marked a call", name, o.Name, o.Line, o.Col)
			case o.Call && o.Func != "" && s.Func != o.Func:
				t.Errorf("%s: the call %s at %d:%d is in %q, the scan says %q", name, o.Name, o.Line, o.Col, o.Func, s.Func)
			}
			if missing > 10 {
				t.Fatalf("%s: too many missing", name)
			}
		}
		defs := map[string]bool{}
		for _, d := range bad.Defs {
			defs[fmt.Sprintf("%d:%d %s %s %s", d.Line, d.Col, d.Kind, d.Name, d.Scope)] = true
		}
		for _, d := range good.Defs {
			k := fmt.Sprintf("%d:%d %s %s %s", d.Line, d.Col, d.Kind, d.Name, d.Scope)
			if (d.Kind == Func || d.Kind == Method) && !defs[k] {
				t.Errorf("%s: definition %s missing from the scan", name, k)
			}
		}
	}
}

// A syntax error in the middle of a file loses nothing after it.
func TestGoSyntaxErrorMidFileKeepsTheRest(t *testing.T) {
	src := "package p\n\nfunc a() { b( }\n\nfunc c() {\n\td(\"word\") // note\n}\n"
	f, err := Tag("p.go", []byte(src), DefaultLimits)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, o := range f.Occs {
		if o.Name == "d" || o.Name == "word" || o.Name == "note" {
			got = append(got, fmt.Sprintf("%s %d:%d %s %s %v", o.Name, o.Line, o.Col, o.In, o.Func, o.Call))
		}
	}
	want := "d 6:2 code c true\nword 6:5 string c false\nnote 6:15 comment c false"
	if strings.Join(got, "\n") != want {
		t.Errorf("got:\n%s\nwant:\n%s", strings.Join(got, "\n"), want)
	}
	names := map[string]bool{}
	for _, d := range f.Defs {
		names[d.Name] = true
	}
	if !names["a"] || !names["c"] {
		t.Errorf("definitions %v, want a and c", f.Defs)
	}
}
