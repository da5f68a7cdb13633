package commitgraph

import (
	"crypto/sha1"
	"encoding/binary"
	"encoding/hex"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

func TestMurmur3MatchesKnownValues(t *testing.T) {
	for _, c := range []struct {
		in   string
		want uint32
	}{
		{"", 0},
		{"Hello world!", 0x627b0c2c},
		{"The quick brown fox jumps over the lazy dog", 0x2e4ff723},
	} {
		for _, signed := range []bool{false, true} {
			if got := murmur3(0, c.in, signed); got != c.want {
				t.Errorf("murmur3(0, %q, signed=%v) = %#x, want %#x", c.in, signed, got, c.want)
			}
		}
	}
	// Bytes >= 0x80 are where version 1 (signed chars) and 2 differ.
	if murmur3(0, "\x99\xaa\xbb\xcc\xdd", true) == murmur3(0, "\x99\xaa\xbb\xcc\xdd", false) {
		t.Error("version 1 and 2 hashes agree on high bytes")
	}
}

// gitRepo builds a repository with git: a few files over commits on two
// branches, a merge, and an octopus merge; it returns the git dir.
func gitRepo(t *testing.T, graphArgs ...string) string {
	t.Helper()
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("git not installed")
	}
	dir := t.TempDir()
	run := func(args ...string) string {
		t.Helper()
		cmd := exec.Command("git", args...)
		cmd.Dir = dir
		cmd.Env = append(os.Environ(), "GIT_AUTHOR_DATE=1700000000 +0000", "GIT_COMMITTER_DATE=1700000000 +0000",
			"GIT_AUTHOR_NAME=a", "GIT_AUTHOR_EMAIL=a@x", "GIT_COMMITTER_NAME=a", "GIT_COMMITTER_EMAIL=a@x", "GIT_CONFIG_NOSYSTEM=1", "HOME="+dir)
		out, err := cmd.CombinedOutput()
		if err != nil {
			t.Fatalf("git %v: %v\n%s", args, err, out)
		}
		return string(out)
	}
	write := func(name, body string) {
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	run("init", "-q", "-b", "main")
	for i := 0; i < 12; i++ {
		write(fmt.Sprintf("src/f%d.c", i%4), strconv.Itoa(i))
		write("docs/readme", strconv.Itoa(i/3))
		run("add", "-A")
		run("commit", "-q", "-m", strconv.Itoa(i))
	}
	for _, b := range []string{"b1", "b2"} {
		run("checkout", "-q", "-b", b, "main~3")
		write(b+".txt", b)
		run("add", "-A")
		run("commit", "-q", "-m", b)
	}
	run("checkout", "-q", "main")
	run("merge", "-q", "--no-ff", "-m", "octopus", "b1", "b2")
	run(append([]string{"commit-graph", "write", "--reachable", "--changed-paths"}, graphArgs...)...)
	return filepath.Join(dir, ".git")
}

func gitOut(t *testing.T, gitDir string, args ...string) []string {
	t.Helper()
	out, err := exec.Command("git", append([]string{"--git-dir", gitDir}, args...)...).Output()
	if err != nil {
		t.Fatalf("git %v: %v", args, err)
	}
	if len(strings.TrimSpace(string(out))) == 0 {
		return nil
	}
	return strings.Split(strings.TrimSpace(string(out)), "\n")
}

func parseID(t *testing.T, s string) ID {
	var id ID
	if b, err := hex.DecodeString(s); err != nil || len(b) != idLen {
		t.Fatalf("bad id %q", s)
	} else {
		copy(id[:], b)
	}
	return id
}

// checkAgainstGit compares every commit's tree, parents and time with
// git, and checks no filter denies a path the commit changed.
func checkAgainstGit(t *testing.T, g *Graph, gitDir string) {
	t.Helper()
	lines := gitOut(t, gitDir, "log", "--all", "--format=%H,%T,%ct,%P")
	if len(lines) == 0 {
		t.Fatal("no commits")
	}
	for _, l := range lines {
		f := strings.Split(l, ",")
		pos, ok := g.Lookup(parseID(t, f[0]))
		if !ok {
			t.Fatalf("commit %s not found", f[0])
		}
		c, err := g.Commit(pos)
		if err != nil {
			t.Fatalf("commit %s: %v", f[0], err)
		}
		if c.Tree != parseID(t, f[1]) || strconv.FormatInt(c.When, 10) != f[2] {
			t.Errorf("commit %s: tree %x time %d, git says %s %s", f[0], c.Tree, c.When, f[1], f[2])
		}
		var ps []string
		for _, p := range c.Parents {
			ps = append(ps, hex.EncodeToString(p[:]))
		}
		if got := strings.Join(ps, " "); got != f[3] {
			t.Errorf("commit %s: parents %q, git says %q", f[0], got, f[3])
		}
		changed := gitOut(t, gitDir, "diff-tree", "-r", "--root", "--no-commit-id", "--name-only", f[0])
		if len(c.Parents) > 1 {
			changed = gitOut(t, gitDir, "diff-tree", "-r", "--no-commit-id", "--name-only", f[0], f[0]+"^1")
		}
		for _, p := range changed {
			for q := p; q != "."; q = filepath.Dir(q) {
				if !g.MaybeChanged(pos, g.Query(q)) {
					t.Errorf("commit %s: filter denies %s changed (%s did)", f[0], q, p)
				}
			}
		}
	}
	if !g.HasFilters() {
		t.Error("no Bloom filters read")
	}
}

func TestSingleFileMatchesGit(t *testing.T) {
	gitDir := gitRepo(t)
	g, err := Open(filepath.Join(gitDir, "objects"))
	if err != nil {
		t.Fatal(err)
	}
	if len(g.layers) != 1 {
		t.Fatalf("%d layers, want 1", len(g.layers))
	}
	checkAgainstGit(t, g, gitDir)
	// The filters also answer "no": a path no commit touched is denied
	// by nearly every filter (false positives run about 1%).
	q, denied, total := g.Query("no/such/file"), 0, 0
	for pos := uint32(0); pos < g.layers[0].count; pos++ {
		total++
		if !g.MaybeChanged(pos, q) {
			denied++
		}
	}
	if denied < total*3/4 {
		t.Errorf("filters denied an untouched path for %d of %d commits", denied, total)
	}
}

func TestChainMatchesGit(t *testing.T) {
	gitDir := gitRepo(t, "--split=no-merge", "--size-multiple=1000")
	// A second layer on top: one more commit, written as its own file.
	work := filepath.Dir(gitDir)
	for _, args := range [][]string{
		{"-C", work, "-c", "user.name=a", "-c", "user.email=a@x", "commit", "-q", "--allow-empty", "-m", "top"},
		{"-C", work, "commit-graph", "write", "--reachable", "--changed-paths", "--split=no-merge"},
	} {
		if out, err := exec.Command("git", args...).CombinedOutput(); err != nil {
			t.Fatalf("git %v: %v\n%s", args, err, out)
		}
	}
	g, err := Open(filepath.Join(gitDir, "objects"))
	if err != nil {
		t.Fatal(err)
	}
	if len(g.layers) < 2 {
		t.Fatalf("%d layers, want a chain of 2", len(g.layers))
	}
	checkAgainstGit(t, g, gitDir)
}

func TestNoGraph(t *testing.T) {
	if _, err := Open(t.TempDir()); !errors.Is(err, ErrNone) {
		t.Errorf("Open of a directory without a graph: %v, want ErrNone", err)
	}
}

// rewrite changes the graph file and, unless keepSum, fixes its checksum
// so the damage gets past the checksum to the parser.
func rewrite(t *testing.T, path string, change func([]byte) []byte, fixSum bool) {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	data = change(append([]byte(nil), data...))
	if fixSum && len(data) >= idLen {
		sum := sha1.Sum(data[:len(data)-idLen])
		copy(data[len(data)-idLen:], sum[:])
	}
	_ = os.Chmod(path, 0o644)
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
}

// TestDamagedGraphIsRefused: a flipped bit, a truncation, chunk offsets
// and counts claiming more than the file holds are each refused with an
// error (the caller reads commits instead), never a panic or an
// allocation by the claimed size.
func TestDamagedGraphIsRefused(t *testing.T) {
	gitDir := gitRepo(t)
	file := filepath.Join(gitDir, "objects", "info", "commit-graph")
	orig, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		name   string
		change func([]byte) []byte
		fixSum bool
	}{
		{"flipped bit", func(d []byte) []byte { d[len(d)/2] ^= 1; return d }, false},
		{"truncated", func(d []byte) []byte { return d[:len(d)-100] }, false},
		{"empty", func(d []byte) []byte { return d[:0] }, false},
		{"chunk offset past the end", func(d []byte) []byte {
			binary.BigEndian.PutUint64(d[headerLen+4:], 1<<62)
			return d
		}, true},
		{"fan-out claims 4G commits", func(d []byte) []byte {
			off := binary.BigEndian.Uint64(d[headerLen+4:]) // OIDF comes first
			binary.BigEndian.PutUint32(d[off+255*4:], 0xffffffff)
			return d
		}, true},
		{"too many chunks claimed", func(d []byte) []byte { d[6] = 255; return d }, true},
		{"version 2", func(d []byte) []byte { d[4] = 2; return d }, true},
		{"base layers claimed", func(d []byte) []byte { d[7] = 3; return d }, true},
	} {
		t.Run(c.name, func(t *testing.T) {
			rewrite(t, file, func([]byte) []byte { return c.change(append([]byte(nil), orig...)) }, c.fixSum)
			if g, err := Open(filepath.Join(gitDir, "objects")); err == nil || errors.Is(err, ErrNone) {
				t.Errorf("damaged graph opened (%v, %v); want an error", g != nil, err)
			}
		})
	}
}

