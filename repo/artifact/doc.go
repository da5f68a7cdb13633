// Package artifact compares a release archive with the tree at the pin.
//
// A release tarball is what users build from, and it need not be what the
// repository holds: a maintainer can ship a modified build script, a
// generated file that never went through review, or a hostile archive
// that writes outside the directory it is unpacked in. Read opens an
// archive (tar, possibly gzip, bzip2, xz or zstd compressed, zip, or a
// plain directory), chosen by its magic bytes, never its name, and hashes
// every member as a git blob while streaming it, so that memory stays
// bounded whatever the archive's size. Nothing is extracted and nothing
// is executed. Hostile structure (names that escape the root, links that
// point outside it, device files, duplicate or colliding names, hostile
// characters in names, decompression bombs) is reported as findings.
//
// Compare classifies each member against the tree at a repo.Pin, and a
// Catalogue of trusted upstream files (a distribution's aclocal
// directory, say) splits the members the tree does not have into known
// upstream files, modified upstream files and unknown files.
package artifact
