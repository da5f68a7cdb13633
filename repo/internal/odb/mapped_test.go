package odb

import (
	"errors"
	"math/rand/v2"
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

// An entry is inflated straight from the mapping: when the pack is cut
// short under it, between its header and the end of its data, the read
// is an error too, not a crash.
func TestPackTruncatedInsideAnEntryIsAnError(t *testing.T) {
	content := make([]byte, 40<<10)
	rng := rand.New(rand.NewPCG(1, 2))
	for i := range content { // incompressible: the stream spans pages
		content[i] = byte(rng.Uint32())
	}
	blob := whole(TypeBlob, content)
	objects := t.TempDir()
	writePack(t, objects, []packObj{blob})
	db := open(t, objects)
	if _, mapped := db.packs[0].r.(mappedFile); !mapped {
		t.Skip("packs are not mapped on this system")
	}
	packs, _ := filepath.Glob(filepath.Join(objects, "pack", "*.pack"))
	if err := os.Truncate(packs[0], int64(os.Getpagesize())); err != nil {
		t.Fatal(err)
	}
	if _, _, err := db.Read(blob.id); !errors.Is(err, errPackShrank) {
		t.Errorf("read of an entry cut short: %v, want %v", err, errPackShrank)
	}
}
