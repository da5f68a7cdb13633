package search

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"regexp"
	"runtime"
	"slices"
	"sync"

	"sightline/repo"
)

// Match is one result of Grep: a matching line, a binary file that
// matches, or a file that could not be searched.
type Match struct {
	Path string // raw bytes of the path; sanitise before display
	Line int    // 1-based; 0 for a Binary or Err result
	Text []byte // the line without its LF; when Cut, a part of it
	// Cut reports a line too long for grep to hold (longer than 8 MiB):
	// Text is then an excerpt around the match, starting at byte Col of
	// the line, as "grep --max-line-length"-style tools cut lines, so
	// that no line costs more memory than a window.
	Cut bool
	Col int64 // the byte offset in the line where Text starts; 0 unless Cut
	// Binary reports a binary file (git's rule: a NUL in its first 8000
	// bytes) with at least one matching line, as git grep's "Binary file
	// PATH matches": its lines are not shown.
	Binary bool
	// Err says why this file (or the subtree at Path) could not be
	// searched, for example a missing object. Grep carries on with the
	// other files: a damaged repository never gives a silently shorter
	// result.
	Err error
}

// Options tunes Grep. The zero value searches like git grep.
type Options struct {
	// Progress, if set, is called from Grep's goroutine as files are
	// done: after each batch of files (a few dozen times per search) and
	// always at the end with filesDone == filesTotal.
	Progress func(filesDone, filesTotal int)
	// SkipBinary leaves out binary files (git grep -I). Otherwise a binary
	// file that matches gives one Match with Binary set.
	SkipBinary bool
	// Workers is how many files are searched at once; 0 means one per CPU
	// (at most 4).
	Workers int
}

// grepBatch is a run of consecutive files, numbered in output order.
// Workers take files in batches so that goroutines hand over work a few
// dozen times per search rather than once per file: each hand-over to
// another thread can wait for the OS scheduler, which on a loaded machine
// costs milliseconds (measured: 2 workers slower than 1 with 32-file
// batches at load average 15 on 2 cores).
type grepBatch struct {
	seq     int
	files   []repo.Entry
	matches []Match // filled in by the worker
}

const (
	// minBatch and maxBatch bound how many files a worker takes at once;
	// between them, each worker gets about 8 batches.
	minBatch, maxBatch = 32, 1024
	// grepWindow bounds how many batches workers may run ahead of the one
	// being reported, so memory stays flat while results come out in path
	// order.
	grepWindow = 16
	// dropPagesEvery is how many batches a search reads between two
	// drops of the pack's pages from its resident set.
	dropPagesEvery = 8
)

// Grep searches every file of the tree root for lines matching re, the
// way "git grep -n" searches a commit: line by line (^ and $ anchor at
// line ends), regular files and executables only (symlinks and submodules
// are not searched), in git's path order. One difference: git grep also
// tries an empty "line" after a file's final LF (so "^$" matches there);
// Grep follows repo.SplitLines, which has no such line. fn is called from the
// calling goroutine; an error from fn stops the search and is returned,
// as is the context's error when ctx is cancelled.
func Grep(ctx context.Context, r *repo.Repo, root repo.Hash, re *regexp.Regexp, opts Options, fn func(Match) error) error {
	var files []repo.Entry
	err := r.WalkFiles(ctx, root, func(e repo.Entry) error {
		if e.Kind == repo.KindFile || e.Kind == repo.KindExec || e.Kind == repo.KindError {
			files = append(files, e)
		}
		return nil
	})
	if err != nil {
		return err
	}
	if len(files) == 0 {
		report(opts.Progress, 0, 0)
		return nil
	}
	workers := grepWorkers(opts.Workers, len(files))
	size := min(max(len(files)/(workers*8), minBatch), maxBatch)
	var batches []*grepBatch
	for lo := 0; lo < len(files); lo += size {
		batches = append(batches, &grepBatch{seq: len(batches), files: files[lo:min(lo+size, len(files))]})
	}
	workers = min(workers, len(batches))
	var wg sync.WaitGroup
	defer wg.Wait() // runs after cancel: no goroutine outlives Grep
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	results := make(chan *grepBatch, grepWindow)
	slots := make(chan struct{}, grepWindow)
	todo := make(chan *grepBatch)
	wg.Add(1)
	go func() { // feed batches, never more than grepWindow ahead of output
		defer wg.Done()
		defer close(todo)
		for _, b := range batches {
			select {
			case slots <- struct{}{}:
			case <-ctx.Done():
				return
			}
			select {
			case todo <- b:
			case <-ctx.Done():
				return
			}
		}
	}()
	matcher := newLineMatcher(re)
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			grepWorker(ctx, r, matcher, opts.SkipBinary, todo, results)
		}()
	}
	return emitInOrder(ctx, len(files), len(batches), results, slots, opts.Progress, fn)
}

