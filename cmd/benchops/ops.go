package main

import "fmt"

// side is how one side of an operation runs: a process (sightline
// subcommand or git), or an in-process step run in a child benchops.
type side struct {
	sub    string   // sightline subcommand that must be built, for a process side
	args   []string // arguments after the program name
	inproc string   // in-process step name (see inproc.go), instead of args
	cache  string   // "cold": a fresh cache dir per run; "warm": one shared, filled first
	iters  int      // in-process iterations per child (per-keystroke steps)
	arg    string   // the in-process step's argument
	prog   string   // program of the other side, when it is not git
	okExit int      // an exit status that is not a failure (1: "differences found"), or 0
}

// target is issue 7's goal for an operation on the large repository.
type target struct {
	maxMs    float64 // absolute median, or 0
	maxRatio float64 // median sightline/git, or 0
	maxRSSMB float64 // peak RSS when it is tighter than maxRSSMB, or 0
}

func (t target) String() string {
	s := "—"
	switch {
	case t.maxMs > 0:
		s = "≤ " + fmtMs(t.maxMs)
	case t.maxRatio > 0:
		s = "≤ " + fmtRatio(t.maxRatio) + " git"
	}
	if t.maxRSSMB > 0 {
		s += fmt.Sprintf(", RSS ≤ %.0f MB", t.maxRSSMB)
	}
	return s
}

// operation is one row of the table.
type operation struct {
	name   string
	sight  side
	git    *side // nil when git has no counterpart
	target target
}

// maxRSSMB is issue 7's peak-memory target for every sightline step.
const maxRSSMB = 400

// The search patterns are extended regexes that mean the same in git
// grep -E and in Go's RE2. The selective one names two files, as a
// reviewer looking for one identifier would; the broad one matches lines
// that generated files share (about 8,000 on the large repository).
const (
	selectivePattern = `core/(engine|server)\.go`
	broadPattern     = `return -E(TIMER|TOKEN);`
)

// grepOps are the search rows for one pattern: cold (no index), warm
// through the command line, and warm through search.GrepCached in a new
// process.
func grepOps(dir, label, pattern string) []operation {
	args := []string{"grep", "--repo", dir, "--rev", "HEAD", pattern}
	git := &side{args: []string{"-C", dir, "grep", "-n", "-E", pattern, "HEAD"}}
	return []operation{
		{name: "regex search " + label + ", cold", sight: side{sub: "grep", args: args, cache: "cold"}, git: git, target: target{maxRatio: 1.5}},
		{name: "regex search " + label + ", warm (index built), sightline grep", sight: side{sub: "grep", args: args, cache: "warm"}, git: git, target: target{maxRatio: 0.1}},
		{name: "regex search " + label + ", warm, search.GrepCached", sight: side{inproc: "grepindexed", arg: pattern, cache: "warm"}, git: git, target: target{maxRatio: 0.1}},
	}
}

// operations lists the harness's rows for the repository described by m.
func operations(dir string, m manifest) []operation {
	g := func(args ...string) *side { return &side{args: append([]string{"-C", dir}, args...)} }
	repo := []string{"--repo", dir, "--rev", "HEAD"}
	ops := []operation{
		{name: "open + first screen", sight: side{inproc: "firstscreen"}, git: g("ls-tree", "HEAD"), target: target{maxMs: 300}},
		{name: "full path list", sight: side{inproc: "pathlist"}, git: g("ls-tree", "-r", "--name-only", "HEAD")},
		{name: "fuzzy query, per keystroke", sight: side{inproc: "fuzzy", iters: 20}, target: target{maxMs: 16}},
		{name: "open 1,000-line file, first screen highlighted", sight: side{inproc: "open1k"}, git: g("cat-file", "blob", "HEAD:"+m.MediumFile)},
		{name: "open 1 MiB file, first screen highlighted", sight: side{inproc: "open1m"}, git: g("cat-file", "blob", "HEAD:"+m.MiBFile)},
		{name: "scroll step in 50,000-line file", sight: side{inproc: "scroll", iters: 30}, target: target{maxMs: 16}},
		// The command the workbench runs as its background child process,
		// into a fresh cache directory each run.
		{name: "build search index (one-off, background)", sight: side{sub: "index", args: []string{"index", "--repo", dir, "--rev", "HEAD"}, cache: "cold"}},
		{name: "diff --numstat base..HEAD", sight: side{sub: "diff", args: []string{"diff", "--repo", dir, "--base", m.BaseTag, "--rev", "HEAD", "--numstat"}},
			git: g("diff", "--numstat", "-M", m.BaseTag, "HEAD"), target: target{maxRatio: 2}},
		{name: "blame 5,000-line file", sight: side{sub: "blame", args: append(append([]string{"blame"}, repo...), m.BlameFile)},
			git: g("blame", "--porcelain", "HEAD", "--", m.BlameFile), target: target{maxRatio: 2}},
		{name: "history of one file", sight: side{sub: "log", args: append(append([]string{"log"}, repo...), "--", m.BlameFile)},
			git: g("log", "--format=%H", "HEAD", "--", m.BlameFile), target: target{maxRatio: 2}},
	}
	search := append(grepOps(dir, "(selective)", selectivePattern), grepOps(dir, "(broad)", broadPattern)...)
	return append(ops[:7], append(search, ops[7:]...)...)
}
