package repo

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// The corpus checks compare Blame and PathLog with git on real projects:
// the bundles in shared/corpus beside the repository (tmux, C, 12k
// commits; fzf, Go, 3.7k commits). By default a fast subset runs; with
// SIGHTLINE_CORPUS_FULL=1 every text file at HEAD of both corpora is
// blamed. SIGHTLINE_CORPUS_FILES=regexp narrows the files blamed (for
// chasing one divergence); SIGHTLINE_CORPUS names the corpus directory.

// corpusDir finds shared/corpus beside the repository, or in a directory
// above it (a worktree sits deeper than the main checkout).
func corpusDir(t testing.TB) string {
	t.Helper()
	if d := os.Getenv("SIGHTLINE_CORPUS"); d != "" {
		return d
	}
	dir, err := filepath.Abs("..") // the module root: tests run in repo/
	if err != nil {
		t.Fatal(err)
	}
	for {
		parent := filepath.Dir(dir)
		if parent == dir {
			return ""
		}
		dir = parent
		if c := filepath.Join(dir, "shared", "corpus"); isDirPath(c) {
			return c
		}
	}
}

func isDirPath(p string) bool {
	fi, err := os.Stat(p)
	return err == nil && fi.IsDir()
}

// TestMain removes the corpus clones, which live for the whole test
// binary run so that each test does not clone again.
func TestMain(m *testing.M) {
	code := m.Run()
	if corpusClones.root != "" {
		_ = os.RemoveAll(corpusClones.root)
	}
	os.Exit(code)
}

var corpusClones struct {
	sync.Mutex
	root string
	dirs map[string]string
}

// corpusRepo clones corpus bundle name (once per test binary run) and
// opens it; it skips the test with a message when there is no corpus.
func corpusRepo(t *testing.T, name string) (*Repo, Pin, string) {
	t.Helper()
	hasGit(t)
	src := corpusDir(t)
	bundle := filepath.Join(src, name+".bundle")
	if src == "" || !fileExists(bundle) {
		t.Skipf("corpus bundle %s.bundle not found (put the corpus in ../shared/corpus or set SIGHTLINE_CORPUS): corpus parity skipped", name)
	}
	corpusClones.Lock()
	defer corpusClones.Unlock()
	if corpusClones.dirs == nil {
		root, err := os.MkdirTemp("", "sightline-corpus-")
		if err != nil {
			t.Fatal(err)
		}
		corpusClones.root, corpusClones.dirs = root, map[string]string{}
	}
	dir, ok := corpusClones.dirs[name]
	if !ok {
		dir = filepath.Join(corpusClones.root, name+".git")
		cmd := exec.Command("git", "clone", "-q", "--bare", bundle, dir)
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("git clone --bare %s: %v\n%s", bundle, err, out)
		}
		corpusClones.dirs[name] = dir
	}
	r, err := Open(dir)
	if err != nil {
		t.Fatalf("Open %s: %v", dir, err)
	}
	t.Cleanup(func() { _ = r.Close() })
	pin, err := r.Resolve("HEAD")
	if err != nil {
		t.Fatalf("Resolve HEAD in %s: %v", dir, err)
	}
	return r, pin, dir
}

func fileExists(p string) bool {
	_, err := os.Stat(p)
	return err == nil
}

// blameDiff compares Blame with git blame --line-porcelain on one file:
// commit, original line and final line of every line. It returns how
// many lines differ and a report of the first few.
func blameDiff(t *testing.T, r *Repo, pin Pin, dir, path string) (int, string) {
	t.Helper()
	want := gitBlame(t, dir, "HEAD", path)
	lines, err := r.Blame(context.Background(), pin.Commit, path, nil)
	if err != nil {
		return len(want), fmt.Sprintf("Blame %s: %v", path, err)
	}
	var rep strings.Builder
	n := 0
	if len(lines) != len(want) {
		n = max(len(lines), len(want))
		fmt.Fprintf(&rep, "%s: %d lines, git has %d\n", path, len(lines), len(want))
	}
	for i := 0; i < len(lines) && i < len(want); i++ {
		l := lines[i]
		got := fmt.Sprintf("%s %d %d", l.Commit, l.OrigLine, l.FinalLine)
		if w := trimPath(want[i]); got != w {
			if n++; n <= 5 {
				fmt.Fprintf(&rep, "%s line %d: got %s, git %s\n", path, i+1, got, w)
			}
		}
	}
	return n, rep.String()
}

// trimPath drops the path from a gitBlame entry ("hash orig final path").
func trimPath(e string) string {
	f := strings.SplitN(e, " ", 4)
	return strings.Join(f[:3], " ")
}

// corpusTextFiles lists the regular files at HEAD whose first 8000 bytes
// hold no NUL (git's own test for binary), in tree order.
func corpusTextFiles(t *testing.T, r *Repo, dir string) []string {
	t.Helper()
	var out []string
	for _, l := range gitLines(t, dir, "ls-tree", "-r", "HEAD") {
		meta, path, _ := strings.Cut(l, "\t")
		f := strings.Fields(meta)
		if len(f) != 3 || f[1] != "blob" || (f[0] != "100644" && f[0] != "100755") {
			continue
		}
		h, err := ParseHash(f[2])
		if err != nil {
			t.Fatal(err)
		}
		b, err := r.ReadBlob(context.Background(), h, 8000)
		if err != nil {
			t.Fatalf("ReadBlob %s: %v", path, err)
		}
		if !bytes.Contains(b.Data[:min(len(b.Data), 8000)], []byte{0}) {
			out = append(out, path)
		}
	}
	return out
}

