package symbols

import (
	"context"
	"crypto/sha256"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"sightline/repo"
	"sightline/repo/repotest"
	"sightline/repo/repotest/pintest"
)

// cacheRepo has scopes, identical files, a name defined in many files
// and paths that sort between "src" and "src/" ("src-x", "src.h").
func cacheRepo(t *testing.T) *repotest.Repo {
	rt := repotest.New(t)
	rt.Commit("c", cacheTree())
	return rt
}

func cacheTree() repotest.Tree {
	gofile := "package p\n\ntype T struct{ A int }\n\nfunc (T) Run() {}\nfunc (*T) Stop() {}\nfunc Run() {}\n\nconst K = 1\n"
	return repotest.Tree{
		"src/exec.c":      {Content: "#include \"exec.h\"\n\nint\nrun_cmd(const char *cmd)\n{\n\treturn system(cmd);\n}\n"},
		"src/exec.h":      {Content: "int run_cmd(const char *);\n#define MAX_CMD 4\n"},
		"src/main.c":      {Content: "int\nmain(int argc, char **argv)\n{\n\treturn run_cmd(argv[1]);\n}\n"},
		"lib/other.c":     {Content: "static int run_cmd(void) { return 0; }\n"},
		"big/gen.c":       {Content: strings.Repeat("int x;\n", 200)},
		"blob/data.c":     {Content: "int a;\x00\n"},
		"README":          {Content: "run_cmd\n"},
		"tools/run.py":    {Content: "def run_cmd(c):\n    pass\nclass K:\n    def run(self):\n        pass\n"},
		"src-x/a.c":       {Content: "int run_cmd(void) { return 2; }\n#define MAX 3\n"},
		"src.h":           {Content: "struct s { int f; };\n"},
		"vendor/a/p.go":   {Content: gofile},
		"vendor/b/p.go":   {Content: gofile},
		"src/deep/x/y.go": {Content: gofile},
	}
}

// withSmallRuns makes the writer spill a sorted run every few pairs, so
// that the merge of many runs is what is tested.
func withSmallRuns(t *testing.T) {
	old := chunkPairs
	chunkPairs = 3
	t.Cleanup(func() { chunkPairs = old })
}

// sameAsBuilt checks every lookup of c against the in-memory index.
func sameAsBuilt(t *testing.T, ix *Index, c *Cache) {
	t.Helper()
	if c.Files() != len(ix.Files) || c.NumDefs() != len(ix.AllDefs()) {
		t.Errorf("cache has %d files and %d defs, the index %d and %d", c.Files(), c.NumDefs(), len(ix.Files), len(ix.AllDefs()))
	}
	for name, want := range ix.byName {
		got, err := c.Defs(name)
		if err != nil || !slices.Equal(got, want) {
			t.Fatalf("Defs(%q) = %v, %v\nwant %v", name, got, err, want)
		}
	}
	for _, name := range []string{"", "no_such_name", "\xff"} {
		if got, err := c.Defs(name); err != nil || len(got) != 0 {
			t.Errorf("Defs(%q) = %v, %v; want none", name, got, err)
		}
	}
	dirs := map[string]bool{"": true}
	for _, f := range ix.Files {
		got, ok, err := c.Outline(f.Path)
		if err != nil || !ok || !slices.Equal(got, f.Defs) {
			t.Fatalf("Outline(%q) = %v, %v, %v\nwant %v", f.Path, got, ok, err, f.Defs)
		}
		for d := f.Path; d != "."; d = filepath.Dir(d) {
			dirs[d] = true
		}
	}
	if got, ok, err := c.Outline("src"); ok || err != nil || got != nil {
		t.Errorf("Outline of a directory = %v, %v, %v", got, ok, err)
	}
	for d := range dirs {
		var want []Def
		for _, f := range ix.Files {
			if d == "" || f.Path == d || strings.HasPrefix(f.Path, d+"/") {
				want = append(want, f.Defs...)
			}
		}
		if got, err := c.Under(d); err != nil || !slices.Equal(got, want) {
			t.Fatalf("Under(%q) = %v, %v\nwant %v", d, got, err, want)
		}
	}
	var all []Def
	if err := c.Each("", func(d Def) error { all = append(all, d); return nil }); err != nil || !slices.Equal(all, ix.AllDefs()) {
		t.Errorf("Each = %d defs, %v; want %d", len(all), err, len(ix.AllDefs()))
	}
	if got, err := c.Skipped(); err != nil || !slices.Equal(got, ix.Skipped) {
		t.Errorf("Skipped = %v, %v; want %v", got, err, ix.Skipped)
	}
	sameNames(t, ix, c)
}

