package annotate

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestRescueNeverReplacesAFile: the unsaved work goes to a new file only;
// an existing one is left as it was and the error says what to do.
func TestRescueNeverReplacesAFile(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "keep.json")
	if err := os.WriteFile(p, []byte("mine"), 0o600); err != nil {
		t.Fatal(err)
	}
	form := &formRescue{ID: "add", Values: []string{"Half a title", "high"}}
	err := writeRescue(p, buildRescue(nil, form))
	if err == nil || !strings.Contains(err.Error(), "exists: type the path of a new file") {
		t.Fatalf("writing over an existing file: %v", err)
	}
	if b, _ := os.ReadFile(p); string(b) != "mine" {
		t.Fatalf("the existing file was changed: %q", b)
	}
	fresh := filepath.Join(dir, "new.json")
	if err := writeRescue(fresh, buildRescue(nil, form)); err != nil {
		t.Fatal(err)
	}
	var doc rescueDoc
	b, _ := os.ReadFile(fresh)
	if err := json.Unmarshal(b, &doc); err != nil || doc.Format != RescueFormat || doc.Form == nil || doc.Form.Values[0] != "Half a title" {
		t.Fatalf("written: %v %+v\n%s", err, doc, b)
	}
}
