package repo

import (
	"errors"
	"os"

	"github.com/go-git/go-billy/v5"
)

// errReadOnly is returned by every write attempt on the reviewed
// repository. go-git writes nothing on the read paths we use (measured in
// SECURITY-NOTES §5.3); this wrapper makes that a guarantee rather than an
// observation.
var errReadOnly = errors.New("sightline never writes to the repository under review")

// readOnlyFS wraps a billy filesystem and refuses every call that could
// create, change or remove a file.
type readOnlyFS struct{ billy.Filesystem }

func readOnly(fs billy.Filesystem) billy.Filesystem { return readOnlyFS{fs} }

func (readOnlyFS) Create(string) (billy.File, error) { return nil, errReadOnly }

func (f readOnlyFS) OpenFile(name string, flag int, perm os.FileMode) (billy.File, error) {
	if flag&(os.O_WRONLY|os.O_RDWR|os.O_CREATE|os.O_TRUNC|os.O_APPEND) != 0 {
		return nil, errReadOnly
	}
	return f.Filesystem.OpenFile(name, flag, perm)
}

func (readOnlyFS) Rename(string, string) error                 { return errReadOnly }
func (readOnlyFS) Remove(string) error                         { return errReadOnly }
func (readOnlyFS) TempFile(string, string) (billy.File, error) { return nil, errReadOnly }
func (readOnlyFS) MkdirAll(string, os.FileMode) error          { return errReadOnly }
func (readOnlyFS) Symlink(string, string) error                { return errReadOnly }

func (f readOnlyFS) Chroot(path string) (billy.Filesystem, error) {
	sub, err := f.Filesystem.Chroot(path)
	if err != nil {
		return nil, err
	}
	return readOnlyFS{sub}, nil
}
