package artifact

import (
	"archive/tar"
	"bufio"
	"bytes"
	"compress/bzip2"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/klauspost/compress/gzip"
	"github.com/klauspost/compress/zstd"
	"github.com/ulikunitz/xz"
)

// Format names an archive format, as detected from its magic bytes.
type Format string

// The formats Read understands.
const (
	FormatTar   Format = "tar"
	FormatTarGz Format = "tar.gz"
	FormatTarBz Format = "tar.bz2"
	FormatTarXz Format = "tar.xz"
	FormatTarZs Format = "tar.zst"
	FormatZip   Format = "zip"
	FormatDir   Format = "directory"
)

// ErrUnknownFormat is an input that is no archive Read understands.
var ErrUnknownFormat = errors.New("unknown archive format")

// Archive is what Read found. When Err is set, reading stopped there:
// Members and Findings hold what was read before it.
type Archive struct {
	Path     string
	Format   Format
	Prefix   string // the shared top-level directory removed from every Path ("name-1.2"), or ""
	Comment  string // a pax global header's comment: "git archive" stores the commit id there
	Members  []Member
	Findings []Finding
	Err      error
}

// Read reads the archive or directory at path without extracting or
// executing anything. The error is for an input that cannot be read at
// all (missing, not an archive); a failure part-way is Archive.Err.
func Read(ctx context.Context, path string, lim Limits) (*Archive, error) {
	return read(ctx, path, lim, nil, nil)
}

// ReadWithProgress is Read, telling progress the number of members read
// after each one (on the reading goroutine), for a progress line.
func ReadWithProgress(ctx context.Context, path string, lim Limits, progress func(members int)) (*Archive, error) {
	return read(ctx, path, lim, nil, progress)
}

func read(ctx context.Context, path string, lim Limits, k *keeper, progress func(int)) (*Archive, error) {
	st, err := os.Stat(path)
	if err != nil {
		return nil, err
	}
	if st.IsDir() {
		c := newCollector(path, FormatDir, lim)
		c.keep, c.progress = k, progress
		c.a.Err = readDir(ctx, path, c)
		return c.finish(), nil
	}
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	br := bufio.NewReaderSize(f, 64<<10)
	head, _ := br.Peek(512)
	format := detect(head)
	if format == "" {
		return nil, fmt.Errorf("%s: %w (first bytes %s): want tar, tar.gz, tar.bz2, tar.xz, tar.zst or zip", path, ErrUnknownFormat, hexHead(head))
	}
	c := newCollector(path, format, lim)
	c.keep, c.progress = k, progress
	if format == FormatZip {
		c.a.Err = readZip(ctx, f, st.Size(), c)
		return c.finish(), nil
	}
	if format == FormatTarXz {
		if err := checkXZDicts(f, st.Size()); err != nil {
			c.find(Finding{Kind: FindBomb, Member: "(xz block header)", Detail: err.Error()})
			c.a.Err = err
			return c.finish(), nil
		}
	}
	in := &countReader{r: br}
	dec, err := decompressor(format, in)
	if err != nil {
		return nil, fmt.Errorf("%s: %s stream: %w", path, format, err)
	}
	defer dec.Close()
	out := bufio.NewReaderSize(&meterReader{r: dec, in: in, c: c}, 64<<10)
	if format != FormatTar {
		inner, err := out.Peek(512)
		if !isTar(inner) {
			if err != nil && !errors.Is(err, io.EOF) {
				return nil, fmt.Errorf("%s: %s stream: %w", path, format, err)
			}
			return nil, fmt.Errorf("%s: %w: a %s stream that holds no tar archive", path, ErrUnknownFormat, strings.TrimPrefix(string(format), "tar."))
		}
	}
	c.a.Err = readTar(ctx, out, c)
	return c.finish(), nil
}

// detect names the format from the first bytes, or returns "".
func detect(b []byte) Format {
	switch {
	case bytes.HasPrefix(b, []byte{0x1f, 0x8b}):
		return FormatTarGz
	case bytes.HasPrefix(b, []byte("BZh")):
		return FormatTarBz
	case bytes.HasPrefix(b, []byte{0xfd, '7', 'z', 'X', 'Z', 0}):
		return FormatTarXz
	case bytes.HasPrefix(b, []byte{0x28, 0xb5, 0x2f, 0xfd}):
		return FormatTarZs
	case bytes.HasPrefix(b, []byte("PK\x03\x04")), bytes.HasPrefix(b, []byte("PK\x05\x06")):
		return FormatZip
	case isTar(b):
		return FormatTar
	}
	return ""
}

