//go:build unix

package carry

import (
	"context"
	"math/rand/v2"
	"os"
	"path/filepath"
	"syscall"
	"testing"
	"time"

	"sightline/repo"
	"sightline/repo/repotest/pintest"
	"sightline/repo/synth"
	"sightline/review"
)

// BenchmarkCarry carries 1,000 findings, each in a file that changed, and
// 5,000 reviewed marks across a generated history whose two pins differ
// in over 5,000 files (issue 14's target: 2 s). The repository (20,000
// files, 5,500 commits, seed 1) is generated in a temporary directory,
// or read from $SIGHTLINE_CARRY_BENCH_REPO when set (mkrepo -o DIR
// -files 20000 -commits 5500 -seed 1).
func BenchmarkCarry(b *testing.B) {
	dir := os.Getenv("SIGHTLINE_CARRY_BENCH_REPO")
	if dir == "" {
		dir = filepath.Join(b.TempDir(), "r")
		if _, err := synth.Generate(dir, 20000, 5500, 1); err != nil {
			b.Fatal(err)
		}
	}
	r := pintest.Open(b, dir)
	from, to := pintest.Resolve(b, r, synth.BaseTag), pintest.Resolve(b, r, "HEAD")
	ctx := context.Background()
	changes, err := r.DiffTrees(ctx, from.Commit, to.Commit, repo.DiffOptions{NamesOnly: true})
	if err != nil {
		b.Fatal(err)
	}
	var changed []repo.FileChange
	for _, c := range changes {
		if c.OldPath != "" && c.OldMode == 0o100644 {
			changed = append(changed, c)
		}
	}
	if len(changes) < 5000 {
		b.Fatalf("only %d files changed between the pins; the benchmark needs 5,000", len(changes))
	}
	rng := rand.New(rand.NewPCG(3, 4))
	var findings []review.Finding
	for len(findings) < 1000 {
		c := changed[rng.IntN(len(changed))]
		bl, err := r.ReadBlob(ctx, c.OldHash, -1)
		if err != nil {
			b.Fatal(err)
		}
		lines := repo.SplitLines(bl.Data)
		if bl.Binary || len(lines) == 0 {
			continue
		}
		s := 1 + rng.IntN(len(lines))
		e := min(len(lines), s+rng.IntN(5))
		h, _ := review.LineHash(bl.Data, s, e)
		loc := review.Location{Commit: from.Commit.String(), Path: c.OldPath, Blob: c.OldHash.String(), StartLine: s, EndLine: e, LineHash: h}
		findings = append(findings, review.Finding{ID: review.FormatID(len(findings) + 1), Title: "b",
			Severity: review.SeverityLow, Status: review.StatusOpen, Steps: []review.Step{{Location: loc}}})
	}
	var reviewed []review.ReviewedFile
	_ = r.WalkFiles(ctx, from.Tree, func(e repo.Entry) error {
		if len(reviewed) < 5000 && e.Kind == repo.KindFile {
			reviewed = append(reviewed, review.ReviewedFile{Path: e.Path, Blob: e.Hash.String(), Lines: 1})
		}
		return nil
	})
	b.ReportMetric(float64(len(changes)), "changed-files")
	// CPU time per carry as well as wall time: on a shared machine the
	// wall time grows with the load, the CPU time much less.
	cpu0 := cpuTime()
	for b.Loop() {
		res, err := Carry(ctx, r, from, to, findings, reviewed)
		if err != nil {
			b.Fatal(err)
		}
		if len(res.Steps) != 1000 {
			b.Fatalf("%d steps carried", len(res.Steps))
		}
	}
	b.ReportMetric((cpuTime()-cpu0).Seconds()/float64(b.N), "cpu-s/op")
}

func cpuTime() time.Duration {
	var ru syscall.Rusage
	_ = syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
