package symbols

import (
	"fmt"
	"slices"
	"sync/atomic"
	"time"
	"unsafe"
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
	return tagWith(path, src, lim, tagHow{defsOnly: true, lastKept: -1})
}

// tagKept is Tag listing only the occurrences keep chooses (nil: all),
// where a tagger can leave the others out as it goes (Go's): what Build
// does not keep need not be made.
func tagKept(path string, src []byte, lim Limits, keep func(string) bool) (File, error) {
	return tagWith(path, src, lim, tagHow{keep: keep, lastKept: -1})
}

// tagHow says what one tagging pass makes, and what it may skip.
type tagHow struct {
	keep     func(string) bool // the occurrences made (nil: all)
	defsOnly bool              // no occurrence at all
	// borrow reads src in place as text, without the copy a string
	// conversion makes (a twelfth of a refs): only for a caller that
	// copies every name it keeps and leaves src alone while the tagger
	// may still read it, as tagEntry does.
	borrow bool
	// lastKept, when not -1, is an offset at or past the end of the last
	// occurrence keep can choose: Go's token scan stops after the token
	// that follows it, which is all that occurrence's Call needs, so the
	// rest of the file's definitions may be missing.
	lastKept int
}

// pastKept says whether a token starting at off is past the last kept
// occurrence, so that a scan may stop once it has taken it.
func (h tagHow) pastKept(off int) bool {
	return h.lastKept >= 0 && off >= h.lastKept
}

// text is src as a string: borrowed, or a copy.
func (h tagHow) text(src []byte) string {
	if h.borrow && len(src) > 0 {
		return unsafe.String(&src[0], len(src))
	}
	return string(src)
}

// abandoned counts the taggers this process left running past their
// time limit.
var abandoned atomic.Int64

// Abandoned is how many taggers this process has left running past
// their time limit. Each ends at its next token, which a runaway regular
// expression may put off for long: a process that lives on (gr's child)
// ends once it has left one, rather than keep it spinning.
func Abandoned() int64 { return abandoned.Load() }

func tagWith(path string, src []byte, lim Limits, how tagHow) (File, error) {
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
		f, err := tagLang(lang, path, src, dl, how)
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
		abandoned.Add(1)
		return File{}, fmt.Errorf("%w (%v)", errTimeout, lim.Timeout)
	}
}

func tagLang(lang, path string, src []byte, dl *deadline, how tagHow) (File, error) {
	if lang == "go" && how.defsOnly {
		return tagGoDefs(path, src, dl, how)
	}
	if lang == "go" {
		return tagGo(path, src, dl, how)
	}
	buf := getScratch()
	defer putScratch(buf)
	buf.noOccs = how.defsOnly
	text := how.text(src)
	lx, ok, err := fastLexInto(lang, text, dl, buf)
	if !ok {
		lx, err = lexWith(lang, text, dl)
		if how.defsOnly {
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