func grepWorkers(want, files int) int {
	if want <= 0 {
		want = min(runtime.NumCPU(), 4)
	}
	return max(1, min(want, files))
}

// emitInOrder hands results to fn in path order, reordering the batches
// that workers finish out of order.
func emitInOrder(ctx context.Context, files, batches int, results <-chan *grepBatch, slots <-chan struct{}, progress func(int, int), fn func(Match) error) error {
	pending := map[int]*grepBatch{}
	done := 0
	for next := 0; next < batches; {
		select {
		case <-ctx.Done():
			return ctx.Err()
		case b := <-results:
			pending[b.seq] = b
		}
		for pending[next] != nil {
			b := pending[next]
			delete(pending, next)
			for _, m := range b.matches {
				if err := fn(m); err != nil {
					return err
				}
				// Workers may have finished everything already: a
				// cancellation must still stop the results.
				if err := ctx.Err(); err != nil {
					return err
				}
			}
			next++
			<-slots
			done += len(b.files)
			report(progress, done, files)
		}
	}
	return nil
}

func report(progress func(int, int), done, total int) {
	if progress != nil {
		progress(done, total)
	}
}

// grepWorker searches the files it is handed.
func grepWorker(ctx context.Context, r *repo.Repo, m lineMatcher, skipBinary bool, todo <-chan *grepBatch, out chan<- *grepBatch) {
	open := func(h repo.Hash) (io.ReadCloser, int64, error) { return r.OpenBlob(ctx, h) }
	for b := range todo {
		for _, e := range b.files {
			b.matches = append(b.matches, grepFile(ctx, e, open, m, skipBinary)...)
		}
		// A search of every file reads the whole pack once: without this
		// its resident size grew by the pack's pages (430 MB on the large
		// benchmark tree, whose pack is 350 MB). Every eighth batch, not
		// every one: pages dropped are faulted in again when read again.
		if b.seq%dropPagesEvery == dropPagesEvery-1 {
			r.DropPackPages()
		}
		select {
		case out <- b:
		case <-ctx.Done():
			return
		}
	}
}

// grepChunk is how much of a file grep holds at once: a bigger file is
// searched a run of whole lines at a time, so a generated 200 MiB file
// costs 8 MiB per worker, not 200. A line longer than grepChunk is
// searched in overlapping windows of grepChunk bytes (see grepStream), so
// no line, however long, is held whole.
const grepChunk = 8 << 20

// grepFile searches one file.
func grepFile(ctx context.Context, e repo.Entry, open func(repo.Hash) (io.ReadCloser, int64, error), m lineMatcher, skipBinary bool) []Match {
	if e.Kind == repo.KindError {
		return []Match{{Path: e.Path, Err: e.Err}}
	}
	if ctx.Err() != nil {
		return nil
	}
	rd, size, err := open(e.Hash)
	if err != nil {
		return []Match{{Path: e.Path, Err: fmt.Errorf("%q: %w", e.Path, err)}}
	}
	defer rd.Close()
	out, err := grepReader(ctx, e.Path, rd, size, grepChunk, m, skipBinary)
	if err != nil {
		out = append(out, Match{Path: e.Path, Err: fmt.Errorf("%q: blob %s: %w", e.Path, e.Hash, err)})
	}
	return out
}

// grepReader searches the size bytes of rd, chunk bytes at a time.
func grepReader(ctx context.Context, path string, rd io.Reader, size int64, chunk int, m lineMatcher, skipBinary bool) ([]Match, error) {
	var out []Match
	found := func(mt Match, binary bool) bool {
		if binary {
			out = append(out, Match{Path: path, Binary: true})
			return false
		}
		out = append(out, mt)
		return true
	}
	doneLine := 0 // the long line already reported, so its later windows are skipped
	err := grepStream(ctx, rd, size, chunk, streamVisitor{
		lines: func(lines []byte, base int, binary bool) bool {
			if binary && skipBinary {
				return false
			}
			more := true
			m.match(lines, func(line int, text []byte) bool {
				// A copy, so a kept match does not pin the file in memory.
				more = found(Match{Path: path, Line: base + line, Text: bytes.Clone(text)}, binary)
				return more
			})
			return more
		},
		long: func(w longWindow, binary bool) bool {
			if binary && skipBinary {
				return false
			}
			if doneLine == w.line {
				return true
			}
			s, end, ok := m.matchWindow(w.data, w.off == 0, w.last)
			if !ok {
				return true
			}
			doneLine = w.line
			lo, hi := excerpt(len(w.data), s, end)
			return found(Match{Path: path, Line: w.line, Text: bytes.Clone(w.data[lo:hi]), Col: w.off + int64(lo), Cut: true}, binary)
		},
	})
	return out, err
}

