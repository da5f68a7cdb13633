package team

import (
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"runtime/metrics"
	"strings"
	"syscall"
	"testing"
	"time"

	"golang.org/x/crypto/ssh"
	"sightline/repo/oplog"

	"sightline/review"
	"sightline/review/bundle"
)

// benchStore writes a store holding perReviewer ops from each of n
// reviewers (pushed in batches of batch ops), made and signed directly:
// a fifth creates findings, the rest change them, steps and notes too.
func benchStore(tb testing.TB, n, perReviewer, batch int) (store string, rs []*reviewer) {
	store = filepath.Join(tb.TempDir(), "store")
	cfg, err := InitStore(store, true)
	if err != nil {
		tb.Fatal(err)
	}
	st, err := oplog.Open(store)
	if err != nil {
		tb.Fatal(err)
	}
	for k := range n {
		rs = append(rs, &reviewer{name: fmt.Sprintf("reviewer%d@example.org", k), signer: newSigner(tb)})
	}
	rng := rand.New(rand.NewPCG(5, 100))
	var created []string
	sevs := []string{"low", "medium", "high"}
	for _, r := range rs {
		var parent, head string
		var entry []Signed
		for c := 1; c <= perReviewer; c++ {
			op := Op{V: 1, Store: cfg.Store, Reviewer: r.name, Clock: uint64(c), Parent: parent, Pin: testPin}
			switch a := rng.IntN(5); {
			case a == 0 || len(created) == 0:
				op.Type = OpCreate
				op.Data = mustData(createData{Title: fmt.Sprintf("finding %d", c), Severity: review.SeverityLow,
					Status: review.StatusOpen, Steps: []review.Step{{Location: loc("a.c", 1+c%50)}}, Local: review.FormatID(c)})
			case a == 1:
				op.Type, op.Finding, op.Data = OpStep, created[rng.IntN(len(created))], mustData(review.Step{Location: loc("b.c", 1+c%90)})
			case a == 2:
				op.Type, op.Finding, op.Data = OpNote, created[rng.IntN(len(created))], mustData(valueData{Value: "a note"})
			default:
				op.Type, op.Finding, op.Data = OpSeverity, created[rng.IntN(len(created))], mustData(valueData{Value: sevs[rng.IntN(3)]})
			}
			s, err := Sign(op, r.signer)
			if err != nil {
				tb.Fatal(err)
			}
			if op.Type == OpCreate {
				created = append(created, s.ID)
			}
			parent = s.ID
			entry = append(entry, s)
			if len(entry) == batch || c == perReviewer {
				if head, err = st.Append(RefOf(r.name), head, encodeEntry(entry)); err != nil {
					tb.Fatal(err)
				}
				entry = nil
			}
		}
	}
	return store, rs
}

// BenchmarkPull100k merges 100,000 operations from 5 reviewers into an
// empty workspace: read the logs, verify every signature, store the
// union, compute the state. The target is 5 s and 300 MB; the peak
// memory of the pull alone is TestPull100kBudget's (a child process, so
// that making the store does not count).
func BenchmarkPull100k(b *testing.B) {
	store, rs := benchStore(b, 5, 20000, 1000)
	signers := allowed(b, rs...)
	b.ResetTimer()
	for range b.N {
		rep, err := Pull(store, b.TempDir(), testPin, signers)
		if err != nil || rep.New != 100000 || len(rep.Refused) != 0 || len(rep.State.Findings) == 0 {
			b.Fatalf("pull: %d new, %d refused, %v", rep.New, len(rep.Refused), err)
		}
	}
}

// TestPull100kBudget makes a store of 100,000 operations from 5
// reviewers, then pulls it in a child process and checks its time and
// peak memory against the budget (5 s, 300 MB). It runs only when
// SIGHTLINE_TEAM_BENCH is set: making the store takes a while.
func TestPull100kBudget(t *testing.T) {
	if os.Getenv("SIGHTLINE_TEAM_BENCH") == "" {
		t.Skip("set SIGHTLINE_TEAM_BENCH=1 to run")
	}
	store, rs := benchStore(t, 5, 20000, 1000)
	signers := filepath.Join(t.TempDir(), "allowed_signers")
	var b strings.Builder
	for _, r := range rs {
		fmt.Fprintf(&b, "%s %s", r.name, ssh.MarshalAuthorizedKey(r.signer.PublicKey()))
	}
	if err := os.WriteFile(signers, []byte(b.String()), 0o600); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(os.Args[0], "-test.run=^TestPull100kChild$", "-test.v")
	cmd.Env = append(os.Environ(), "SIGHTLINE_TEAM_CHILD="+store+"|"+signers+"|"+t.TempDir())
	out, err := cmd.CombinedOutput()
	t.Logf("%s", out)
	if err != nil {
		t.Fatal(err)
	}
}

func TestPull100kChild(t *testing.T) {
	args := strings.Split(os.Getenv("SIGHTLINE_TEAM_CHILD"), "|")
	if len(args) != 3 {
		t.Skip("run by TestPull100kBudget")
	}
	signers, err := bundle.LoadAllowedSigners(args[1])
	if err != nil {
		t.Fatal(err)
	}
	before := cpuClasses()
	start := time.Now()
	rep, err := Pull(args[0], args[2], testPin, signers)
	took := time.Since(start)
	after := cpuClasses()
	if err != nil || rep.New != 100000 || len(rep.State.Findings) == 0 {
		t.Fatalf("pull: %d new, %v", rep.New, err)
	}
	var ru syscall.Rusage
	_ = syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	mb := float64(ru.Maxrss) / 1024
	runtime.GC()
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	t.Logf("live heap after the pull (the workspace's operations and state): %.0f MB", float64(ms.HeapAlloc)/(1<<20))
	runtime.KeepAlive(rep)
	cpu := time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
	t.Logf("BUDGET pulled, verified and merged %d ops (%d findings) in %.2fs wall, %.2fs CPU (user+sys), peak RSS %.0f MB (GOMAXPROCS %d)",
		rep.New, len(rep.State.Findings), took.Seconds(), cpu.Seconds(), mb, runtime.GOMAXPROCS(0))
	// The runtime's own account of its processors: the share of the
	// pull's processor time in which a P had no goroutine to run. Time a
	// busy machine's kernel keeps a thread waiting counts as busy, so
	// this shows whether the pull itself kept both cores fed.
	total, idle := after[0]-before[0], after[1]-before[1]
	t.Logf("BUDGET Ps busy %.0f%% of the pull (idle %.2fs of %.2fs); on an idle machine about %.2fs wall (CPU / GOMAXPROCS / busy share)",
		100*(1-idle/total), idle, total, cpu.Seconds()/float64(runtime.GOMAXPROCS(0))/(1-idle/total))
	if took > 5*time.Second || mb > 300 {
		t.Errorf("over budget (5 s, 300 MB)")
	}
}

// cpuClasses returns the runtime's estimates of total and idle processor
// time so far, in seconds.
func cpuClasses() [2]float64 {
	ms := []metrics.Sample{{Name: "/cpu/classes/total:cpu-seconds"}, {Name: "/cpu/classes/idle:cpu-seconds"}}
	metrics.Read(ms)
	return [2]float64{ms[0].Value.Float64(), ms[1].Value.Float64()}
}
