package symbols

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"path"
	"path/filepath"
	"runtime"
	"sort"
	"strings"
	"sync"

	"sightline/repo"
)

// Skipped is a file the index left out, and why.
type Skipped struct {
	Path   string `json:"path"`
	Reason string `json:"reason"`
}

// Options say what Build tags and keeps.
type Options struct {
	Limits Limits
	// Under limits the build to one file or directory ("" is the tree).
	Under string
	// Only, when set, chooses the files tagged by path (those a search
	// for a name found, say).
	Only func(path string) bool
	// KeepOccs chooses the occurrences kept, by name; nil keeps none,
	// which is all "def" and "symbols" need.
	KeepOccs func(name string) bool
	// KeepName, when set, is the one name KeepOccs keeps (refs): Go's
	// token scan may then stop reading a file after the name's last
	// appearance, so the Index has every occurrence of the name and its
	// definitions, but may miss other names' definitions.
	KeepName string
	// KeepText keeps, in File.Lines, the text of each line holding a
	// kept occurrence, so that refs shows it without reading the file a
	// second time.
	KeepText bool
	// Walk, when set, lists the entries to consider instead of a walk
	// of the tree (the candidates a search index gave, say).
	Walk func(fn func(repo.Entry) error) error
	// DropBinary leaves binary files out silently rather than listing
	// them as skipped, as a search that skips binary files leaves them
	// out of its candidates.
	DropBinary bool
	// MustContain, when set, leaves out silently the files whose text
	// does not hold it: the candidates a trigram index admits are
	// narrowed to those a search for it finds, on the one read of each.
	MustContain string
	// NewStored, when set, gives each tagging goroutine a reader of
	// file contents that does not read the repository, when it has them
	// checked against the blob id (a search index's stored copies). What
	// the reader returns is valid until its next call, so that a build
	// reusing one buffer per goroutine allocates none per file; ok false
	// reads the repository.
	NewStored func() func(e repo.Entry) (data []byte, ok bool)
}

// Index is the symbols of a tree: the files tagged, in path order, and
// the files skipped.
type Index struct {
	Files   []File
	Skipped []Skipped
	byName  map[string][]Def
	cached  bool // loaded from a cache: results need Verify
}

// Cached says whether the index was loaded from a cache file (Load), so
// that its results must be checked with Verify before they are shown.
func (ix *Index) Cached() bool { return ix.cached }

// Build tags every file of the tree whose language a tagger reads, on
// every core, and holds the results in memory. Files that cannot be read
// or tagged are listed in Skipped; only a tree that cannot be walked (or
// ctx ending) is an error.
func Build(ctx context.Context, r *repo.Repo, tree repo.Hash, opt Options) (*Index, error) {
	todo, skippedAtWalk, err := walkTodo(ctx, r, tree, opt)
	if err != nil {
		return nil, err
	}
	ix := &Index{Skipped: skippedAtWalk}
	files := make([]File, len(todo))
	skipped := make([]string, len(todo))
	err = tagEach(ctx, r, todo, opt, func(i int, f File, why string) error {
		files[i], skipped[i] = f, why
		return nil
	})
	if err != nil {
		return nil, err
	}
	for i, f := range files {
		if skipped[i] == whyAbsent || skipped[i] == whyBinary && opt.DropBinary {
			continue
		}
		if skipped[i] != "" {
			ix.Skipped = append(ix.Skipped, Skipped{todo[i].Path, skipped[i]})
		} else {
			ix.Files = append(ix.Files, f)
		}
	}
	sort.Slice(ix.Skipped, func(i, j int) bool { return ix.Skipped[i].Path < ix.Skipped[j].Path })
	ix.index()
	return ix, nil
}

// BuildStats is what BuildCache wrote.
type BuildStats struct {
	Files, Defs int
	Skipped     []Skipped // in path order
}

// BuildCache tags the tree as Build does and writes its definitions to
// the cache file at path as they come, never holding them all: each
// file's definitions go to spill files beside path, the name table is
// sorted in bounded runs and merged, and the file is renamed into place
// once whole.
func BuildCache(ctx context.Context, r *repo.Repo, tree repo.Hash, path string, opt Options) (BuildStats, error) {
	todo, skipped, err := walkTodo(ctx, r, tree, opt)
	if err != nil {
		return BuildStats{}, err
	}
	w, err := newCacheWriter(filepath.Dir(path))
	if err != nil {
		return BuildStats{}, err
	}
	defer w.cleanup()
	w.skip = skipped
	emitted := 0
	err = tagEach(ctx, r, todo, opt, func(i int, f File, why string) error {
		// The build reads the pack once: its pages leave the resident
		// set as it goes (see repo.Repo.DropPackPages).
		if emitted++; emitted%dropPagesEvery == 0 {
			r.DropPackPages()
		}
		if why == whyAbsent || why == whyBinary && opt.DropBinary {
			return nil
		}
		if why != "" {
			w.skip = append(w.skip, Skipped{todo[i].Path, why})
			return nil
		}
		return w.addFile(f)
	})
	if err == nil {
		err = w.finish(ctx, tree, path)
	}
	if err != nil {
		return BuildStats{}, err
	}
	return BuildStats{Files: len(w.files), Defs: int(w.ndefs), Skipped: w.skip}, nil
}

