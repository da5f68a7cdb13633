package triage

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"sightline/repo"
	"sightline/repo/repotest"
	"sightline/repo/repotest/pintest"
	"sightline/review"
	"sightline/review/reviewtest"
)

func TestMain(m *testing.M) { reviewtest.Main(m) }

const runPy = "import subprocess\nimport sys\n\n\ndef run(cmd):\n    return subprocess.call(cmd, shell=True)\n\n\ndef main():\n    arg = sys.argv[1]\n    run(\"ls \" + arg)\n"

const mainC = "#include <stdlib.h>\nint main(int c, char **v) {\n  char buf[64];\n  sprintf(buf, \"ls %s\", v[1]);\n  system(buf);\n}\n"

type fixture struct {
	r   *repo.Repo
	pin repo.Pin
	dir string // the workspace directory
	st  *Store
}

func newFixture(t *testing.T) *fixture {
	t.Helper()
	rt := repotest.New(t)
	rt.Commit("v1", repotest.Tree{
		"app/run.py":        {Content: runPy},
		"src/main.c":        {Content: mainC},
		"tests/test_run.py": {Content: "def test_x():\n    assert 1 == 1\n"},
		"cmd/run.go":        {Content: "package main\n\nfunc run(s string) {\n\texec.Command(\"sh\", \"-c\", s).Run()\n}\n"},
	})
	r, pin := pintest.Head(t, rt)
	dir := t.TempDir()
	return &fixture{r: r, pin: pin, dir: dir, st: NewStore(dir)}
}

