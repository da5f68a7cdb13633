package commitgraph

import (
	"bytes"
	"errors"
	"io"
	"os"
)

// HasChunk reports whether the commit-graph file at path lists chunk id
// in its table of contents. Only the header and the table are read (at
// most a few KB), never the file whole nor its checksum: it answers "is
// this file of an older layout", and OpenFile checks the file when it is
// used.
func HasChunk(path, id string) (bool, error) {
	f, err := os.Open(path)
	if err != nil {
		return false, err
	}
	defer f.Close()
	head := make([]byte, headerLen)
	if _, err := io.ReadFull(f, head); err != nil {
		return false, err
	}
	if !bytes.Equal(head[:4], magic) {
		return false, errors.New("not a commit-graph file")
	}
	toc := make([]byte, int(head[6])*chunkEntry) // head[6] is a byte: at most 255 entries
	if _, err := io.ReadFull(f, toc); err != nil {
		return false, err
	}
	for e := toc; len(e) >= chunkEntry; e = e[chunkEntry:] {
		if string(e[:4]) == id {
			return true, nil
		}
	}
	return false, nil
}
