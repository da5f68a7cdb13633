package team

import (
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"sightline/review"
	"sightline/review/triage"
)

// imported writes three candidates into r's triage queue as an import
// of the same scan would (same fingerprints in every room).
func (r *reviewer) imported(t *testing.T) (*triage.Store, *triage.Queue) {
	t.Helper()
	var b strings.Builder
	for i := 1; i <= 3; i++ {
		l := loc("a.c", i)
		c := triage.Candidate{Fingerprint: fmt.Sprintf("%032x", i), Pin: testPin, Tool: "semgrep", Rule: fmt.Sprintf("rule-%d", i),
			Severity: review.SeverityHigh, CWE: "CWE-78", Message: fmt.Sprintf("result %d", i),
			Where: triage.Place{Path: "a.c", StartLine: i, EndLine: i, Location: &l}}
		line, err := json.Marshal(map[string]any{"time": "2026-01-01T00:00:00Z", "candidate": c})
		if err != nil {
			t.Fatal(err)
		}
		b.Write(append(line, '\n'))
	}
	if err := os.WriteFile(filepath.Join(r.ws.Dir(), triage.FileName), []byte(b.String()), 0o600); err != nil {
		t.Fatal(err)
	}
	st := triage.NewStore(r.ws.Dir())
	q, err := st.Load()
	if err != nil || len(q.Candidates) != 3 {
		t.Fatalf("queue: %v, %d candidates", err, len(q.Candidates))
	}
	return st, q
}

func (r *reviewer) verdicts(t *testing.T, store string) map[string]Verdict {
	t.Helper()
	vs, err := Views(r.ws.Dir())
	if err != nil || len(vs) != 1 {
		t.Fatalf("views: %v (%d)", err, len(vs))
	}
	return vs[0].Triage
}

// TestTriageDecisionsTravelAndDisagreementsAreConflicts: alice confirms
// one candidate and dismisses another; bob, without having pulled,
// dismisses the one she confirmed. Both see each decision with its
// reviewer, the disagreement as a conflict naming who said what, and a
// new decision resolves it in both rooms; skipping sends nothing.
func TestTriageDecisionsTravelAndDisagreementsAreConflicts(t *testing.T) {
	store := newStore(t, false)
	alice, bob := newReviewer(t, "alice"), newReviewer(t, "bob")
	signers := allowed(t, alice, bob)
	ast, aq := alice.imported(t)
	bst, bq := bob.imported(t)
	fs, err := ast.Confirm(alice.ws, aq, []string{"C-0001"}, review.SeverityCritical, "alice")
	if err != nil || len(fs) != 1 {
		t.Fatalf("confirm: %v", err)
	}
	if _, err := ast.Dismiss(aq, []string{"C-0002"}, triage.WontFix, "", "alice"); err != nil {
		t.Fatal(err)
	}
	if _, err := ast.Skip(aq, []string{"C-0003"}, "alice"); err != nil {
		t.Fatal(err)
	}
	if n := alice.push(t, store, signers); n != 3 {
		t.Fatalf("alice pushed %d ops, want 3 (the finding, a confirmation, a dismissal; no skip)", n)
	}
	if n := alice.push(t, store, signers); n != 0 {
		t.Fatalf("pushing again sent %d ops", n)
	}
	if _, err := bst.Dismiss(bq, []string{"C-0001"}, triage.FalsePositive, "", "bob"); err != nil {
		t.Fatal(err)
	}
	bob.push(t, store, signers)
	alice.pull(t, store, signers)
	bob.pull(t, store, signers)
	fp1, fp2 := fmt.Sprintf("%032x", 1), fmt.Sprintf("%032x", 2)
	for _, r := range []*reviewer{alice, bob} {
		v := r.verdicts(t, store)
		if len(v) != 2 {
			t.Fatalf("%s sees %d verdicts, want 2: %+v", r.name, len(v), v)
		}
		if got := v[fp2].String(); got != "dismissed (wont-fix) by alice" {
			t.Errorf("%s sees C-0002 as %q", r.name, got)
		}
		if !v[fp1].Conflict() || v[fp1].String() != "CONFLICT alice: confirmed; bob: dismissed (false-positive)" &&
			v[fp1].String() != "CONFLICT bob: dismissed (false-positive); alice: confirmed" {
			t.Errorf("%s sees C-0001 as %q, want a conflict naming both", r.name, v[fp1].String())
		}
		if v[fp1].Rule != "rule-1" || v[fp1].Where != "a.c:1" {
			t.Errorf("%s: the verdict does not say what the candidate was: %+v", r.name, v[fp1])
		}
	}
	// Bob agrees with alice after all: his decision supersedes both.
	bob.push(t, store, signers, Intent{Type: OpTriage, Finding: "c-1", Value: "confirmed"})
	alice.pull(t, store, signers)
	for _, r := range []*reviewer{alice, bob} {
		v := r.verdicts(t, store)[fp1]
		s, ok := v.Agreed()
		if !ok || s.Verdict != VerdictConfirmed || s.Reviewer != "bob" || s.Finding == "" || len(v.History) != 3 {
			t.Fatalf("%s after resolving: %q %+v", r.name, v.String(), v)
		}
	}
	// Bob's local queue still says dismissed; a later push does not send it again.
	if n := bob.push(t, store, signers); n != 0 {
		t.Fatalf("bob's next push sent %d ops", n)
	}
	_, err = Push(PushOptions{Store: store, Workspace: bob.ws, Identity: "bob", Signer: bob.signer, Signers: signers,
		Intents: []Intent{{Type: OpTriage, Finding: "C-0003", Value: "confirmed"}}})
	if err == nil || !strings.Contains(err.Error(), "confirm it in the Triage tab") {
		t.Fatalf("confirming for the team a candidate nobody confirmed: %v", err)
	}
}

