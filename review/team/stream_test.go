package team

import (
	"bytes"
	"crypto/sha1"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"sightline/repo/oplog"
	"sightline/review"
)

// looseEntry is the path of the loose object holding data in store.
func looseEntry(store string, data []byte) string {
	d := sha1.New()
	fmt.Fprintf(d, "blob %d\x00", len(data))
	d.Write(data)
	h := hex.EncodeToString(d.Sum(nil))
	return filepath.Join(store, "objects", h[:2], h[2:])
}

// A push that cannot be read (its object lost from the stick) stops the
// pull of that log there: what came before is merged, the push is named,
// and the next pull, once the object is back, merges the rest.
func TestPullKeepsWhatCameBeforeAnUnreadablePush(t *testing.T) {
	store := newStore(t, false)
	alice, bob := newReviewer(t, "alice"), newReviewer(t, "bob")
	signers := allowed(t, alice, bob)
	alice.add(t, "first", review.SeverityLow)
	alice.push(t, store, signers)
	alice.add(t, "second", review.SeverityHigh)
	alice.push(t, store, signers)
	st, err := oplog.Open(store)
	if err != nil {
		t.Fatal(err)
	}
	ents, err := st.Entries(RefOf("alice"))
	if err != nil || len(ents) != 2 {
		t.Fatalf("%d entries, %v", len(ents), err)
	}
	p := looseEntry(store, ents[1].Data)
	if err := os.Rename(p, p+".away"); err != nil {
		t.Fatal(err)
	}
	rep := bob.pull(t, store, signers)
	if rep.New != 1 || len(rep.Refused) != 1 || rep.Refused[0].Entry != 2 || !strings.Contains(rep.Refused[0].String(), "push 2: unreadable push") {
		t.Fatalf("first pull: %d new, refused %v", rep.New, rep.Refused)
	}
	if got := bob.state(t, store, false); len(got.Findings) != 1 || got.Findings[0].Title != "first" {
		t.Fatalf("after the first pull bob holds %+v", got.Findings)
	}
	if err := os.Rename(p+".away", p); err != nil {
		t.Fatal(err)
	}
	rep = bob.pull(t, store, signers)
	if rep.New != 1 || len(rep.Refused) != 0 || len(rep.State.Findings) != 2 {
		t.Fatalf("second pull: %d new, refused %v, %d findings", rep.New, rep.Refused, len(rep.State.Findings))
	}
}

// The workspace's file holds each record as json.Marshal writes it, and
// reading it back gives the state the pull reported.
func TestPulledFileHoldsRecordsAsMarshalled(t *testing.T) {
	store := newStore(t, false)
	alice, bob := newReviewer(t, "alice"), newReviewer(t, "bob")
	signers := allowed(t, alice, bob)
	alice.add(t, `<script>&"quoted" \ back — ünïcode`, review.SeverityLow)
	alice.add(t, "plain", review.SeverityHigh)
	alice.push(t, store, signers)
	bob.add(t, "bob's", review.SeverityMedium)
	bob.push(t, store, signers)
	rep := bob.pull(t, store, signers)
	_, cfg, _ := OpenStore(store)
	raw, err := os.ReadFile(localPath(bob.ws.Dir(), cfg.Store))
	if err != nil {
		t.Fatal(err)
	}
	l, err := LoadLocal(bob.ws.Dir(), cfg.Store)
	if err != nil || len(l.Ops) != 3 || l.Heads[RefOf("alice")] == "" || l.Heads[RefOf("bob")] == "" {
		t.Fatalf("loaded %d ops, heads %v, %v", len(l.Ops), l.Heads, err)
	}
	for _, r := range l.Ops {
		want, _ := json.Marshal(r)
		if !bytes.Contains(raw, want) {
			t.Errorf("the file does not hold %s as marshalled", want)
		}
	}
	got := Merge(l.Operations(), false)
	if len(got.Findings) != 3 || fmt.Sprint(got.Findings) != fmt.Sprint(rep.State.Findings) {
		t.Fatalf("reloaded state %+v, pulled %+v", got.Findings, rep.State.Findings)
	}
}

// quickRecord reads what encodeEntry writes exactly as the strict
// decoder does, and leaves every other form to it.
func TestQuickRecordAgreesWithStrictDecoder(t *testing.T) {
	r := newReviewer(t, "alice")
	op := Op{V: 1, Store: strings.Repeat("a", 32), Reviewer: r.name, Clock: 1, Pin: testPin, Type: OpTitle,
		Finding: strings.Repeat("b", 64), Data: mustData(valueData{Value: `<a href="x">&amp; \ ü},"sig":"`})}
	s, err := Sign(op, r.signer)
	if err != nil {
		t.Fatal(err)
	}
	line := bytes.TrimSuffix(encodeEntry([]Signed{s}), []byte("\n"))
	q, ok := quickRecord(line)
	if !ok || !bytes.Equal(q.Op, s.Rec.Op) || q.Sig != s.Rec.Sig {
		t.Fatalf("quick read of a pushed line: ok %v, %+v", ok, q)
	}
	sig, _ := json.Marshal(s.Rec.Sig)
	odd := []string{
		`{"op":{},"sig":"}`,
		`{"op":{"v":1},"sig":"x"},"sig":"y"}`,
		`{"op":{"v":1},"sig":"\u0041"}`,
		`{"op":{"v":1},"sig":""}`,
		`{"op":{"v":1},"sig":"a\tb"}`,
		`{"op":` + string(s.Rec.Op) + `,"extra":1,"sig":` + string(sig) + `}`,
	}
	for _, l := range odd {
		if q, ok := quickRecord([]byte(l)); ok {
			t.Errorf("quick read of %s: %+v; want it left to the strict decoder", l, q)
		}
		got, gerr := parseRecord([]byte(l))
		var want Record
		dec := json.NewDecoder(strings.NewReader(l))
		dec.DisallowUnknownFields()
		werr := dec.Decode(&want)
		if (gerr == nil) != (werr == nil && want.Sig != "") || (gerr == nil && (!bytes.Equal(got.Op, want.Op) || got.Sig != want.Sig)) {
			t.Errorf("%s: parsed %+v (%v), strict %+v (%v)", l, got, gerr, want, werr)
		}
	}
}
