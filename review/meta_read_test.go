package review

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"testing"
)

func TestReadMeta(t *testing.T) {
	dir := t.TempDir()
	want := Meta{Repository: "fw", GitDir: "/src/fw/.git", ObjectFormat: "sha1",
		Pin: Rev{Commit: "0123456789012345678901234567890123456789", Tree: "1111111111111111111111111111111111111111", Ref: "v2"}}
	ws, err := Open(dir, want)
	if err != nil {
		t.Fatal(err)
	}
	if err := ws.SetReviewer("bob"); err != nil {
		t.Fatal(err)
	}
	if err := ws.Close(); err != nil {
		t.Fatal(err)
	}
	got, err := ReadMeta(dir)
	if err != nil || got != want {
		t.Fatalf("ReadMeta = %+v, %v; want %+v", got, err, want)
	}
	if _, err := ReadMeta(filepath.Join(dir, "nope")); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("missing workspace: %v, want fs.ErrNotExist", err)
	}
	j := filepath.Join(dir, journalName)
	b, _ := os.ReadFile(j)
	b[20] ^= 1
	if err := os.WriteFile(j, b, 0o600); err != nil {
		t.Fatal(err)
	}
	if _, err := ReadMeta(dir); !errors.Is(err, ErrCorrupt) {
		t.Errorf("damaged first event: %v, want ErrCorrupt", err)
	}
}
