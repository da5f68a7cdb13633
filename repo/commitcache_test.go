package repo

import (
	"encoding/binary"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

// A second walk takes the commits the first one decoded from the cache,
// and gives the same commits, field for field; a commit-graph forged
// after they were kept is still caught, since what it says of a commit is
// checked against the kept commit too.
func TestCommitCacheServesWalksAndStillChecksTheGraph(t *testing.T) {
	const path = "src/main.c"
	r, pin, want := historyRepo(t, path)
	good := buildIndex(t, r, pin.Commit)
	r2, _ := openDir(t, r.GitDir())
	useIndex(t, r2, good, pin.Commit)
	var first []Commit
	if err := r2.PathLog(t.Context(), pin.Commit, path, func(c Commit) error { first = append(first, c); return nil }); err != nil {
		t.Fatal(err)
	}
	if len(first) != len(want) {
		t.Fatalf("first walk: %d commits, git %d", len(first), len(want))
	}
	kept := len(r2.commits.items)
	if kept < len(first) {
		t.Fatalf("%d commits kept after a walk showing %d", kept, len(first))
	}
	var second []Commit
	if err := r2.PathLog(t.Context(), pin.Commit, path, func(c Commit) error { second = append(second, c); return nil }); err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(first, second) {
		t.Errorf("the second walk's commits differ from the first's")
	}
	second[0].Parents[0][0] ^= 1 // the caller's copy: the cache's stays
	if c, _ := r2.commits.get(first[0].Hash); c.Parents[0] != first[0].Parents[0] {
		t.Errorf("a caller's change reached the cached commit")
	}

	// A graph record that disagrees with a kept commit is caught on the
	// cache's path as on the object's.
	c0 := first[0]
	lie := commitHead{hash: c0.Hash, tree: c0.Tree, parents: []Hash{{0xde, 0xad}}, inGraph: true}
	if _, err := r2.fullCommit(t.Context(), lie); err == nil || !strings.Contains(err.Error(), "damaged or forged") {
		t.Errorf("a graph record with other parents than kept commit %s: %v; want it caught", c0.Hash.Short(), err)
	}
	lie = commitHead{hash: c0.Hash, tree: Hash{0xbe, 0xef}, parents: c0.Parents, inGraph: true}
	if _, err := r2.fullCommit(t.Context(), lie); err == nil {
		t.Errorf("a graph record with another tree than kept commit %s was taken", c0.Hash.Short())
	}

	// The same index with every first parent moved: valid checksum.
	data, err := os.ReadFile(good)
	if err != nil {
		t.Fatal(err)
	}
	forged := append([]byte(nil), data...)
	cdat := graphChunk(t, forged, "CDAT")
	oids := graphChunk(t, forged, "OIDL")
	for i := 0; i+36 <= len(cdat); i += 36 {
		if string(oids[i/36*20:i/36*20+20]) == string(pin.Commit[:]) {
			continue // the pin's own record is checked at open
		}
		if binary.BigEndian.Uint32(cdat[i+20:]) != 0x70000000 && binary.BigEndian.Uint32(cdat[i+28:])>>2 > 2 {
			binary.BigEndian.PutUint32(cdat[i+20:], 0)
		}
	}
	file := filepath.Join(t.TempDir(), "history.graph")
	if err := os.WriteFile(file, resum(forged), 0o600); err != nil {
		t.Fatal(err)
	}
	useIndex(t, r2, file, pin.Commit)
	if _, err := pathLogHashes(t, r2, pin, path); err == nil || !strings.Contains(err.Error(), "damaged or forged") {
		t.Errorf("PathLog over kept commits with a forged index: %v; want it caught", err)
	}
}

// The cache holds no more than its budget, and no commit bigger than an
// entry may be: a hostile message cannot fill it.
func TestCommitCacheStaysWithinItsBudget(t *testing.T) {
	cc := newCommitCache()
	var h Hash
	for i := 0; i < 2*commitCacheBytes/(commitCacheEntryMax/2); i++ {
		binary.BigEndian.PutUint32(h[:], uint32(i))
		cc.put(Commit{Hash: h, Message: "m"}, commitCacheEntryMax/2)
		if cc.used > commitCacheBytes {
			t.Fatalf("after %d commits the cache holds %d bytes, over %d", i+1, cc.used, commitCacheBytes)
		}
	}
	if _, ok := cc.get(h); !ok {
		t.Error("the last commit put is not kept")
	}
	binary.BigEndian.PutUint32(h[:], 0)
	if _, ok := cc.get(h); ok {
		t.Error("the first commit put is still kept past the budget")
	}
	big := Hash{0xff}
	cc.put(Commit{Hash: big}, commitCacheEntryMax+1)
	if _, ok := cc.get(big); ok {
		t.Error("a commit over the entry limit is kept")
	}
}
