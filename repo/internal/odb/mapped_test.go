package odb

import (
	"errors"
	"os"
	"path/filepath"
	"testing"
)

// A pack truncated by another process after it was opened (and mapped)
// reads as an error naming the cause, never a crash of the program.
func TestPackTruncatedAfterOpenIsAnError(t *testing.T) {
	objects, ids := smallPackedRepo(t)
	db := open(t, objects)
	packs, _ := filepath.Glob(filepath.Join(objects, "pack", "*.pack"))
	if len(packs) != 1 {
		t.Fatalf("want one pack, got %v", packs)
	}
	if err := os.Truncate(packs[0], 0); err != nil {
		t.Fatal(err)
	}
	failed := 0
	for _, id := range ids {
		if _, _, err := db.Read(id); err != nil {
			failed++
			if _, mapped := db.packs[0].r.(mappedFile); mapped && !errors.Is(err, errPackShrank) {
				t.Errorf("read %s: %v, want %v", id, err, errPackShrank)
			}
		}
	}
	if failed != len(ids) {
		t.Errorf("%d of %d objects read from a pack truncated to nothing", len(ids)-failed, len(ids))
	}
}