// fastCorpusFiles are blamed in the default run: the files the issue
// named, where blame disagreed with git, and a few small ones.
var fastCorpusFiles = map[string][]string{
	"tmux": {"window.c", "server-client.c", "cmd-kill-pane.c", "xmalloc.h"},
	"fzf":  {"src/core.go", "src/terminal.go", "src/util/chars.go", "main.go"},
}

// TestCorpusBlameMatchesGit blames files of the corpora both ways and
// reports every file whose lines git attributes differently.
func TestCorpusBlameMatchesGit(t *testing.T) {
	full := os.Getenv("SIGHTLINE_CORPUS_FULL") != ""
	filter := regexp.MustCompile(os.Getenv("SIGHTLINE_CORPUS_FILES"))
	for _, name := range []string{"tmux", "fzf"} {
		t.Run(name, func(t *testing.T) {
			r, pin, dir := corpusRepo(t, name)
			paths := fastCorpusFiles[name]
			if full {
				paths = corpusTextFiles(t, r, dir)
			}
			var files, lines, bad atomic.Int64
			start := time.Now()
			t.Run("files", func(t *testing.T) {
				for _, p := range paths {
					if !filter.MatchString(p) {
						continue
					}
					t.Run(p, func(t *testing.T) {
						t.Parallel() // git blame and Blame on other files meanwhile
						n, rep := blameDiff(t, r, pin, dir, p)
						files.Add(1)
						lines.Add(int64(n))
						if n > 0 {
							bad.Add(1)
							t.Errorf("%d lines differ from git blame:\n%s", n, rep)
						}
					})
				}
			})
			t.Logf("%s: %d files blamed in %v; %d lines in %d files differ", name, files.Load(), time.Since(start).Round(time.Millisecond), lines.Load(), bad.Load())
		})
	}
}

// fastCorpusLogPaths get PathLog checked in the default run: files edited
// often (through many merges), a directory, and a file deleted long ago.
var fastCorpusLogPaths = map[string][]string{
	"tmux": {"window.c", "compat", "tmux.1", "cmd-string.c"},
	"fzf":  {"src/terminal.go", "src", "install", "src/curses/curses.go"},
}

// corpusLogPaths is a sample for the full run: every 7th file at HEAD,
// every directory, and a few files deleted on the way.
func corpusLogPaths(t *testing.T, dir string) []string {
	t.Helper()
	var out []string
	dirs := map[string]bool{}
	for i, p := range gitLines(t, dir, "ls-tree", "-r", "--name-only", "HEAD") {
		if i%7 == 0 {
			out = append(out, p)
		}
		for d := filepath.Dir(p); d != "."; d = filepath.Dir(d) {
			dirs[d] = true
		}
	}
	for d := range dirs {
		out = append(out, d)
	}
	deleted := gitLines(t, dir, "log", "--diff-filter=D", "--name-only", "--format=", "-n", "200")
	for i := 0; i < len(deleted); i += max(1, len(deleted)/8) {
		out = append(out, deleted[i])
	}
	return out
}

// TestCorpusPathLogMatchesGit compares PathLog with git log --format=%H
// -- PATH (default history simplification, merges included).
func TestCorpusPathLogMatchesGit(t *testing.T) {
	full := os.Getenv("SIGHTLINE_CORPUS_FULL") != ""
	for _, name := range []string{"tmux", "fzf"} {
		t.Run(name, func(t *testing.T) {
			r, pin, dir := corpusRepo(t, name)
			paths := fastCorpusLogPaths[name]
			if full {
				paths = corpusLogPaths(t, dir)
			}
			start := time.Now()
			for _, p := range paths {
				want := gitLines(t, dir, "log", "--format=%H", "HEAD", "--", p)
				var got []string
				if err := r.PathLog(context.Background(), pin.Commit, p, func(c Commit) error {
					got = append(got, c.Hash.String())
					return nil
				}); err != nil {
					t.Errorf("PathLog %s: %v", p, err)
					continue
				}
				if i := firstDiff(got, want); i >= 0 {
					t.Errorf("log -- %s: %d commits, git %d; first difference at %d: got %s, git %s",
						p, len(got), len(want), i, at(got, i), at(want, i))
				}
			}
			t.Logf("%s: %d paths logged in %v", name, len(paths), time.Since(start).Round(time.Millisecond))
		})
	}
}

func firstDiff(a, b []string) int {
	for i := range max(len(a), len(b)) {
		if i >= len(a) || i >= len(b) || a[i] != b[i] {
			return i
		}
	}
	return -1
}

func at(s []string, i int) string {
	if i < len(s) {
		return s[i]
	}
	return "(none)"
}
