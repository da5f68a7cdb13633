package bundle

import (
	"context"
	"strings"
	"testing"

	"sightline/repo/repotest"
	"sightline/repo/repotest/pintest"
	"sightline/review"
)

// Issue 12.4: the pin's totals count a binary file's bytes, not its LFs,
// and the Markdown report says bytes for binary files.
func TestTotalsAndMarkdownCountBinaryFilesInBytes(t *testing.T) {
	rt := repotest.New(t)
	rt.Commit("c", repotest.Tree{
		"fw/image.bin": {Content: "\x00\x01" + strings.Repeat("\n", 4000)}, // 4,002 bytes, 4,000 LFs
		"a.txt":        {Content: "one\ntwo\n"},
	})
	r, pin := pintest.Head(t, rt)
	tot, err := CountTotals(context.Background(), r, review.MetaFor(r, pin, nil, ""))
	if err != nil {
		t.Fatal(err)
	}
	if tot.Files != 2 || tot.Lines != 2 || tot.Bytes != 4002 {
		t.Fatalf("totals %+v: want 2 files, 2 lines, 4002 bytes", tot)
	}
	b := &Bundle{Format: BundleFormat, Coverage: BundleCoverage{Counts: BundleCounts{
		ReviewedFiles: 1, TotalFiles: 2, ReviewedLines: 0, TotalLines: 2, ReviewedBytes: 4002, TotalBytes: 4002}}}
	if md := RenderMarkdown(b); !strings.Contains(md, "- Coverage: 1 of 2 files, 0 of 2 lines and 4,002 B of 4,002 B in binary files marked reviewed") {
		t.Errorf("markdown coverage line:\n%s", md)
	}
	b.Coverage.Counts.ReviewedBytes, b.Coverage.Counts.TotalBytes = 0, 0
	if md := RenderMarkdown(b); !strings.Contains(md, "- Coverage: 1 of 2 files, 0 of 2 lines marked reviewed\n") {
		t.Errorf("markdown without binary files changed:\n%s", md)
	}
}
