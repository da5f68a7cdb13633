package symbols

import (
	"fmt"
	"slices"
	"time"
)

// Limits bound the work spent on one file.
type Limits struct {
	MaxBytes int64         // a larger file is skipped
	Timeout  time.Duration // a file that takes longer is skipped
}

// DefaultLimits are generous for hand-written source and stop generated
// or hostile files: sqlite's single 9 MB amalgamation file is skipped.
// The time is wall-clock time, so it is set well above what the largest
// hand-written file takes (tmux's 190 kB window-copy.c: 0.4 s on one
// core) to keep a loaded machine from skipping honest files.
var DefaultLimits = Limits{MaxBytes: 4 << 20, Timeout: 10 * time.Second}

// Tag finds the definitions and identifier occurrences of one file,
// whose language Language(path) names. It never panics: a tagger's panic,
// a file over lim.MaxBytes and one that takes longer than lim.Timeout
// are errors that say so. A tagger that does not stop at its deadline
// (one chroma regular expression running away) is abandoned: its
// goroutine ends at the next token.
func Tag(path string, src []byte, lim Limits) (File, error) {
	return tagKept(path, src, lim, nil)
}

// tagDefs is Tag for definitions only, what the symbol cache keeps: no
// occurrence is made (gathering and copying every identifier's was a
// fifth of the cache build's time, all of it then thrown away).
func tagDefs(path string, src []byte, lim Limits) (File, error) {
	return tagWith(path, src, lim, nil, true)
}

// tagKept is Tag listing only the occurrences keep chooses (nil: all),
// where a tagger can leave the others out as it goes (Go's): what Build
// does not keep need not be made.
func tagKept(path string, src []byte, lim Limits, keep func(string) bool) (File, error) {
	return tagWith(path, src, lim, keep, false)
}

func tagWith(path string, src []byte, lim Limits, keep func(string) bool, defsOnly bool) (File, error) {
	lang := Language(path)
	if lang == "" {
		return File{}, fmt.Errorf("no tagger for %s", path)
	}
	if lim.MaxBytes > 0 && int64(len(src)) > lim.MaxBytes {
		return File{}, fmt.Errorf("%d bytes, over the %d-byte limit", len(src), lim.MaxBytes)
	}
	dl := &deadline{}
	if lim.Timeout > 0 {
		dl.at = time.Now().Add(lim.Timeout)
	}
	type result struct {
		f   File
		err error
	}
	done := make(chan result, 1)
	go func() {
		defer func() {
			if p := recover(); p != nil {
				done <- result{err: fmt.Errorf("the %s tagger failed: %v", lang, p)}
			}
		}()
		f, err := tagLang(lang, path, src, dl, keep, defsOnly)
		done <- result{f, err}
	}()
	if lim.Timeout <= 0 {
		r := <-done
		return r.f, r.err
	}
	timer := time.NewTimer(lim.Timeout + lim.Timeout/2)
	defer timer.Stop()
	select {
	case r := <-done:
		if r.err == errTimeout {
			r.err = fmt.Errorf("%w (%v)", errTimeout, lim.Timeout)
		}
		return r.f, r.err
	case <-timer.C:
		return File{}, fmt.Errorf("%w (%v)", errTimeout, lim.Timeout)
	}
}

func tagLang(lang, path string, src []byte, dl *deadline, keep func(string) bool, defsOnly bool) (File, error) {
	if lang == "go" && defsOnly {
		return tagGoDefs(path, src, dl)
	}
	if lang == "go" {
		return tagGo(path, src, dl, keep)
	}
	buf := getScratch()
	defer putScratch(buf)
	buf.noOccs = defsOnly
	lx, ok, err := fastLexInto(lang, string(src), dl, buf)
	if !ok {
		lx, err = lexWith(lang, string(src), dl)
		if defsOnly {
			lx.occs = nil
		}
	}
	if err != nil {
		return File{}, err
	}
	var f File
	switch lang {
	case "python":
		f, err = tagPython(path, lx, buf.defs[:0], dl)
	case "bash":
		f, err = tagShell(path, lx, buf.defs[:0], dl)
	default:
		f, err = tagBraces(lang, path, lx, buf.defs[:0], dl)
	}
	// f's slices are buf's arrays, which the next file reuses: keep a
	// copy of exactly their length.
	if cap(f.Defs) > cap(buf.defs) {
		buf.defs = f.Defs[:0]
	}
	f.Defs, f.Occs = exact(f.Defs), exact(f.Occs)
	return f, err
}

// exact copies s into an array of its length (nil when empty).
func exact[T any](s []T) []T {
	if len(s) == 0 {
		return nil
	}
	return slices.Clone(s)
}
