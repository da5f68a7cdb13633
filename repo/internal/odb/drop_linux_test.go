package odb

import (
	"bytes"
	"math/rand/v2"
	"strings"
	"testing"

	"sightline/repo/repotest"
)

// packRSS is the resident size, in KiB, of this process's mapping of the
// pack file under objects.
func packRSS(t *testing.T) int {
	return repotest.MappedRSS(t, func(path string) bool { return strings.HasSuffix(path, ".pack") })
}

// After DropMappedPages the pack's pages read so far are no longer
// resident in this process, and every object still reads back exactly.
func TestDropMappedPagesReleasesAndKeepsContent(t *testing.T) {
	objects := t.TempDir()
	rng := rand.New(rand.NewPCG(1, 2))
	var objs []packObj
	var contents [][]byte
	for range 64 {
		data := make([]byte, 64<<10) // incompressible: the pack is ~4 MiB
		for i := range data {
			data[i] = byte(rng.Uint32())
		}
		objs = append(objs, whole(TypeBlob, data))
		contents = append(contents, data)
	}
	writePack(t, objects, objs)
	db := open(t, objects)
	if m, ok := db.packs[0].r.(mappedFile); !ok || len(m) == 0 {
		t.Skip("the pack is not mapped here")
	}
	readAll := func() {
		t.Helper()
		for i, o := range objs {
			if _, data, err := db.Read(o.id); err != nil || !bytes.Equal(data, contents[i]) {
				t.Fatalf("object %d: %v", i, err)
			}
		}
	}
	readAll()
	before := packRSS(t)
	if before < 2048 {
		t.Fatalf("the pack mapping holds %d KiB after reading it all; want most of its 4 MiB", before)
	}
	db.DropMappedPages()
	if after := packRSS(t); after > before/4 {
		t.Fatalf("after DropMappedPages the mapping still holds %d KiB (was %d)", after, before)
	}
	readAll()
}
