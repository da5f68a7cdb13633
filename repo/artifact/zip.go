package artifact

import (
	"archive/zip"
	"context"
	"errors"
	"io"
	"io/fs"
	"os"
)

// maxLinkTarget bounds a zip symlink's target, which is stored as content.
const maxLinkTarget = 4096

// readZip reads every member of a zip file. Its central directory lists
// the members, so a member that cannot be read is a finding and the
// others are still read; only the size limit over all members stops it.
func readZip(ctx context.Context, f *os.File, size int64, c *collector) error {
	zr, err := zip.NewReader(f, size)
	// ErrInsecurePath still returns a usable reader: such names are findings.
	if err != nil && !errors.Is(err, zip.ErrInsecurePath) {
		return c.readError(err)
	}
	var total int64
	for _, zf := range zr.File {
		if err := ctx.Err(); err != nil {
			return err
		}
		c.current = zf.Name
		m, err := c.zipMember(zf, &total)
		var bomb *BombError
		switch {
		case errors.As(err, &bomb) && c.lim.checkSize(total) != "":
			return c.readError(err)
		case errors.As(err, &bomb):
			c.find(Finding{Kind: FindBomb, Member: zf.Name, Detail: bomb.Reason + "; the member was skipped"})
			continue
		case err != nil:
			c.find(Finding{Kind: FindUnreadable, Member: zf.Name, Detail: err.Error()})
			continue
		}
		if err := c.add(m); err != nil {
			return c.readError(err)
		}
	}
	return nil
}

// zipMember reads one zip entry; total counts decompressed bytes over
// the whole archive.
func (c *collector) zipMember(zf *zip.File, total *int64) (Member, error) {
	mode := zf.Mode()
	m := Member{Name: zf.Name, Mode: int64(mode.Perm())}
	switch {
	case mode.IsDir():
		m.Type = TypeDir
		return m, nil
	case mode&fs.ModeSymlink != 0:
		m.Type = TypeSymlink
	case mode&(fs.ModeDevice|fs.ModeCharDevice|fs.ModeNamedPipe|fs.ModeSocket) != 0:
		m.Type = TypeDevice
		return m, nil
	case mode&0o111 != 0:
		m.Type = TypeExec
	default:
		m.Type = TypeFile
	}
	rc, err := zf.Open()
	if err != nil {
		return m, err
	}
	defer rc.Close()
	mr := &zipMeter{r: rc, in: int64(zf.CompressedSize64), total: total, lim: c.lim, name: zf.Name}
	if m.Type == TypeSymlink {
		target, err := io.ReadAll(io.LimitReader(mr, maxLinkTarget+1))
		if err != nil {
			return m, err
		}
		if len(target) > maxLinkTarget {
			return m, errors.New("symlink target longer than 4096 bytes")
		}
		m.Link, m.Size, m.Blob = string(target), int64(len(target)), BlobID(target)
		return m, nil
	}
	// The declared size is only the hash header: zip's reader fails when
	// the content is not exactly that long, and hashBlob never allocates by it.
	m.Size = int64(zf.UncompressedSize64)
	m.Blob, m.Serial, err = hashBlob(c.keep.capture(zf.Name, mr, m.Size), m.Size, isM4(zf.Name))
	return m, err
}

// zipMeter applies Limits to one zip member and the archive's total.
type zipMeter struct {
	r     io.Reader
	in    int64
	out   int64
	total *int64
	lim   Limits
	name  string
}

func (z *zipMeter) Read(p []byte) (int, error) {
	n, err := z.r.Read(p)
	z.out += int64(n)
	*z.total += int64(n)
	if why := z.lim.checkSize(*z.total); why != "" {
		return n, &BombError{Member: z.name, Reason: why}
	}
	if why := z.lim.checkRatio(z.out, z.in); why != "" {
		return n, &BombError{Member: z.name, Reason: why}
	}
	return n, err
}
