package oplog

import (
	"bufio"
	"bytes"
	"compress/zlib"
	"crypto/sha1"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"

	"github.com/go-git/go-git/v5/plumbing"
)

// maxEntry bounds an entry's claimed size before memory is set aside
// for it: a store on a stick may be hostile.
const maxEntry = 1 << 30

// readLoose reads a loose blob in one allocation of its exact size.
// go-git's reader grows a buffer while it inflates and the caller then
// copies it: for a pull of 100 entries of a megabyte each, that copying
// was a tenth of the pull's CPU. The bytes are checked against the
// object's id, which go-git's loose reader does not do.
func (s *Store) readLoose(h plumbing.Hash) ([]byte, error) {
	hex := h.String()
	f, err := os.Open(filepath.Join(s.dir, "objects", hex[:2], hex[2:]))
	if err != nil {
		return nil, err
	}
	defer f.Close()
	z, err := zlib.NewReader(bufio.NewReaderSize(f, 64<<10))
	if err != nil {
		return nil, fmt.Errorf("loose object: %w", err)
	}
	defer z.Close()
	br := bufio.NewReaderSize(z, 64)
	header, err := br.ReadBytes(0)
	if err != nil {
		return nil, fmt.Errorf("loose object header: %w", err)
	}
	kind, size, ok := bytes.Cut(header[:len(header)-1], []byte(" "))
	n, err := strconv.Atoi(string(size))
	if !ok || string(kind) != "blob" || err != nil || n < 0 || n > maxEntry {
		return nil, fmt.Errorf("loose object header %.40q: not an entry blob", header)
	}
	data := make([]byte, n)
	if _, err := io.ReadFull(br, data); err != nil {
		return nil, fmt.Errorf("loose object: %w", err)
	}
	if _, err := br.ReadByte(); !errors.Is(err, io.EOF) {
		return nil, errors.New("loose object: longer than its header says")
	}
	d := sha1.New()
	d.Write(header)
	d.Write(data)
	if !bytes.Equal(d.Sum(nil), h[:]) {
		return nil, fmt.Errorf("loose object: its bytes do not hash to %s", hex)
	}
	return data, nil
}
