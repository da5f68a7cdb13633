package review

import (
	"errors"
	"path/filepath"
	"strings"
	"testing"

	"sightline/repo"
)

const releaseM4 = "# serial 30\nAC_DEFUN([X], [eval $payload])\n"

func archiveLoc(t *testing.T) Location {
	t.Helper()
	pin, _ := repo.ParseHash(testPin.Commit)
	l, err := NewArchiveLocation(pin, ArchiveRef{Name: "pkg-1.0.tar.xz", SHA256: strings.Repeat("a", 64)}, "src/main.c", []byte(releaseM4), 2, 2)
	if err != nil {
		t.Fatal(err)
	}
	return l
}

// A finding on an archive member keeps its archive through the journal,
// and does not mark the tree's file of the same path.
func TestArchiveLocationSurvivesReopenAndMarksNoTreeFile(t *testing.T) {
	l := archiveLoc(t)
	if l.Blob != gitBlobID([]byte(releaseM4)).String() {
		t.Fatalf("blob %q", l.Blob)
	}
	if got := l.String(); got != "pkg-1.0.tar.xz:src/main.c:2" {
		t.Errorf("String = %q", got)
	}
	dir := filepath.Join(t.TempDir(), "ws")
	w := openWS(t, dir)
	if _, err := w.AddFinding(Finding{Title: "payload", Severity: SeverityCritical, Steps: []Step{{Location: l}}}); err != nil {
		t.Fatal(err)
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	w = openWS(t, dir)
	defer w.Close()
	got := w.Findings()[0].Steps[0].Location
	if got.Archive == nil || *got.Archive != *l.Archive || got.Blob != l.Blob || got.LineHash != l.LineHash {
		t.Fatalf("after reopen %+v, want %+v", got, l)
	}
	if m := LineMarks(w.Findings(), testPin.Commit, "src/main.c"); len(m) != 0 {
		t.Errorf("the archive member's finding marks the tree's src/main.c: %v", m)
	}
	if w.Findings()[0].Covers("src/main.c", "", 2) {
		t.Error("Covers counts an archive step as the tree's file")
	}
}

func TestArchiveLocationRefusals(t *testing.T) {
	pin, _ := repo.ParseHash(testPin.Commit)
	for name, ref := range map[string]ArchiveRef{
		"no name":   {SHA256: strings.Repeat("a", 64)},
		"slash":     {Name: "../x.tar", SHA256: strings.Repeat("a", 64)},
		"short sum": {Name: "x.tar", SHA256: "abc"},
		"upper hex": {Name: "x.tar", SHA256: strings.Repeat("A", 64)},
	} {
		if _, err := NewArchiveLocation(pin, ref, "a", []byte("x\n"), 1, 1); !errors.Is(err, ErrInvalid) {
			t.Errorf("%s: %v, want ErrInvalid", name, err)
		}
	}
	if _, err := NewArchiveLocation(pin, ArchiveRef{Name: "x.tar", SHA256: strings.Repeat("a", 64)}, "a", []byte("x\n"), 2, 2); !errors.Is(err, ErrLocation) {
		t.Errorf("line past the end: %v", err)
	}
	s := Step{Location: archiveLoc(t)}
	s.Location.Side = SidePin
	if err := s.Validate(); !errors.Is(err, ErrInvalid) {
		t.Errorf("archive step with a side: %v", err)
	}
}
