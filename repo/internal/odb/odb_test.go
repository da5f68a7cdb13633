package odb

import (
	"bufio"
	"bytes"
	"crypto/sha1"
	"encoding/hex"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// gitObject is one object as "git cat-file --batch" prints it.
type gitObject struct {
	typ  string
	data []byte
}

func needGit(t testing.TB) {
	t.Helper()
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("git not installed: the cross-check needs it")
	}
}

func git(t testing.TB, dir string, args ...string) string {
	t.Helper()
	cmd := exec.Command("git", append([]string{"-C", dir}, args...)...)
	cmd.Env = append(os.Environ(), "GIT_CONFIG_NOSYSTEM=1", "HOME="+t.TempDir(),
		"GIT_AUTHOR_NAME=a", "GIT_AUTHOR_EMAIL=a@example.invalid", "GIT_COMMITTER_NAME=a", "GIT_COMMITTER_EMAIL=a@example.invalid")
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("git %v: %v\n%s", args, err, out)
	}
	return string(out)
}

// allObjects reads every object of the repository through git.
func allObjects(t testing.TB, dir string) map[ID]gitObject {
	t.Helper()
	cmd := exec.Command("git", "-C", dir, "cat-file", "--batch-all-objects", "--batch")
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("git cat-file: %v", err)
	}
	objs := map[ID]gitObject{}
	rd := bufio.NewReader(bytes.NewReader(out))
	for {
		line, err := rd.ReadString('\n')
		if err == io.EOF {
			break
		}
		f := strings.Fields(line)
		if len(f) != 3 {
			t.Fatalf("cat-file header %q", line)
		}
		var id ID
		hex.Decode(id[:], []byte(f[0]))
		n, _ := strconv.Atoi(f[2])
		data := make([]byte, n+1)
		if _, err := io.ReadFull(rd, data); err != nil {
			t.Fatal(err)
		}
		objs[id] = gitObject{typ: f[1], data: data[:n]}
	}
	return objs
}

// makeHistory builds a repository whose files change a little in every
// commit, so that a repack stores most versions as deltas, plus a large
// file and a binary one.
func makeHistory(t testing.TB, commits int) string {
	dir := t.TempDir()
	git(t, dir, "init", "-q", "-b", "main")
	rng := rand.New(rand.NewPCG(1, 2))
	lines := make([]string, 400)
	for i := range lines {
		lines[i] = fmt.Sprintf("line %d: %x", i, rng.Uint64())
	}
	big := bytes.Repeat([]byte("a large generated file line\n"), (2<<20)/28)
	bin := make([]byte, 5000)
	for c := range commits {
		for k := 0; k < 5; k++ {
			lines[rng.IntN(len(lines))] = fmt.Sprintf("edit %d.%d %x", c, k, rng.Uint64())
		}
		write(t, dir, "src/main.c", strings.Join(lines, "\n")+"\n")
		write(t, dir, fmt.Sprintf("src/gen/f%d.txt", c%7), strings.Repeat(fmt.Sprintf("commit %d\n", c), 50+c))
		big[rng.IntN(len(big))] = 'z'
		write(t, dir, "big.txt", string(big))
		bin[rng.IntN(len(bin))] = byte(rng.Uint32())
		write(t, dir, "blob.bin", string(bin))
		git(t, dir, "add", "-A")
		git(t, dir, "commit", "-q", "-m", fmt.Sprintf("commit %d", c))
	}
	git(t, dir, "tag", "-a", "-m", "a tag", "v1")
	return dir
}

func write(t testing.TB, dir, name, content string) {
	p := filepath.Join(dir, name)
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
}

func typeName(t Type) string { return t.String() }

