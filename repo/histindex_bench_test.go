//go:build unix

package repo

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"syscall"
	"testing"
	"time"

	"sightline/repo/repotest"
)

// BenchmarkWarmHistory measures path history and blame as the workbench
// runs them: the repository open, each walk after the first (warm), with
// and without the history index, on the corpus clones and the large
// generated repository (each skipped when absent). "log" and "blame" show
// the same file again, with what the earlier walk remembered (tree
// lookups, delta bases, the file's versions); "log-first" and
// "blame-first" walk it in a Repo just opened, as for a file not yet
// shown in the session. The index is read
// from $SIGHTLINE_HISTINDEX_DIR when set (as "sightline index" wrote it),
// else built first. Compare ms/op with git's whole process:
//
//	SIGHTLINE_HISTINDEX_DIR=~/.cache/sightline/index go test ./repo -run '^$' -bench WarmHistory -benchtime 5x
func BenchmarkWarmHistory(b *testing.B) {
	for _, c := range []struct{ name, path string }{
		{"tmux", "window.c"}, {"fzf", "src/terminal.go"}, {"large", "src/core/engine.go"},
	} {
		for _, op := range []string{"log", "log-first", "blame", "blame-first"} {
			for _, withIndex := range []bool{false, true} {
				b.Run(fmt.Sprintf("%s/%s/index=%v", c.name, op, withIndex), func(b *testing.B) {
					dir := repotest.LargeBenchRepo(b)
					if c.name != "large" {
						dir = corpusDirB(b, c.name)
					}
					r, pin := openDirB(b, dir)
					index := ""
					if withIndex {
						index = HistoryIndexPath(os.Getenv("SIGHTLINE_HISTINDEX_DIR"), pin.Commit)
						if !fileExists(index) {
							index = HistoryIndexPath(b.TempDir(), pin.Commit)
							if _, err := r.BuildHistoryIndex(context.Background(), pin.Commit, index); err != nil {
								b.Fatal(err)
							}
						}
					}
					useIndex := func(r *Repo) {
						if index == "" {
							return
						}
						if used, err := r.UseHistoryIndex(index, pin.Commit); !used {
							b.Fatalf("index not used: %v", err)
						}
					}
					run := func(r *Repo) {
						var err error
						if op == "log" || op == "log-first" {
							err = r.PathLog(context.Background(), pin.Commit, c.path, func(Commit) error { return nil })
						} else {
							_, err = r.Blame(context.Background(), pin.Commit, c.path, nil)
						}
						if err != nil {
							b.Fatal(err)
						}
					}
					var cpu time.Duration
					if op == "log-first" || op == "blame-first" {
						// The file's first walk in the session: a Repo
						// just opened, with none of an earlier walk's
						// tree lookups, delta bases or versions.
						b.ResetTimer()
						for range b.N {
							b.StopTimer()
							fresh, err := Open(dir)
							if err != nil {
								b.Fatal(err)
							}
							useIndex(fresh)
							b.StartTimer()
							cpu0 := benchCPU()
							run(fresh)
							cpu += benchCPU() - cpu0
							b.StopTimer()
							_ = fresh.Close()
							b.StartTimer()
						}
					} else {
						// The same file again: caches filled as in a
						// workbench that showed it once.
						useIndex(r)
						run(r)
						b.ResetTimer()
						cpu0 := benchCPU()
						for range b.N {
							run(r)
						}
						cpu = benchCPU() - cpu0
					}
					b.ReportMetric(float64(cpu.Microseconds())/1000/float64(b.N), "cpu-ms/op")
				})
			}
		}
	}
}

func openDirB(b *testing.B, dir string) (*Repo, Pin) {
	r, err := Open(dir)
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { _ = r.Close() })
	pin, err := r.Resolve("HEAD")
	if err != nil {
		b.Fatal(err)
	}
	return r, pin
}

// corpusBench opens a bare clone of corpus bundle name under
// $SIGHTLINE_BENCH_CLONES (made once), skipping without the corpus.
func corpusBench(b *testing.B, name string) (*Repo, Pin) {
	return openDirB(b, corpusDirB(b, name))
}

// corpusDirB is the bare clone of corpus bundle name under
// $SIGHTLINE_BENCH_CLONES, skipping without it.
func corpusDirB(b *testing.B, name string) string {
	dir := filepath.Join(os.Getenv("SIGHTLINE_BENCH_CLONES"), name+".git")
	if os.Getenv("SIGHTLINE_BENCH_CLONES") == "" || !fileExists(dir) {
		b.Skipf("set SIGHTLINE_BENCH_CLONES to a directory holding %s.git (git clone --bare %s.bundle)", name, name)
	}
	return dir
}

// benchCPU is the process's user+sys time: the machine is shared.
func benchCPU() time.Duration {
	var ru syscall.Rusage
	if syscall.Getrusage(syscall.RUSAGE_SELF, &ru) != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// BenchmarkBuildHistoryIndex measures what "sightline index
// --history-only" does on the corpus clones: every commit's tree diff
// against its first parent (the shared two-tree walk) and the file
// written. The repository is opened afresh each time, so each build is
// cold, as the command's is.
//
//	SIGHTLINE_BENCH_CLONES=/tmp/clones go test ./repo -run '^$' -bench BuildHistoryIndex -benchtime 3x
func BenchmarkBuildHistoryIndex(b *testing.B) {
	for _, name := range []string{"tmux", "fzf"} {
		b.Run(name, func(b *testing.B) {
			corpusBench(b, name) // skips when the clone is absent
			dir := filepath.Join(os.Getenv("SIGHTLINE_BENCH_CLONES"), name+".git")
			out := b.TempDir()
			cpu0 := benchCPU()
			for b.Loop() {
				r, pin := openDirB(b, dir)
				if _, err := r.BuildHistoryIndex(context.Background(), pin.Commit, HistoryIndexPath(out, pin.Commit)); err != nil {
					b.Fatal(err)
				}
				_ = r.Close()
			}
			b.ReportMetric(float64((benchCPU()-cpu0).Microseconds())/1000/float64(b.N), "cpu-ms/op")
		})
	}
}
