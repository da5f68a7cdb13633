package bundle

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"sightline/review"
)

// BenchmarkVerifyBundle measures the signature, signer and strict-format
// checks (no repository) on a signed bundle of 1000 findings with three
// steps each.
func BenchmarkVerifyBundle(b *testing.B) {
	_, signer := testKey(b, b.TempDir(), "k")
	loc := BundleLocation{Commit: strings.Repeat("a", 40), Path: "src/main.c", Blob: strings.Repeat("b", 40),
		StartLine: 10, EndLine: 20, LineHash: "sha256:" + strings.Repeat("c", 64)}
	bundle := &Bundle{Format: BundleFormat, Tool: BundleTool{Name: ToolName, Version: "v1"},
		Repository: BundleRepository{Name: "r", ObjectFormat: "sha1"},
		Pin:        BundlePin{Commit: strings.Repeat("a", 40), Tree: strings.Repeat("d", 40), Ref: "main"},
		Reviewer:   testID, Created: FormatBundleTime(time.Unix(1767225600, 0))}
	for i := 1; i <= 1000; i++ {
		bundle.Findings = append(bundle.Findings, BundleFinding{ID: review.FormatID(i), Title: fmt.Sprintf("finding %d", i),
			Severity: review.SeverityHigh, Status: review.StatusOpen, Description: strings.Repeat("words ", 40),
			Created: bundle.Created, Updated: bundle.Created,
			Steps: []BundleStep{{Note: "a", Location: loc}, {Note: "b", Location: loc}, {Note: "c", Location: loc}}})
	}
	data, err := bundle.Marshal()
	if err != nil {
		b.Fatal(err)
	}
	sig, err := SignBundle(data, signer)
	if err != nil {
		b.Fatal(err)
	}
	as := ParseAllowedSigners("as", []byte(testID+" "+authorizedKey(signer.PublicKey())+"\n"))
	b.SetBytes(int64(len(data)))
	b.ResetTimer()
	for range b.N {
		if rep := verifyData(context.Background(), data, sig, nil, as, nil, VerifyOptions{}, time.Now()); rep.ExitCode() != 0 {
			b.Fatal(reportText(rep))
		}
	}
}