// checkAll reads every object through the DB with Read, Header and
// Stream and compares each with git's answer.
func checkAll(t *testing.T, dir string, db *DB) {
	t.Helper()
	want := allObjects(t, dir)
	if len(want) == 0 {
		t.Fatal("no objects")
	}
	for id, w := range want {
		typ, data, err := db.Read(id)
		if err != nil {
			t.Fatalf("Read %s: %v", id, err)
		}
		if typeName(typ) != w.typ || !bytes.Equal(data, w.data) {
			t.Fatalf("Read %s: %s of %d bytes, git says %s of %d", id, typ, len(data), w.typ, len(w.data))
		}
		htyp, size, err := db.Header(id)
		if err != nil || typeName(htyp) != w.typ || size != int64(len(w.data)) {
			t.Fatalf("Header %s: %s %d %v, git says %s %d", id, htyp, size, err, w.typ, len(w.data))
		}
		styp, ssize, rc, err := db.Stream(id)
		if err != nil {
			t.Fatalf("Stream %s: %v", id, err)
		}
		got, err := io.ReadAll(rc)
		rc.Close()
		if err != nil || typeName(styp) != w.typ || ssize != int64(len(w.data)) || !bytes.Equal(got, w.data) {
			t.Fatalf("Stream %s: %s %d (%d read) %v, git says %s %d", id, styp, ssize, len(got), err, w.typ, len(w.data))
		}
		if !db.Has(id) {
			t.Fatalf("Has %s: false", id)
		}
	}
}

func TestReadsEveryObjectAsGitDoes(t *testing.T) {
	needGit(t)
	dir := makeHistory(t, 30)
	objects := filepath.Join(dir, ".git", "objects")
	cases := []struct {
		name   string
		repack []string
	}{
		{"loose", nil},
		{"packed with offset deltas", []string{"repack", "-a", "-d", "-f", "-q", "--depth=50"}},
		{"packed with ref deltas", []string{"-c", "repack.useDeltaBaseOffset=false", "repack", "-a", "-d", "-f", "-q"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if c.repack != nil {
				git(t, dir, c.repack...)
			}
			db, err := Open(objects, Options{CacheBytes: 1 << 20})
			if err != nil {
				t.Fatal(err)
			}
			defer db.Close()
			if c.repack != nil && len(db.packs) != 1 {
				t.Fatalf("%d packs, want 1", len(db.packs))
			}
			checkAll(t, dir, db)
			if c.repack != nil && deltas(t, db) == 0 {
				t.Fatal("the pack holds no deltas: the test proves nothing about them")
			}
		})
	}
}

// deltas counts the delta entries of the DB's packs.
func deltas(t *testing.T, db *DB) int {
	n := 0
	for _, p := range db.packs {
		for i := range p.idx.count {
			off, _ := p.idx.offset(i)
			e, err := p.entryAt(off)
			if err != nil {
				t.Fatal(err)
			}
			if e.typ > TypeTag {
				n++
			}
		}
	}
	return n
}

// A new commit's objects are loose next to the packs; both are read.
func TestPacksAndLooseTogether(t *testing.T) {
	needGit(t)
	dir := makeHistory(t, 5)
	git(t, dir, "repack", "-a", "-d", "-q")
	write(t, dir, "new.txt", "after the repack\n")
	git(t, dir, "add", "new.txt")
	git(t, dir, "commit", "-q", "-m", "loose")
	db, err := Open(filepath.Join(dir, ".git", "objects"), Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	checkAll(t, dir, db)
	head := strings.TrimSpace(git(t, dir, "rev-parse", "HEAD"))
	ids := db.WithPrefix(head[:6])
	if len(ids) != 1 || ids[0].String() != head {
		t.Fatalf("WithPrefix(%s) = %v, want [%s]", head[:6], ids, head)
	}
	if got := db.WithPrefix("zz"); len(got) != 0 {
		t.Fatalf("WithPrefix(zz) = %v", got)
	}
}

func TestMissingObject(t *testing.T) {
	db, err := Open(t.TempDir(), Options{})
	if err != nil {
		t.Fatal(err)
	}
	var id ID
	id[0] = 0xab
	if _, _, err := db.Read(id); err == nil || !strings.Contains(err.Error(), "object not found") {
		t.Fatalf("Read of a missing object: %v", err)
	}
	if db.Has(id) {
		t.Fatal("Has of a missing object")
	}
	if _, _, _, err := db.Stream(id); err == nil {
		t.Fatal("Stream of a missing object")
	}
}

// objectID recomputes an object's id, as git defines it.
func objectID(typ Type, data []byte) ID {
	h := sha1.New()
	fmt.Fprintf(h, "%s %d\x00", typ, len(data))
	h.Write(data)
	var id ID
	copy(id[:], h.Sum(nil))
	return id
}
