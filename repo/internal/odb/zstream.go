package odb

import (
	"bufio"
	"bytes"
	"errors"
	"io"
	"sync"

	"github.com/klauspost/compress/zlib"
)

// zstream is a pooled zlib reader over a pooled buffered reader. The
// inflater is fastest when its source is a *bufio.Reader (it then reads
// bytes without an interface call each).
type zstream struct {
	buf *bufio.Reader
	mem bytes.Reader // the source when the whole stream is in memory
	z   io.ReadCloser
}

var zstreams sync.Pool

const zbufSize = 64 << 10

// newZstream inflates from src, through a buffer.
func newZstream(src io.Reader) (*zstream, error) {
	s := getZstream()
	s.buf.Reset(src)
	return s, s.reset(s.buf)
}

// newZstreamBytes inflates from data, which holds the stream (and
// perhaps more after it).
func newZstreamBytes(data []byte) (*zstream, error) {
	s := getZstream()
	s.mem.Reset(data)
	return s, s.reset(&s.mem)
}

func getZstream() *zstream {
	if s, ok := zstreams.Get().(*zstream); ok {
		return s
	}
	return &zstream{buf: bufio.NewReaderSize(nil, zbufSize)}
}

// reset starts a new stream from src; on failure the zstream goes back
// to the pool.
func (s *zstream) reset(src io.Reader) error {
	var err error
	if s.z == nil {
		s.z, err = zlib.NewReader(src)
	} else {
		err = s.z.(zlib.Resetter).Reset(src, nil)
	}
	if err != nil {
		s.release()
	}
	return err
}

func (s *zstream) Read(b []byte) (int, error) { return s.z.Read(b) }

// expectEnd checks that the stream ends here, with a good checksum.
func (s *zstream) expectEnd() error {
	var one [1]byte
	n, err := io.ReadFull(s.z, one[:])
	switch {
	case n > 0:
		return ErrSizeMismatch
	case errors.Is(err, io.EOF):
		return nil
	default:
		return err
	}
}

// release returns the stream to the pool, dropping its source.
func (s *zstream) release() {
	s.buf.Reset(nil)
	s.mem.Reset(nil)
	zstreams.Put(s)
}
