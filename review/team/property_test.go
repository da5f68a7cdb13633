package team

import (
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"os"
	"slices"
	"strconv"
	"testing"

	"sightline/review"
)

// schedules is how many random schedules the property test runs:
// SIGHTLINE_TEAM_SCHEDULES overrides the default.
func schedules(t *testing.T, def int) int {
	if s := os.Getenv("SIGHTLINE_TEAM_SCHEDULES"); s != "" {
		n, err := strconv.Atoi(s)
		if err != nil {
			t.Fatalf("SIGHTLINE_TEAM_SCHEDULES=%q: %v", s, err)
		}
		return n
	}
	if testing.Short() {
		return def / 10
	}
	return def
}

// TestRandomSchedulesConverge: N ≤ 5 reviewers make random changes and
// push and pull through one shared store in a random order; after a last
// round every room holds every acknowledged operation and the same state.
func TestRandomSchedulesConverge(t *testing.T) {
	n := schedules(t, 200)
	for i := range n {
		seed := uint64(i)
		rng := rand.New(rand.NewPCG(seed, 18))
		if !runSchedule(t, rng, seed) {
			return
		}
	}
}

func runSchedule(t *testing.T, rng *rand.Rand, seed uint64) bool {
	t.Helper()
	twoPerson := rng.IntN(2) == 0
	store := newStore(t, twoPerson)
	var rs []*reviewer
	for k := range 1 + rng.IntN(5) {
		rs = append(rs, newReviewer(t, fmt.Sprintf("r%d", k)))
	}
	signers := allowed(t, rs...)
	acked := map[string]bool{}
	sevs := []review.Severity{review.SeverityLow, review.SeverityMedium, review.SeverityHigh}
	push := func(r *reviewer, in ...Intent) {
		before := pushedIDs(t, r, store)
		if _, err := Push(PushOptions{Store: store, Workspace: r.ws, Identity: r.name, Signer: r.signer, Signers: signers, Intents: in}); err != nil {
			t.Fatalf("seed %d: %s push: %v", seed, r.name, err)
		}
		for id := range pushedIDs(t, r, store) {
			if !before[id] {
				acked[id] = true
			}
		}
	}
	for range 4 + rng.IntN(12) {
		r := rs[rng.IntN(len(rs))]
		switch a := rng.IntN(7); {
		case a == 0:
			r.add(t, fmt.Sprintf("f%d", rng.IntN(1000)), sevs[rng.IntN(3)])
		case a == 1 && len(r.ws.Findings()) > 0:
			f := r.ws.Findings()[rng.IntN(len(r.ws.Findings()))]
			sev := sevs[rng.IntN(3)]
			if _, err := r.ws.UpdateFinding(f.ID, func(f *review.Finding) { f.Severity = sev }); err != nil {
				t.Fatal(err)
			}
		case a == 2 && len(r.ws.Findings()) > 0:
			f := r.ws.Findings()[rng.IntN(len(r.ws.Findings()))]
			if _, err := r.ws.SetStatus(f.ID, review.Statuses[rng.IntN(len(review.Statuses))]); err != nil {
				t.Fatal(err)
			}
		case a == 3:
			st := r.state(t, store, twoPerson)
			if len(st.Findings) > 0 {
				f := st.Findings[rng.IntN(len(st.Findings))]
				in := Intent{Type: OpSeverity, Finding: f.ID, Value: string(sevs[rng.IntN(3)])}
				if f.Pending != nil && f.Pending.Reviewer != r.name && rng.IntN(2) == 0 {
					in = Intent{Type: OpConfirm, Finding: f.ID}
				}
				push(r, in)
			}
		case a == 4:
			path := fmt.Sprintf("p%d.c", rng.IntN(4))
			if err := r.ws.MarkReviewed(review.ReviewedFile{Path: path, Blob: testPin, Lines: 1}, rng.IntN(3) > 0); err != nil {
				t.Fatal(err)
			}
		case a == 5:
			push(r)
		default:
			r.pull(t, store, signers)
		}
	}
	// Everyone pulls (so no push is refused as behind), pushes, then
	// everyone pulls again, in a random order each round.
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
		ids := pushedIDs(t, r, store)
		for id := range acked {
			if !ids[id] {
				t.Errorf("seed %d: %s lacks acknowledged op %.12s", seed, r.name, id)
				return false
			}
		}
		got, _ := json.Marshal(r.state(t, store, twoPerson))
		if want == nil {
			want = got
		} else if string(got) != string(want) {
			t.Errorf("seed %d: %s's state differs:\n%s\nvs\n%s", seed, r.name, got, want)
			return false
		}
	}
	return true
}

// pushedIDs is the set of op ids r's workspace holds.
func pushedIDs(t *testing.T, r *reviewer, store string) map[string]bool {
	_, cfg, err := OpenStore(store)
	if err != nil {
		t.Fatal(err)
	}
	l, err := LoadLocal(r.ws.Dir(), cfg.Store)
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]bool{}
	for _, s := range l.Operations() {
		out[s.ID] = true
	}
	return out
}

// TestMergeIgnoresOrderAndDuplicates: any permutation of an op set, with
// duplicates, merges to the same state.
func TestMergeIgnoresOrderAndDuplicates(t *testing.T) {
	store := newStore(t, true)
	alice, bob := newReviewer(t, "alice"), newReviewer(t, "bob")
	signers := allowed(t, alice, bob)
	f := alice.add(t, "a", review.SeverityLow)
	alice.push(t, store, signers)
	bob.pull(t, store, signers)
	id := bob.state(t, store, true).Findings[0].ID
	if _, err := alice.ws.SetStatus(f.ID, review.StatusFalsePositive); err != nil {
		t.Fatal(err)
	}
	alice.push(t, store, signers, Intent{Type: OpSeverity, Finding: id, Value: "high"})
	bob.push(t, store, signers, Intent{Type: OpSeverity, Finding: id, Value: "low"})
	bob.add(t, "b", review.SeverityHigh)
	bob.push(t, store, signers)
	alice.pull(t, store, signers)
	_, cfg, _ := OpenStore(store)
	l, _ := LoadLocal(alice.ws.Dir(), cfg.Store)
	ops := l.Operations()
	want, _ := json.Marshal(Merge(ops, true))
	rng := rand.New(rand.NewPCG(1, 2))
	for range schedules(t, 2000) {
		in := slices.Clone(ops)
		for range rng.IntN(3) {
			in = append(in, in[rng.IntN(len(in))])
		}
		rng.Shuffle(len(in), func(i, j int) { in[i], in[j] = in[j], in[i] })
		if got, _ := json.Marshal(Merge(in, true)); string(got) != string(want) {
			t.Fatalf("a permutation merged differently:\n%s\nvs\n%s", got, want)
		}
	}
}
