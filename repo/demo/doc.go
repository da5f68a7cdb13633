// Package demo builds the demo repository ("sightline demo"): otaupd, a
// small firmware update daemon whose history hides a back door and a
// Trojan Source line between two releases. Its files live in demodata,
// one directory per commit.
//
// It is the only product code that writes a repository, and it writes
// only one it creates itself, in a directory of its own; package repo,
// which reads the repositories under review, never writes.
package demo
