package symbols

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"testing"
)

// What the taggers find in testdata, and the cache magic it was recorded
// under. A tagger change that alters a definition here must come with a
// new cacheMagic, or caches written before it would keep answering with
// the old definitions; then record both anew.
const (
	taggedDigest      = "eb9e3d1b31cd6ed5832ce113eef0743f3af7ec03a09d895f5758d64d3e7a6e7d"
	taggedDigestMagic = "SLSYMIX3"
)

func TestCacheMagicFollowsTheTaggers(t *testing.T) {
	var paths []string
	err := filepath.WalkDir("testdata", func(p string, d fs.DirEntry, err error) error {
		if err == nil && d.Type().IsRegular() {
			paths = append(paths, p)
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(paths) < 10 {
		t.Fatalf("only %d sample files found", len(paths))
	}
	h := sha256.New()
	for _, p := range paths {
		src, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		f, err := Tag(p, src, DefaultLimits)
		if err != nil {
			t.Fatal(err)
		}
		for _, d := range f.Defs {
			fmt.Fprintf(h, "%s\x00%s\x00%s\x00%d\x00%d\x00%s\x00%s\x00%v\n", d.Path, d.Name, d.Kind, d.Line, d.Col, d.Scope, d.Lang, d.Precise)
		}
	}
	got := hex.EncodeToString(h.Sum(nil))
	switch {
	case got == taggedDigest && cacheMagic == taggedDigestMagic:
	case got != taggedDigest && cacheMagic == taggedDigestMagic:
		t.Fatalf("the taggers now find other definitions in testdata (digest %s), but cacheMagic is still %q: change it, so that caches written before are rebuilt, then record the digest and the magic here", got, cacheMagic)
	default:
		t.Fatalf("record the taggers' digest %s under cacheMagic %q here", got, cacheMagic)
	}
}
