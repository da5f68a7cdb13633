package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"sightline/review/bundle"
)

// A carried review exports a bundle that carries the provenance chain and
// each step's verdict, reads back strictly, verifies against the
// repository (a gone step noted, not failed), and a SARIF log with
// baselineState; the old review's bundle hash is recorded when given.
func TestCarriedReviewExports(t *testing.T) {
	t.Setenv("SOURCE_DATE_EPOCH", "1767225600")
	tr, _ := carryFixture(t)
	dir := t.TempDir()
	ws1, ws2, ws3 := filepath.Join(dir, "ws1"), filepath.Join(dir, "ws2"), filepath.Join(dir, "ws3")
	at1 := []string{"--repo", tr.Dir, "--rev", "v1", "--workspace", ws1}
	must(t, append([]string{"findings", "add", "--path", "src/a.c", "--lines", "5-6", "--title", "moves", "--severity", "high"}, at1...)...)
	must(t, append([]string{"findings", "add", "--path", "src/a.c", "--lines", "19-21", "--title", "edited", "--severity", "low"}, at1...)...)
	must(t, append([]string{"findings", "add", "--path", "gone.c", "--lines", "1", "--title", "deleted", "--severity", "low"}, at1...)...)
	key := filepath.Join(dir, "id")
	must(t, "keygen", "-o", key, "--comment", "r@example")
	export := func(ws, out string, extra ...string) {
		must(t, append([]string{"export", "--workspace", ws, "--repo", tr.Dir, "--key", key, "--identity", "r@example", "-o", out}, extra...)...)
	}
	b1 := filepath.Join(dir, "v1.json")
	export(ws1, b1)
	must(t, "carry", "--from", ws1, "--repo", tr.Dir, "--rev", "v2", "--workspace", ws2, "--bundle", b1)
	must(t, "carry", "--from", ws2, "--repo", tr.Dir, "--rev", "v3", "--workspace", ws3)

	b3 := filepath.Join(dir, "v3.json")
	export(ws3, b3)
	data, err := os.ReadFile(b3)
	if err != nil {
		t.Fatal(err)
	}
	b, err := bundle.ReadBundle(data)
	if err != nil {
		t.Fatalf("carried bundle does not read back strictly: %v", err)
	}
	if len(b.Provenance) != 2 || b.Provenance[0].Pin.Commit != resolveTag(t, tr, "v1") || !strings.HasPrefix(b.Provenance[0].Bundle, "sha256:") ||
		b.Provenance[1].Pin.Commit != resolveTag(t, tr, "v2") || b.Provenance[1].Bundle != "" {
		t.Errorf("bundle provenance: %+v", b.Provenance)
	}
	verdicts := map[string]string{}
	for _, f := range b.Findings {
		if c := f.Steps[0].Carried; c != nil {
			verdicts[f.ID] = c.Verdict
		}
	}
	if verdicts["F-0001"] != "unchanged" || verdicts["F-0002"] != "unchanged" || verdicts["F-0003"] != "gone" {
		t.Errorf("verdicts in the bundle (v2 to v3): %v", verdicts)
	}
	signers := filepath.Join(dir, "signers")
	pub, _ := os.ReadFile(key + ".pub")
	f := strings.Fields(string(pub))
	if err := os.WriteFile(signers, []byte("r@example "+f[0]+" "+f[1]+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	code, out, errOut := runCmd("verify", b3, "--signers", signers, "--repo", tr.Dir)
	if code != 0 || !strings.Contains(out, "carried as gone") {
		t.Errorf("verify: exit %d\n%s\n%s", code, out, errOut)
	}

	if got := sarifStates(t, export, ws3, filepath.Join(dir, "v3.sarif")); got["F-0001"] != "unchanged" || got["F-0003"] != "absent" {
		t.Errorf("baselineState at v3: %v", got)
	}
	if got := sarifStates(t, export, ws2, filepath.Join(dir, "v2.sarif")); got["F-0001"] != "unchanged" || got["F-0002"] != "updated" {
		t.Errorf("baselineState at v2: %v", got)
	}
	if got := sarifStates(t, export, ws1, filepath.Join(dir, "v1.sarif")); got["F-0001"] != "" {
		t.Errorf("a review begun at its pin has no baseline: %v", got)
	}
}

func sarifStates(t *testing.T, export func(ws, out string, extra ...string), ws, path string) map[string]string {
	t.Helper()
	export(ws, path, "--format", "sarif")
	raw, _ := os.ReadFile(path)
	var log struct {
		Runs []struct {
			Results []struct {
				BaselineState       string
				PartialFingerprints map[string]string
				Properties          map[string]any
			}
		}
	}
	if err := json.Unmarshal(raw, &log); err != nil {
		t.Fatal(err)
	}
	states := map[string]string{}
	for _, r := range log.Runs[0].Results {
		states[r.Properties["findingId"].(string)] = r.BaselineState
		if r.PartialFingerprints["sightline/firstStepLineHash/v1"] == "" {
			t.Errorf("no fingerprint: %+v", r)
		}
	}
	return states
}
