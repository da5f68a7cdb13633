package repotest

import (
	"io"
	"os"
	"os/exec"
	"sort"
	"strings"
	"testing"

	git "github.com/go-git/go-git/v5"
	"github.com/go-git/go-git/v5/plumbing"
)

// git must see the hostile fixture exactly as the §3.4 recipe makes it.
func TestHostileFixtureReadsBackInGit(t *testing.T) {
	r := Hostile(t, HostileOptions{LongLine: true})
	tree := r.TreeOf(r.Head())
	for path, want := range map[string]string{
		"escapes.txt": HostileEscapes, "trojan.c": HostileTrojan, "homoglyph.js": HostileHomoglyph,
		"badutf8.txt": HostileBadUTF8, "nulsrc.c": HostileNULSource, "vendor/sub": HostileGitlink,
		"outside_link": "/etc/passwd", HostileDeepPath: "deep\n", HostileEscName: "",
	} {
		if got, ok := tree[path]; !ok || got.Content != want {
			t.Errorf("%q = %q (present %v), want %q", path, got.Content, ok, want)
		}
	}
	if n := len(tree["longline.txt"].Content); n != HostileLongLineLen {
		t.Errorf("longline.txt is %d bytes, want %d", n, HostileLongLineLen)
	}
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("git not installed")
	}
	out, err := exec.Command("git", "-C", r.Dir, "ls-tree", "-r", "-z", "--name-only", "main").Output()
	if err != nil {
		t.Fatalf("git ls-tree: %v", err)
	}
	got := strings.Split(strings.TrimSuffix(string(out), "\x00"), "\x00")
	var want []string
	for p := range tree {
		want = append(want, p)
	}
	sort.Strings(got)
	sort.Strings(want)
	if strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("git ls-tree:\n%q\nwant\n%q", got, want)
	}
	out, err = exec.Command("git", "-C", r.Dir, "log", "-1", "--format=%an%x00%B", "main~1").Output()
	if err != nil {
		t.Fatalf("git log: %v", err)
	}
	if s := string(out); !strings.HasPrefix(s, HostileAuthor+"\x00"+HostileMessage) {
		t.Errorf("git log: %q", s)
	}
	out, err = exec.Command("git", "-C", r.Dir, "cat-file", "-p", "hostile").Output()
	if err != nil || !strings.Contains(string(out), HostileTagMessage) {
		t.Errorf("tag hostile: %v %q", err, out)
	}
}

func TestHostileHugeFile(t *testing.T) {
	if testing.Short() {
		t.Skip("builds a 100 MiB blob")
	}
	r := Hostile(t, HostileOptions{Huge: true})
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("git not installed")
	}
	out, err := exec.Command("git", "-C", r.Dir, "cat-file", "-s", "main:huge.txt").Output()
	if err != nil || strings.TrimSpace(string(out)) != "104857600" {
		t.Errorf("huge.txt size: %v %q", err, out)
	}
	// fsck rehashes every object: the hand-written loose object is sound.
	if out, err := exec.Command("git", "-C", r.Dir, "fsck", "--strict").CombinedOutput(); err != nil {
		t.Errorf("git fsck: %v\n%s", err, out)
	}
}

// The substituted fixture reads back as its Evil contents in go-git (and
// git), which do not check ids: the damage is real, and silent there.
func TestSubstitutedFixtureReadsBackAsTheSubstitutes(t *testing.T) {
	s := NewSubstituted(t)
	for h, want := range map[plumbing.Hash]string{
		s.Loose: SubstitutedLooseEvil, s.Packed: SubstitutedPackedEvil, s.Decoy: SubstitutedPackedAfter,
	} {
		g, err := git.PlainOpen(s.Dir) // each read fresh: go-git caches by pack offset
		if err != nil {
			t.Fatal(err)
		}
		b, err := g.BlobObject(h)
		if err != nil {
			t.Fatalf("blob %s: %v", h, err)
		}
		rd, err := b.Reader()
		if err != nil {
			t.Fatal(err)
		}
		got, err := io.ReadAll(rd)
		rd.Close()
		if err != nil || string(got) != want {
			t.Errorf("blob %s reads %q, %v; want %q", h, got, err, want)
		}
	}
	if _, err := os.Stat(s.ObjectPath(s.Packed)); !os.IsNotExist(err) {
		t.Errorf("the packed blob is also loose: %v", err)
	}
	tree := s.TreeOf(s.First)
	if tree[SubstitutedLoosePath].Content != SubstitutedLooseBefore || tree[SubstitutedIntactPath].Content != SubstitutedIntact {
		t.Errorf("commit 1 is not intact: %v", tree)
	}
}

// git reads the packed 5,000-deep chain as the fixture says.
func TestHostileVeryDeepReadsBackInGit(t *testing.T) {
	r := HostileVeryDeep(t)
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("git not installed")
	}
	out, err := exec.Command("git", "-C", r.Dir, "cat-file", "-p", "HEAD:"+HostileVeryDeepPath).Output()
	if err != nil || string(out) != "needle at the bottom\n" {
		t.Fatalf("git cat-file of the bottom file: %q, %v", out, err)
	}
	if err := exec.Command("git", "-C", r.Dir, "fsck", "--strict").Run(); err != nil {
		t.Fatalf("git fsck: %v", err)
	}
}

// git reads the merge of 10,000 parents as the fixture says.
func TestHostileWideMergeReadsBackInGit(t *testing.T) {
	r, parents := HostileWideMerge(t)
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("git not installed")
	}
	out, err := exec.Command("git", "-C", r.Dir, "rev-list", "--parents", "-n", "1", "HEAD").Output()
	if err != nil {
		t.Fatal(err)
	}
	got := strings.Fields(string(out))
	if len(got) != 1+HostileWideMergeParents || got[1] != parents[0].String() || got[len(got)-1] != parents[len(parents)-1].String() {
		t.Fatalf("git sees %d ids for HEAD and its parents, want %d", len(got), 1+HostileWideMergeParents)
	}
}
