package main

// Where def, refs and symbols get their symbols: the cached symbol index
// that "sightline index" (or the workbench's background child) wrote
// beside the search index, checked before it is trusted; otherwise the
// tree is tagged here, only in the files a search for the name finds.

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"regexp"
	"sort"
	"strings"

	"sightline/repo"
	"sightline/repo/search"
	"sightline/repo/symbols"
	"sightline/repo/textsafe"
)

// cachedDefs opens the symbol index of the pinned tree, or returns nil
// when there is none or it does not check out (said on standard error).
func (s *navSession) cachedDefs() *symbols.Cache {
	dir, err := search.IndexDir()
	if err != nil {
		return nil
	}
	c, err := symbols.Open(symbols.CachePath(dir, s.pin.Tree), s.pin.Tree)
	if err != nil {
		if !errors.Is(err, fs.ErrNotExist) {
			fmt.Fprintf(s.stderr, "sightline: note: %s; tagging the files here instead (run \"sightline index\" to rebuild it)\n", textsafe.Sanitize(err.Error()))
		}
		return nil
	}
	return c
}

// definitions returns the definitions chosen by keep from the cache when
// it holds them and they check out, else from tagging the tree (only the
// files holding name, when name is given). The cache answers from the
// records it reads; nothing else of it is loaded.
func (s *navSession) definitions(name, under string, keep func(*symbols.Cache) ([]symbols.Def, error)) ([]symbols.Def, []symbols.Skipped, error) {
	if c := s.cachedDefs(); c != nil {
		defer c.Close()
		defs, err := keep(c)
		if err == nil {
			err = c.Verify(context.Background(), s.r, s.pin.Tree, symbols.DefPaths(defs))
		}
		var skipped []symbols.Skipped
		if err == nil {
			skipped, err = c.Skipped()
		}
		if err == nil {
			return defs, underPaths(skipped, under), nil
		}
		fmt.Fprintf(s.stderr, "sightline: note: %s; tagging the files here instead\n", textsafe.Sanitize(err.Error()))
	}
	opt := symbols.Options{Under: under}
	if name != "" {
		ix, err := s.buildNamed(name, opt)
		if err != nil {
			return nil, nil, err
		}
		return ix.Defs(name), ix.Skipped, nil
	}
	ix, err := s.build(opt)
	if err != nil {
		return nil, nil, err
	}
	return defsUnder(ix, under), ix.Skipped, nil
}

func underPaths(sk []symbols.Skipped, under string) []symbols.Skipped {
	if under == "" {
		return sk
	}
	var out []symbols.Skipped
	for _, x := range sk {
		if x.Path == under || strings.HasPrefix(x.Path, under+"/") {
			out = append(out, x)
		}
	}
	return out
}

// defsUnder keeps the definitions in the file or directory under.
func defsUnder(ix *symbols.Index, under string) []symbols.Def {
	var out []symbols.Def
	for _, d := range ix.AllDefs() {
		if under == "" || d.Path == under || strings.HasPrefix(d.Path, under+"/") {
			out = append(out, d)
		}
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].Path < out[j].Path })
	return out
}

// asciiIdent is a name "\b" can bound in Go's regexp syntax.
var asciiIdent = regexp.MustCompile(`^[A-Za-z_][A-Za-z0-9_]*$`)

// narrow sets opt to tag only the files that may hold name: only they
// can define or mention it. With a search index that checks out, they
// are the index's candidates, each read once, from the copy the index
// keeps (checked against its blob id) when it keeps one, and left out
// unless it holds the name, as a search for it would. Without one they
// are the files a search finds (filesWith). Call done when the build is
// over.
func (s *navSession) narrow(name string, opt *symbols.Options) (done func(), err error) {
	done = func() {}
	if !asciiIdent.MatchString(name) {
		return done, nil // a name the search cannot bound keeps every file
	}
	// The plain name, not "\bname\b": Go's regexp finds a literal with a
	// byte search but runs its slow matcher for "\b", which was a quarter
	// of a refs on a large tree. A file holding the name only inside a
	// longer word is tagged for nothing; the tagger keeps exact names.
	re := nameSearch(name)
	if idx, cands, ok := s.indexCandidates(re); ok {
		fromCandidates(opt, idx, cands, name)
		return func() { idx.Close() }, nil
	}
	only, err := s.filesWith(re)
	opt.Only = only
	return done, err
}

// nameSearch is the search for name's files: the plain name, not
// "\bname\b". Go's regexp finds a literal with a byte search but runs
// its slow matcher for "\b", which was a quarter of a refs on a large
// tree. A file holding the name only inside a longer word is tagged for
// nothing; the tagger keeps exact names.
func nameSearch(name string) *regexp.Regexp {
	return regexp.MustCompile(regexp.QuoteMeta(name))
}

// fromCandidates sets opt to tag the candidates of a search index for
// name, each read once, from the copy the index keeps when it keeps one.
func fromCandidates(opt *symbols.Options, idx *search.Index, cands []search.Candidate, name string) {
	byPath := make(map[string]search.Candidate, len(cands))
	for _, c := range cands {
		byPath[c.Path] = c
	}
	opt.Walk = func(fn func(repo.Entry) error) error {
		for _, c := range cands {
			if err := fn(c.Entry); err != nil {
				return err
			}
		}
		return nil
	}
	opt.NewStored = func() func(repo.Entry) ([]byte, bool) {
		stored := idx.NewStoredReader()
		return func(e repo.Entry) ([]byte, bool) { return stored.Read(byPath[e.Path]) }
	}
	// What the search leaves out: files without the name, binary files.
	opt.MustContain, opt.DropBinary = name, true
}

// openSearchIndex opens the search index of the pin, or returns nil.
func (s *navSession) openSearchIndex() *search.Index {
	dir, err := search.IndexDir()
	if err != nil {
		return nil
	}
	idx, err := search.OpenIndex(search.IndexPath(dir, s.pin.Tree), s.pin.Tree)
	if err != nil {
		return nil
	}
	return idx
}

// indexCandidates opens the search index of the pin and returns it with
// the candidates for re, when there is one that checks out against the
// tree and can narrow re; otherwise ok is false (a bad index is rebuilt
// by "sightline index"; until then the files are searched one by one).
func (s *navSession) indexCandidates(re *regexp.Regexp) (*search.Index, []search.Candidate, bool) {
	idx := s.openSearchIndex()
	if idx == nil {
		return nil, nil, false
	}
	cands, all, err := idx.Candidates(context.Background(), s.r, s.pin.Tree, re)
	if err != nil || all {
		idx.Close()
		return nil, nil, false
	}
	return idx, cands, true
}

// filesWith finds, by reading every file, those that match re. Files the
// search could not read are kept, so that the build names them as
// skipped.
func (s *navSession) filesWith(re *regexp.Regexp) (func(string) bool, error) {
	files := map[string]bool{}
	err := search.Grep(context.Background(), s.r, s.pin.Tree, re, search.Options{SkipBinary: true}, func(m search.Match) error {
		files[m.Path] = true
		return nil
	})
	if err != nil {
		return nil, err
	}
	return func(p string) bool { return files[p] }, nil
}