// sameNames checks Names against the index: every name once, in order,
// with its count, and its definition (less its scope) when it has one.
func sameNames(t *testing.T, ix *Index, c *Cache) {
	t.Helper()
	var got []Name
	if err := c.Names(func(n Name) error { got = append(got, n); return nil }); err != nil {
		t.Fatalf("Names: %v", err)
	}
	if len(got) != len(ix.byName) || len(got) != c.NumNames() {
		t.Errorf("Names gave %d names (NumNames %d), the index has %d", len(got), c.NumNames(), len(ix.byName))
	}
	for i, n := range got {
		want := ix.byName[n.Name]
		if i > 0 && got[i-1].Name >= n.Name || n.Count != len(want) || (n.One != nil) != (len(want) == 1) {
			t.Fatalf("name %d: %q count %d one %v; the index has %d definitions", i, n.Name, n.Count, n.One, len(want))
		}
		if n.One != nil {
			w := want[0]
			w.Scope = ""
			if *n.One != w {
				t.Errorf("Names' one definition of %q = %+v, want %+v", n.Name, *n.One, w)
			}
		}
	}
}

func TestCacheFileAnswersAsTheBuiltIndex(t *testing.T) {
	withSmallRuns(t)
	r, pin := pintest.Head(t, cacheRepo(t))
	opt := Options{Limits: Limits{MaxBytes: 1000}}
	ix, err := Build(context.Background(), r, pin.Tree, opt)
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	path := CachePath(dir, pin.Tree)
	st, err := BuildCache(context.Background(), r, pin.Tree, path, opt)
	if err != nil {
		t.Fatal(err)
	}
	if st.Files != len(ix.Files) || st.Defs != len(ix.AllDefs()) || !slices.Equal(st.Skipped, ix.Skipped) {
		t.Errorf("BuildCache stats %+v, the index has %d files, %d defs, skipped %v", st, len(ix.Files), len(ix.AllDefs()), ix.Skipped)
	}
	c, err := Open(path, pin.Tree)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	sameAsBuilt(t, ix, c)
	if err := c.Verify(context.Background(), r, pin.Tree, []string{"src/exec.c", "vendor/b/p.go"}); err != nil {
		t.Errorf("Verify on its own tree: %v", err)
	}
	if err := c.VerifyAll(context.Background(), r, pin.Tree); err != nil {
		t.Errorf("VerifyAll on its own tree: %v", err)
	}
	if err := c.Verify(context.Background(), r, pin.Tree, []string{"README"}); !errors.Is(err, ErrCacheInvalid) {
		t.Errorf("Verify of a file it does not hold: %v", err)
	}
	if got, _ := c.Defs("run_cmd"); len(got) != 4 || got[0].Path != "lib/other.c" || got[1].Path != "src-x/a.c" || got[3].Path != "tools/run.py" {
		t.Errorf("Defs(run_cmd) not in path order: %v", got)
	}
	// The spill files are gone; only the cache is left.
	if ents, _ := os.ReadDir(dir); len(ents) != 1 {
		t.Errorf("the cache directory holds %d entries, want only the cache: %v", len(ents), ents)
	}

	// Save of an index writes the same format, and Load reads it whole.
	path2 := filepath.Join(dir, "saved.sym")
	if err := Save(ix, pin.Tree, path2); err != nil {
		t.Fatal(err)
	}
	c2, err := Open(path2, pin.Tree)
	if err != nil {
		t.Fatal(err)
	}
	defer c2.Close()
	sameAsBuilt(t, ix, c2)
	if got, err := Load(path, pin.Tree); err != nil || !slices.Equal(got.AllDefs(), ix.AllDefs()) || !got.Cached() {
		t.Errorf("Load: %v", err)
	}

	// A changed file fails Verify and VerifyAll at the next commit.
	rt := cacheRepo(t)
	tree := cacheTree()
	tree["vendor/b/p.go"] = repotest.File{Content: "package p\n"}
	rt.Commit("edit", tree)
	r2, pin2 := pintest.Head(t, rt)
	if err := c.VerifyAll(context.Background(), r2, pin2.Tree); !errors.Is(err, ErrCacheInvalid) {
		t.Errorf("VerifyAll of a changed tree: %v", err)
	}
	if err := c.Verify(context.Background(), r2, pin2.Tree, []string{"vendor/b/p.go"}); !errors.Is(err, ErrCacheInvalid) {
		t.Errorf("Verify of a changed file: %v", err)
	}
	if err := c.Verify(context.Background(), r2, pin2.Tree, []string{"vendor/a/p.go"}); err != nil {
		t.Errorf("Verify of an unchanged file: %v", err)
	}
}