func (f *fixture) importFile(t *testing.T, name string) Summary {
	t.Helper()
	fh, err := os.Open(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	defer fh.Close()
	var res []Result
	if strings.HasSuffix(name, ".sarif") {
		res, err = ParseSARIF(fh, "/home/ci/src/proj")
	} else {
		res, _, err = ParseText(fh, "cppcheck", "")
	}
	if err != nil {
		t.Fatalf("parse %s: %v", name, err)
	}
	sum, err := f.st.Import(context.Background(), f.r, f.pin, name, res)
	if err != nil {
		t.Fatalf("import %s: %v", name, err)
	}
	return sum
}

func (f *fixture) load(t *testing.T) *Queue {
	t.Helper()
	q, err := f.st.Load()
	if err != nil {
		t.Fatal(err)
	}
	if len(q.Warnings) > 0 {
		t.Fatalf("warnings: %v", q.Warnings)
	}
	return q
}

func TestImportCodeQLSARIF(t *testing.T) {
	f := newFixture(t)
	sum := f.importFile(t, "codeql.sarif")
	if sum.Results != 3 || sum.New != 3 || sum.Known != 0 || len(sum.Unlocated) != 2 {
		t.Fatalf("summary %+v; want 3 results, 3 new, 2 unlocated", sum)
	}
	q := f.load(t)
	c, err := q.Get("C-0001")
	if err != nil {
		t.Fatal(err)
	}
	if c.Tool != "CodeQL" || c.Rule != "py/command-line-injection" || c.CWE != "CWE-78" || c.Severity != review.SeverityCritical {
		t.Errorf("candidate 1 = %s %s %s %s; want CodeQL py/command-line-injection CWE-78 critical (security-severity 9.8)", c.Tool, c.Rule, c.CWE, c.Severity)
	}
	want, err := review.NewLocation(context.Background(), f.r, f.pin.Commit, "app/run.py", 6, 6, "")
	if err != nil {
		t.Fatal(err)
	}
	if c.Where.Location == nil || *c.Where.Location != want {
		t.Errorf("primary location %+v; want what review.NewLocation makes: %+v", c.Where.Location, want)
	}
	if len(c.Flow) != 3 || c.Flow[0].StartLine != 10 || c.Flow[0].Note != "ControlFlowNode for Attribute" || c.Flow[2].Location == nil {
		t.Errorf("flow %+v; want 3 steps from line 10 to line 6", c.Flow)
	}
	gone, _ := q.Get("2")
	if gone.Located() || !strings.Contains(gone.Where.Missing, "no such file") || gone.CWE != "CWE-312" {
		t.Errorf("candidate 2 (app/gone.py) = %+v; want unlocated, no such file, CWE-312", gone)
	}
	past, _ := q.Get("c-3")
	if past.Located() || !strings.Contains(past.Where.Missing, "past the end") || past.Message != "This 'sprintf' call may write past the end of its buffer." {
		t.Errorf("candidate 3 = %q missing %q; want the expanded message and 'past the end'", past.Message, past.Where.Missing)
	}
}

func TestImportGosecSARIFAbsoluteURIAndCWERelationship(t *testing.T) {
	f := newFixture(t)
	f.importFile(t, "gosec.sarif")
	c, err := f.load(t).Get("1")
	if err != nil {
		t.Fatal(err)
	}
	if !c.Located() || c.Where.RawPath() != "cmd/run.go" || c.CWE != "CWE-78" || c.Severity != review.SeverityMedium || c.Rule != "G204" {
		t.Errorf("gosec candidate = %+v; want cmd/run.go:4 located, CWE-78 from the relationship, medium", c)
	}
}

func TestReimportMergesByFingerprint(t *testing.T) {
	f := newFixture(t)
	if sum := f.importFile(t, "semgrep.sarif"); sum.New != 2 {
		t.Fatalf("first import: %d new; want 2", sum.New)
	}
	sum := f.importFile(t, "semgrep.sarif")
	if sum.New != 0 || sum.Known != 2 {
		t.Errorf("repeat import: %+v; want 0 new, 2 known", sum)
	}
	q := f.load(t)
	if len(q.Candidates) != 2 {
		t.Errorf("%d candidates after a repeat import; want 2", len(q.Candidates))
	}
	// The same result from another tool is another candidate.
	if sum := f.importFile(t, "codeql.sarif"); sum.New != 3 {
		t.Errorf("codeql after semgrep: %d new; want 3", sum.New)
	}
}

func TestDismissedNotResurrected(t *testing.T) {
	f := newFixture(t)
	f.importFile(t, "semgrep.sarif")
	q := f.load(t)
	if _, err := f.st.Dismiss(q, []string{"C-0002"}, TestCode, "in tests", "alice"); err != nil {
		t.Fatal(err)
	}
	sum := f.importFile(t, "semgrep-newer.sarif")
	if sum.New != 1 || sum.Known != 2 || sum.KnownDismissed != 1 {
		t.Errorf("newer scan: %+v; want 1 new, 2 known, 1 of them dismissed", sum)
	}
	q = f.load(t)
	c, _ := q.Get("C-0002")
	if c.State != Dismissed || c.Reason != TestCode || c.Note != "in tests" || c.Reviewer != "alice" {
		t.Errorf("C-0002 after a re-import: %s %s %q %q; want dismissed test-code by alice", c.State, c.Reason, c.Note, c.Reviewer)
	}
	if n := len(q.Candidates); n != 3 {
		t.Errorf("%d candidates; want 3", n)
	}
	if c3, _ := q.Get("3"); c3.State != Pending || c3.Where.StartLine != 11 {
		t.Errorf("the new result: %+v; want pending at line 11", c3)
	}
}

func openWS(t *testing.T, f *fixture) *review.Workspace {
	t.Helper()
	ws, err := review.Open(f.dir, review.MetaFor(f.r, f.pin, nil, "alice"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = ws.Close() })
	return ws
}

func TestConfirmMakesFindingWithCWESeverityAndFlow(t *testing.T) {
	f := newFixture(t)
	f.importFile(t, "codeql.sarif")
	ws := openWS(t, f)
	q := f.load(t)
	got, err := f.st.Confirm(ws, q, []string{"C-0001"}, "", "alice")
	if err != nil {
		t.Fatal(err)
	}
	fd, ok := ws.Finding(got[0].ID)
	if !ok {
		t.Fatalf("finding %s not in the workspace", got[0].ID)
	}
	if fd.CWE != "CWE-78" || fd.Severity != review.SeverityCritical || fd.Title != "This command line depends on a [user-provided value](1)." {
		t.Errorf("finding %s %s %q; want CWE-78 critical and the message as title", fd.CWE, fd.Severity, fd.Title)
	}
	if len(fd.Steps) != 3 || fd.Steps[0].Location.StartLine != 10 || fd.Steps[2].Location.StartLine != 6 || fd.Steps[0].Note != "ControlFlowNode for Attribute" {
		t.Errorf("steps %+v; want the code flow 10 -> 11 -> 6", fd.Steps)
	}
	q = f.load(t)
	c, _ := q.Get("1")
	if c.State != Confirmed || c.Finding != fd.ID {
		t.Errorf("candidate after confirm: %s %s", c.State, c.Finding)
	}
	if _, err := f.st.Confirm(ws, q, []string{"1"}, "", "alice"); err == nil || !strings.Contains(err.Error(), "already confirmed as F-0001") {
		t.Errorf("second confirm: %v; want already confirmed", err)
	}
	if _, err := f.st.Dismiss(q, []string{"1"}, FalsePositive, "", "bob"); err == nil {
		t.Error("dismissing a confirmed candidate was accepted")
	}
	// An unlocated candidate cannot become a finding.
	if _, err := f.st.Confirm(ws, q, []string{"2"}, review.SeverityLow, "alice"); err == nil || !strings.Contains(err.Error(), "not at the pin") {
		t.Errorf("confirming an unlocated candidate: %v", err)
	}
	if n := len(ws.Findings()); n != 1 {
		t.Errorf("%d findings; want 1", n)
	}
}

func TestConfirmSeverityOverrideAndCrashBetweenWrites(t *testing.T) {
	f := newFixture(t)
	f.importFile(t, "semgrep.sarif")
	ws := openWS(t, f)
	q := f.load(t)
	c, _ := q.Get("1")
	// A confirmation that made its finding but died before the queue
	// recorded it: confirming again finishes it without a second finding.
	draft, err := c.Draft(review.SeverityLow)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := ws.AddFinding(draft); err != nil {
		t.Fatal(err)
	}
	got, err := f.st.Confirm(ws, q, []string{"1"}, review.SeverityLow, "alice")
	if err != nil || got[0].ID != "F-0001" || len(ws.Findings()) != 1 {
		t.Fatalf("confirm after a crash: %v %+v, %d findings; want F-0001 reused", err, got, len(ws.Findings()))
	}
	if got[0].Severity != review.SeverityLow || got[0].CWE != "CWE-78" {
		t.Errorf("severity %s cwe %s; want low (given) and CWE-78", got[0].Severity, got[0].CWE)
	}
}

func TestHostileTextStoredUnchanged(t *testing.T) {
	f := newFixture(t)
	f.importFile(t, "semgrep.sarif")
	c, _ := f.load(t).Get("2")
	if c.Message != "Evil \x1b]0;pwned\x07 \u202egnirts \x1b[2J comparison of a value with itself" {
		t.Errorf("message %q; want the scanner's bytes unchanged", c.Message)
	}
	raw, err := os.ReadFile(filepath.Join(f.dir, FileName))
	if err != nil {
		t.Fatal(err)
	}
	if strings.ContainsAny(string(raw), "\x1b\x07") {
		t.Error("the queue file holds raw control bytes; JSON should escape them")
	}
}

func TestTextFormat(t *testing.T) {
	fh, err := os.Open("testdata/cppcheck.txt")
	if err != nil {
		t.Fatal(err)
	}
	defer fh.Close()
	res, unread, err := ParseText(fh, "cppcheck", "")
	if err != nil {
		t.Fatal(err)
	}
	if len(res) != 4 || len(unread) != 2 || unread[0].Line != 1 || unread[1].Text != "nothing to see here" {
		t.Fatalf("%d results, unread %+v; want 4 results and lines 1 and 6 unread", len(res), unread)
	}
	want := []struct {
		path, rule, cwe string
		line            int
		sev             review.Severity
		msg             string
	}{
		{"src/main.c", "wrongPrintfScanfArgNum", "", 4, review.SeverityMedium, "sprintf format string requires 1 parameter but only 0 are given."},
		{"src/main.c", "dangerousSystemCall", "CWE-78", 5, review.SeverityHigh, "Command injection via system() [CWE-78]"},
		{"cmd/run.go", "G204", "CWE-78", 4, review.SeverityMedium, "[CWE-78] Subprocess launched with variable"},
		{"app/run.py", "", "", 6, review.SeverityLow, "shell=True"},
	}
	for i, w := range want {
		r := res[i]
		if r.Where.Path != w.path || r.Rule != w.rule || r.CWE != w.cwe || r.Where.StartLine != w.line || r.Severity != w.sev || r.Message != w.msg {
			t.Errorf("result %d = %+v; want %+v", i, r, w)
		}
	}
	f := newFixture(t)
	if sum := f.importFile(t, "cppcheck.txt"); sum.New != 4 || len(sum.Unlocated) != 0 {
		t.Errorf("import: %+v; want 4 new, all at the pin", sum)
	}
	if sum := f.importFile(t, "cppcheck.txt"); sum.New != 0 {
		t.Errorf("repeat: %d new; want 0", sum.New)
	}
}

func TestSARIFRefusals(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{`{"version":"2.0.0","runs":[]}`, "only 2.1.0"},
		{`<xml/>`, "not a SARIF log"},
		{`{"runs":[{"results":[{"ruleId":"r","locations":[{"physicalLocation":{"artifactLocation":{"uri":"../../etc/passwd"},"region":{"startLine":1}}}]}]}]}`, ""},
	} {
		res, err := ParseSARIF(strings.NewReader(tc.in), "")
		if tc.want == "" {
			if err != nil || len(res) != 1 || res[0].Where.Bad != "a path outside the repository" {
				t.Errorf("%s: %v %+v; want one result with a path outside the repository", tc.in, err, res)
			}
			continue
		}
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: %v; want %q", tc.in, err, tc.want)
		}
	}
}

