package repo

import (
	"sync"

	"sightline/repo/internal/linediff"
)

// blameLinesBytes bounds what a Repo keeps between blames of the file
// versions they read: their line ids (lineIDBytes a line) and the text of
// the line table they are ids in.
var blameLinesBytes = 64 << 20 // a variable for tests

// lineIDBytes is the size of a linediff.LineID.
const lineIDBytes = 4

// blameLines keeps, between blames, the line table they intern into and
// each version's line ids by blob id, so that a blame reading a version
// an earlier one read takes its ids without reading, inflating, hashing
// and interning it again. A blob is immutable and was checked against
// its id when it was read. One blame at a time uses it; one started
// while another runs gets a table of its own. Past its budget it is
// dropped whole, and a blame stops adding to it.
type blameLines struct {
	mu    sync.Mutex
	off   bool // BlameOnce: nothing is kept
	busy  bool
	table *linediff.Table
	ids   map[Hash][]linediff.LineID
	bytes int // the ids kept
}

// blameLineState is a blame's share of blameLines.
type blameLineState struct {
	table  *linediff.Table
	known  map[Hash][]linediff.LineID
	room   int  // bytes of ids the blame may still add to known
	shared bool // known and table are the Repo's: give them back
}

func (bl *blameLines) take() blameLineState {
	bl.mu.Lock()
	defer bl.mu.Unlock()
	if bl.busy || bl.off {
		return blameLineState{table: linediff.NewTable(), known: map[Hash][]linediff.LineID{}}
	}
	bl.busy = true
	if bl.table == nil {
		bl.table, bl.ids, bl.bytes = linediff.NewTable(), map[Hash][]linediff.LineID{}, 0
	}
	return blameLineState{table: bl.table, known: bl.ids, room: blameLinesBytes - bl.bytes - bl.table.TextBytes(), shared: true}
}

// give returns a blame's share; added is the bytes of ids it kept.
func (bl *blameLines) give(s blameLineState, added int) {
	if !s.shared {
		return
	}
	bl.mu.Lock()
	defer bl.mu.Unlock()
	bl.busy = false
	bl.bytes += added
	if bl.bytes+bl.table.TextBytes() > blameLinesBytes {
		bl.table, bl.ids, bl.bytes = nil, nil, 0
	}
}

// BlameOnce says r will serve one blame (sightline blame on the command
// line): the versions it reads are not kept for a later one. Kept, they
// only held their memory to the end of the process, and the faults of
// that memory cost time: without them a command-line blame of fzf's
// src/terminal.go took 0.51 s and 62 MB instead of 0.63 s and 108 MB.
func (r *Repo) BlameOnce() {
	r.blameLines.mu.Lock()
	defer r.blameLines.mu.Unlock()
	r.blameLines.off = true
	r.blameLines.table, r.blameLines.ids, r.blameLines.bytes = nil, nil, 0
}
