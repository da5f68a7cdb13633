package repo

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
)

// RefuseInside returns an error when path lies inside the repository:
// the work tree it was opened through, its git directory, or a linked
// worktree's own git directory. sightline never writes there, so this is
// the one check before it writes anything the reviewer placed (a review
// workspace, an export). Symlinks are resolved as far as the path exists,
// so neither a link into the repository nor a path not created yet under
// such a link gets past it.
func (r *Repo) RefuseInside(path string) error {
	p := realPath(path)
	for _, root := range []string{r.workDir, r.gitDir, r.headDir} {
		if root == "" {
			continue
		}
		if within(realPath(root), p) {
			return fmt.Errorf("%q lies inside the repository under review (%q), which sightline never writes to", path, root)
		}
	}
	return nil
}

// within reports whether p is root or lies under it (both cleaned,
// absolute).
func within(root, p string) bool {
	if root == "" || p == "" {
		return false
	}
	rel, err := filepath.Rel(root, p)
	return err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator))
}

// realPath is the absolute path with symlinks resolved, as far as the
// path exists (a directory to write may not exist yet); "" when there is
// no absolute path for it.
func realPath(p string) string {
	abs, err := filepath.Abs(p)
	if err != nil {
		return ""
	}
	rest := ""
	for cur := abs; ; cur = filepath.Dir(cur) {
		if r, err := filepath.EvalSymlinks(cur); err == nil {
			return filepath.Join(r, rest)
		} else if !errors.Is(err, os.ErrNotExist) || cur == filepath.Dir(cur) {
			return abs
		}
		rest = filepath.Join(filepath.Base(cur), rest)
	}
}
