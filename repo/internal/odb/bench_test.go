package odb

import (
	"crypto/sha1"
	"fmt"
	"testing"
)

// BenchmarkHash compares sha1cd (collision-detecting, what odb uses)
// with crypto/sha1 on a source-sized object.
func BenchmarkHash(b *testing.B) {
	data := source(7, 16<<10)
	b.Run("sha1cd", func(b *testing.B) {
		b.SetBytes(int64(len(data)))
		for b.Loop() {
			hashObject(TypeBlob, data)
		}
	})
	b.Run("crypto-sha1", func(b *testing.B) {
		b.SetBytes(int64(len(data)))
		for b.Loop() {
			h := sha1.New()
			fmt.Fprintf(h, "blob %d\x00", len(data))
			h.Write(data)
			h.Sum(nil)
		}
	})
}

// benchPack writes 500 source-like blobs of 2-30 KiB: whole, or as 10
// delta chains of 50 (each version a small edit of the one before, the
// newest whole, as git lays them out).
func benchPack(b *testing.B, deltas bool) (string, []ID) {
	objects := b.TempDir()
	var objs []packObj
	for c := range 10 {
		prev := -1
		var prevData []byte
		for v := range 50 {
			data := source(c*50+v, 2<<10+(c*50+v)*(28<<10)/500)
			if deltas && prev >= 0 {
				data = append(prevData[:len(prevData):len(prevData)], fmt.Sprintf("// edit %d\n", v)...)
				objs = append(objs, packObj{typ: typeOfsDelta, data: makeDelta(prevData, data), base: prev, id: objectID(TypeBlob, data)})
			} else {
				objs = append(objs, whole(TypeBlob, data))
			}
			prev, prevData = len(objs)-1, data
		}
	}
	writePack(b, objects, objs)
	ids := make([]ID, len(objs))
	for i, o := range objs {
		ids[i] = o.id
	}
	return objects, ids
}

// BenchmarkRead reads every object of a pack through a fresh DB (cold
// delta base cache), with id verification on and off: the cost of
// issue 17's check.
func BenchmarkRead(b *testing.B) {
	for _, deltas := range []bool{false, true} {
		objects, ids := benchPack(b, deltas)
		for _, verify := range []bool{true, false} {
			b.Run(fmt.Sprintf("deltas=%v/verify=%v", deltas, verify), func(b *testing.B) {
				defer func(v bool) { verifyIDs = v }(verifyIDs)
				verifyIDs = verify
				var n int64
				for b.Loop() {
					db, err := Open(objects, Options{})
					if err != nil {
						b.Fatal(err)
					}
					n = 0
					for _, id := range ids {
						_, data, err := db.Read(id)
						if err != nil {
							b.Fatal(err)
						}
						n += int64(len(data))
					}
					db.Close()
				}
				b.SetBytes(n)
			})
		}
	}
}

// BenchmarkStream streams a 4 MiB blob (inflated as it is read) with
// verification on and off.
func BenchmarkStream(b *testing.B) {
	objects := b.TempDir()
	o := whole(TypeBlob, source(9, 4<<20))
	writePack(b, objects, []packObj{o})
	db, err := Open(objects, Options{})
	if err != nil {
		b.Fatal(err)
	}
	defer db.Close()
	buf := make([]byte, 1<<20)
	for _, verify := range []bool{true, false} {
		b.Run(fmt.Sprintf("verify=%v", verify), func(b *testing.B) {
			defer func(v bool) { verifyIDs = v }(verifyIDs)
			verifyIDs = verify
			b.SetBytes(int64(len(o.data)))
			for b.Loop() {
				_, _, rc, err := db.Stream(o.id)
				if err != nil {
					b.Fatal(err)
				}
				for {
					if _, err := rc.Read(buf); err != nil {
						if err.Error() != "EOF" {
							b.Fatal(err)
						}
						break
					}
				}
				rc.Close()
			}
		})
	}
}
