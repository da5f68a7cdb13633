package repo

import (
	"bytes"
	"compress/zlib"
	"context"
	"errors"
	"os"
	"strings"
	"testing"

	"sightline/repo/repotest"
)

// A loose object file replaced by another valid blob reads back as the
// substitute in go-git and git (they do not check); ReadBlob and
// VerifyObject refuse it.
func TestVerifyObjectCatchesSubstitutedContent(t *testing.T) {
	tr := repotest.New(t)
	tr.Commit("one", repotest.Tree{"auth.go": {Content: "return checkPassword(p)\n"}, "ok.txt": {Content: "fine\n"}})
	r0, pin := openAt(t, tr)
	ctx := context.Background()
	orig, _ := r0.Lookup(ctx, pin.Tree, "auth.go")
	for _, h := range []Hash{orig.Hash, pin.Tree, pin.Commit} {
		if err := r0.VerifyObject(ctx, h); err != nil {
			t.Fatalf("intact object %s: %v", h, err)
		}
	}
	_ = r0.Close()

	evil := "return true\n"
	evilID := tr.Blob(evil)
	var z bytes.Buffer
	zw := zlib.NewWriter(&z)
	_, _ = zw.Write([]byte("blob 12\x00" + evil))
	_ = zw.Close()
	p := tr.ObjectPath(orig.Hash.plumbing())
	_ = os.Chmod(p, 0o644)
	if err := os.WriteFile(p, z.Bytes(), 0o444); err != nil {
		t.Fatal(err)
	}

	r, _ := openAt(t, tr)
	b, err := r.ReadBlob(ctx, orig.Hash, -1)
	if !errors.Is(err, ErrHashMismatch) || !strings.Contains(err.Error(), orig.Hash.String()) || !strings.Contains(err.Error(), evilID.String()) {
		t.Fatalf("ReadBlob of the substitute = %q, %v; want ErrHashMismatch naming %s and %s (issue 17: it used to read back silently)", b.Data, err, orig.Hash, evilID)
	}
	err = r.VerifyObject(ctx, orig.Hash)
	if !errors.Is(err, ErrHashMismatch) || !strings.Contains(err.Error(), orig.Hash.String()) || !strings.Contains(err.Error(), evilID.String()) {
		t.Fatalf("VerifyObject = %v; want ErrHashMismatch naming %s and %s", err, orig.Hash, evilID)
	}
	ok, _ := r.Lookup(ctx, pin.Tree, "ok.txt")
	if err := r.VerifyObject(ctx, ok.Hash); err != nil {
		t.Fatalf("untouched sibling: %v", err)
	}
	var missing Hash
	missing[0] = 1
	if err := r.VerifyObject(ctx, missing); !errors.Is(err, ErrMissingObject) {
		t.Fatalf("missing object: %v", err)
	}
}
