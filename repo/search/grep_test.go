package search

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"reflect"
	"regexp"
	"sort"
	"strings"
	"testing"

	"github.com/go-git/go-git/v5/plumbing/filemode"

	"sightline/repo"
	"sightline/repo/repotest"
	"sightline/repo/repotest/pintest"
)

// grepTree has what git grep treats specially: a binary file, a symlink
// and a submodule (neither searched), an executable, a file in a
// subdirectory, a path with spaces, CRLF lines, no final newline.
func grepTree(tr *repotest.Repo) repotest.Tree {
	sub := tr.Commit("submodule target", repotest.Tree{"x": {Content: "x"}})
	return repotest.Tree{
		"main.go":                   {Content: "package main\n\nfunc main() {\n\ttoken := secret()\n}\n"},
		"src/auth/login.go":         {Content: "package auth\n// token check\nfunc check(token string) bool {\n\treturn token == \"backdoor\"\n}"},
		"docs/read me.md":           {Content: "# Read me\r\nthe token is here\r\n\r\nlast line token"},
		"bin/blob.dat":              {Content: "\x00\x01token\x00binary\n"},
		"bin/clean.dat":             {Content: "\x00\x01nothing\n"},
		"run.sh":                    {Content: "#!/bin/sh\necho token\n", Mode: filemode.Executable},
		"link-to-token":             {Content: "token/target", Mode: filemode.Symlink},
		"vendor/sub":                {Content: sub.String(), Mode: filemode.Submodule},
		"a/b/c/d/deep.txt":          {Content: "tokens everywhere\nno\ntoken\n"},
		"token-in-name.txt":         {Content: "nothing here\n"},
		"empty.txt":                 {Content: ""},
		"only-newlines.txt":         {Content: "\n\n\n"},
		"unicode/\u00e9t\u00e9.txt": {Content: "caf\u00e9 token\n"},
	}
}

