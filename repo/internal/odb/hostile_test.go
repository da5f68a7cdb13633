package odb

import (
	"bytes"
	"compress/zlib"
	"errors"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
)

// smallPackedRepo builds a repository whose objects are all in one pack
// with deltas, and returns its objects directory and object ids.
func smallPackedRepo(t *testing.T) (string, []ID) {
	needGit(t)
	dir := t.TempDir()
	git(t, dir, "init", "-q", "-b", "main")
	body := strings.Repeat("a line of text that repeats\n", 40)
	for i := range 3 {
		write(t, dir, "f.txt", body+strings.Repeat("x", i)+"\n")
		git(t, dir, "add", "-A")
		git(t, dir, "commit", "-q", "-m", "c")
	}
	git(t, dir, "repack", "-a", "-d", "-f", "-q")
	var ids []ID
	for id := range allObjects(t, dir) {
		ids = append(ids, id)
	}
	return filepath.Join(dir, ".git", "objects"), ids
}

// readEverything reads every object every way; it must never panic.
func readEverything(db *DB, ids []ID) {
	for _, id := range ids {
		db.Read(id)
		db.Header(id)
		if _, _, rc, err := db.Stream(id); err == nil {
			io.Copy(io.Discard, rc)
			rc.Close()
		}
		db.Has(id)
	}
}

// Every single-byte change to the pack or its index gives an error or the
// right content, never other content, a panic or a hang (zlib's checksum
// catches changed data, the delta and size checks changed headers).
func TestEveryByteFlipOfAPack(t *testing.T) {
	objects, ids := smallPackedRepo(t)
	matches, _ := filepath.Glob(filepath.Join(objects, "pack", "*.pack"))
	if len(matches) != 1 {
		t.Fatalf("%d packs", len(matches))
	}
	mismatches := map[string]int{} // flips reported as a hash mismatch, by file
	for _, file := range []string{matches[0], strings.TrimSuffix(matches[0], ".pack") + ".idx"} {
		orig, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		os.Chmod(file, 0o644)
		for i := range orig {
			flipped := bytes.Clone(orig)
			flipped[i] ^= 0x55
			if err := os.WriteFile(file, flipped, 0o644); err != nil {
				t.Fatal(err)
			}
			db, err := Open(objects, Options{CacheBytes: 1 << 16})
			if err != nil {
				continue // refused at open: fine
			}
			readEverything(db, ids)
			caught := false
			for _, id := range ids {
				typ, data, err := db.Read(id)
				if err == nil && objectID(typ, data) != id {
					t.Errorf("%s byte %d flipped: %s reads back as other content, without an error", filepath.Ext(file), i, id)
				}
				caught = caught || errors.Is(err, ErrHashMismatch)
			}
			if caught {
				mismatches[filepath.Ext(file)]++
			}
			db.Close()
		}
		if err := os.WriteFile(file, orig, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	// Some damage is caught only by recomputing ids: an index offset
	// flipped onto another entry leaves every checksum intact.
	t.Logf("flips reported as a hash mismatch: %v", mismatches)
	if mismatches[".idx"] == 0 {
		t.Errorf("no flipped index byte was reported as a hash mismatch")
	}
	// Cut short at every length: refused or errors, never a panic.
	orig, _ := os.ReadFile(matches[0])
	for n := 0; n < len(orig); n += 7 {
		os.WriteFile(matches[0], orig[:n], 0o644)
		if db, err := Open(objects, Options{}); err == nil {
			readEverything(db, ids)
			db.Close()
		}
	}
}

// A FIFO where a pack should be must not block Open.
func TestFIFOInPackDirIsRefused(t *testing.T) {
	objects, _ := smallPackedRepo(t)
	matches, _ := filepath.Glob(filepath.Join(objects, "pack", "*.pack"))
	os.Remove(matches[0])
	if err := mkfifo(matches[0]); err != nil {
		t.Skipf("no FIFOs here: %v", err)
	}
	if _, err := Open(objects, Options{}); err == nil || !strings.Contains(err.Error(), "not a regular file") {
		t.Fatalf("Open with a FIFO for a pack: %v", err)
	}
}

func FuzzApplyDelta(f *testing.F) {
	f.Add([]byte("hello world"), []byte{11, 5, 0x91, 0, 5})
	f.Add([]byte("abc"), []byte{3, 3, 3, 'x', 'y', 'z'})
	f.Add([]byte{}, []byte{0, 0x10, 0x80})
	f.Fuzz(func(t *testing.T, base, delta []byte) {
		out, err := applyDelta(base, delta, 1<<20)
		if err != nil {
			return
		}
		_, want, _, _ := deltaSizes(delta)
		if uint64(len(out)) != want {
			t.Fatalf("produced %d bytes, the delta announced %d", len(out), want)
		}
	})
}

func FuzzPackIndex(f *testing.F) {
	valid := make([]byte, idxHeaderLen+fanoutLen+2*idSize)
	copy(valid, idxMagic)
	valid[7] = 2
	f.Add(valid)
	f.Fuzz(func(t *testing.T, data []byte) {
		x, err := parsePackIndex(data)
		if err != nil {
			return
		}
		for i := range min(x.count, 64) {
			x.offset(i)
		}
		var id ID
		x.find(id)
		x.withPrefix("00", nil)
	})
}

// A loose object whose header claims more than its file could inflate
// to is refused before anything is allocated for it, by every reader.
func TestLooseObjectWithAnImpossibleSize(t *testing.T) {
	dir := t.TempDir()
	var id ID
	id[0], id[1] = 0xab, 0xcd
	var buf bytes.Buffer
	zw := zlib.NewWriter(&buf)
	zw.Write([]byte("blob 1125899906842624\x00tiny"))
	zw.Close()
	p := filepath.Join(dir, "ab", id.String()[2:])
	os.MkdirAll(filepath.Dir(p), 0o755)
	if err := os.WriteFile(p, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	db, err := Open(dir, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if _, _, err := db.Read(id); err == nil || !strings.Contains(err.Error(), "cannot come from") {
		t.Errorf("Read: %v", err)
	}
	if _, _, _, err := db.Stream(id); err == nil || !strings.Contains(err.Error(), "cannot come from") {
		t.Errorf("Stream: %v", err)
	}
	if _, _, err := db.Header(id); err == nil {
		t.Errorf("Header accepted the size")
	}
}

// ReadExactly allocates what the stream holds, not what it is said to.
func TestReadExactlyGrowsWithTheData(t *testing.T) {
	data := bytes.Repeat([]byte("x"), 3<<20)
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	_, err := ReadExactly(bytes.NewReader(data), 1<<40)
	runtime.ReadMemStats(&after)
	if err == nil {
		t.Fatal("a stream 1 TiB short was read without an error")
	}
	if grew := after.TotalAlloc - before.TotalAlloc; grew > 256<<20 {
		t.Fatalf("allocated %d MiB for 3 MiB of data", grew>>20)
	}
	got, err := ReadExactly(bytes.NewReader(append(data, data...)), int64(len(data)))
	if err != nil || !bytes.Equal(got, data) {
		t.Fatalf("exact read: %d bytes, %v", len(got), err)
	}
	big := bytes.Repeat([]byte("y"), trustedAlloc+5)
	if got, err := ReadExactly(bytes.NewReader(big), int64(len(big))); err != nil || !bytes.Equal(got, big) {
		t.Fatalf("read past the trusted size: %d bytes, %v", len(got), err)
	}
}
