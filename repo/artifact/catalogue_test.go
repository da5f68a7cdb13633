package artifact_test

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"sightline/repo/artifact"
)

func TestSerialLine(t *testing.T) {
	for content, want := range map[string]string{
		"# serial 58 LT_INIT\n":      "58 LT_INIT",
		"dnl x\n#serial 3\n":         "3",
		"#   serial\t12\n":           "12",
		"# serialize\n# serial 2\n":  "2",
		"AC_DEFUN([x]) # serial 9\n": "",
		"no serial here\n":           "",
		"# serial\n":                 "",
	} {
		if got := artifact.SerialLine([]byte(content)); got != want {
			t.Errorf("SerialLine(%q) = %q, want %q", content, got, want)
		}
	}
}

// TestCatalogueRoundTripAndClosest writes a catalogue of two trusted
// directories, reads it back, and checks that a modified file is shown
// against the version with its serial, or else the nearest in size.
func TestCatalogueRoundTripAndClosest(t *testing.T) {
	root := t.TempDir()
	writeDir(t, filepath.Join(root, "old", "aclocal"), []entry{{name: "x.m4", content: "# serial 1\nold\n"}})
	writeDir(t, filepath.Join(root, "new", "aclocal"), []entry{
		{name: "x.m4", content: "# serial 2\nnewer, and a good deal longer than the old one\n"},
		{name: "sub/y.m4", content: "y\n"},
	})
	built := &artifact.Catalogue{}
	for _, d := range []string{"old/aclocal", "new/aclocal", "new/aclocal"} { // the same directory twice adds nothing
		if err := built.LoadKnown(context.Background(), filepath.Join(root, d)); err != nil {
			t.Fatal(err)
		}
	}
	var buf bytes.Buffer
	if err := built.Write(&buf); err != nil {
		t.Fatal(err)
	}
	file := filepath.Join(root, "catalogue.json")
	if err := os.WriteFile(file, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	cat := &artifact.Catalogue{}
	if err := cat.LoadKnown(context.Background(), file); err != nil {
		t.Fatal(err)
	}
	if len(cat.Files) != 3 || len(cat.Named("x.m4")) != 2 || cat.Named("y.m4")[0].Path != "aclocal/sub/y.m4" {
		t.Fatalf("catalogue read back: %+v\n%s", cat.Files, buf.String())
	}
	r, pin := fixture(t)
	tarball := tarBytes(t, "", []entry{
		{name: "README", content: "hello\n"},
		{name: "m4/x.m4", content: "# serial 1\nold, changed and now long as the new one is\n"},
		{name: "m4/sub/x.m4", content: "no serial, short\n"},
	})
	a, err := artifact.Read(context.Background(), writeFile(t, "r.tar", tarball), artifact.DefaultLimits())
	if err != nil {
		t.Fatal(err)
	}
	rep, err := artifact.Compare(context.Background(), r, pin, a, cat)
	if err != nil {
		t.Fatal(err)
	}
	closest := map[string]string{}
	for _, res := range rep.Results {
		if res.Class == artifact.ClassModifiedUpstream {
			closest[res.Path] = res.Closest.Serial
		}
	}
	if closest["m4/x.m4"] != "1" || closest["m4/sub/x.m4"] != "1" || len(closest) != 2 {
		t.Errorf("closest serials %v: want 1 by serial for m4/x.m4 and 1 by size for m4/sub/x.m4", closest)
	}
}

func TestCatalogueRejectsOtherFiles(t *testing.T) {
	dir := t.TempDir()
	for name, content := range map[string]string{
		"archive.json": `{"files": []}`,
		"text":         "not json",
		"badblob.json": `{"format":"sightline-catalogue","version":1,"files":[{"name":"a","blob":"xyz","size":1}]}`,
		"future.json":  `{"format":"sightline-catalogue","version":9,"files":[]}`,
	} {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
		err := (&artifact.Catalogue{}).LoadKnown(context.Background(), p)
		switch {
		case err == nil:
			t.Errorf("%s: accepted", name)
		case name == "future.json" && !strings.Contains(err.Error(), "version 9"),
			name == "badblob.json" && !strings.Contains(err.Error(), "40-digit blob id"),
			(name == "text" || name == "archive.json") && !errors.Is(err, artifact.ErrNotCatalogue):
			t.Errorf("%s: %v", name, err)
		}
	}
}
