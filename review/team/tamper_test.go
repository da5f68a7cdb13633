package team

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"sightline/repo/oplog"
	"sightline/review"
)

// rewriteLog replaces ref's log in store with one entry holding what
// edit makes of its records: an attacker with the USB stick.
func rewriteLog(t *testing.T, store, ref string, edit func([]Record) []Record) {
	t.Helper()
	st, err := oplog.Open(store)
	if err != nil {
		t.Fatal(err)
	}
	ents, err := st.Entries(ref)
	if err != nil {
		t.Fatal(err)
	}
	var recs []Record
	for _, e := range ents {
		rs, _ := parseEntry(e.Data)
		recs = append(recs, rs...)
	}
	recs = edit(recs)
	var b bytes.Buffer
	for _, r := range recs {
		line, _ := json.Marshal(r)
		b.Write(append(line, '\n'))
	}
	if err := os.Remove(filepath.Join(store, ref)); err != nil && !os.IsNotExist(err) {
		t.Fatal(err)
	}
	if _, err := st.Append(ref, "", b.Bytes()); err != nil {
		t.Fatal(err)
	}
}

// tamperSetup: alice pushes three findings, carol one; bob will pull.
func tamperSetup(t *testing.T) (store string, alice, bob, carol *reviewer) {
	store = newStore(t, false)
	alice, bob, carol = newReviewer(t, "alice"), newReviewer(t, "bob"), newReviewer(t, "carol")
	signers := allowed(t, alice, bob, carol)
	for _, title := range []string{"one", "two", "three"} {
		alice.add(t, title, review.SeverityLow)
	}
	alice.push(t, store, signers)
	carol.add(t, "carol's", review.SeverityHigh)
	carol.push(t, store, signers)
	return store, alice, bob, carol
}

func titles(t *testing.T, r *reviewer, store string) string {
	var out []string
	for _, f := range r.state(t, store, false).Findings {
		out = append(out, f.Title)
	}
	slices.Sort(out) // merge order is by clock, not by reviewer
	return strings.Join(out, ",")
}

func TestPullRefusesTamperedOperationsAndKeepsTheRest(t *testing.T) {
	cases := []struct {
		name   string
		edit   func(t *testing.T, rs []Record, alice, carol *reviewer) []Record
		want   string // in the refusal
		bad    []int  // refused op lines
		titles string
	}{
		{"flipped byte", func(t *testing.T, rs []Record, alice, carol *reviewer) []Record {
			rs[1].Op = bytes.Replace(rs[1].Op, []byte(`"two"`), []byte(`"twO"`), 1)
			return rs
		}, "does not match", []int{2}, "carol's,one,three"},
		{"swapped signature", func(t *testing.T, rs []Record, alice, carol *reviewer) []Record {
			rs[0].Sig, rs[2].Sig = rs[2].Sig, rs[0].Sig
			return rs
		}, "does not match", []int{1, 3}, "carol's,two"},
		{"unsigned", func(t *testing.T, rs []Record, alice, carol *reviewer) []Record {
			rs[2].Sig = ""
			return rs
		}, "unsigned", []int{3}, "carol's,one,two"},
		{"signed by an unknown key", func(t *testing.T, rs []Record, alice, carol *reviewer) []Record {
			op, _ := decodeOp(rs[1].Op)
			s, err := Sign(op, newSigner(t))
			if err != nil {
				t.Fatal(err)
			}
			rs[1] = s.Rec
			return rs
		}, "may not sign", []int{2}, "carol's,one,three"},
		{"another identity's key", func(t *testing.T, rs []Record, alice, carol *reviewer) []Record {
			op, _ := decodeOp(rs[0].Op)
			s, err := Sign(op, carol.signer) // carol's key signs an op of alice's
			if err != nil {
				t.Fatal(err)
			}
			rs[0] = s.Rec
			return rs
		}, "may not sign for \"alice\"", []int{1}, "carol's,three,two"},
		{"replayed from another store", func(t *testing.T, rs []Record, alice, carol *reviewer) []Record {
			op, _ := decodeOp(rs[2].Op)
			op.Store = strings.Repeat("ab", 16)
			s, err := Sign(op, alice.signer) // alice's own op, made for another store
			if err != nil {
				t.Fatal(err)
			}
			return append(rs[:2], s.Rec)
		}, "another team store", []int{3}, "carol's,one,two"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			store, alice, bob, carol := tamperSetup(t)
			signers := allowed(t, alice, bob, carol)
			rewriteLog(t, store, RefOf("alice"), func(rs []Record) []Record { return c.edit(t, rs, alice, carol) })
			rep := bob.pull(t, store, signers)
			var lines []int
			for _, r := range rep.Refused {
				if r.Ref != RefOf("alice") || !strings.Contains(r.Reason, c.want) {
					t.Errorf("refusal %s; want one about %q in alice's log", r, c.want)
				}
				lines = append(lines, r.Line)
			}
			if len(lines) != len(c.bad) {
				t.Fatalf("refused %v, want ops %v: %+v", lines, c.bad, rep.Refused)
			}
			if got := titles(t, bob, store); got != c.titles {
				t.Fatalf("bob holds %q, want %q", got, c.titles)
			}
		})
	}
}

func TestPullRefusesARewrittenLogWholeAndMergesTheOthers(t *testing.T) {
	store, alice, bob, carol := tamperSetup(t)
	signers := allowed(t, alice, bob, carol)
	bob.pull(t, store, signers)
	rewriteLog(t, store, RefOf("alice"), func(rs []Record) []Record { return rs[:1] })
	carol.add(t, "carol's second", review.SeverityLow)
	carol.push(t, store, signers)
	rep := bob.pull(t, store, signers)
	if len(rep.Refused) != 1 || rep.Refused[0].Ref != RefOf("alice") || !strings.Contains(rep.Refused[0].Reason, "history rewritten") {
		t.Fatalf("refused %+v", rep.Refused)
	}
	if rep.New != 1 || titles(t, bob, store) != "carol's,carol's second,one,three,two" {
		t.Fatalf("new %d, bob holds %q", rep.New, titles(t, bob, store))
	}
}