// TestCacheFileMatchesOnTmux holds the cache to the in-memory index on a
// real C project (the corpus bundle, when present).
func TestCacheFileMatchesOnTmux(t *testing.T) {
	ix, _ := corpusIndex(t, "tmux", nil)
	dir := t.TempDir()
	tree := repo.Hash{1, 2, 3}
	path := filepath.Join(dir, "tmux.sym")
	if err := Save(ix, tree, path); err != nil {
		t.Fatal(err)
	}
	c, err := Open(path, tree)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	ix.index()
	sameAsBuilt(t, ix, c)
	t.Logf("tmux: %d files, %d definitions, %d names", c.Files(), c.NumDefs(), c.count(secNames))
}

// damageCheck runs every lookup on the cache at path and reports whether
// one was refused with ErrCacheInvalid; any other error fails the test.
func damageCheck(t *testing.T, path string, tree repo.Hash, names []string) bool {
	t.Helper()
	c, err := Open(path, tree)
	if err != nil {
		if !errors.Is(err, ErrCacheInvalid) {
			t.Fatalf("Open: %v, not ErrCacheInvalid", err)
		}
		return true
	}
	defer c.Close()
	var errs []error
	add := func(err error) { errs = append(errs, err) }
	_, err = c.Under("")
	add(err)
	add(c.Each("", func(Def) error { return nil }))
	add(c.Names(func(Name) error { return nil }))
	_, err = c.Skipped()
	add(err)
	for _, n := range names {
		_, err = c.Defs(n)
		add(err)
	}
	for _, p := range []string{"src/exec.c", "tools/run.py", "vendor/a/p.go", "zzz"} {
		_, _, err = c.Outline(p)
		add(err)
	}
	refused := false
	for _, err := range errs {
		if err != nil && !errors.Is(err, ErrCacheInvalid) {
			t.Fatalf("a lookup failed with %v, not ErrCacheInvalid", err)
		}
		refused = refused || err != nil
	}
	return refused
}

func goodCache(t *testing.T) (path string, tree repo.Hash, data []byte, names []string) {
	r, pin := pintest.Head(t, cacheRepo(t))
	path = CachePath(t.TempDir(), pin.Tree)
	ix, err := Build(context.Background(), r, pin.Tree, Options{Limits: Limits{MaxBytes: 1000}})
	if err != nil {
		t.Fatal(err)
	}
	if err := Save(ix, pin.Tree, path); err != nil {
		t.Fatal(err)
	}
	data, err = os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	for n := range ix.byName {
		names = append(names, n)
	}
	return path, pin.Tree, data, append(names, "absent")
}

