package team

import (
	"crypto/ed25519"
	"crypto/rand"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/crypto/ssh"

	"sightline/review"
	"sightline/review/bundle"
	"sightline/review/reviewtest"
)

// TestMain keeps test directories (and the journal heads reviewtest
// moves there) on tmpfs when there is one: the property test makes
// thousands of fsynced writes, which tmpfs makes cheap, and what it
// checks (merge and order) does not depend on the disk.
func TestMain(m *testing.M) {
	if fi, err := os.Stat("/dev/shm"); err == nil && fi.IsDir() && os.Getenv("SIGHTLINE_TEAM_DISK") == "" {
		_ = os.Setenv("TMPDIR", "/dev/shm")
	}
	reviewtest.Main(m)
}

const testPin = "1111111111111111111111111111111111111111"

// reviewer is one person in a test: a real Ed25519 key, a workspace.
type reviewer struct {
	name   string
	signer ssh.Signer
	ws     *review.Workspace
}

func newSigner(t testing.TB) ssh.Signer {
	_, priv, err := ed25519.GenerateKey(rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	s, err := ssh.NewSignerFromKey(priv)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func newReviewer(t testing.TB, name string) *reviewer {
	dir := filepath.Join(t.TempDir(), name)
	ws, err := review.Open(dir, review.Meta{Repository: "r", ObjectFormat: "sha1",
		Pin: review.Rev{Commit: testPin, Tree: testPin}, Reviewer: name})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = ws.Close() })
	return &reviewer{name: name, signer: newSigner(t), ws: ws}
}

// allowed writes an allowed_signers file naming each reviewer's key.
func allowed(t testing.TB, rs ...*reviewer) *bundle.AllowedSigners {
	var b strings.Builder
	for _, r := range rs {
		fmt.Fprintf(&b, "%s namespaces=%q %s", r.name, Namespace, ssh.MarshalAuthorizedKey(r.signer.PublicKey()))
	}
	p := filepath.Join(t.TempDir(), "allowed_signers")
	if err := os.WriteFile(p, []byte(b.String()), 0o600); err != nil {
		t.Fatal(err)
	}
	a, err := bundle.LoadAllowedSigners(p)
	if err != nil {
		t.Fatal(err)
	}
	return a
}

func loc(path string, line int) review.Location {
	return review.Location{Commit: testPin, Path: path, Blob: strings.Repeat("2", 40), StartLine: line, EndLine: line,
		LineHash: "sha256:" + strings.Repeat("3", 64)}
}

func (r *reviewer) add(t testing.TB, title string, sev review.Severity) review.Finding {
	f, err := r.ws.AddFinding(review.Finding{Title: title, Severity: sev, Steps: []review.Step{{Location: loc("a.c", 3)}}})
	if err != nil {
		t.Fatal(err)
	}
	return f
}

func (r *reviewer) push(t testing.TB, store string, signers *bundle.AllowedSigners, intents ...Intent) int {
	t.Helper()
	n, err := Push(PushOptions{Store: store, Workspace: r.ws, Identity: r.name, Signer: r.signer, Signers: signers, Intents: intents})
	if err != nil {
		t.Fatalf("%s push: %v", r.name, err)
	}
	return n
}

func (r *reviewer) pull(t testing.TB, store string, signers *bundle.AllowedSigners) PullReport {
	t.Helper()
	rep, err := Pull(store, r.ws.Dir(), testPin, signers)
	if err != nil {
		t.Fatalf("%s pull: %v", r.name, err)
	}
	return rep
}

func (r *reviewer) state(t testing.TB, store string, twoPerson bool) State {
	t.Helper()
	_, cfg, err := OpenStore(store)
	if err != nil {
		t.Fatal(err)
	}
	l, err := LoadLocal(r.ws.Dir(), cfg.Store)
	if err != nil {
		t.Fatal(err)
	}
	return Merge(l.Operations(), twoPerson)
}

func newStore(t testing.TB, twoPerson bool) string {
	dir := filepath.Join(t.TempDir(), "store")
	if _, err := InitStore(dir, twoPerson); err != nil {
		t.Fatal(err)
	}
	return dir
}