// excerptContext and excerptMax shape the text shown for a match inside
// a line too long to hold: a little context before the match, the match,
// a little after, never more than excerptMax bytes.
const excerptContext, excerptMax = 64, 1024

func excerpt(n, s, e int) (lo, hi int) {
	lo = max(0, s-excerptContext)
	hi = min(n, max(e, s)+excerptContext, lo+excerptMax)
	return lo, hi
}

// streamVisitor receives what grepStream reads: runs of whole lines, and
// windows of lines longer than the chunk. Either returns false to stop.
type streamVisitor struct {
	lines func(lines []byte, base int, binary bool) bool
	long  func(w longWindow, binary bool) bool
}

// longWindow is a window of a line longer than grepStream's chunk.
type longWindow struct {
	data []byte
	line int   // the line's 1-based number
	off  int64 // the byte offset of data in the line
	last bool  // data runs to the line's end
}

// longOverlap is how many bytes consecutive windows of a long line share:
// a match shorter than this is never split between two windows.
const longOverlap = 64 << 10

// grepStream reads a blob of the given size in runs of whole lines of
// at most about chunk bytes and hands each run to v.lines with the number
// of lines before it, and whether the blob is binary (git's rule, decided
// on the first 8000 bytes). A line longer than chunk goes to v.long in
// windows of chunk bytes, each sharing its first bytes with the end of
// the one before, so memory stays bounded whatever the line's length.
func grepStream(ctx context.Context, rd io.Reader, size int64, chunk int, v streamVisitor) error {
	var buf []byte
	ov := min(longOverlap, chunk/2)
	base, binary, left := 0, false, size
	long := false // buf holds the middle of a long line, from its byte off
	var off int64 // when long: the offset in the line of buf[0]
	for first := true; ; first = false {
		n := int(min(left, int64(max(chunk-len(buf), 0))))
		if first {
			n = int(min(left, int64(max(chunk, repo.BinarySniffLen))))
		}
		have := len(buf)
		buf = slices.Grow(buf, n)[:have+n]
		if err := repo.ReadFull(ctx, rd, buf[have:]); err != nil {
			return err
		}
		left -= int64(n)
		if first {
			binary = bytes.IndexByte(buf[:min(len(buf), repo.BinarySniffLen)], 0) >= 0
		}
		if len(buf) == 0 && left == 0 {
			return nil
		}
		if long {
			// The overlap was looked at already: it holds no LF.
			nl := bytes.IndexByte(buf[have:], '\n')
			if nl < 0 && left > 0 {
				if !v.long(longWindow{data: buf, line: base + 1, off: off}, binary) {
					return nil
				}
				off += int64(len(buf) - ov)
				buf = buf[:copy(buf, buf[len(buf)-ov:])]
				continue
			}
			end := len(buf)
			if nl >= 0 {
				end = have + nl
			}
			if !v.long(longWindow{data: buf[:end], line: base + 1, off: off, last: true}, binary) || left == 0 && end == len(buf) {
				return nil
			}
			base++
			long = false
			buf = buf[:copy(buf, buf[min(end+1, len(buf)):])]
			if left > 0 {
				continue
			}
		}
		cut := len(buf)
		if left > 0 {
			if cut = bytes.LastIndexByte(buf, '\n') + 1; cut == 0 {
				if len(buf) < chunk {
					continue
				}
				// One line longer than a chunk: search it in windows.
				if !v.long(longWindow{data: buf, line: base + 1}, binary) {
					return nil
				}
				long, off = true, int64(len(buf)-ov)
				buf = buf[:copy(buf, buf[len(buf)-ov:])]
				continue
			}
		}
		if !v.lines(buf[:cut], base, binary) || left == 0 {
			return nil
		}
		base += bytes.Count(buf[:cut], []byte{'\n'})
		buf = buf[:copy(buf, buf[cut:])]
	}
}
