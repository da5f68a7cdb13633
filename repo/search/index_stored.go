package search

import (
	"sync"

	"sightline/repo"
)

// StoredReader reads the copies of files the index keeps, for one
// goroutine: its buffers are reused from file to file, so a build that
// reads every file does not allocate (and fault in) a buffer for each.
type StoredReader struct {
	c *contentReader
}

// NewStoredReader returns a reader of the index's stored copies for one
// goroutine.
func (x *Index) NewStoredReader() *StoredReader {
	return &StoredReader{c: newContentReader(x)}
}

// Read returns the content the index keeps of c, once it hashes to c's
// blob id, in a buffer the next Read reuses; ok is false when the index
// keeps none or it does not check out (read the repository then).
func (s *StoredReader) Read(c Candidate) (data []byte, ok bool) {
	x := s.c.x
	if int(c.file) >= len(x.files) || x.files[c.file].path != c.Path || x.files[c.file].hash != c.Hash {
		return nil, false
	}
	data, ok, err := s.c.read(c.file, c.Hash)
	return data, ok && err == nil
}

// CandidateOf returns e as a candidate of the index: the index's file at
// e's path, when it is e's blob. Any index may be asked, even one of
// another tree: what Read then returns is still checked against e's
// blob id. Safe to call from several goroutines.
func (x *Index) CandidateOf(e repo.Entry) (Candidate, bool) {
	x.byPathOnce.Do(func() {
		x.byPath = make(map[string]uint32, len(x.files))
		for i, f := range x.files {
			if !f.tooDeep {
				x.byPath[f.path] = uint32(i)
			}
		}
	})
	i, ok := x.byPath[e.Path]
	if !ok || x.files[i].hash != e.Hash {
		return Candidate{}, false
	}
	return Candidate{e, i}, true
}

// NewEntryReader is a StoredReader for one goroutine that takes tree
// entries: the stored copy of e when the index keeps one of e's blob (see
// CandidateOf and Read), valid until the next call.
func (x *Index) NewEntryReader() func(e repo.Entry) ([]byte, bool) {
	stored := x.NewStoredReader()
	return func(e repo.Entry) ([]byte, bool) {
		c, ok := x.CandidateOf(e)
		if !ok {
			return nil, false
		}
		return stored.Read(c)
	}
}

// byPathIndex is what CandidateOf builds on first use.
type byPathIndex struct {
	byPathOnce sync.Once
	byPath     map[string]uint32
}
