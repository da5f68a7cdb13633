//go:build !race

package main

// exportRaceBuild is false in a plain build: the export test encrypts its key.
const exportRaceBuild = false
