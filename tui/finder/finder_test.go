package finder

import (
	"fmt"
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"

	"sightline/tui/theme"
	"sightline/tui/tuitest"
)

func ranked(paths []string, q string) []string {
	var out []string
	for _, r := range Rank(paths, q, 100) {
		out = append(out, r.Path)
	}
	return out
}

func TestRankingPrefersSegmentStartsAndContiguousRuns(t *testing.T) {
	cases := []struct {
		query string
		paths []string
		want  string // the expected winner
	}{
		{"app", []string{"tui/keys/mapping.go", "tui/app.go", "a/p/p.go"}, "tui/app.go"},
		{"tuiapp", []string{"tui/keys/appendix.go", "tui/app.go"}, "tui/app.go"},
		{"main", []string{"m/a/i/n.go", "cmd/sightline/main.go"}, "cmd/sightline/main.go"},
		{"rg", []string{"docs/large.md", "repo/grep.go"}, "repo/grep.go"},
		{"code.go", []string{"tui/code/model.go", "x/code.go"}, "x/code.go"},
		{"blobgo", []string{"repo/blob.go", "repo/blob_test.go", "b/l/o/b/g/o"}, "repo/blob.go"},
	}
	for _, c := range cases {
		got := ranked(c.paths, c.query)
		if len(got) == 0 || got[0] != c.want {
			t.Errorf("Rank(%q) = %v, want %q first", c.query, got, c.want)
		}
	}
}

func TestSubsequenceAndSmartCase(t *testing.T) {
	if _, _, ok := Score("repo/tree.go", "rtg"); !ok {
		t.Error("rtg should match repo/tree.go as a subsequence")
	}
	if _, _, ok := Score("repo/tree.go", "gtr"); ok {
		t.Error("gtr matched out of order")
	}
	if _, _, ok := Score("README.md", "readme"); !ok {
		t.Error("a lower-case query should ignore case")
	}
	if _, _, ok := Score("readme.md", "README"); ok {
		t.Error("a query with capitals should match case")
	}
	_, pos, _ := Score("tui/app.go", "app")
	if fmt.Sprint(pos) != "[4 5 6]" {
		t.Errorf("positions %v, want [4 5 6]", pos)
	}
}

func TestEmptyQueryListsPathsInOrder(t *testing.T) {
	got := ranked([]string{"b", "a", "c"}, "")
	if strings.Join(got, ",") != "b,a,c" {
		t.Errorf("empty query gave %v", got)
	}
}

func TestFinderModelTypesRanksAndChooses(t *testing.T) {
	m := New(theme.PlainStyles(), DefaultKeyMap())
	m.SetSize(60, 10)
	if !strings.Contains(m.View(), "listing files") {
		t.Fatalf("before the list arrives: %q", m.View())
	}
	paths := []string{"README.md", "cmd/sightline/main.go", "tui/app.go", "tui/code/model.go", "esc\x1b[31mred.go"}
	m = tuitest.Run(t, m, tuitest.Exec(t, m.Open())...)
	m = tuitest.Run(t, m, tuitest.Exec(t, m.SetPaths(paths, nil))...)
	if got := len(m.Results()); got != 5 {
		t.Fatalf("empty query: %d results, want 5", got)
	}
	for _, k := range tuitest.Type("go") {
		m = tuitest.Run(t, m, k)
	}
	view := tuitest.Screen(m.View())
	if !strings.Contains(view, "4/5 files") || !strings.Contains(view, "esc^[[31mred.go") {
		t.Fatalf("after typing go:\n%s", view)
	}
	if strings.Contains(view, "\x1b") {
		t.Fatalf("raw escape in the finder view: %q", view)
	}
	m = tuitest.Run(t, m, tuitest.Key("down"))
	want := m.Results()[1].Path
	_, cmd := m.Update(tuitest.Key("enter"))
	msgs := tuitest.Exec(t, cmd)
	if len(msgs) != 1 || msgs[0] != (ChosenMsg{Path: want}) {
		t.Fatalf("enter gave %v, want ChosenMsg{%q}", msgs, want)
	}
	_, cmd = m.Update(tuitest.Key("esc"))
	if msgs := tuitest.Exec(t, cmd); len(msgs) != 1 || msgs[0] != (ClosedMsg{}) {
		t.Fatalf("esc gave %v, want ClosedMsg", msgs)
	}
}

