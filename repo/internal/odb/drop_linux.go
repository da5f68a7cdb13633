package odb

import "syscall"

// dropPages tells the kernel that this process no longer needs the pages
// of m it has read: they leave its resident set and stay in the page
// cache, so a later read faults them back in from memory. m is a
// read-only shared mapping of a file that does not change, so nothing
// is lost and concurrent readers are unaffected.
func dropPages(m mappedFile) {
	_ = syscall.Madvise(m, syscall.MADV_DONTNEED)
}
