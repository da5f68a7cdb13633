package bundle

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"sightline/review"
)

// A failure between the bundle's rename and the signature's (here the
// signature's name is taken by a directory) must not leave a pair that
// verifies: the old signature does not match the new bundle. Nor may
// temporary files be left behind.
func TestExportNeverLeavesAVerifyingHalfPair(t *testing.T) {
	fx := newExportFixture(t)
	out := fx.export(t, "findings.json", FormatBundle, false)
	if rep := fx.verify(t, out, false); rep.ExitCode() != 0 {
		t.Fatal(reportText(rep))
	}
	oldSig, err := os.ReadFile(out + ".sig")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := fx.ws.AddFinding(review.Finding{Title: "late", Severity: review.SeverityInfo, Steps: fx.ws.Findings()[0].Steps[:1]}); err != nil {
		t.Fatal(err)
	}
	// Make the second rename fail: out.sig becomes a non-empty directory.
	if err := os.Remove(out + ".sig"); err != nil {
		t.Fatal(err)
	}
	if err := os.MkdirAll(filepath.Join(out+".sig", "x"), 0o755); err != nil {
		t.Fatal(err)
	}
	_, err = Export(context.Background(), ExportOptions{Workspace: fx.ws, Repo: fx.r, Identity: testID,
		Signer: fx.signer, Output: out})
	if err == nil {
		t.Fatal("export succeeded although the signature could not be put in place")
	}
	data, _ := os.ReadFile(out)
	if !strings.Contains(string(data), `"title": "late"`) {
		t.Fatal("the bundle should have been replaced before the signature")
	}
	entries, _ := os.ReadDir(fx.outDir)
	for _, e := range entries {
		if strings.Contains(e.Name(), ".tmp-") {
			t.Errorf("temporary file left behind: %s", e.Name())
		}
	}
	// What a crash at that point leaves: the new bundle beside the old
	// signature. It must not verify.
	if err := os.RemoveAll(out + ".sig"); err != nil {
		t.Fatal(err)
	}
	writeFile(t, out+".sig", string(oldSig))
	wantLine(t, fx.verify(t, out, false), 1, "FAIL signature: does not match the bundle's bytes")
}
