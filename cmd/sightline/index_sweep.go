package main

import (
	"os"
	"path/filepath"
	"strings"
	"time"
)

// staleTemporaryAge is how long a build's temporary goes unwritten before
// "sightline index" takes it for the leftover of a killed build. A build
// running now (another workbench's, on the same cache directory) writes
// its temporaries as it goes, and builds take minutes, not hours.
const staleTemporaryAge = time.Hour

// buildTemporaries are the names the index builds give their temporary
// files (os.CreateTemp: the pattern's * is a random decimal number):
// search's index (repo/search index_write.go) and its sorted segments
// (index_build.go, unlinked at once but for a moment), the symbol index
// and its spill files (repo/symbols cachewrite.go), and the history index
// (repo/histindex.go). Each is removed by its build when the build ends,
// but not when the process is killed.
var buildTemporaries = []struct{ prefix, suffix string }{
	{".tri-", ""},
	{".seg-", ""},
	{".sym-", ""},
	{".symspill-", ""},
	{".history-", ".tmp"},
}

// isBuildTemporary reports whether name is one of buildTemporaries.
func isBuildTemporary(name string) bool {
	for _, t := range buildTemporaries {
		rest, ok := strings.CutPrefix(name, t.prefix)
		if !ok {
			continue
		}
		if rest, ok = strings.CutSuffix(rest, t.suffix); ok && rest != "" && strings.Trim(rest, "0123456789") == "" {
			return true
		}
	}
	return false
}

// sweepStaleTemporaries removes from dir the builds' temporaries that
// have not been written for age: regular files only, never the finished
// indexes, never anything else. It is best effort: what it cannot remove
// it leaves.
func sweepStaleTemporaries(dir string, age time.Duration, now time.Time) {
	ents, err := os.ReadDir(dir)
	if err != nil {
		return
	}
	for _, e := range ents {
		if !e.Type().IsRegular() || !isBuildTemporary(e.Name()) {
			continue
		}
		info, err := e.Info()
		if err != nil || now.Sub(info.ModTime()) < age {
			continue
		}
		_ = os.Remove(filepath.Join(dir, e.Name()))
	}
}
