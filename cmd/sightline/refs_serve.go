package main

// "sightline refs --serve": gr's child for a whole workbench session.
// A child per gr paid, every time, the process start, opening the search
// index and the walk that checks it against the tree: on a small tree
// nearly all of a gr. This one pays them once and then only tags the
// files each name's search finds. It still runs apart from the
// workbench (a hostile file that hangs or crashes a tagger takes only
// it down), and it ends when its standard input does.

import (
	"encoding/json"
	"errors"
	"io"

	"sightline/repo/search"
	"sightline/repo/symbols"
)

// refsRequest is one line of a serving child's input.
type refsRequest struct {
	Name string `json:"name"`
}

// refsHead comes before each answer: either an error, or the refs
// document (as refs --json prints it) follows. Retire says the child
// ends after this answer: it left a tagger running past its time limit.
type refsHead struct {
	Error  string `json:"error,omitempty"`
	Retire bool   `json:"retire,omitempty"`
}

// abandonedTaggers is symbols.Abandoned; tests make taggers be left.
var abandonedTaggers = symbols.Abandoned

// serveRefs answers the names read from in until in ends.
func serveRefs(s *navSession, in io.Reader) error {
	sv := &refsServe{s: s}
	defer sv.close()
	dec := json.NewDecoder(in)
	for {
		var req refsRequest
		if err := dec.Decode(&req); errors.Is(err, io.EOF) {
			return nil
		} else if err != nil {
			return usagef("--serve: a request does not read: %v", err)
		}
		if req.Name == "" {
			if err := json.NewEncoder(s.stdout).Encode(refsHead{Error: "no name given"}); err != nil {
				return err
			}
			continue
		}
		left := abandonedTaggers()
		ix, err := sv.tag(req.Name)
		head := refsHead{Retire: abandonedTaggers() != left}
		if err != nil {
			head.Error = err.Error()
		}
		if err := json.NewEncoder(s.stdout).Encode(head); err != nil {
			return err
		}
		if ix != nil {
			refs := ix.Refs(req.Name)
			doc := refsDoc{req.Name, s.pin.Commit.String(), refsJSON(refs, ix.Defs(req.Name)), nonNil(ix.Skipped)}
			if err := writeRefsJSON(s.stdout, doc); err != nil {
				return err
			}
		}
		if head.Retire {
			return nil
		}
	}
}

// refsServe is a serving child's state: the search index, once it has
// checked out against the tree.
type refsServe struct {
	s   *navSession
	idx *search.Index
}

func (sv *refsServe) close() {
	if sv.idx != nil {
		sv.idx.Close()
	}
}

// tag tags the files that may hold name. Once the index has checked out
// (beside the first name's tagging, as refs does), its candidates are
// taken as they are: the tree is pinned and the index mapped, so neither
// changes under the child.
func (sv *refsServe) tag(name string) (*symbols.Index, error) {
	s, opt := sv.s, refsOptions(name)
	if !asciiIdent.MatchString(name) {
		return s.buildNamed(name, opt)
	}
	if sv.idx == nil {
		if idx := s.openSearchIndex(); idx != nil {
			ix, ok, checked, err := s.tagBesideCheck(idx, name, opt)
			if checked {
				sv.idx = idx
			} else {
				idx.Close()
			}
			if ok {
				return ix, err
			}
		}
		return s.buildNarrowed(name, opt)
	}
	if cands, ok := sv.idx.Unchecked(s.pin.Tree, nameSearch(name)); ok {
		fromCandidates(&opt, sv.idx, cands, name)
		return s.build(opt)
	}
	return s.buildNarrowed(name, opt)
}
