package search

import (
	"crypto/sha1"
	"fmt"
	"hash"
	"slices"
	"strconv"

	"github.com/klauspost/compress/s2"

	"sightline/repo"
)

// maxEncoded bounds a stored content's compressed length (what an
// index read from the cache directory may make a search allocate).
var maxEncoded = s2.MaxEncodedLen(maxStored)

// contentReader decodes the contents an index stores, for one search
// worker: its buffers are reused from file to file.
type contentReader struct {
	x    *Index
	raw  []byte
	dec  []byte
	sha  hash.Hash
	head []byte
	sum  []byte
}

func newContentReader(x *Index) *contentReader {
	return &contentReader{x: x, sha: sha1.New()}
}

// read returns file i's stored content, valid until the next call; ok is
// false when the index does not store it. The index sits in the user's
// cache directory, where anything may have replaced it, so the content
// is trusted only if it hashes to want, the blob id the tree gives the
// file (git's id: SHA-1 over "blob <size>\x00" and the content);
// anything else is ErrIndexInvalid.
func (c *contentReader) read(i uint32, want repo.Hash) (data []byte, ok bool, err error) {
	f := c.x.files[i]
	if f.stored == 0 {
		return nil, false, nil
	}
	c.raw = slices.Grow(c.raw[:0], int(f.stored))[:f.stored]
	if _, err := c.x.f.ReadAt(c.raw, c.x.content+f.off); err != nil {
		return nil, false, fmt.Errorf("%w (content of %q: %v)", ErrIndexInvalid, f.path, err)
	}
	// The decoded length comes from the file too: bound it before
	// anything is allocated.
	if n, err := s2.DecodedLen(c.raw); err != nil || n > maxStored {
		return nil, false, fmt.Errorf("%w (content of %q is damaged)", ErrIndexInvalid, f.path)
	}
	data, err = s2.Decode(c.dec[:cap(c.dec)], c.raw)
	if err != nil {
		return nil, false, fmt.Errorf("%w (content of %q: %v)", ErrIndexInvalid, f.path, err)
	}
	if cap(data) > cap(c.dec) {
		c.dec = data
	}
	c.sha.Reset()
	c.head = append(strconv.AppendInt(append(c.head[:0], "blob "...), int64(len(data)), 10), 0)
	c.sha.Write(c.head)
	c.sha.Write(data)
	c.sum = c.sha.Sum(c.sum[:0])
	if repo.Hash(c.sum) != want {
		return nil, false, fmt.Errorf("%w (the stored content of %q is not blob %s)", ErrIndexInvalid, f.path, want.Short())
	}
	return data, true, nil
}