// dropPagesEvery is how many files BuildCache tags between releases of
// the pack pages read.
const dropPagesEvery = 512

// walkTodo lists the files of the tree a tagger reads, and those the
// walk could not read.
func walkTodo(ctx context.Context, r *repo.Repo, tree repo.Hash, opt Options) ([]repo.Entry, []Skipped, error) {
	var todo []repo.Entry
	var skipped []Skipped
	walk := opt.Walk
	if walk == nil {
		walk = func(fn func(repo.Entry) error) error { return r.WalkFiles(ctx, tree, fn) }
	}
	err := walk(func(e repo.Entry) error {
		if opt.Under != "" && e.Path != opt.Under && !strings.HasPrefix(e.Path, opt.Under+"/") {
			return nil
		}
		if opt.Only != nil && !opt.Only(e.Path) {
			return nil
		}
		if (e.Kind == repo.KindFile || e.Kind == repo.KindExec) && Language(e.Path) != "" {
			todo = append(todo, e)
		} else if e.Kind == repo.KindError && Language(e.Path) != "" {
			skipped = append(skipped, Skipped{e.Path, errText(e.Err)})
		}
		return nil
	})
	return todo, skipped, err
}

type tagged struct {
	i   int
	f   File
	why string
}

// tagEach tags todo on every core and calls emit, from this goroutine,
// with each file's result (or why it was skipped) as it comes. Identical
// files (vendored copies, generated code) are tagged once and emitted
// for each path. An error from emit, or ctx ending, stops the work.
func tagEach(ctx context.Context, r *repo.Repo, todo []repo.Entry, opt Options, emit func(i int, f File, why string) error) error {
	if opt.Limits == (Limits{}) {
		opt.Limits = DefaultLimits
	}
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	first := make(map[repo.Hash]int, len(todo))
	dups := map[int][]int{}
	for i := range todo {
		if f, ok := first[todo[i].Hash]; ok {
			dups[f] = append(dups[f], i)
		} else {
			first[todo[i].Hash] = i
		}
	}
	next := make(chan int)
	results := make(chan tagged, 2*runtime.GOMAXPROCS(0))
	var wg sync.WaitGroup
	for w := 0; w < runtime.GOMAXPROCS(0); w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			var stored func(repo.Entry) ([]byte, bool)
			if opt.NewStored != nil {
				stored = opt.NewStored()
			}
			for i := range next {
				f, why, abandoned := tagEntry(ctx, r, todo[i], opt, stored)
				if abandoned && stored != nil {
					// A tagger past its time limit may still be reading
					// the reader's buffer: the next file gets another.
					stored = opt.NewStored()
				}
				results <- tagged{i, f, why}
			}
		}()
	}
	go func() {
		defer close(next)
		for i := range todo {
			if f, ok := first[todo[i].Hash]; ok && f != i {
				continue
			}
			select {
			case next <- i:
			case <-ctx.Done():
				return
			}
		}
	}()
	go func() {
		wg.Wait()
		close(results)
	}()
	var err error
	for t := range results {
		if err != nil || ctx.Err() != nil {
			continue // draining
		}
		err = emit(t.i, t.f, t.why)
		for _, j := range dups[t.i] {
			if err == nil {
				err = emit(j, t.f.at(todo[j].Path), t.why)
			}
		}
		if err != nil {
			cancel()
		}
	}
	if err != nil {
		return err
	}
	return ctx.Err()
}

func errText(err error) string {
	if err == nil {
		return "unreadable"
	}
	return err.Error()
}

