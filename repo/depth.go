package repo

import "fmt"

// ErrTooDeep is the error of a KindError entry that is a directory at the
// depth where sightline stops expanding (1024 levels): the tree is
// crafted, not damaged, and every caller skips past it and says so.
var ErrTooDeep = fmt.Errorf("tree deeper than %d levels: not expanded", maxTreeDepth)
