package artifact

import (
	"context"
	"io/fs"
	"os"
	"path/filepath"
)

// readDir reads a plain directory as an archive: an unpacked release. It
// goes through os.Root, so that no symlink in it is followed outside it,
// reads symlinks as links, and never opens a device or FIFO (opening a
// FIFO would block).
func readDir(ctx context.Context, dir string, c *collector) error {
	root, err := os.OpenRoot(dir)
	if err != nil {
		return c.readError(err)
	}
	defer root.Close()
	return fs.WalkDir(root.FS(), ".", func(p string, d fs.DirEntry, err error) error {
		if ctxErr := ctx.Err(); ctxErr != nil {
			return ctxErr
		}
		if p == "." {
			return err
		}
		c.current = p
		if err != nil {
			c.find(Finding{Kind: FindUnreadable, Member: p, Detail: err.Error()})
			return nil
		}
		m, err := c.dirMember(root, p, d)
		if err != nil {
			c.find(Finding{Kind: FindUnreadable, Member: p, Detail: err.Error()})
			return nil
		}
		return c.add(m)
	})
}

func (c *collector) dirMember(root *os.Root, p string, d fs.DirEntry) (Member, error) {
	m := Member{Name: filepath.ToSlash(p)}
	info, err := d.Info()
	if err != nil {
		return m, err
	}
	m.Mode = int64(info.Mode().Perm())
	switch t := info.Mode().Type(); {
	case t == fs.ModeDir:
		m.Type = TypeDir
	case t == fs.ModeSymlink:
		target, err := root.Readlink(p)
		if err != nil {
			return m, err
		}
		m.Type, m.Link, m.Size, m.Blob = TypeSymlink, target, int64(len(target)), BlobID([]byte(target))
	case t.IsRegular():
		m.Type = TypeFile
		if m.Mode&0o111 != 0 {
			m.Type = TypeExec
		}
		f, err := root.Open(p)
		if err != nil {
			return m, err
		}
		defer f.Close()
		m.Size = info.Size()
		m.Blob, m.Serial, err = hashBlob(c.keep.capture(filepath.ToSlash(p), f, m.Size), m.Size, isM4(p))
		if err != nil {
			return m, err
		}
	default:
		m.Type = TypeDevice
	}
	return m, nil
}
