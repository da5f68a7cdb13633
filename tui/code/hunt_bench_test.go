package code

import (
	"context"
	"strings"
	"testing"

	"sightline/repo"
	"sightline/tui/theme"
)

// BenchmarkSearchPastWindow measures n and ! past the first 16 MiB window
// of a 64 MiB file whose only match and only hostile character are on its
// last line: the Cmd streams the other 48 MiB line by line. Also the
// whole-file hostile count that starts when such a file opens.
func BenchmarkSearchPastWindow(b *testing.B) {
	const lines = 1 << 20
	content := strings.Repeat("generated line of a very large vendor file, 64 bytes long......\n", lines-1) + "NEEDLE \u202e\n"
	ctx := context.Background()
	r, tree, first := pagedBenchFile(b, content)
	re, _ := CompileQuery("needle")
	for _, c := range []struct {
		name string
		want func(int, []byte) int
	}{
		{"search", func(_ int, l []byte) int { return matchAt(re, repo.TrimEOL(l)) }},
		{"hostile", hostileLine},
	} {
		b.Run(c.name, func(b *testing.B) {
			b.ReportAllocs()
			b.SetBytes(int64(len(content)) - int64(len(first.Blob.Data)))
			for b.Loop() {
				if n, _, err := huntLine(ctx, r, &checkpoints{}, first, c.want, 1); n != lines || err != nil {
					b.Fatalf("found line %d (err %v), want %d", n, err, lines)
				}
			}
		})
	}
	b.Run("wholecount", func(b *testing.B) {
		m := New(r, tree, theme.PlainStyles(), DefaultKeyMap())
		m.doc, m.seq = first, 1
		b.SetBytes(int64(len(content)))
		for b.Loop() {
			msg := m.startWholeCount()().(HostileCountedMsg)
			if msg.Err != nil || msg.Summary.Total() != 1 {
				b.Fatalf("count %d, err %v", msg.Summary.Total(), msg.Err)
			}
		}
	})
}