// TestHostileParents: a parent position outside the graph, or a parent
// that is not older than its child (with a valid checksum), makes Commit
// report the graph inconsistent.
func TestHostileParents(t *testing.T) {
	for _, parent := range []uint32{0x6fffffff, 0} {
		t.Run(fmt.Sprint(parent), func(t *testing.T) { testHostileParent(t, parent) })
	}
}

func testHostileParent(t *testing.T, parent uint32) {
	gitDir := gitRepo(t)
	file := filepath.Join(gitDir, "objects", "info", "commit-graph")
	rewrite(t, file, func(d []byte) []byte {
		chunks, err := readChunks(d, int(d[6]))
		if err != nil {
			t.Fatal(err)
		}
		cdat := chunks["CDAT"]
		for i := 0; i+cdatLen <= len(cdat); i += cdatLen {
			binary.BigEndian.PutUint32(cdat[i+idLen:], parent)
		}
		return d
	}, true)
	g, err := Open(filepath.Join(gitDir, "objects"))
	if err != nil {
		t.Fatal(err)
	}
	bad := 0
	for pos := uint32(0); pos < g.layers[0].count; pos++ {
		if _, err := g.Commit(pos); errors.Is(err, ErrInconsistent) {
			bad++
		}
	}
	// Position 0 as everyone's parent is caught where it is not older:
	// at least at position 0 itself.
	if bad == 0 || (parent != 0 && bad != int(g.layers[0].count)) {
		t.Errorf("%d of %d commits reported inconsistent", bad, g.layers[0].count)
	}
}
