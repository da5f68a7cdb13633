package odb

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"strings"
	"testing"
)

// source is n bytes of source-like text, different for each seed.
func source(seed, n int) []byte {
	var b bytes.Buffer
	for i := 0; b.Len() < n; i++ {
		fmt.Fprintf(&b, "\tif err := check%d(ctx, req, %d); err != nil { return err } // %d\n", i%97, i*seed, seed)
	}
	return b.Bytes()[:n]
}

// wantMismatch checks that err is a hash mismatch naming want and got.
func wantMismatch(t *testing.T, what string, err error, want, got ID) {
	t.Helper()
	var m *HashMismatchError
	if !errors.Is(err, ErrHashMismatch) || !errors.As(err, &m) || m.Want != want || m.Got != got {
		t.Fatalf("%s: %v; want a hash mismatch: %s hashes to %s", what, err, want, got)
	}
	for _, id := range []ID{want, got} {
		if !strings.Contains(err.Error(), id.String()) {
			t.Fatalf("%s: %q does not name %s", what, err, id)
		}
	}
}

// readStream reads an object through Stream to the end, as callers do
// (io.ReadAll), and also exactly its size (io.ReadFull, which drops an
// error returned with the last bytes): both must fail on a mismatch.
func readStream(db *DB, id ID) (all, exact error) {
	_, _, rc, err := db.Stream(id)
	if err != nil {
		return err, err
	}
	_, all = io.ReadAll(rc)
	rc.Close()
	_, size, rc, err := db.Stream(id)
	if err != nil {
		return all, err
	}
	defer rc.Close()
	_, exact = io.ReadFull(rc, make([]byte, size))
	return all, exact
}

