package artifact

import (
	"bufio"
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
)

// MaxXZDict is the largest LZMA2 dictionary an xz block may declare. The
// xz reader allocates the declared size before decoding a byte, so a
// hostile header could ask for 4 GiB; xz -9 uses 64 MiB.
const MaxXZDict = 256 << 20

// ErrXZDict is an xz block that declares a dictionary over MaxXZDict.
var ErrXZDict = errors.New("xz dictionary too large")

// checkXZDicts reads the header of every block of every stream of the xz
// file f (size bytes), found through each stream's index at its end, and
// refuses a dictionary over MaxXZDict before anything is decompressed.
// When the indexes cannot be read (a truncated file) only the first
// block, at the start, is checked: the rest is read as far as it goes.
func checkXZDicts(f io.ReaderAt, size int64) error {
	blocks, err := xzBlocks(f, size)
	if err != nil || len(blocks) == 0 {
		blocks = []int64{12}
	}
	for _, off := range blocks {
		dict, err := xzBlockDict(f, off)
		if err != nil {
			continue // malformed: the xz reader says so when it gets there
		}
		if dict > MaxXZDict {
			return fmt.Errorf("%w: the block at byte %d declares a %d MiB LZMA2 dictionary, more than the %d MiB sightline allocates (xz -9 uses 64 MiB); refusing before allocating it",
				ErrXZDict, off, dict>>20, MaxXZDict>>20)
		}
	}
	return nil
}

// xzCheckSize is the size of a block's check for a stream's check type.
func xzCheckSize(flags byte) int64 {
	t := flags & 0x0f
	if t == 0 {
		return 0
	}
	return 4 << ((t - 1) / 3)
}

// xzBlocks lists the offsets of every block, walking the streams from
// the end of the file: stream padding, footer, index, blocks.
func xzBlocks(f io.ReaderAt, end int64) ([]int64, error) {
	var out []int64
	for end > 0 {
		var foot [12]byte
		if end < 24 {
			return nil, errors.New("no stream footer")
		}
		if _, err := f.ReadAt(foot[:], end-12); err != nil {
			return nil, err
		}
		if binary.LittleEndian.Uint32(foot[8:]) == 0 {
			end -= 4 // stream padding
			continue
		}
		if foot[10] != 'Y' || foot[11] != 'Z' {
			return nil, errors.New("no stream footer magic")
		}
		back := (int64(binary.LittleEndian.Uint32(foot[4:8])) + 1) * 4
		index := end - 12 - back
		if index < 12 {
			return nil, errors.New("index before the stream")
		}
		sizes, err := xzIndex(io.NewSectionReader(f, index, back))
		if err != nil {
			return nil, err
		}
		check := xzCheckSize(foot[9])
		var total int64
		for _, u := range sizes {
			if u < check || u > end {
				return nil, errors.New("bad unpadded size")
			}
			total += (u + 3) &^ 3
		}
		start := index - total - 12
		if start < 0 {
			return nil, errors.New("blocks before the file")
		}
		off := start + 12
		for _, u := range sizes {
			out = append(out, off)
			off += (u + 3) &^ 3
		}
		end = start
	}
	return out, nil
}

// xzIndex reads an index's records and returns each block's unpadded
// size. Sizes are read one by one, never allocated by a count.
func xzIndex(r io.Reader) ([]int64, error) {
	br := bufio.NewReader(r)
	if b, err := br.ReadByte(); err != nil || b != 0 {
		return nil, errors.New("no index indicator")
	}
	n, err := binary.ReadUvarint(br)
	if err != nil {
		return nil, err
	}
	var sizes []int64
	for i := uint64(0); i < n; i++ {
		u, err := binary.ReadUvarint(br)
		if err != nil {
			return nil, err
		}
		if _, err := binary.ReadUvarint(br); err != nil {
			return nil, err
		}
		sizes = append(sizes, int64(u))
	}
	return sizes, nil
}

// xzBlockDict reads the block header at off and returns the dictionary
// size its LZMA2 filter declares (0 when it has none).
func xzBlockDict(f io.ReaderAt, off int64) (int64, error) {
	var first [1]byte
	if _, err := f.ReadAt(first[:], off); err != nil {
		return 0, err
	}
	if first[0] == 0 {
		return 0, errors.New("an index, not a block")
	}
	h := make([]byte, (int(first[0])+1)*4) // at most 1024 bytes
	if _, err := f.ReadAt(h, off); err != nil {
		return 0, err
	}
	r := bytes.NewReader(h[2 : len(h)-4])
	flags := h[1]
	for _, present := range []bool{flags&0x40 != 0, flags&0x80 != 0} {
		if present {
			if _, err := binary.ReadUvarint(r); err != nil {
				return 0, err
			}
		}
	}
	for i := 0; i <= int(flags&3); i++ {
		id, err := binary.ReadUvarint(r)
		if err != nil {
			return 0, err
		}
		n, err := binary.ReadUvarint(r)
		if err != nil || n > uint64(r.Len()) {
			return 0, errors.New("bad filter properties")
		}
		props := make([]byte, n)
		_, _ = io.ReadFull(r, props)
		if id == 0x21 && n == 1 {
			return lzma2Dict(props[0])
		}
	}
	return 0, nil
}

// lzma2Dict decodes LZMA2's dictionary size byte.
func lzma2Dict(b byte) (int64, error) {
	switch {
	case b > 40:
		return 0, errors.New("invalid LZMA2 dictionary size")
	case b == 40:
		return 0xffffffff, nil
	}
	return int64(2|b&1) << (b/2 + 11), nil
}