// tagEntry reads and tags one file, reading from stored when it has the
// file; the second result says why it was skipped (whyAbsent: left out,
// not skipped), the third that its tagger was left running past its time
// limit, still holding the content.
func tagEntry(ctx context.Context, r *repo.Repo, e repo.Entry, opt Options, stored func(repo.Entry) ([]byte, bool)) (File, string, bool) {
	data, why := readEntry(ctx, r, e, opt, stored)
	if why != "" {
		return File{}, why, false
	}
	// Every name kept below is cloned, and data is left alone until the
	// tagger is done with it (an abandoned tagger's reader is replaced,
	// see tagEach): the tagger may read it in place.
	how := tagHow{keep: opt.KeepOccs, defsOnly: opt.KeepOccs == nil, borrow: true, lastKept: -1}
	if opt.KeepOccs != nil && opt.KeepName != "" {
		how.lastKept = lastAppearanceEnd(data, opt.KeepName)
	}
	f, err := tagWith(e.Path, data, opt.Limits, how)
	if err != nil {
		return File{}, err.Error(), errors.Is(err, errTimeout)
	}
	f.Path, f.Blob = e.Path, e.Hash
	// Names are cut from the file's text: cloned, so that the index keeps
	// the names and not every file's whole text; slices are copied to
	// their length for the same reason.
	defs := make([]Def, len(f.Defs))
	for i, d := range f.Defs {
		d.Path, d.Name, d.Scope = e.Path, strings.Clone(d.Name), strings.Clone(d.Scope)
		defs[i] = d
	}
	f.Defs = defs
	var kept []Occ
	for _, o := range f.Occs {
		if opt.KeepOccs != nil && opt.KeepOccs(o.Name) {
			o.Name, o.Func = strings.Clone(o.Name), strings.Clone(o.Func)
			kept = append(kept, o)
		}
	}
	f.Occs = kept
	if opt.KeepText {
		f.Lines = occLines(data, kept)
	}
	return f, "", false
}

// lastAppearanceEnd is the offset just past the last appearance of name
// in data, in any word or token; 0 when there is none.
func lastAppearanceEnd(data []byte, name string) int {
	if len(name) == 1 {
		return bytes.LastIndexByte(data, name[0]) + 1
	}
	// Forward, one appearance after another: bytes.Index is vectorized,
	// bytes.LastIndex a Rabin-Karp loop several times slower on files
	// that hold the name a few times, as most that hold it do.
	end, n := 0, []byte(name)
	for off := 0; ; {
		i := bytes.Index(data[off:], n)
		if i < 0 {
			return end
		}
		end, off = off+i+len(n), off+i+1
	}
}

// at is a copy of f for an identical file at path p.
func (f File) at(p string) File {
	f.Path = p
	f.Defs = append([]Def(nil), f.Defs...)
	for i := range f.Defs {
		f.Defs[i].Path = p
	}
	return f
}

func sizeText(n int64) string {
	if n >= 1<<20 {
		return fmt.Sprintf("%.1f MiB", float64(n)/(1<<20))
	}
	return fmt.Sprintf("%d bytes", n)
}

func (ix *Index) index() {
	ix.byName = map[string][]Def{}
	for _, f := range ix.Files {
		for _, d := range f.Defs {
			ix.byName[d.Name] = append(ix.byName[d.Name], d)
		}
	}
}

// Defs returns the definitions of name, in path order.
func (ix *Index) Defs(name string) []Def { return ix.byName[name] }

// AllDefs returns every definition, in path and line order.
func (ix *Index) AllDefs() []Def {
	var out []Def
	for _, f := range ix.Files {
		out = append(out, f.Defs...)
	}
	return out
}

// Rank orders candidate definitions for a use in file from: the same
// file, then the same directory, then the same language, then the rest;
// within a group, functions and types before variables and fields, then
// path and line.
func Rank(defs []Def, from string) []Def {
	out := append([]Def(nil), defs...)
	dir, lang := path.Dir(from), Language(from)
	group := func(d Def) int {
		switch {
		case d.Path == from:
			return 0
		case path.Dir(d.Path) == dir:
			return 1
		case langFamily(d.Lang) == langFamily(lang):
			return 2
		}
		return 3
	}
	sort.SliceStable(out, func(i, j int) bool {
		gi, gj := group(out[i]), group(out[j])
		if gi != gj {
			return gi < gj
		}
		ki, kj := kindRank(out[i].Kind), kindRank(out[j].Kind)
		if ki != kj {
			return ki < kj
		}
		if out[i].Path != out[j].Path {
			return out[i].Path < out[j].Path
		}
		return out[i].Line < out[j].Line
	})
	return out
}

// langFamily puts C and C++ together (headers are .h for both), and
// JavaScript with TypeScript.
func langFamily(l string) string {
	switch l {
	case "c++":
		return "c"
	case "typescript":
		return "javascript"
	}
	return l
}

func kindRank(k Kind) int {
	switch k {
	case Func, Method, Macro:
		return 0
	case Struct, Class, Union, Enum, Interface, Type, Namespace:
		return 1
	case Const:
		return 2
	case Var:
		return 3
	}
	return 4
}
