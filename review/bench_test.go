package review

import (
	"sort"
	"testing"
	"time"
)

// BenchmarkSave measures one AddFinding, fsync included: the time between
// the reviewer's ctrl+s and "saved". It reports the median as
// median-ns/op besides the mean.
func BenchmarkSave(b *testing.B) {
	w := openWS(b, b.TempDir())
	defer w.Close()
	f := testFinding("bench")
	times := make([]time.Duration, 0, b.N)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		t0 := time.Now()
		if _, err := w.AddFinding(f); err != nil {
			b.Fatal(err)
		}
		times = append(times, time.Since(t0))
	}
	b.StopTimer()
	sort.Slice(times, func(i, j int) bool { return times[i] < times[j] })
	b.ReportMetric(float64(times[len(times)/2].Nanoseconds()), "median-ns/op")
}

// BenchmarkReplay measures opening a workspace of 1000 findings, which
// replays and checks the whole journal.
func BenchmarkReplay(b *testing.B) {
	dir := b.TempDir()
	w := openWS(b, dir)
	w.j.w = noSync{w.j.f}
	for i := 0; i < 1000; i++ {
		if _, err := w.AddFinding(testFinding("replay")); err != nil {
			b.Fatal(err)
		}
	}
	w.Close()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		w := openWS(b, dir)
		w.Close()
	}
}

// noSync skips fsync, only to build big fixtures quickly.
type noSync struct{ syncFile }

func (noSync) Sync() error { return nil }