// isTar recognises a tar header: the ustar magic, or (for old v7
// archives, which have none) a valid header checksum.
func isTar(b []byte) bool {
	if len(b) < 512 {
		return false
	}
	if bytes.Equal(b[257:262], []byte("ustar")) {
		return true
	}
	var sum int64
	for i, c := range b[:512] {
		if i >= 148 && i < 156 {
			c = ' '
		}
		sum += int64(c)
	}
	field := strings.Trim(string(b[148:156]), " \x00")
	var stored int64
	if _, err := fmt.Sscanf(field, "%o", &stored); err != nil {
		return false
	}
	return stored == sum && b[0] != 0
}

func hexHead(b []byte) string {
	if len(b) > 8 {
		b = b[:8]
	}
	return fmt.Sprintf("% x", b)
}

// decompressor opens the compression layer of a tar format.
func decompressor(f Format, r io.Reader) (io.ReadCloser, error) {
	switch f {
	case FormatTar:
		return io.NopCloser(r), nil
	case FormatTarGz:
		z, err := gzip.NewReader(r)
		if err != nil {
			return nil, err
		}
		return z, nil
	case FormatTarBz:
		return io.NopCloser(bzip2.NewReader(r)), nil
	case FormatTarXz:
		z, err := xz.NewReader(r)
		if err != nil {
			return nil, err
		}
		return io.NopCloser(z), nil
	case FormatTarZs:
		// One goroutine and a bounded window keep memory bounded.
		z, err := zstd.NewReader(r, zstd.WithDecoderConcurrency(1), zstd.WithDecoderLowmem(true),
			zstd.WithDecoderMaxWindow(256<<20))
		if err != nil {
			return nil, err
		}
		return z.IOReadCloser(), nil
	}
	return nil, fmt.Errorf("%w: %s", ErrUnknownFormat, f)
}

// readTar reads every member of a tar stream.
func readTar(ctx context.Context, r io.Reader, c *collector) error {
	tr := tar.NewReader(r)
	for {
		if err := ctx.Err(); err != nil {
			return err
		}
		h, err := tr.Next()
		if errors.Is(err, io.EOF) {
			return nil
		}
		if err != nil {
			return c.readError(err)
		}
		if h.Typeflag == tar.TypeXGlobalHeader {
			if cm := h.PAXRecords["comment"]; cm != "" {
				c.a.Comment = cm
			}
			continue
		}
		if err := c.tarMember(h, tr); err != nil {
			return c.readError(err)
		}
	}
}

// tarMember records one tar header and hashes its content.
func (c *collector) tarMember(h *tar.Header, tr io.Reader) error {
	m := Member{Name: h.Name, Mode: h.Mode & 0o7777, Link: h.Linkname}
	c.current = h.Name
	switch h.Typeflag {
	case tar.TypeReg, tar.TypeRegA, tar.TypeGNUSparse, tar.TypeCont:
		m.Type = TypeFile
		if h.Mode&0o111 != 0 {
			m.Type = TypeExec
		}
		var err error
		m.Size = h.Size
		m.Blob, m.Serial, err = hashBlob(c.keep.capture(h.Name, tr, h.Size), h.Size, isM4(h.Name))
		if err != nil {
			return err
		}
	case tar.TypeSymlink:
		m.Type, m.Size, m.Blob = TypeSymlink, int64(len(h.Linkname)), BlobID([]byte(h.Linkname))
	case tar.TypeLink:
		m.Type = TypeHardLink
	case tar.TypeDir:
		m.Type = TypeDir
	case tar.TypeChar, tar.TypeBlock, tar.TypeFifo:
		m.Type = TypeDevice
	default:
		m.Type = TypeDevice
		c.find(Finding{Kind: FindUnsupported, Member: h.Name, Detail: fmt.Sprintf("tar entry type %q", h.Typeflag)})
	}
	return c.add(m)
}

func isM4(name string) bool { return strings.HasSuffix(name, ".m4") }

// countReader counts the compressed bytes read.
type countReader struct {
	r io.Reader
	n int64
}

func (c *countReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.n += int64(n)
	return n, err
}

// meterReader counts the decompressed bytes and stops a decompression
// bomb before it is read to the end.
type meterReader struct {
	r   io.Reader
	in  *countReader
	out int64
	c   *collector
}

func (m *meterReader) Read(p []byte) (int, error) {
	n, err := m.r.Read(p)
	m.out += int64(n)
	if bomb := m.c.lim.check(m.out, m.in.n); bomb != "" {
		return n, &BombError{Member: m.c.current, Reason: bomb}
	}
	return n, err
}
