//go:build race

package main

// exportRaceBuild skips the encrypted-key path of the export test under
// the race detector, where each bcrypt-pbkdf run takes seconds; the plain
// run covers it.
const exportRaceBuild = true
