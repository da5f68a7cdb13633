package repo

import (
	"bytes"
	"context"
	"errors"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"github.com/go-git/go-git/v5/plumbing"
	"github.com/go-git/go-git/v5/plumbing/filemode"

	"sightline/repo/repotest"
)

func TestReadBlob(t *testing.T) {
	nulAt := func(i, n int) string {
		b := bytes.Repeat([]byte("x"), n)
		b[i] = 0
		return string(b)
	}
	tr := repotest.New(t)
	tr.Commit("blobs", repotest.Tree{
		"text.txt":    {Content: "hello\nworld\n"},
		"nul7999.c":   {Content: nulAt(7999, 9000)},
		"nul8000.c":   {Content: nulAt(8000, 9000)},
		"empty":       {Content: ""},
		"link":        {Content: "../outside/target", Mode: filemode.Symlink},
		"script.sh":   {Content: "#!/bin/sh\n", Mode: filemode.Executable},
		"nul5000.bin": {Content: nulAt(5000, 6000)},
	})
	r, pin := openAt(t, tr)
	ctx := context.Background()
	read := func(path string, limit int64) Blob {
		t.Helper()
		e, err := r.Lookup(ctx, pin.Tree, path)
		if err != nil {
			t.Fatal(err)
		}
		b, err := r.ReadBlob(ctx, e.Hash, limit)
		if err != nil {
			t.Fatalf("ReadBlob %s: %v", path, err)
		}
		if b.Hash != e.Hash {
			t.Errorf("%s: blob hash %s, want %s", path, b.Hash, e.Hash)
		}
		return b
	}
	cases := []struct {
		path                      string
		limit                     int64
		data                      string
		size                      int64
		truncated, binary, hasNUL bool
	}{
		{"text.txt", -1, "hello\nworld\n", 12, false, false, false},
		{"text.txt", 5, "hello", 12, true, false, false},
		{"text.txt", 0, "", 12, true, false, false},
		{"empty", 100, "", 0, false, false, false},
		// git's rule: a NUL within the first 8000 bytes makes it binary.
		{"nul7999.c", -1, nulAt(7999, 9000), 9000, false, true, true},
		{"nul8000.c", -1, nulAt(8000, 9000), 9000, false, false, true},
		// Binary is decided on 8000 bytes even when fewer are returned.
		{"nul5000.bin", 10, "xxxxxxxxxx", 6000, true, true, false},
	}
	for _, c := range cases {
		b := read(c.path, c.limit)
		if string(b.Data) != c.data || b.Size != c.size || b.Truncated != c.truncated || b.Binary != c.binary || b.HasNUL != c.hasNUL {
			t.Errorf("ReadBlob(%s, %d) = size %d truncated %v binary %v nul %v data %.20q; want size %d truncated %v binary %v nul %v data %.20q",
				c.path, c.limit, b.Size, b.Truncated, b.Binary, b.HasNUL, b.Data, c.size, c.truncated, c.binary, c.hasNUL, c.data)
		}
	}
	link, _ := r.Lookup(ctx, pin.Tree, "link")
	if target, err := r.SymlinkTarget(ctx, link); err != nil || target != "../outside/target" {
		t.Errorf("SymlinkTarget = %q, %v", target, err)
	}
	if e, _ := r.Lookup(ctx, pin.Tree, "script.sh"); e.Kind != KindExec {
		t.Errorf("script.sh kind %v, want exec", e.Kind)
	}
}

func TestOpenBlobStreams(t *testing.T) {
	tr := repotest.New(t)
	content := strings.Repeat("0123456789abcdef", 1<<12)
	tr.Commit("one", repotest.Tree{"f": {Content: content}})
	r, pin := openAt(t, tr)
	e, _ := r.Lookup(context.Background(), pin.Tree, "f")
	rd, size, err := r.OpenBlob(context.Background(), e.Hash)
	if err != nil {
		t.Fatal(err)
	}
	got, err := io.ReadAll(rd)
	if err != nil || rd.Close() != nil {
		t.Fatal(err)
	}
	if size != int64(len(content)) || string(got) != content {
		t.Fatalf("OpenBlob: size %d, %d bytes read; want %d", size, len(got), len(content))
	}
}

func TestMissingBlobNamesIt(t *testing.T) {
	tr := repotest.New(t)
	tr.Commit("one", repotest.Tree{"gone.txt": {Content: "soon gone\n"}, "kept.txt": {Content: "kept\n"}})
	gone := tr.Blob("soon gone\n")
	if err := os.Remove(tr.ObjectPath(gone)); err != nil {
		t.Fatal(err)
	}
	r, pin := openAt(t, tr)
	ctx := context.Background()
	_, err := r.ReadBlob(ctx, Hash(gone), 1<<20)
	if !errors.Is(err, ErrMissingObject) || !strings.Contains(err.Error(), gone.String()) {
		t.Fatalf("ReadBlob of a missing blob: %v; want ErrMissingObject naming %s", err, gone)
	}
	// The tree still lists it, and its sibling still reads.
	root, err := r.ReadTree(ctx, pin.Tree, "")
	if err != nil || len(root) != 2 {
		t.Fatalf("root: %+v, %v", root, err)
	}
	if b, err := r.ReadBlob(ctx, root[1].Hash, -1); err != nil || string(b.Data) != "kept\n" {
		t.Fatalf("sibling: %q, %v", b.Data, err)
	}
	// A tree is not a blob: say so rather than return tree bytes.
	if _, err := r.ReadBlob(ctx, pin.Tree, -1); err == nil || !strings.Contains(err.Error(), "not a blob") {
		t.Fatalf("ReadBlob of a tree: %v", err)
	}
}

// A 100 MiB blob is read and streamed without being loaded whole.
func TestHugeBlobIsNotLoadedWhole(t *testing.T) {
	if testing.Short() || raceEnabled {
		t.Skip("writes a 100 MiB object; skipped in -short and -race runs")
	}
	tr := repotest.New(t)
	tr.Commit("one", repotest.Tree{"small": {Content: "s"}})
	const size = 100 << 20
	id := Hash(repotest.WriteLooseBlob(t, filepath.Join(tr.Dir, ".git"), size, 'y'))
	r, _ := openAt(t, tr)
	ctx := context.Background()

	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	b, err := r.ReadBlob(ctx, id, 64<<10)
	if err != nil {
		t.Fatal(err)
	}
	if b.Size != size || !b.Truncated || len(b.Data) != 64<<10 || !strings.HasPrefix(string(b.Data), "line one\n") || b.Binary {
		t.Fatalf("ReadBlob: size %d truncated %v len %d binary %v", b.Size, b.Truncated, len(b.Data), b.Binary)
	}
	rd, n, err := r.OpenBlob(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	h := plumbing.NewHasher(plumbing.BlobObject, n)
	copied, err := io.Copy(h, rd)
	if err != nil || rd.Close() != nil || copied != size || Hash(h.Sum()) != id {
		t.Fatalf("streamed %d bytes, hash %s, err %v; want %d bytes hashing to %s", copied, Hash(h.Sum()), err, size, id)
	}
	if err := r.VerifyObject(ctx, id); err != nil {
		t.Fatalf("VerifyObject of the huge blob: %v", err)
	}
	runtime.ReadMemStats(&after)
	alloc := after.TotalAlloc - before.TotalAlloc
	t.Logf("read 64 KiB, streamed and verified 100 MiB: %d KiB allocated", alloc>>10)
	if alloc > 16<<20 {
		t.Fatalf("reading a 100 MiB blob allocated %d MiB: it was loaded whole", alloc>>20)
	}
}
