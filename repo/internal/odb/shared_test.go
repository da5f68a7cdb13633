package odb

import (
	"bytes"
	"testing"
)

// ReadShared keeps a tree it read, verified, as a delta base: the older
// tree stored as a delta of it then resolves without reading it again.
// A tree whose content is not its id is refused and not kept.
func TestReadSharedKeepsVerifiedTrees(t *testing.T) {
	newer := []byte("100644 a.c\x00aaaaaaaaaaaaaaaaaaaa100644 b.c\x00bbbbbbbbbbbbbbbbbbbb")
	older := bytes.Replace(newer, []byte("bbbb"), []byte("cccc"), 1)
	other := []byte("100644 z\x00zzzzzzzzzzzzzzzzzzzz")
	objs := []packObj{
		whole(TypeTree, newer),
		{typ: typeOfsDelta, data: makeDelta(newer, older), base: 0, id: objectID(TypeTree, older)},
		whole(TypeTree, other),
		whole(TypeTree, []byte("100644 y\x00yyyyyyyyyyyyyyyyyyyy")),
	}
	objects := t.TempDir()
	offs := writePack(t, objects, objs, [2]int{2, 3}) // 2 and 3 each lead to the other's bytes
	db := open(t, objects)

	typ, data, err := db.ReadShared(objs[0].id)
	if err != nil || typ != TypeTree || !bytes.Equal(data, newer) {
		t.Fatalf("ReadShared(newer) = %v, %q, %v", typ, data, err)
	}
	if _, ok := db.cache.get(baseKey{0, offs[0]}); !ok {
		t.Fatal("the tree read by ReadShared is not kept for the deltas on it")
	}
	if _, data, err := db.ReadShared(objs[1].id); err != nil || !bytes.Equal(data, older) {
		t.Fatalf("ReadShared(older) = %q, %v", data, err)
	}
	// Read hands out a copy the caller may change; the cache is untouched.
	_, mine, err := db.Read(objs[0].id)
	if err != nil {
		t.Fatal(err)
	}
	mine[0] = 'X'
	if _, data, _ := db.ReadShared(objs[0].id); !bytes.Equal(data, newer) {
		t.Fatalf("changing Read's copy changed the cached tree: %q", data)
	}

	_, _, err = db.ReadShared(objs[2].id)
	wantMismatch(t, "ReadShared of a substituted tree", err, objs[2].id, objs[3].id)
	for _, off := range offs[2:] {
		if _, ok := db.cache.get(baseKey{0, off}); ok {
			t.Fatal("a tree that failed its id check was kept")
		}
	}
}