func TestStaleRankingIsDropped(t *testing.T) {
	m := New(theme.PlainStyles(), DefaultKeyMap())
	m = tuitest.Run(t, m, tuitest.Exec(t, m.SetPaths([]string{"a.go", "b.go"}, nil))...)
	m, _ = m.Update(RankedMsg{Seq: m.seq - 1, Results: []Result{{Path: "stale"}}})
	for _, r := range m.Results() {
		if r.Path == "stale" {
			t.Fatal("a ranking for an old query replaced the current one")
		}
	}
}

// benchPaths is a 100,000-path tree for the finder benchmarks.
func benchPaths() []string {
	paths := make([]string, 100000)
	dirs := []string{"src", "pkg", "internal", "vendor/github.com/x", "cmd", "docs", "test/data"}
	for i := range paths {
		paths[i] = fmt.Sprintf("%s/mod%03d/sub%02d/file_%05d.go", dirs[i%len(dirs)], i%997, i%31, i)
	}
	return paths
}

func BenchmarkFuzzyQuery(b *testing.B) {
	paths := benchPaths()
	b.ReportAllocs()
	for b.Loop() {
		if len(Rank(paths, "intmod12file", maxResults)) == 0 {
			b.Fatal("no result")
		}
	}
}

// BenchmarkFuzzyQueryKeystrokes times one keystroke as the finder's Cmd
// answers it (the best maxResults plus the match count), for short
// queries that match most of the 100,000 paths: the worst case.
func BenchmarkFuzzyQueryKeystrokes(b *testing.B) {
	paths := benchPaths()
	for _, q := range []string{"f", "fi", "go", "sub1", "intmod12file"} {
		b.Run(q, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if msg := rankCmd(paths, q); len(msg.Results) == 0 {
					b.Fatal("no result")
				}
			}
		})
	}
}

// BenchmarkFuzzyQueryNarrowed times a keystroke that extends the last
// query, which searches only the last query's matches.
func BenchmarkFuzzyQueryNarrowed(b *testing.B) {
	paths := benchPaths()
	for _, q := range []string{"fi", "sub1"} {
		prev := RankFrom(paths, q[:len(q)-1], maxResults, nil)
		b.Run(q, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if r := RankFrom(paths, q, maxResults, &prev); len(r.Results) == 0 {
					b.Fatal("no result")
				}
			}
		})
	}
}

func TestEnterBeforeRankingChoosesFromTheNewRanking(t *testing.T) {
	m := New(theme.PlainStyles(), DefaultKeyMap())
	m = tuitest.Run(t, m, tuitest.Exec(t, m.Open())...)
	m = tuitest.Run(t, m, tuitest.Exec(t, m.SetPaths([]string{"README.md", "src/rows.txt"}, nil))...)
	var pending []tea.Msg
	for _, k := range tuitest.Type("rows") {
		var cmd tea.Cmd
		m, cmd = m.Update(k) // the rankings are not delivered yet
		pending = append(pending, tuitest.Exec(t, cmd)...)
	}
	m, cmd := m.Update(tuitest.Key("enter"))
	if cmd != nil {
		t.Fatalf("enter chose from a stale ranking: %v", tuitest.Exec(t, cmd))
	}
	var chosen []tea.Msg
	for _, msg := range pending {
		var c tea.Cmd
		m, c = m.Update(msg)
		chosen = append(chosen, tuitest.Exec(t, c)...)
	}
	if len(chosen) != 1 || chosen[0] != (ChosenMsg{Path: "src/rows.txt"}) {
		t.Fatalf("after the ranking arrived: %v, want ChosenMsg{src/rows.txt}", chosen)
	}
}

// rankCmd runs the model's ranking Cmd for q over paths.
func rankCmd(paths []string, q string) RankedMsg {
	m := New(theme.PlainStyles(), DefaultKeyMap())
	m.paths, m.loaded = paths, true
	m.input.SetValue(q)
	return m.rank()().(RankedMsg)
}
