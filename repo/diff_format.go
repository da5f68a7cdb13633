package repo

import (
	"fmt"
	"strconv"
)

// NumstatLine is the change as one line of "git diff --numstat -M"
// prints it (without the LF): counts, or "-" twice for binary, then the
// path, quoted as git quotes it, or for a rename "dir/{old => new}".
func (c FileChange) NumstatLine() string {
	counts := "-\t-"
	if !c.Binary {
		counts = strconv.Itoa(c.Added) + "\t" + strconv.Itoa(c.Removed)
	}
	return counts + "\t" + c.DisplayName()
}

// DisplayName is the path as git's --numstat and --stat show it: the
// quoted path, or for a rename the compact "dir/{old => new}" form.
func (c FileChange) DisplayName() string {
	if c.Status == 'R' {
		return renameDisplay(c.OldPath, c.NewPath)
	}
	return QuotePath(c.Path())
}

// NameStatusLine is the change as one line of "git diff --name-status -M"
// prints it (without the LF), e.g. "M\tpath" or "R087\told\tnew".
func (c FileChange) NameStatusLine() string {
	if c.Status == 'R' {
		return fmt.Sprintf("R%03d\t%s\t%s", c.Similarity, QuotePath(c.OldPath), QuotePath(c.NewPath))
	}
	return string(c.Status) + "\t" + QuotePath(c.Path())
}
