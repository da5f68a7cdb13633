package odb

import "io"

// trustedAlloc is the most ReadExactly allocates on the word of a
// header alone.
const trustedAlloc = 64 << 20

// ReadExactly reads size bytes from r (an error if it holds fewer). Up to
// trustedAlloc it allocates
// them at once; beyond, it grows with the data actually inflated, so a
// hostile header claiming far more than the stream holds (zlib allows
// about 1,000 to 1) costs memory only for the bytes that exist.
func ReadExactly(r io.Reader, size int64) ([]byte, error) {
	if size <= trustedAlloc {
		out := make([]byte, size)
		_, err := io.ReadFull(r, out)
		return out, err
	}
	out := make([]byte, 0, trustedAlloc)
	for int64(len(out)) < size {
		if len(out) == cap(out) {
			grown := make([]byte, len(out), min(size, int64(2*cap(out))))
			copy(grown, out)
			out = grown
		}
		n, err := io.ReadFull(r, out[len(out):min(int64(cap(out)), size)])
		out = out[:len(out)+n]
		if err != nil {
			return nil, err
		}
	}
	return out, nil
}
