package repo

import (
	"context"
	"runtime"
	"strings"
	"testing"

	"sightline/repo/repotest"
)

// allocatedBy is how many bytes fn allocates on the heap.
func allocatedBy(fn func()) uint64 {
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	fn()
	runtime.ReadMemStats(&after)
	return after.TotalAlloc - before.TotalAlloc
}

// Issue 17.1: a commit with a 64 MiB message (a few hundred KB
// compressed) is resolved, walked, shown and scanned from a bounded
// prefix: its message is cut, and says so, and no reader allocates
// anything like its size.
func TestHugeCommitMessageReadFromBoundedPrefix(t *testing.T) {
	const size = 64 << 20
	tr := repotest.HostileMem(t, repotest.MemMessage, size)
	r, _ := openAt(t, tr)
	ctx := context.Background()
	budget := uint64(8 * ObjectPrefixMax)
	var pin Pin
	var err error
	if n := allocatedBy(func() { pin, err = r.Resolve("HEAD") }); err != nil || n > budget {
		t.Fatalf("Resolve: %v, allocated %d bytes (budget %d)", err, n, budget)
	}
	if pin.Commit != Hash(tr.Head()) {
		t.Fatalf("pinned %s, want %s", pin.Commit, tr.Head())
	}
	var c Commit
	if n := allocatedBy(func() { c, err = r.ReadCommit(ctx, pin.Commit) }); err != nil || n > budget {
		t.Fatalf("ReadCommit: %v, allocated %d bytes (budget %d)", err, n, budget)
	}
	if len(c.Message) > ObjectPrefixMax || c.MessageCut <= size || !strings.HasPrefix(c.Message, "mmm") {
		t.Errorf("message %d bytes, cut %d; want at most %d bytes, cut at the object's size", len(c.Message), c.MessageCut, ObjectPrefixMax)
	}
	if len(c.Parents) != 1 || c.Parents[0] != Hash(tr.Commits[0]) {
		t.Errorf("parents %v, want [%s]", c.Parents, tr.Commits[0])
	}
	var logged []Commit
	if n := allocatedBy(func() {
		err = r.Log(ctx, pin.Commit, func(c Commit) error { logged = append(logged, c); return nil })
	}); err != nil || n > 2*budget {
		t.Fatalf("Log: %v, allocated %d bytes (budget %d)", err, n, 2*budget)
	}
	if len(logged) != 2 || logged[0].MessageCut == 0 || logged[1].MessageCut != 0 {
		t.Errorf("log: %d commits, cut %d/%d; want the huge one cut and the small one whole", len(logged), logged[0].MessageCut, logged[len(logged)-1].MessageCut)
	}
	var unscanned int
	if n := allocatedBy(func() {
		err = r.ScanHostile(ctx, pin, func(s ScanReport) error {
			if s.Source == ScanUnreadable && s.Commit == pin.Commit {
				unscanned++
			}
			return nil
		})
	}); err != nil || n > 2*budget {
		t.Fatalf("ScanHostile: %v, allocated %d bytes (budget %d)", err, n, 2*budget)
	}
	if unscanned != 1 {
		t.Errorf("scan: %d notes that the huge message was not scanned to its end, want 1", unscanned)
	}
}
