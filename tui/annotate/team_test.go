package annotate

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
	"sightline/review/team"
	"sightline/tui/findings"
	"sightline/tui/theme"
)

func TestMain(m *testing.M) { reviewtest.Main(m) }

const teamPin = "1111111111111111111111111111111111111111"

type member struct {
	name   string
	ws     *review.Workspace
	signer ssh.Signer
}

func newMember(t *testing.T, name string) *member {
	ws, err := review.Open(filepath.Join(t.TempDir(), name), review.Meta{Repository: "r", ObjectFormat: "sha1",
		Pin: review.Rev{Commit: teamPin, Tree: teamPin}, Reviewer: name})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = ws.Close() })
	_, priv, _ := ed25519.GenerateKey(rand.Reader)
	s, err := ssh.NewSignerFromKey(priv)
	if err != nil {
		t.Fatal(err)
	}
	return &member{name: name, ws: ws, signer: s}
}

func teamSigners(t *testing.T, ms ...*member) *bundle.AllowedSigners {
	var b strings.Builder
	for _, m := range ms {
		fmt.Fprintf(&b, "%s %s", m.name, ssh.MarshalAuthorizedKey(m.signer.PublicKey()))
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

func (m *member) push(t *testing.T, store string, a *bundle.AllowedSigners, in ...team.Intent) {
	t.Helper()
	if _, err := team.Push(team.PushOptions{Store: store, Workspace: m.ws, Identity: m.name, Signer: m.signer, Signers: a, Intents: in}); err != nil {
		t.Fatal(err)
	}
}

func (m *member) pull(t *testing.T, store string, a *bundle.AllowedSigners) {
	t.Helper()
	if rep, err := team.Pull(store, m.ws.Dir(), teamPin, a); err != nil || len(rep.Refused) > 0 {
		t.Fatalf("pull: %v %+v", err, rep.Refused)
	}
}

// TestFindingsTabShowsTheTeamFromRealStores: two reviewers push to and
// pull from a real team store; bob's Findings view shows alice's finding
// with attribution, the severity conflict on his own, and the coverage
// of a file alice marked.
func TestFindingsTabShowsTheTeamFromRealStores(t *testing.T) {
	store := filepath.Join(t.TempDir(), "store")
	if _, err := team.InitStore(store, true); err != nil {
		t.Fatal(err)
	}
	alice, bob := newMember(t, "alice"), newMember(t, "bob")
	a := teamSigners(t, alice, bob)
	step := []review.Step{{Location: review.Location{Commit: teamPin, Path: "a.c", Blob: strings.Repeat("2", 40),
		StartLine: 3, EndLine: 3, LineHash: "sha256:" + strings.Repeat("3", 64)}}}
	if _, err := alice.ws.AddFinding(review.Finding{Title: "alice's overflow", Severity: review.SeverityLow, Steps: step}); err != nil {
		t.Fatal(err)
	}
	if err := alice.ws.MarkReviewed(review.ReviewedFile{Path: "a.c", Blob: strings.Repeat("2", 40), Lines: 9}, true); err != nil {
		t.Fatal(err)
	}
	mine, err := bob.ws.AddFinding(review.Finding{Title: "bob's injection", Severity: review.SeverityHigh, Steps: step})
	if err != nil {
		t.Fatal(err)
	}
	alice.push(t, store, a)
	bob.push(t, store, a)
	alice.pull(t, store, a)
	bob.pull(t, store, a)
	// Both change the severity of bob's finding without seeing the other.
	tm, err := teamOf(alice.ws.Dir())
	if err != nil {
		t.Fatal(err)
	}
	var bobs string
	for _, f := range tm.Findings {
		if f.Title == "bob's injection" {
			bobs = f.ID
		}
	}
	alice.push(t, store, a, team.Intent{Type: team.OpSeverity, Finding: bobs, Value: "low"})
	if _, err := bob.ws.UpdateFinding(mine.ID, func(f *review.Finding) { f.Severity = review.SeverityCritical }); err != nil {
		t.Fatal(err)
	}
	bob.push(t, store, a)
	bob.pull(t, store, a)

	tm, err = teamOf(bob.ws.Dir())
	if err != nil {
		t.Fatal(err)
	}
	if got := strings.Join(tm.Reviewers, ","); got != "alice,bob" {
		t.Fatalf("reviewers %q", got)
	}
	if got := tm.ReviewedBy("a.c"); got != "reviewed by 1 of 2 (alice)" {
		t.Fatalf("a.c: %q", got)
	}
	v := findings.New(bob.ws.Dir(), theme.PlainStyles(), findings.DefaultKeyMap())
	v.SetSize(140, 24)
	v.SetFindings(bob.ws.Findings())
	v.SetTeam(tm)
	out := v.View()
	for _, want := range []string{"2 of 2 findings", mine.ID, "bob's injection", "CONFLICT", "alice's overflow  by alice",
		// Who said what, in merge order: equal clocks go by operation id.
		"CONFLICT severity: ", "alice says low", "bob says critical",
		"team: bob created it · ", "alice set severity low", "bob set severity critical"} {
		if !strings.Contains(out, want) {
			t.Errorf("bob's Findings view lacks %q:\n%s", want, out)
		}
	}
}