func TestTornLastLineIgnoredAndNotGluedOn(t *testing.T) {
	f := newFixture(t)
	f.importFile(t, "semgrep.sarif")
	p := filepath.Join(f.dir, FileName)
	fh, err := os.OpenFile(p, os.O_APPEND|os.O_WRONLY, 0)
	if err != nil {
		t.Fatal(err)
	}
	fh.WriteString(`{"time":"2026-01-01T00:00:00Z","decision":{"fingerprint":"`) // a crash mid-write
	fh.Close()
	q := f.load(t)
	if _, err := f.st.Skip(q, []string{"1"}, "alice"); err != nil {
		t.Fatal(err)
	}
	q, err = f.st.Load()
	if err != nil {
		t.Fatal(err)
	}
	c, _ := q.Get("1")
	if c.State != Skipped || len(q.Warnings) != 1 {
		t.Errorf("after a torn line and a skip: %s, warnings %v; want skipped and the torn line named", c.State, q.Warnings)
	}
}

func TestSARIFOverTheLimitRefused(t *testing.T) {
	big := `{"version":"2.1.0","runs":[` + strings.Repeat(" ", 4096) + `]}`
	_, err := parseSARIF(strings.NewReader(big), "", 1024)
	if err == nil || !strings.Contains(err.Error(), "split the scan") {
		t.Errorf("a log over the limit: %v; want a refusal saying to split the scan", err)
	}
	if _, err := parseSARIF(strings.NewReader(big), "", 1<<20); err != nil {
		t.Errorf("the same log under the limit: %v", err)
	}
}

func TestFilter(t *testing.T) {
	f := newFixture(t)
	f.importFile(t, "codeql.sarif")
	f.importFile(t, "semgrep.sarif")
	q := f.load(t)
	n := func(fl Filter) int {
		k := 0
		for _, c := range q.Candidates {
			if fl.Match(c) {
				k++
			}
		}
		return k
	}
	if n(Filter{Tool: "semgrep"}) != 2 || n(Filter{Rule: "py/"}) != 2 || n(Filter{Path: "app/run"}) != 2 || n(Filter{Tool: "codeql", Path: "src/"}) != 1 || n(Filter{}) != 5 {
		t.Errorf("filters: semgrep %d, py/ %d, app/run %d, codeql+src %d, none %d", n(Filter{Tool: "semgrep"}), n(Filter{Rule: "py/"}),
			n(Filter{Path: "app/run"}), n(Filter{Tool: "codeql", Path: "src/"}), n(Filter{}))
	}
}
