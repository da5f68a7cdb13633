package search

import (
	"context"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"sightline/repo/repotest"
	"sightline/repo/repotest/pintest"
)

// A search of every file reads the whole pack, and lets its pages go as
// it reads: on the large benchmark tree its resident size had grown by
// the pack's 350 MB.
func TestGrepLetsThePackPagesGo(t *testing.T) {
	hasGit(t)
	tr := repotest.New(t)
	rng := rand.New(rand.NewPCG(5, 8))
	tree := repotest.Tree{}
	for i := range 400 {
		var b strings.Builder
		for b.Len() < 32<<10 { // random words: the pack is about 10 MiB
			fmt.Fprintf(&b, "%x\n", rng.Uint64())
		}
		tree[fmt.Sprintf("d%d/f%03d.txt", i%7, i)] = repotest.File{Content: b.String()}
	}
	tr.Commit("one", tree)
	if out, err := exec.Command("git", "-C", tr.Dir, "repack", "-a", "-d", "-q").CombinedOutput(); err != nil {
		t.Fatalf("git repack: %v %s", err, out)
	}
	packs, _ := filepath.Glob(filepath.Join(tr.Dir, ".git", "objects", "pack", "*.pack"))
	if len(packs) != 1 {
		t.Fatalf("want one pack, have %v", packs)
	}
	st, err := os.Stat(packs[0])
	if err != nil {
		t.Fatal(err)
	}
	r, pin := pintest.Head(t, tr)
	n := 0
	err = Grep(context.Background(), r, pin.Tree, regexp.MustCompile("no such text"), Options{Workers: 2}, func(Match) error { n++; return nil })
	if err != nil || n != 0 {
		t.Fatalf("grep: %d matches, %v", n, err)
	}
	packKiB := int(st.Size() >> 10)
	if held := repotest.MappedRSS(t, func(path string) bool { return strings.HasPrefix(path, filepath.Dir(packs[0])) }); held == 0 && packKiB > 0 {
		t.Log("the pack is not mapped here, or was dropped whole")
	} else if held > packKiB/2 {
		t.Errorf("after a search of every file the pack's mapping holds %d KiB of its %d", held, packKiB)
	}
}