// grepLines runs Grep and renders results like "git grep -n" output.
func grepLines(t *testing.T, r *repo.Repo, root repo.Hash, re *regexp.Regexp, opts Options) []string {
	t.Helper()
	var ms []Match
	err := Grep(context.Background(), r, root, re, opts, func(m Match) error {
		ms = append(ms, m)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return renderGrep(ms)
}

// gitGrep runs git grep on a test repository and strips git's "REV:".
func gitGrep(t *testing.T, dir, rev string, args ...string) []string {
	t.Helper()
	cmd := exec.Command("git", append(append([]string{"-C", dir, "-c", "core.quotePath=false", "grep", "-n"}, args...), rev)...)
	out, err := cmd.Output()
	var ee *exec.ExitError
	if err != nil && !(errors.As(err, &ee) && ee.ExitCode() == 1) {
		t.Fatalf("git grep %q: %v", args, err)
	}
	var lines []string
	for _, l := range strings.SplitAfter(string(out), "\n") {
		if l = strings.TrimSuffix(l, "\n"); l == "" {
			continue
		}
		l = strings.Replace(l, rev+":", "", 1)
		lines = append(lines, l)
	}
	return lines
}

func TestGrepMatchesGitGrep(t *testing.T) {
	hasGit(t)
	tr := repotest.New(t)
	tr.Commit("grep", grepTree(tr))
	r, pin := pintest.Head(t, tr)
	rev := pin.Commit.String()
	cases := []struct {
		pattern string
		gitArgs []string
	}{
		{regexp.QuoteMeta("token"), []string{"-F", "token"}},
		{regexp.QuoteMeta("backdoor\""), []string{"-F", "backdoor\""}},
		{regexp.QuoteMeta("nothing"), []string{"-F", "nothing"}},
		{regexp.QuoteMeta("absent-string"), []string{"-F", "absent-string"}},
		{"^token", []string{"-E", "^token"}},
		{"token$", []string{"-E", "token$"}},
		// Not "^$": git grep also reports an empty "line" after a final
		// LF, which sightline's line model (and its viewer) does not have.
		{"(?i)READ", []string{"-i", "-F", "read"}},
		{"c[a-z]+k", []string{"-E", "c[a-z]+k"}},
		{"^", []string{"-E", "^"}},
	}
	for _, c := range cases {
		got := grepLines(t, r, pin.Tree, regexp.MustCompile(c.pattern), Options{})
		want := gitGrep(t, tr.Dir, rev, c.gitArgs...)
		if !reflect.DeepEqual(got, want) {
			t.Errorf("pattern %q\n got %q\ngit  %q", c.pattern, got, want)
		}
	}
	// -I leaves binary files out, as git grep -I does.
	got := grepLines(t, r, pin.Tree, regexp.MustCompile("token"), Options{SkipBinary: true})
	want := gitGrep(t, tr.Dir, rev, "-I", "-F", "token")
	if !reflect.DeepEqual(got, want) {
		t.Errorf("SkipBinary\n got %q\ngit  %q", got, want)
	}
}

// Workers finish out of order; output must not.
func TestGrepOrderIsDeterministic(t *testing.T) {
	tr := repotest.New(t)
	tree := repotest.Tree{}
	for i := range 300 {
		tree[fmt.Sprintf("d%d/f%03d.txt", i%7, i)] = repotest.File{Content: strings.Repeat(fmt.Sprintf("line %d match\n", i), 1+i%5)}
	}
	tr.Commit("many", tree)
	r, pin := pintest.Head(t, tr)
	re := regexp.MustCompile("match")
	var progress [][2]int
	one := grepLines(t, r, pin.Tree, re, Options{Workers: 1})
	four := grepLines(t, r, pin.Tree, re, Options{Workers: 4, Progress: func(d, n int) { progress = append(progress, [2]int{d, n}) }})
	if !reflect.DeepEqual(one, four) {
		t.Fatal("results differ between 1 and 4 workers")
	}
	paths := make([]string, 0, len(one))
	for _, l := range one {
		paths = append(paths, l[:strings.IndexByte(l, ':')])
	}
	if !sort.StringsAreSorted(paths) || len(one) != 300*3 {
		t.Fatalf("%d results, sorted %v", len(one), sort.StringsAreSorted(paths))
	}
	if last := progress[len(progress)-1]; last != [2]int{300, 300} {
		t.Fatalf("last progress %v, want [300 300]", last)
	}
}

func TestGrepStopsOnCallbackErrorAndCancel(t *testing.T) {
	tr := repotest.New(t)
	tree := repotest.Tree{}
	for i := range 300 {
		tree[fmt.Sprintf("f%03d.txt", i)] = repotest.File{Content: "x\n"}
	}
	tr.Commit("many", tree)
	r, pin := pintest.Head(t, tr)
	stop := errors.New("enough")
	n := 0
	err := Grep(context.Background(), r, pin.Tree, regexp.MustCompile("x"), Options{Workers: 2}, func(Match) error {
		if n++; n == 10 {
			return stop
		}
		return nil
	})
	if !errors.Is(err, stop) || n != 10 {
		t.Fatalf("callback error: got %v after %d results", err, n)
	}
	ctx, cancel := context.WithCancel(context.Background())
	n = 0
	err = Grep(ctx, r, pin.Tree, regexp.MustCompile("x"), Options{Workers: 2}, func(Match) error {
		if n++; n == 5 {
			cancel()
		}
		return nil
	})
	if !errors.Is(err, context.Canceled) || n >= 300 {
		t.Fatalf("cancel: got %v after %d results", err, n)
	}
}

// A missing blob is reported, not skipped, and the rest is searched.
func TestGrepReportsMissingBlob(t *testing.T) {
	tr := repotest.New(t)
	tr.Commit("one", repotest.Tree{"a.txt": {Content: "hit\n"}, "b.txt": {Content: "hit gone\n"}, "c.txt": {Content: "hit\n"}})
	if err := os.Remove(tr.ObjectPath(tr.Blob("hit gone\n"))); err != nil {
		t.Fatal(err)
	}
	r, pin := pintest.Head(t, tr)
	got := grepLines(t, r, pin.Tree, regexp.MustCompile("hit"), Options{Workers: 2})
	if len(got) != 3 || got[0] != "a.txt:1:hit" || !strings.HasPrefix(got[1], "error b.txt: ") || !strings.Contains(got[1], "missing") || got[2] != "c.txt:1:hit" {
		t.Fatalf("got %q", got)
	}
}

func TestLineMatcher(t *testing.T) {
	cases := []struct {
		content, pattern string
		want             []int
	}{
		{"a\nb\na", "a", []int{1, 3}},
		{"a\n", "^", []int{1}},
		{"", "^", nil},
		{"x\n\ny", "^$", []int{2}},
		{"ab\ncd\n", `b\ncd`, nil},                   // never across lines
		{"ab\ncd\n", `b\scd`, nil},                   // \s meets the LF only in the whole-file scan
		{"ab\ncd\nbc", `\Ac`, []int{2}},              // \A is the start of each line
		{"ab\ncd\nbc", `b\z`, []int{1}},              // \z is the end of each line
		{"aXb\nab\nXab", "(?s)a.*b", []int{1, 2, 3}}, // a cross-line span must not hide later lines
		{"foo\nbar foo\n", "(?i)FOO", []int{1, 2}},
		{"x\n\u212aeep\nKEEP\n", "(?i)keep", []int{2, 3}}, // Kelvin sign folds to k
		{"pass = 1\npassword := 2\n", `\w+word\s*:=`, []int{2}},
		{"no match here\n", `(?i)password\s*:=`, nil},
	}
	for _, c := range cases {
		m := newLineMatcher(regexp.MustCompile(c.pattern))
		var got []int
		m.match([]byte(c.content), func(line int, _ []byte) bool { got = append(got, line); return true })
		if !reflect.DeepEqual(got, c.want) {
			t.Errorf("%q in %q: lines %v, want %v", c.pattern, c.content, got, c.want)
		}
	}
}

// FuzzLineMatcher checks the whole-file scan against checking every line.
func FuzzLineMatcher(f *testing.F) {
	f.Add("a\nb\na", "a")
	f.Add("ab\ncd\nbc", `\Ac|b\z`)
	f.Add("x\n\n\ny\n", "^$")
	f.Add("aXb\nab\nXab", "(?s)a.*b")
	f.Add("tab\there\r\n", `\s+`)
	f.Add("abc", "(?m)^b|c$")
	f.Add("\u017ftop\nSTOP", "(?i)stop+")
	f.Add("pass word\npassword", `(?i)(pass)+wor?d{1,2}`)
	f.Fuzz(func(t *testing.T, content, pattern string) {
		re, err := regexp.Compile(pattern)
		if err != nil {
			return
		}
		m := newLineMatcher(re)
		type hit struct {
			line int
			text string
		}
		var fast, slow []hit
		m.match([]byte(content), func(l int, s []byte) bool { fast = append(fast, hit{l, string(s)}); return true })
		m.matchAll([]byte(content), func(l int, s []byte) bool { slow = append(slow, hit{l, string(s)}); return true })
		if !reflect.DeepEqual(fast, slow) {
			t.Fatalf("pattern %q on %q: scan %v, per line %v", pattern, content, fast, slow)
		}
	})
}

// Big files are searched in runs of whole lines; the results must not
// depend on where the runs break, even inside a line longer than a run.
func TestGrepStreamChunks(t *testing.T) {
	content := "alpha match\n" + strings.Repeat("x", 40) + " match long line\n\nmatch\nno\n" + "tail match"
	re := regexp.MustCompile("match")
	m := newLineMatcher(re)
	var want []string
	m.matchAll([]byte(content), func(l int, s []byte) bool { want = append(want, fmt.Sprint(l, ":", string(s))); return true })
	for chunk := 1; chunk <= len(content)+1; chunk++ {
		var got []string
		err := grepStream(context.Background(), strings.NewReader(content), int64(len(content)), chunk, streamVisitor{lines: func(lines []byte, base int, binary bool) bool {
			if binary {
				t.Fatal("text called binary")
			}
			m.match(lines, func(l int, s []byte) bool { got = append(got, fmt.Sprint(base+l, ":", string(s))); return true })
			return true
		}})
		if err != nil || !reflect.DeepEqual(got, want) {
			t.Fatalf("chunk %d: %q, %v; want %q", chunk, got, err, want)
		}
	}
	// Binary is decided on the first 8000 bytes even when a run is shorter.
	bin := "a\n\x00" + strings.Repeat("b", 9000)
	var sawBinary bool
	_ = grepStream(context.Background(), strings.NewReader(bin), int64(len(bin)), 2, streamVisitor{lines: func(_ []byte, _ int, binary bool) bool {
		sawBinary = binary
		return false
	}, long: func(_ longWindow, binary bool) bool {
		sawBinary = binary
		return false
	}})
	if !sawBinary {
		t.Fatal("NUL at byte 2 not seen with 2-byte runs")
	}
	// A stream shorter than its header said is an error.
	if err := grepStream(context.Background(), strings.NewReader("abc"), 10, 4, streamVisitor{lines: func([]byte, int, bool) bool { return true }}); err == nil {
		t.Fatal("truncated stream accepted")
	}
}
