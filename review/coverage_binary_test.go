package review

import (
	"context"
	"path/filepath"
	"strings"
	"testing"

	"sightline/repo/repotest"
)

// Issue 12.4: a binary file is read as bytes in a hex view, so coverage
// counts its bytes, not the LFs that happen to be in it.
func TestBinaryFilesCountBytesNotLines(t *testing.T) {
	bin := "\x00\x01\n\n\n" + strings.Repeat("\xff\n", 2000) // 4,005 bytes, 2,003 LFs
	_, r, pin := openTestRepo(t, repotest.Tree{
		"fw/image.bin": {Content: bin},
		"fw/notes.txt": {Content: "a\nb\n"},
	})
	files, err := FilesUnder(context.Background(), r, pin.Tree, "fw")
	if err != nil {
		t.Fatal(err)
	}
	if len(files) != 2 || files[0].Path != "fw/image.bin" || files[0].Lines != 0 || files[0].Bytes != 4005 ||
		files[1].Lines != 2 || files[1].Bytes != 0 {
		t.Fatalf("FilesUnder(fw) = %+v, want the binary as 4005 bytes and no lines, the text as 2 lines", files)
	}

	dir := filepath.Join(t.TempDir(), "ws")
	w := openWS(t, dir)
	if err := w.MarkReviewedFiles(true, files...); err != nil {
		t.Fatal(err)
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	w = openWS(t, dir) // the bytes survive the journal
	defer w.Close()
	got := w.Reviewed()
	if len(got) != 2 || got[0] != files[0] || got[1] != files[1] {
		t.Fatalf("after reopen %+v, want %+v", got, files)
	}
	p := w.Progress(Totals{Files: 2, Lines: 2, Bytes: 4005})
	if p.Lines != 2 || p.Bytes != 4005 || p.TotalBytes != 4005 {
		t.Fatalf("progress %+v: want 2 lines and 4005 bytes", p)
	}
	if s := ByteCount(p.Bytes); s != "4,005 B" {
		t.Errorf("ByteCount = %q", s)
	}
}
