package code

import (
	"context"
	"strings"
	"testing"

	"sightline/repo"
	"sightline/repo/repotest"
	"sightline/repo/repotest/pintest"
)

// BenchmarkWindowAtEnd measures G in a 64 MiB file: the Cmd that streams
// the blob, counts its LFs and reads the last 16 MiB window. cold starts
// with no checkpoints; warm reuses them, as a second jump does. The bytes
// allocated per op stay near one window whatever the file's size.
func BenchmarkWindowAtEnd(b *testing.B) {
	content := strings.Repeat("generated line of a very large vendor file, 64 bytes long......\n", 1<<20)
	ctx := context.Background()
	r, _, first := pagedBenchFile(b, content)
	run := func(b *testing.B, cp func() *checkpoints) {
		b.ReportAllocs()
		for b.Loop() {
			d, line, err := readWindow(ctx, r, cp(), first, MaxRead, 0, 0)
			if err != nil || line != 1<<20 || !d.AtEnd {
				b.Fatalf("last line %d, err %v", line, err)
			}
		}
	}
	b.Run("cold", func(b *testing.B) { run(b, func() *checkpoints { return &checkpoints{} }) })
	warm := &checkpoints{}
	b.Run("warm", func(b *testing.B) { run(b, func() *checkpoints { return warm }) })
}

// pagedBenchFile commits content as big.txt and reads its first window,
// which must be a paged one.
func pagedBenchFile(b *testing.B, content string) (*repo.Repo, repo.Hash, *Doc) {
	b.Helper()
	rt := repotest.New(b)
	rt.Commit("big", repotest.Tree{"big.txt": {Content: content}})
	r, pin := pintest.Head(b, rt)
	ctx := context.Background()
	e, err := r.Lookup(ctx, pin.Tree, "big.txt")
	if err != nil {
		b.Fatal(err)
	}
	first, err := readDoc(ctx, r, e, MaxRead)
	if err != nil || !first.Paged {
		b.Fatalf("first window: %v (paged %v)", err, first != nil && first.Paged)
	}
	return r, pin.Tree, first
}
