package repo

import (
	"context"
	"os/exec"
	"strings"
	"testing"

	"sightline/repo/repotest"
)

// Real repositories keep objects in packs, where go-git reads through
// deltas and streams objects above the large-object threshold; the
// readers must give the same answers there as on loose objects.
func TestPackedRepository(t *testing.T) {
	hasGit(t)
	tr := repotest.New(t)
	big := strings.Repeat("big line with a needle\n", (3<<20)/23) // above the 1 MiB threshold
	tree := hostileTree(tr)
	tree["big.txt"] = repotest.File{Content: big}
	tr.Commit("one", tree)
	tree["big.txt"] = repotest.File{Content: big + "one more needle\n"} // stored as a delta
	tr.Commit("two", tree)
	if out, err := exec.Command("git", "-C", tr.Dir, "repack", "-a", "-d", "-q").CombinedOutput(); err != nil {
		t.Fatalf("git repack: %v %s", err, out)
	}
	if out, _ := exec.Command("git", "-C", tr.Dir, "count-objects", "-v").Output(); !strings.Contains(string(out), "count: 0\n") {
		t.Fatalf("objects still loose:\n%s", out)
	}
	r, pin := openAt(t, tr)
	ctx := context.Background()
	n := 0
	err := r.WalkFiles(ctx, pin.Tree, func(e Entry) error {
		n++
		if e.Kind == KindSubmodule {
			return nil
		}
		return r.VerifyObject(ctx, e.Hash)
	})
	if err != nil || n != 12 {
		t.Fatalf("walk: %d entries, %v", n, err)
	}
	e, err := r.Lookup(ctx, pin.Tree, "big.txt")
	if err != nil {
		t.Fatal(err)
	}
	b, err := r.ReadBlob(ctx, e.Hash, 100)
	if err != nil || b.Size != int64(len(big))+16 || !b.Truncated || string(b.Data) != big[:100] {
		t.Fatalf("ReadBlob of a packed big blob: size %d, %q, %v", b.Size, b.Data, err)
	}
}
