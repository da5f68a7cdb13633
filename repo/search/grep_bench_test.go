package search

import (
	"context"
	"fmt"
	"os/exec"
	"regexp"
	"strings"
	"testing"

	"sightline/repo/repotest"
	"sightline/repo/repotest/pintest"
)

// BenchmarkGrep searches 10,000 distinct files (about 40 MiB, packed when
// git is installed) for a literal and for a case-insensitive expression,
// with one worker and with the default (one per CPU, at most 4).
func BenchmarkGrep(b *testing.B) {
	tr := repotest.New(b)
	tree := repotest.Tree{}
	for i := range 10000 {
		var s strings.Builder
		for l := range 100 {
			fmt.Fprintf(&s, "func f%d_%d(x int) int { return x * %d } // filler text\n", i, l, i*l)
		}
		if i%100 == 0 {
			s.WriteString("password := \"hunter2\"\n")
		}
		tree[fmt.Sprintf("pkg%02d/file%05d.go", i%50, i)] = repotest.File{Content: s.String()}
	}
	tr.Commit("big", tree)
	if _, err := exec.LookPath("git"); err == nil {
		_ = exec.Command("git", "-C", tr.Dir, "repack", "-a", "-d", "-q").Run()
	}
	for _, pattern := range []string{"hunter2", "(?i)PASSWORD\\s*:="} {
		for _, workers := range []int{1, 0} {
			b.Run(fmt.Sprintf("%s/workers=%d", pattern, workers), func(b *testing.B) {
				re := regexp.MustCompile(pattern)
				for b.Loop() {
					r, pin := pintest.Head(b, tr)
					n := 0
					err := Grep(context.Background(), r, pin.Tree, re, Options{Workers: workers}, func(Match) error { n++; return nil })
					if err != nil || n != 100 {
						b.Fatalf("%d matches, %v", n, err)
					}
					_ = r.Close()
				}
			})
		}
	}
}