func TestCacheFileRefusesDamageAnywhere(t *testing.T) {
	path, tree, data, names := goodCache(t)
	h, err := decodeHeader(data, tree, uint64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	if damageCheck(t, path, tree, names) {
		t.Fatal("the good cache is refused")
	}
	dataStart := headerLen + int(h.nblocks())*sha256.Size
	places := map[string]int{"magic": 2, "tree": 12, "data length": headerFixed - 3, "a section": headerFixed + 20,
		"block sum": headerLen - 40, "header sum": headerLen - 1, "block table": headerLen + 5}
	for i, s := range h.sections {
		if s.len > 0 {
			places[fmt.Sprintf("section %d start", i)] = dataStart + int(s.off)
			places[fmt.Sprintf("section %d end", i)] = dataStart + int(s.off+s.len) - 1
		}
	}
	for what, at := range places {
		bad := slices.Clone(data)
		bad[at] ^= 0x41
		if err := os.WriteFile(path, bad, 0o600); err != nil {
			t.Fatal(err)
		}
		if !damageCheck(t, path, tree, names) {
			t.Errorf("a byte of %s flipped (offset %d): every lookup answered", what, at)
		}
	}
	for _, n := range []int{0, 7, headerLen - 1, headerLen, dataStart, len(data) - 1} {
		if err := os.WriteFile(path, data[:n], 0o600); err != nil {
			t.Fatal(err)
		}
		if !damageCheck(t, path, tree, names) {
			t.Errorf("cut to %d bytes: every lookup answered", n)
		}
		if err := Peek(path, tree); !errors.Is(err, ErrCacheInvalid) {
			t.Errorf("Peek of a cache cut to %d bytes: %v", n, err)
		}
	}
	if err := os.WriteFile(path, append(slices.Clone(data), 0), 0o600); err != nil {
		t.Fatal(err)
	}
	if !damageCheck(t, path, tree, names) {
		t.Error("a byte appended: every lookup answered")
	}
	// The previous format is another format: refused, so it is rebuilt.
	old := append([]byte("SLSYMIX1"), data[8:]...)
	if err := os.WriteFile(path, old, 0o600); err != nil {
		t.Fatal(err)
	}
	if err := Peek(path, tree); !errors.Is(err, ErrCacheInvalid) {
		t.Errorf("Peek of the old format: %v", err)
	}
}

// rehashed returns data with its block table and header checksums
// recomputed: a cache whose checksums hold but whose contents lie, as
// someone who can write the cache directory could make.
func rehashed(t *testing.T, data []byte, h *header) []byte {
	t.Helper()
	start := headerLen + int(h.nblocks())*sha256.Size
	body := data[start:]
	var table []byte
	for off := 0; off < len(body); off += cacheBlock {
		sum := sha256.Sum256(body[off:min(off+cacheBlock, len(body))])
		table = append(table, sum[:]...)
	}
	h.blockSum = sha256.Sum256(table)
	return append(append(h.encode(), table...), body...)
}

func TestCacheFileRefusesLiesWithGoodChecksums(t *testing.T) {
	path, tree, data, names := goodCache(t)
	h, err := decodeHeader(data, tree, uint64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	dataStart := headerLen + int(h.nblocks())*sha256.Size
	field := func(sec, rec, at int) int { return dataStart + int(h.sections[sec].off) + rec*int(recSize[sec]) + at }
	huge := []byte{0xf0, 0xff, 0xff, 0x7f}
	lies := map[string]struct {
		at  int
		val []byte
	}{
		"a def's name offset":     {field(secDefs, 0, 0), huge},
		"a def's name length":     {field(secDefs, 0, 4), huge},
		"a def's scope length":    {field(secDefs, 1, 12), huge},
		"a def's file":            {field(secDefs, 0, 16), huge},
		"a def's kind":            {field(secDefs, 0, 28), []byte{200}},
		"a file's path":           {field(secFiles, 0, 4), huge},
		"a file's first def":      {field(secFiles, 0, 36), huge},
		"a file's def count":      {field(secFiles, 0, 40), huge},
		"a path-order entry":      {field(secPathOrder, 0, 0), huge},
		"a name's string":         {field(secNames, 0, 0), huge},
		"a name's first posting":  {field(secNames, 0, 8), huge},
		"a name's posting count":  {field(secNames, 0, 12), huge},
		"a posting":               {field(secPostings, 0, 0), huge},
		"a skipped file's reason": {field(secSkipped, 0, 12), huge},
	}
	for what, lie := range lies {
		if lie.at+len(lie.val) > len(data) {
			t.Fatalf("%s: the test's cache has no such record", what)
		}
		bad := slices.Clone(data)
		copy(bad[lie.at:], lie.val)
		h2, _ := decodeHeader(data, tree, uint64(len(data)))
		if err := os.WriteFile(path, rehashed(t, bad, h2), 0o600); err != nil {
			t.Fatal(err)
		}
		if !damageCheck(t, path, tree, names) {
			t.Errorf("%s made to lie: every lookup answered", what)
		}
	}
	// Sections that claim more than the file holds are refused on open.
	for i := range h.sections {
		h2, _ := decodeHeader(data, tree, uint64(len(data)))
		h2.sections[i].len += 1 << 40
		bad := rehashed(t, data, h2)
		if err := os.WriteFile(path, bad, 0o600); err != nil {
			t.Fatal(err)
		}
		if _, err := Open(path, tree); !errors.Is(err, ErrCacheInvalid) {
			t.Errorf("section %d claiming 1 TiB: Open = %v", i, err)
		}
	}
}
