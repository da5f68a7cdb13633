// Package odb reads git objects (packed and loose) straight from a
// repository's objects directory, read-only.
//
// It exists because go-git's object reader was measured at half git's
// speed on large repositories (issue 7, BENCHMARKS.md): it loads each pack
// index into maps on first use, hashes every object it caches, runs a CRC
// and a SHA-1 over everything it inflates, and is not safe for concurrent
// use, so parallel readers each paid for their own copy of the index.
// This reader keeps the pack index as the bytes on disk (binary search),
// inflates with klauspost/compress, resolves delta chains through a
// bounded, shared cache of delta bases (what git calls the delta base
// cache), and is safe for concurrent use.
//
// Everything it reads may have been written by an adversary: every
// offset, size and delta instruction is bounds-checked, claimed sizes are
// checked against what the pack can hold before anything is allocated,
// and delta chains are bounded. Damage is an error, never a panic.
// Errors do not name the object asked for (the caller does), except
// the one that matters most: every object whose content is handed out
// is checked against its id (SHA-1 of "TYPE SIZE\0" and the content,
// after delta resolution; a stream as it is read), and every delta base
// before it is cached or used, so a substituted object (SECURITY-NOTES
// HOST-28) is a *HashMismatchError naming the id asked for and the id
// the content hashes to, whoever reads it. git checks ids only on fsck;
// a reviewer's tool cannot leave that to a command nobody runs.
// Header reads (type and size) are not checked: they show no content.
package odb
