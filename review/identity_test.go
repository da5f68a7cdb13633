package review

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestCheckIdentity(t *testing.T) {
	for _, id := range []string{"reviewer1@agency.example", "alice", "ålice@example.org", "r@x"} {
		if err := CheckIdentity(id); err != nil {
			t.Errorf("CheckIdentity(%q) = %v, want nil", id, err)
		}
	}
	for _, id := range []string{"", "alice smith", "alice\n", "a\x00b", "a\x1bb", "a\u0085b", "a\u00a0b", "!alice", "a,b", "a\xffb"} {
		if err := CheckIdentity(id); !errors.Is(err, ErrInvalid) {
			t.Errorf("CheckIdentity(%q) = %v, want ErrInvalid", id, err)
		}
	}
}

// TestExportRefusesUnnameableIdentity: the library refuses too, so the
// TUI's export form cannot sign a bundle that will never verify.
func TestExportRefusesUnnameableIdentity(t *testing.T) {
	fx := newExportFixture(t)
	out := filepath.Join(fx.outDir, "b.json")
	_, err := Export(context.Background(), ExportOptions{Workspace: fx.ws, Repo: fx.r, Identity: "alice smith", Signer: fx.signer,
		Output: out, Totals: &fx.totals})
	if !errors.Is(err, ErrInvalid) || !strings.Contains(err.Error(), "allowed_signers principal") {
		t.Fatalf("err = %v", err)
	}
	if _, err := os.Stat(out); err == nil {
		t.Error("a bundle was written")
	}
}