func open(t *testing.T, objects string) *DB {
	t.Helper()
	db, err := Open(objects, Options{CacheBytes: 1 << 20})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

// A loose object file holding another object (HOST-28) is refused by
// Read and Stream, small, large (many reads) or empty.
func TestSubstitutedLooseObject(t *testing.T) {
	objects := t.TempDir()
	cases := []struct{ name, orig, evil []byte }{
		{[]byte("small"), []byte("return checkPassword(p)\n"), []byte("return true\n")},
		{[]byte("large"), source(1, 3<<20), source(2, 3<<20)},
		{[]byte("empty"), []byte("x\n"), nil},
	}
	for _, c := range cases {
		orig, evil := objectID(TypeBlob, c.orig), objectID(TypeBlob, c.evil)
		writeLoose(t, objects, orig, TypeBlob, c.evil)
		intact := objectID(TypeBlob, append(c.orig, '!'))
		writeLoose(t, objects, intact, TypeBlob, append(c.orig, '!'))
		db := open(t, objects)
		_, _, err := db.Read(orig)
		wantMismatch(t, string(c.name)+" Read", err, orig, evil)
		all, exact := readStream(db, orig)
		wantMismatch(t, string(c.name)+" Stream to EOF", all, orig, evil)
		wantMismatch(t, string(c.name)+" Stream, exactly its size", exact, orig, evil)
		if _, data, err := db.Read(intact); err != nil || !bytes.Equal(data, append(c.orig, '!')) {
			t.Fatalf("%s: intact neighbour: %v", c.name, err)
		}
		if all, exact := readStream(db, intact); all != nil || exact != nil {
			t.Fatalf("%s: intact neighbour streamed: %v, %v", c.name, all, exact)
		}
	}
}

// A pack whose index swaps two entries' offsets (and CRCs, so it is
// self-consistent) hands each id the other's content: Read and Stream
// refuse both, on the in-memory path and the streamed one (big entries).
func TestSwappedIndexOffsets(t *testing.T) {
	objects := t.TempDir()
	objs := []packObj{
		whole(TypeBlob, []byte("func auth() bool { return check() }\n")),
		whole(TypeBlob, []byte("func auth() bool { return true }\n")),
		whole(TypeBlob, source(3, 2<<20)), // streamed, not read in one window
		whole(TypeBlob, source(4, 2<<20)),
		whole(TypeTree, []byte("100644 a\x00aaaaaaaaaaaaaaaaaaaa")),
	}
	writePack(t, objects, objs, [2]int{0, 1}, [2]int{2, 3})
	db := open(t, objects)
	for _, pair := range [][2]int{{0, 1}, {1, 0}, {2, 3}, {3, 2}} {
		want, got := objs[pair[0]].id, objs[pair[1]].id
		_, _, err := db.Read(want)
		wantMismatch(t, "Read", err, want, got)
		all, exact := readStream(db, want)
		wantMismatch(t, "Stream to EOF", all, want, got)
		wantMismatch(t, "Stream, exactly its size", exact, want, got)
	}
	if _, data, err := db.Read(objs[4].id); err != nil || !bytes.Equal(data, objs[4].data) {
		t.Fatalf("the untouched entry: %v", err)
	}
	if _, size, err := db.Header(objs[0].id); err != nil || size != int64(len(objs[1].data)) {
		t.Fatalf("Header reads without hashing: %d, %v", size, err)
	}
}

// A delta base whose content is not the object its index lists at its
// offset is refused before it is cached or used, and the error names the
// base; the object itself, read directly, is refused too.
func TestSubstitutedDeltaBase(t *testing.T) {
	base := source(5, 20000)
	fake := bytes.Clone(base) // same size: the delta applies cleanly
	copy(fake[100:], "return true // ")
	target := append(bytes.Clone(base), "\tauditLog(req)\n"...)
	baseID, fakeID := objectID(TypeBlob, base), objectID(TypeBlob, fake)
	targetID := objectID(TypeBlob, target)

	t.Run("ofs delta on a substituted entry", func(t *testing.T) {
		objects := t.TempDir()
		writePack(t, objects, []packObj{
			{typ: TypeBlob, data: fake, id: baseID},
			{typ: typeOfsDelta, data: makeDelta(base, target), base: 0, id: targetID},
		})
		db := open(t, objects)
		for range 2 { // the second time would come from the cache, were it poisoned
			_, _, err := db.Read(targetID)
			wantMismatch(t, "Read of the delta", err, baseID, fakeID)
			if !strings.Contains(err.Error(), "delta base") {
				t.Fatalf("the error does not say the base is at fault: %v", err)
			}
			all, exact := readStream(db, targetID)
			wantMismatch(t, "Stream of the delta", all, baseID, fakeID)
			wantMismatch(t, "Stream of the delta, exactly", exact, baseID, fakeID)
		}
		_, _, err := db.Read(baseID)
		wantMismatch(t, "Read of the base", err, baseID, fakeID)
	})

	t.Run("ref delta on a substituted loose object", func(t *testing.T) {
		objects := t.TempDir()
		writeLoose(t, objects, baseID, TypeBlob, fake)
		writePack(t, objects, []packObj{
			{typ: typeRefDelta, data: makeDelta(base, target), baseID: baseID, id: targetID},
		})
		db := open(t, objects)
		_, _, err := db.Read(targetID)
		wantMismatch(t, "Read of the delta", err, baseID, fakeID)
		all, _ := readStream(db, targetID)
		wantMismatch(t, "Stream of the delta", all, baseID, fakeID)
	})

	// The middle of a chain is wrong, but the top delta was made against
	// the wrong middle, so the top comes out right: only checking each
	// base catches the damage (a check of the result alone would not).
	t.Run("substituted middle of a chain", func(t *testing.T) {
		objects := t.TempDir()
		mid := append(bytes.Clone(base), "\tmid()\n"...)
		fakeMid := append(bytes.Clone(fake), "\tmid()\n"...)
		midID := objectID(TypeBlob, mid)
		writePack(t, objects, []packObj{
			whole(TypeBlob, fake),
			{typ: typeOfsDelta, data: makeDelta(fake, fakeMid), base: 0, id: midID},
			{typ: typeOfsDelta, data: makeDelta(fakeMid, target), base: 1, id: targetID},
		})
		db := open(t, objects)
		_, _, err := db.Read(targetID)
		wantMismatch(t, "Read of the top", err, midID, objectID(TypeBlob, fakeMid))
		_, _, err = db.Read(midID)
		wantMismatch(t, "Read of the middle", err, midID, objectID(TypeBlob, fakeMid))
		if _, data, err := db.Read(fakeID); err != nil || !bytes.Equal(data, fake) {
			t.Fatalf("the intact bottom of the chain: %v", err)
		}
	})
}

// Verified bases are cached with their ids: a later read of a base
// through the cache is not hashed again, and still checked.
func TestCachedBasesCarryTheirIDs(t *testing.T) {
	objects := t.TempDir()
	base := source(6, 30000)
	top := append(bytes.Clone(base), "more\n"...)
	objs := []packObj{
		whole(TypeBlob, base),
		{typ: typeOfsDelta, data: makeDelta(base, top), base: 0, id: objectID(TypeBlob, top)},
	}
	writePack(t, objects, objs)
	db := open(t, objects)
	if _, data, err := db.Read(objs[1].id); err != nil || !bytes.Equal(data, top) {
		t.Fatalf("Read of the delta: %v", err)
	}
	offs, _ := db.packs[0].idx.offset(db.packs[0].idx.find(objs[0].id))
	b, ok := db.cache.get(baseKey{0, offs})
	if !ok || !b.hashed || b.id != objs[0].id {
		t.Fatalf("cached base: %v, hashed %v, id %s; want %s", ok, b.hashed, b.id, objs[0].id)
	}
	if _, data, err := db.Read(objs[0].id); err != nil || !bytes.Equal(data, base) {
		t.Fatalf("Read of the cached base: %v", err)
	}
}

// A delta base is hashed the first time a chain crosses it, not each time
// the chain is resolved again after the cache let it go; the objects
// handed out are still each checked, and the base read as an object
// itself is hashed then.
func TestBasesAreCheckedOncePerDB(t *testing.T) {
	objects := t.TempDir()
	base := source(7, 30000)
	one := append(bytes.Clone(base), "one\n"...)
	two := append(bytes.Clone(base), "two\n"...)
	objs := []packObj{
		whole(TypeBlob, base),
		{typ: typeOfsDelta, data: makeDelta(base, one), base: 0, id: objectID(TypeBlob, one)},
		{typ: typeOfsDelta, data: makeDelta(base, two), base: 0, id: objectID(TypeBlob, two)},
	}
	writePack(t, objects, objs)
	// A cache too small to hold the base: every read resolves it again.
	db, err := Open(objects, Options{CacheBytes: 1024})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	for range 3 {
		for i, want := range [][]byte{one, two} {
			if _, data, err := db.Read(objs[i+1].id); err != nil || !bytes.Equal(data, want) {
				t.Fatalf("Read of delta %d: %v", i+1, err)
			}
		}
	}
	if db.checked.checks != 1 {
		t.Fatalf("the base was hashed as a base %d times over six reads; want once", db.checked.checks)
	}
	if _, data, err := db.Read(objs[0].id); err != nil || !bytes.Equal(data, base) {
		t.Fatalf("Read of the base itself: %v", err)
	}
}
