package main

import (
	"context"

	"sightline/repo/symbols"
)

// buildNamed tags the files that may hold name and returns what they
// give (see narrow). With a search index that can narrow the name, the
// tagging starts at once on the candidates the index lists while a walk
// checks the index against the tree beside it: one after the other, the
// walk was a fifth of a refs on a large tree. What was tagged is used
// only once the check has passed; a failed check falls back to narrow.
func (s *navSession) buildNamed(name string, opt symbols.Options) (*symbols.Index, error) {
	if ix, ok, err := s.buildWhileChecking(name, opt); ok {
		return ix, err
	}
	done, err := s.narrow(name, &opt)
	defer done()
	if err != nil {
		return nil, err
	}
	return s.build(opt)
}

// buildWhileChecking is buildNamed's first way; ok is false when it could
// not answer (no index, one that cannot narrow the name, or one that
// does not check out).
func (s *navSession) buildWhileChecking(name string, opt symbols.Options) (ix *symbols.Index, ok bool, err error) {
	if !asciiIdent.MatchString(name) {
		return nil, false, nil
	}
	idx := s.openSearchIndex()
	if idx == nil {
		return nil, false, nil
	}
	defer idx.Close()
	cands, ok := idx.Unchecked(s.pin.Tree, nameSearch(name))
	if !ok {
		return nil, false, nil
	}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	checked := make(chan error, 1)
	go func() {
		err := idx.Check(ctx, s.r, s.pin.Tree)
		if err != nil {
			cancel() // what is being tagged will not be used
		}
		checked <- err
	}()
	fromCandidates(&opt, idx, cands, name)
	ix, err = symbols.Build(ctx, s.r, s.pin.Tree, opt)
	if <-checked != nil {
		return nil, false, nil
	}
	if err != nil {
		return nil, true, err
	}
	s.reportSkipped(ix)
	return ix, true, nil
}
