package team

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"golang.org/x/crypto/ssh"

	"sightline/review"
	"sightline/review/bundle"
)

// closedUnderTwoPersonRule: alice sets a finding false-positive, bob
// confirms, alice pulls; it returns alice and the allowed_signers lines.
func closedUnderTwoPersonRule(t *testing.T) (alice, bob *reviewer) {
	store := newStore(t, true)
	alice, bob = newReviewer(t, "alice@example.org"), newReviewer(t, "bob@example.org")
	signers := allowed(t, alice, bob)
	f := alice.add(t, "maybe a bug", review.SeverityLow)
	alice.push(t, store, signers)
	if _, err := alice.ws.SetStatus(f.ID, review.StatusFalsePositive); err != nil {
		t.Fatal(err)
	}
	alice.push(t, store, signers)
	bob.pull(t, store, signers)
	id := bob.state(t, store, true).Findings[0].ID
	bob.add(t, "bob's own finding", review.SeverityHigh)
	bob.push(t, store, signers, Intent{Type: OpConfirm, Finding: Short(id)})
	alice.pull(t, store, signers)
	return alice, bob
}

// exportAndVerify signs a bundle of alice's workspace carrying teams and
// runs sightline's verifier on it with allowed_signers naming keys.
func exportAndVerify(t *testing.T, alice *reviewer, teams []bundle.BundleTeam, keys ...*reviewer) *bundle.VerifyReport {
	t.Helper()
	b, err := bundle.BuildBundle(bundle.BundleInput{Meta: alice.ws.Meta(), Reviewer: alice.name,
		Created: time.Unix(1767225600, 0), Findings: alice.ws.Findings(), Team: teams})
	if err != nil {
		t.Fatal(err)
	}
	data, err := b.Marshal()
	if err != nil {
		t.Fatal(err)
	}
	if _, err := bundle.ReadBundle(data); err != nil {
		t.Fatalf("the strict reader refuses the bundle: %v", err)
	}
	sig, err := bundle.SignBundle(data, alice.signer)
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	var lines strings.Builder
	for _, k := range keys {
		fmt.Fprintf(&lines, "%s %s", k.name, ssh.MarshalAuthorizedKey(k.signer.PublicKey()))
	}
	for name, b := range map[string][]byte{"findings.json": data, "findings.json.sig": sig, "allowed_signers": []byte(lines.String())} {
		if err := os.WriteFile(filepath.Join(dir, name), b, 0o600); err != nil {
			t.Fatal(err)
		}
	}
	return bundle.Verify(context.Background(), bundle.VerifyOptions{BundlePath: filepath.Join(dir, "findings.json"),
		SignersPath: filepath.Join(dir, "allowed_signers")})
}

func report(r *bundle.VerifyReport) string {
	var b strings.Builder
	for _, c := range r.Checks {
		b.WriteString(c.String() + "\n")
	}
	return b.String()
}

func TestBundleNamesReviewersAndCarriesConfirmationsVerifyChecks(t *testing.T) {
	alice, bob := closedUnderTwoPersonRule(t)
	teams, err := Bundles(alice.ws.Dir())
	if err != nil || len(teams) != 1 {
		t.Fatalf("Bundles: %v %+v", err, teams)
	}
	tm := teams[0]
	if got := strings.Join(tm.Reviewers, ","); got != "alice@example.org,bob@example.org" || !tm.TwoPerson {
		t.Fatalf("reviewers %q, two-person %v", got, tm.TwoPerson)
	}
	var closed bundle.BundleTeamFinding
	for _, f := range tm.Findings {
		if f.Title == "maybe a bug" {
			closed = f
		}
	}
	if closed.Status != review.StatusFalsePositive || closed.StatusChange == nil || closed.StatusChange.Reviewer != "alice@example.org" ||
		len(closed.Confirmations) != 1 || closed.Confirmations[0].Reviewer != "bob@example.org" {
		t.Fatalf("the closed finding in the bundle: %+v", closed)
	}
	rep := exportAndVerify(t, alice, teams, alice, bob)
	want := `PASS ` + Short(closed.ID) + ` two-person: false-positive set by "alice@example.org", confirmed by ["bob@example.org"]`
	if !rep.OK() || !strings.Contains(report(rep), want) {
		t.Fatalf("verify:\n%s\nwant a line %q", report(rep), want)
	}
}

func TestVerifyFailsAForgedOrMissingConfirmation(t *testing.T) {
	alice, bob := closedUnderTwoPersonRule(t)
	fresh := func() ([]bundle.BundleTeam, *bundle.BundleTeamFinding) {
		teams, err := Bundles(alice.ws.Dir())
		if err != nil {
			t.Fatal(err)
		}
		for i, f := range teams[0].Findings {
			if f.Title == "maybe a bug" {
				return teams, &teams[0].Findings[i]
			}
		}
		t.Fatal("no closed finding")
		return nil, nil
	}
	cases := []struct {
		name   string
		tamper func(f *bundle.BundleTeamFinding)
		keys   []*reviewer
		want   string
	}{
		{"confirmation signed by alice's key", func(f *bundle.BundleTeamFinding) {
			f.Confirmations[0].Sig = f.StatusChange.Sig
		}, []*reviewer{alice, bob}, `confirmation by "bob@example.org": operation`},
		{"confirmation dropped", func(f *bundle.BundleTeamFinding) {
			f.Confirmations = nil
		}, []*reviewer{alice, bob}, `has no confirmation by a second reviewer`},
		{"self-confirmation", func(f *bundle.BundleTeamFinding) {
			f.Confirmations[0] = *f.StatusChange
		}, []*reviewer{alice, bob}, `does not confirm status change`},
		{"bob's key not allowed", func(*bundle.BundleTeamFinding) {}, []*reviewer{alice}, `confirmation by "bob@example.org"`},
		{"status claimed without proof", func(f *bundle.BundleTeamFinding) {
			f.StatusChange, f.Confirmations = nil, nil
		}, []*reviewer{alice, bob}, `carries no confirmed status change`},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			teams, f := fresh()
			c.tamper(f)
			rep := exportAndVerify(t, alice, teams, c.keys...)
			out := report(rep)
			if rep.OK() || !strings.Contains(out, "FAIL "+Short(f.ID)+" two-person: ") || !strings.Contains(out, c.want) {
				t.Fatalf("verify:\n%s\nwant FAIL with %q", out, c.want)
			}
		})
	}
}
