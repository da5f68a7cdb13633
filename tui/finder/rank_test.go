package finder

import (
	"fmt"
	"math/rand/v2"
	"reflect"
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"

	"sightline/tui/theme"
	"sightline/tui/tuitest"
)

// corpus is a deterministic tree with what moves a fuzzy score: segment
// starts, separators, camel case, digits, capitals, duplicates, long
// paths with many candidate windows, and non-ASCII names.
func corpus(n int) []string {
	rng := rand.New(rand.NewPCG(7, 11))
	words := []string{"src", "Main", "main", "app", "App", "tui", "finder", "fuzzy_rank", "FuzzyRank",
		"file-list", "file.go", "x86", "v2", "README.md", "aaaaaaaaaaaaaaaaaaaaaab", "café", "Über", "a b", "index.ts",
		// the best window is the 16th and the 17th start tried: the bound
		"x_y" + strings.Repeat("x", 15) + "/xy", "x_y" + strings.Repeat("x", 16) + "/xy"}
	paths := make([]string, n)
	for i := range paths {
		parts := make([]string, 1+rng.IntN(6))
		for k := range parts {
			parts[k] = words[rng.IntN(len(words))]
			if rng.IntN(4) == 0 {
				parts[k] += fmt.Sprint(rng.IntN(100))
			}
		}
		paths[i] = strings.Join(parts, "/")
	}
	paths = append(paths, paths[:n/50]...) // duplicates
	return paths
}

var equivQueries = []string{"a", "f", "go", "app", "App", "tuiapp", "main", "Main", "fr", "FR", "fuzzyrank",
	"FuzzyRank", "file.go", "x86", "2", "ab", "aab", "readme", "README", "é", "caf", "Ü", "a b", "/", "zzz", "mainappfinder", "xy"}

func TestRankMatchesOriginalRanking(t *testing.T) {
	paths := corpus(3000)
	for _, q := range equivQueries {
		for _, limit := range []int{1, 10, maxResults, len(paths)} {
			got, want := Rank(paths, q, limit), oldRank(paths, q, limit)
			if !reflect.DeepEqual(got, want) {
				t.Fatalf("Rank(%q, %d) differs from the original ranking:\n got %v\nwant %v", q, limit, head(got), head(want))
			}
		}
		for _, p := range paths[:500] {
			s, pos, ok := Score(p, q)
			ws, wpos, wok := oldScore(p, q)
			if s != ws || ok != wok || !reflect.DeepEqual(pos, wpos) {
				t.Fatalf("Score(%q, %q) = %d %v %v, originally %d %v %v", p, q, s, pos, ok, ws, wpos, wok)
			}
		}
	}
}

// TestRankInParallelMatchesOriginalRanking covers the split across cores,
// which only happens on large lists.
func TestRankInParallelMatchesOriginalRanking(t *testing.T) {
	paths := corpus(3 * parallelMin)
	for _, q := range []string{"a", "app", "FuzzyRank", "mainfile", "zzz"} {
		got, want := Rank(paths, q, maxResults), oldRank(paths, q, len(paths))
		r := RankFrom(paths, q, maxResults, nil)
		if !reflect.DeepEqual(got, want[:min(len(want), maxResults)]) || r.Matched != len(want) {
			t.Fatalf("Rank(%q) over %d paths: %d matched (originally %d), first %v, originally %v",
				q, len(paths), r.Matched, len(want), head(got), head(want))
		}
	}
}

func head(rs []Result) []Result { return rs[:min(len(rs), 3)] }

func TestNarrowingGivesTheFullSearchResults(t *testing.T) {
	paths := corpus(3 * parallelMin)
	// Typed one key at a time, with a switch to case-sensitive half way
	// and a backspace (which must not narrow).
	typed := []string{"f", "fu", "fuz", "fuzR", "fuzRa", "fuzR", "fuzRk", "m", "ma", "main", "mainapp", "mainappq"}
	var prev *Ranking
	for _, q := range typed {
		got := RankFrom(paths, q, maxResults, prev)
		want := RankFrom(paths, q, maxResults, nil)
		if !reflect.DeepEqual(got, want) {
			t.Fatalf("narrowed %q from %q: %d matched, %v; full search: %d matched, %v",
				q, prev.Query, got.Matched, head(got.Results), want.Matched, head(want.Results))
		}
		if old := oldRank(paths, q, len(paths)); got.Matched != len(old) {
			t.Fatalf("%q: %d matched, originally %d", q, got.Matched, len(old))
		}
		prev = &got
	}
}

func TestModelNarrowsWithoutChangingWhatIsShown(t *testing.T) {
	paths := corpus(2000)
	m := New(theme.PlainStyles(), DefaultKeyMap())
	m.SetSize(80, 10)
	m = tuitest.Run(t, m, tuitest.Exec(t, m.Open())...)
	m = tuitest.Run(t, m, tuitest.Exec(t, m.SetPaths(paths, nil))...)
	m = typeIn(t, m, "fu") // rankings delivered as typed
	// Typed faster than ranking: the answers arrive late, in reverse.
	var pending []tea.Msg
	for _, k := range tuitest.Type("zzyR") {
		var cmd tea.Cmd
		m, cmd = m.Update(k)
		pending = append(pending, tuitest.Exec(t, cmd)...)
	}
	for i := len(pending) - 1; i >= 0; i-- {
		m, _ = m.Update(pending[i])
	}
	m = typeIn(t, m, "ank")
	want := oldRank(paths, "fuzzyRank", len(paths))
	if !reflect.DeepEqual(m.Results(), want[:min(len(want), maxResults)]) || m.matched != len(want) {
		t.Fatalf("after typing fuzzyRank: %d matched, %v; want %d, %v", m.matched, head(m.Results()), len(want), head(want))
	}
	if !strings.Contains(m.View(), fmt.Sprintf("%d/%d files", len(want), len(paths))) {
		t.Fatalf("count not shown:\n%s", m.View())
	}
	// A new path list: a late ranking of the old one must not narrow it.
	m, cmd := m.Update(tuitest.Key("backspace"))
	late := tuitest.Exec(t, cmd)
	other := []string{"fuzzyRan.go", "fuzzyRank/b.go", "x.go"}
	fresh := tuitest.Exec(t, m.SetPaths(other, nil))
	m = tuitest.Run(t, m, append(late, fresh...)...)
	m = typeIn(t, m, "k")
	if got := ranked(other, "fuzzyRank"); len(m.Results()) != 1 || m.Results()[0].Path != got[0] {
		t.Fatalf("after a new path list: %v, want %v (query %q, narrow %+v)", m.Results(), got, m.Query(), m.narrow)
	}
}

// typeIn types s, delivering each ranking as it is made.
func typeIn(t *testing.T, m Model, s string) Model {
	for _, k := range tuitest.Type(s) {
		m = tuitest.Run(t, m, k)
	}
	return m
}
