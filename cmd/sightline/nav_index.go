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
		only, err := s.filesWith(name)
		if err != nil {
			return nil, nil, err
		}
		opt.Only = only
	}
	ix, err := s.build(opt)
	if err != nil {
		return nil, nil, err
	}
	if name != "" {
		return ix.Defs(name), ix.Skipped, nil
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

// filesWith finds, with the search index when there is one, the files
// that hold name: only they can define or mention it, so only
// they are tagged. Files the search could not read are kept, so that the
// build names them as skipped. A name the search cannot bound (non-ASCII,
// "$") keeps every file.
func (s *navSession) filesWith(name string) (func(string) bool, error) {
	if !asciiIdent.MatchString(name) {
		return nil, nil
	}
	// The plain name, not "\bname\b": Go's regexp finds a literal with a
	// byte search but runs its slow matcher for "\b", which was a quarter
	// of a refs on a large tree. A file holding the name only inside a
	// longer word is tagged for nothing; the tagger keeps exact names.
	re := regexp.MustCompile(regexp.QuoteMeta(name))
	files := map[string]bool{}
	err := search.New(s.r, "").Grep(context.Background(), s.pin.Tree, re, search.Options{SkipBinary: true}, func(m search.Match) error {
		files[m.Path] = true
		return nil
	})
	if err != nil {
		return nil, err
	}
	return func(p string) bool { return files[p] }, nil
}
