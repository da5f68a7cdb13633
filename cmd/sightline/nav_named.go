package main

import (
	"context"

	"sightline/repo/search"
	"sightline/repo/symbols"
)

// buildNamed tags the files that may hold name and returns what they
// give (see narrow). With a search index that can narrow the name, the
// tagging starts at once on the candidates the index lists while a walk
// checks the index against the tree beside it: one after the other, the
// walk was a fifth of a refs on a large tree. What was tagged is used
// only once the check has passed; a failed check falls back to narrow.
func (s *navSession) buildNamed(name string, opt symbols.Options) (*symbols.Index, error) {
	if asciiIdent.MatchString(name) {
		if idx := s.openSearchIndex(); idx != nil {
			ix, ok, _, err := s.tagBesideCheck(idx, name, opt)
			idx.Close()
			if ok {
				return ix, err
			}
		}
	}
	return s.buildNarrowed(name, opt)
}

// buildNarrowed is buildNamed without the index's unchecked candidates.
func (s *navSession) buildNarrowed(name string, opt symbols.Options) (*symbols.Index, error) {
	done, err := s.narrow(name, &opt)
	defer done()
	if err != nil {
		return nil, err
	}
	return s.build(opt)
}

// tagBesideCheck is buildNamed's first way, with idx open: ok is false
// when it could not answer (an index that cannot narrow the name, or one
// that does not check out), and checked says whether idx checked out
// against the tree.
func (s *navSession) tagBesideCheck(idx *search.Index, name string, opt symbols.Options) (ix *symbols.Index, ok, checked bool, err error) {
	cands, ok := idx.Unchecked(s.pin.Tree, nameSearch(name))
	if !ok {
		return nil, false, false, nil
	}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	checks := make(chan error, 1)
	go func() {
		err := idx.Check(ctx, s.r, s.pin.Tree)
		if err != nil {
			cancel() // what is being tagged will not be used
		}
		checks <- err
	}()
	fromCandidates(&opt, idx, cands, name)
	ix, err = symbols.Build(ctx, s.r, s.pin.Tree, opt)
	if <-checks != nil {
		return nil, false, false, nil
	}
	if err != nil {
		return nil, true, true, err
	}
	s.reportSkipped(ix)
	return ix, true, true, nil
}
