package symbols

import (
	"context"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"testing"

	"sightline/repo/repotest"
	"sightline/repo/repotest/pintest"
)

func TestCacheRoundTripAndChecks(t *testing.T) {
	rt := navRepo(t)
	r, pin := pintest.Head(t, rt)
	ix, err := Build(context.Background(), r, pin.Tree, Options{Limits: Limits{MaxBytes: 1000}})
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	path := CachePath(dir, pin.Tree)
	if _, err := Load(path, pin.Tree); !errors.Is(err, fs.ErrNotExist) {
		t.Fatalf("Load of a missing cache: %v", err)
	}
	if err := Save(ix, pin.Tree, path); err != nil {
		t.Fatal(err)
	}
	got, err := Load(path, pin.Tree)
	if err != nil {
		t.Fatal(err)
	}
	if !got.Cached() || ix.Cached() {
		t.Error("Cached() does not tell a loaded index from a built one")
	}
	if !slices.Equal(got.AllDefs(), ix.AllDefs()) || !slices.Equal(got.Skipped, ix.Skipped) {
		t.Errorf("round trip changed the index:\n got  %v %v\n want %v %v", got.AllDefs(), got.Skipped, ix.AllDefs(), ix.Skipped)
	}
	if err := got.Verify(context.Background(), r, pin.Tree, []string{"src/exec.c", "tools/run.py"}); err != nil {
		t.Errorf("Verify on the tree it was built from: %v", err)
	}

	// Another tree: the cache is refused, and a file that changed fails Verify.
	rt.Commit("edit", repotest.Tree{"src/exec.c": {Content: "int other(void) { return 1; }\n"}})
	pin2 := pintest.Resolve(t, r, "HEAD")
	if _, err := Load(path, pin2.Tree); !errors.Is(err, ErrCacheInvalid) {
		t.Errorf("Load for another tree: %v", err)
	}
	if err := got.Verify(context.Background(), r, pin2.Tree, []string{"src/exec.c"}); !errors.Is(err, ErrCacheInvalid) {
		t.Errorf("Verify of a changed file: %v", err)
	}

	// A flipped byte anywhere, or a cut file, is refused.
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	for _, at := range []int{3, 30, len(data) / 2, len(data) - 1} {
		bad := slices.Clone(data)
		bad[at] ^= 0x20
		p := filepath.Join(dir, "bad.sym")
		if err := os.WriteFile(p, bad, 0o600); err != nil {
			t.Fatal(err)
		}
		if _, err := Load(p, pin.Tree); !errors.Is(err, ErrCacheInvalid) {
			t.Errorf("byte %d flipped: Load = %v", at, err)
		}
	}
	if err := os.WriteFile(path, data[:len(data)-5], 0o600); err != nil {
		t.Fatal(err)
	}
	if _, err := Load(path, pin.Tree); !errors.Is(err, ErrCacheInvalid) {
		t.Errorf("cut file: Load = %v", err)
	}
}
