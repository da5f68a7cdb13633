package triage

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"testing"
	"time"

	"sightline/repo/repotest"
	"sightline/repo/repotest/pintest"
)

// synthSARIF is a SARIF log of n results over files files of 200 lines,
// each with a two-step code flow, in the shape CodeQL writes.
func synthSARIF(n, files int) []byte {
	type loc = map[string]any
	at := func(f, line int) loc {
		return loc{"physicalLocation": loc{"artifactLocation": loc{"uri": fmt.Sprintf("src/f%03d.c", f), "uriBaseId": "%SRCROOT%"},
			"region": loc{"startLine": line}}, "message": loc{"text": "step"}}
	}
	results := make([]any, n)
	for i := range results {
		f, line := i%files, 1+(i/files)%200
		results[i] = loc{
			"ruleId": fmt.Sprintf("c/rule-%d", i%7), "level": "warning",
			"message":             loc{"text": fmt.Sprintf("result %d", i)},
			"locations":           []any{at(f, line)},
			"partialFingerprints": loc{"primaryLocationLineHash": fmt.Sprintf("%016x:1", i)},
			"codeFlows":           []any{loc{"threadFlows": []any{loc{"locations": []any{loc{"location": at(f, 1)}, loc{"location": at(f, line)}}}}}},
		}
	}
	rules := make([]any, 7)
	for i := range rules {
		rules[i] = loc{"id": fmt.Sprintf("c/rule-%d", i), "properties": loc{"tags": []string{"security", fmt.Sprintf("external/cwe/cwe-%d", 78+i)}}}
	}
	b, _ := json.Marshal(loc{"version": "2.1.0", "runs": []any{loc{"tool": loc{"driver": loc{"name": "CodeQL", "rules": rules}}, "results": results}}})
	return b
}

func benchFixture(tb testing.TB, files int) *fixture {
	rt := repotest.New(tb)
	tree := repotest.Tree{}
	line := strings.Repeat("x", 60) + "\n"
	for i := 0; i < files; i++ {
		tree[fmt.Sprintf("src/f%03d.c", i)] = repotest.File{Content: fmt.Sprintf("/* %d */\n", i) + strings.Repeat(line, 199)}
	}
	rt.Commit("synthetic", tree)
	r, pin := pintest.Head(tb, rt)
	dir := tb.TempDir()
	return &fixture{r: r, pin: pin, dir: dir, st: NewStore(dir)}
}

// BenchmarkImport10k parses and imports a 10,000-result SARIF log into an
// empty queue (the target: 3 s).
func BenchmarkImport10k(b *testing.B) {
	data := synthSARIF(10_000, 200)
	f := benchFixture(b, 200)
	b.SetBytes(int64(len(data)))
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		f.st = NewStore(b.TempDir())
		res, err := ParseSARIF(bytes.NewReader(data), "")
		if err != nil {
			b.Fatal(err)
		}
		sum, err := f.st.Import(context.Background(), f.r, f.pin, "synth.sarif", res)
		if err != nil || sum.New != 10_000 {
			b.Fatalf("%v %+v", err, sum)
		}
	}
}

// TestImport10kAndReimport checks the benchmark's workload end to end: all
// 10,000 results land, reload, and a repeat import adds none. Its time is
// logged, not asserted: the 3 s target lives in BenchmarkImport10k, since a
// shared CI machine makes any wall-clock bound in a test flaky.
func TestImport10kAndReimport(t *testing.T) {
	if testing.Short() || raceEnabled {
		t.Skip("10,000-result import: skipped under -short and -race")
	}
	data := synthSARIF(10_000, 200)
	f := benchFixture(t, 200)
	start := time.Now()
	res, err := ParseSARIF(bytes.NewReader(data), "")
	if err != nil {
		t.Fatal(err)
	}
	sum, err := f.st.Import(context.Background(), f.r, f.pin, "synth.sarif", res)
	if err != nil || sum.New != 10_000 {
		t.Fatalf("%v %+v", err, sum)
	}
	q, err := f.st.Load()
	if err != nil || len(q.Candidates) != 10_000 {
		t.Fatalf("load: %v, %d candidates", err, len(q.Candidates))
	}
	t.Logf("imported and reloaded 10,000 results in %v (target 3 s, measured by BenchmarkImport10k)", time.Since(start))
	sum, err = f.st.Import(context.Background(), f.r, f.pin, "synth.sarif", res)
	if err != nil || sum.New != 0 {
		t.Errorf("re-import: %v, %d new; want 0", err, sum.New)
	}
}
