//go:build unix

package blame

import (
	"os"
	"syscall"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"

	"sightline/repo"
	"sightline/repo/repotest"
	"sightline/repo/repotest/pintest"
)

// BenchmarkBlameGutterFirst measures the blame gutter of a long-lived
// file (src/core/engine.go, changed by 1,050 of 20,000 commits) on the
// large generated repository (scripts/bench.sh --large caches it), the
// repository open: from b to the gutter shown with every line pending
// (gutter-ms), to the first line blamed (first-line-ms) and to the whole
// blame (all-ms); cpu-ms is the process's user+sys time for all of it.
//
//	go test ./tui/blame -run '^$' -bench BlameGutterFirst -benchtime 5x
func BenchmarkBlameGutterFirst(b *testing.B) {
	dir := repotest.LargeBenchRepo(b)
	r := pintest.Open(b, dir)
	pin := pintest.Resolve(b, r, "HEAD")
	const path = "src/core/engine.go"
	// SIGHTLINE_HISTINDEX_DIR: read the history index "sightline index"
	// wrote there, as the workbench does (the warm figures).
	if d := os.Getenv("SIGHTLINE_HISTINDEX_DIR"); d != "" {
		if used, err := r.UseHistoryIndex(repo.HistoryIndexPath(d, pin.Commit), pin.Commit); !used {
			b.Fatalf("history index in %s not used: %v", d, err)
		}
	}
	var gutter, firstLine, all, cpu time.Duration
	for b.Loop() {
		m := New(r, pin.Commit)
		start, cpu0 := time.Now(), cpuTime()
		msgs := make(chan tea.Msg, 4)
		run := func(cmd tea.Cmd) {
			if cmd != nil {
				go func() { msgs <- cmd() }()
			}
		}
		for _, c := range m.Toggle(path)().(tea.BatchMsg) {
			run(c)
		}
		var g, f time.Duration
		for !m.Shown(path) {
			var cmd tea.Cmd
			m, cmd = m.Update(<-msgs)
			run(cmd)
			if m.Err() != nil {
				b.Fatal(m.Err())
			}
			if g == 0 && m.Text(path) != nil {
				g = time.Since(start)
			}
			if _, ok := m.LineAt(path, firstBlamed(m, path)); ok && f == 0 {
				f = time.Since(start)
			}
		}
		all += time.Since(start)
		cpu += cpuTime() - cpu0
		gutter, firstLine = gutter+g, firstLine+f
	}
	n := float64(b.N)
	b.ReportMetric(float64(gutter.Microseconds())/1000/n, "gutter-ms")
	b.ReportMetric(float64(firstLine.Microseconds())/1000/n, "first-line-ms")
	b.ReportMetric(float64(all.Microseconds())/1000/n, "all-ms")
	b.ReportMetric(float64(cpu.Microseconds())/1000/n, "cpu-ms")
}

// firstBlamed is the first line of path with an origin (0: none yet).
func firstBlamed(m Model, path string) int {
	for i := range m.Text(path) {
		if _, ok := m.LineAt(path, i+1); ok {
			return i + 1
		}
	}
	return 0
}

// cpuTime is the process's user+sys time: the machine is shared, so wall
// time alone says little.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if syscall.Getrusage(syscall.RUSAGE_SELF, &ru) != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