func TestTriageOperationIsCheckedOnDecode(t *testing.T) {
	for _, d := range []triageData{
		{Fingerprint: "zz", Verdict: VerdictConfirmed},
		{Fingerprint: "ab", Verdict: "maybe"},
		{Fingerprint: "ab", Verdict: VerdictDismissed, Reason: "boring"},
		{Fingerprint: "ab", Verdict: VerdictConfirmed, Reason: "wont-fix"},
	} {
		op := Op{V: 1, Store: "s", Reviewer: "r", Clock: 1, Pin: testPin, Type: OpTriage, Data: mustData(d)}
		b, _ := op.Canonical()
		if _, err := decodeOp(b); err == nil {
			t.Errorf("decoded a bad triage op %+v", d)
		}
	}
	op := Op{V: 1, Store: "s", Reviewer: "r", Clock: 1, Pin: testPin, Type: OpTriage,
		Data: mustData(triageData{Fingerprint: "ab", Verdict: VerdictDismissed, Reason: "test-code"})}
	b, _ := op.Canonical()
	if _, err := decodeOp(b); err != nil {
		t.Fatalf("a good triage op: %v", err)
	}
}

// TestRandomTriageSchedulesConverge: reviewers who imported the same scan
// decide candidates at random (confirm, dismiss, decide for the team),
// pushing and pulling in random orders; after a last round every room
// shows the same verdicts, each conflict included.
func TestRandomTriageSchedulesConverge(t *testing.T) {
	for i := range schedules(t, 60) {
		seed := uint64(i)
		rng := rand.New(rand.NewPCG(seed, 6))
		store := newStore(t, false)
		var rs []*reviewer
		qs := map[*reviewer]*triage.Queue{}
		sts := map[*reviewer]*triage.Store{}
		for k := range 2 + rng.IntN(3) {
			r := newReviewer(t, fmt.Sprintf("r%d", k))
			sts[r], qs[r] = r.imported(t)
			rs = append(rs, r)
		}
		signers := allowed(t, rs...)
		push := func(r *reviewer, in ...Intent) {
			_, err := Push(PushOptions{Store: store, Workspace: r.ws, Identity: r.name, Signer: r.signer, Signers: signers, Intents: in})
			if err != nil && !errors.Is(err, ErrBehind) && !strings.Contains(err.Error(), "confirm it in the Triage tab") {
				t.Fatalf("seed %d: %s push: %v", seed, r.name, err)
			}
		}
		for range 6 + rng.IntN(10) {
			r := rs[rng.IntN(len(rs))]
			id := triage.FormatID(1 + rng.IntN(3))
			reason := triage.Reasons[rng.IntN(len(triage.Reasons))]
			switch rng.IntN(6) {
			case 0:
				_, _ = sts[r].Confirm(r.ws, qs[r], []string{id}, "", r.name) // refused when confirmed already
			case 1:
				_, _ = sts[r].Dismiss(qs[r], []string{id}, reason, "", r.name)
			case 2:
				v := "confirmed"
				if rng.IntN(2) == 0 {
					v = string(reason)
				}
				push(r, Intent{Type: OpTriage, Finding: id, Value: v})
			case 3, 4:
				push(r)
			default:
				r.pull(t, store, signers)
			}
		}
		for _, round := range []string{"pull", "push", "pull"} {
			for _, k := range rng.Perm(len(rs)) {
				if round == "push" {
					push(rs[k])
				} else {
					rs[k].pull(t, store, signers)
				}
			}
		}
		var want []byte
		for _, r := range rs {
			got, _ := json.Marshal(r.verdicts(t, store))
			if want == nil {
				want = got
			} else if string(got) != string(want) {
				t.Fatalf("seed %d: %s's verdicts differ:\n%s\nvs\n%s", seed, r.name, got, want)
			}
		}
	}
}

// TestHostileCandidateTextDoesNotBlockAPush: a candidate whose path is
// not UTF-8 and whose rule is 1,000 bytes is decided and pushed; the
// operation names it in valid, short text.
func TestHostileCandidateTextDoesNotBlockAPush(t *testing.T) {
	store := newStore(t, false)
	alice := newReviewer(t, "alice")
	signers := allowed(t, alice)
	c := triage.Candidate{Fingerprint: "ab", Pin: testPin, Tool: "t", Rule: strings.Repeat("r", 1000), Severity: review.SeverityLow,
		Message: "m", Where: triage.Place{Path: "a\uFFFDb.c", PathBytes: base64.StdEncoding.EncodeToString([]byte("a\xffb.c")), StartLine: 1}}
	line, _ := json.Marshal(map[string]any{"time": "2026-01-01T00:00:00Z", "candidate": c})
	if err := os.WriteFile(filepath.Join(alice.ws.Dir(), triage.FileName), append(line, '\n'), 0o600); err != nil {
		t.Fatal(err)
	}
	st := triage.NewStore(alice.ws.Dir())
	q, _ := st.Load()
	if _, err := st.Dismiss(q, []string{"C-0001"}, triage.FalsePositive, "", "alice"); err != nil {
		t.Fatal(err)
	}
	if n := alice.push(t, store, signers); n != 1 {
		t.Fatalf("pushed %d", n)
	}
	v := alice.verdicts(t, store)["ab"]
	if !utf8.ValidString(v.Where) || !strings.HasPrefix(v.Where, "a\uFFFDb.c:1") || len(v.Rule) > 210 {
		t.Fatalf("verdict names the candidate as %q, rule of %d bytes", v.Where, len(v.Rule))
	}
}
