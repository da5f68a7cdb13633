package main

import (
	"errors"
	"os"
	"os/exec"
	"strings"
	"sync"
	"syscall"
	"time"

	"sightline/repo"
	"sightline/repo/search"
	"sightline/repo/symbols"
	"sightline/repo/textsafe"
)

// startIndexing builds the search index of the pinned tree, and its
// symbol index, in the background when there is none yet, so that the workbench's repo-wide
// search (ctrl+f) reads only the files that can match once it is done
// (before that, it reads every file, as without an index).
//
// The build runs as a child process, this binary's own "index" command
// (never git): its memory stays out of the workbench's. A build of the
// tree already running (another workbench's, or "sightline index") is
// waited for, and what it wrote is not built again. Quitting asks it
// to stop (SIGTERM): it cancels its builds, which remove their
// temporaries; the indexes are written to temporary files and renamed
// into place, so a stopped build leaves no half-written index. One that
// does not end within stopGrace is killed, and the temporaries it leaves
// are removed by the next "sightline index" once they are stale
// (sweepStaleTemporaries). It runs at low priority so that the workbench
// stays responsive while it reads.
//
// The returned stop ends the build if it is still running. note, when
// not empty, tells the reviewer why no build was started: the cache
// directory lies inside the repository under review, which sightline
// never writes to (the rule workspaces and exports follow too).
func startIndexing(r *repo.Repo, pin repo.Pin) (stop func(), note string) {
	c, note := newIndexChild(r, pin)
	if c == nil {
		return func() {}, note
	}
	c.start()
	return c.stop, ""
}

// stopGrace is how long stop waits for the child to end on SIGTERM
// before it kills it.
const stopGrace = 2 * time.Second

// maxChildStderr bounds what is kept of the child's stderr: its end,
// where the error that ended a failed build is.
const maxChildStderr = 4 << 10

// indexChild is the background "sightline index" of one pin: started at
// launch when an index is missing, and again when gd finds the symbol
// index missing and no build is running, unless the last build failed
// (it would fail again: a full disk, a symbol build that errs) or the
// workbench is quitting.
type indexChild struct {
	r       *repo.Repo
	pin     repo.Pin
	dir     string
	exe     string // the program run as "index"; "" is this binary (tests set another)
	mu      sync.Mutex
	run     *indexRun // the last build started; nil before a start
	stopped bool      // stop was called: no build starts again
}

// indexRun is one run of the child.
type indexRun struct {
	cmd  *exec.Cmd
	done chan struct{} // closed when cmd has exited
	// Set before done is closed, read after: why the run failed, made
	// safe to show ("" when it succeeded).
	failed string
}

// newIndexChild returns the child for the pin, or nil and why not (the
// note is "" when there is no cache directory to write to).
func newIndexChild(r *repo.Repo, pin repo.Pin) (*indexChild, string) {
	dir, err := search.IndexDir()
	if err != nil {
		return nil, ""
	}
	if err := refuseIndexInside(r, dir); err != nil {
		return nil, "no search index built (ctrl+f reads every file): " + textsafe.Sanitize(err.Error())
	}
	return &indexChild{r: r, pin: pin, dir: dir}, ""
}

// start builds the indexes that are missing, unless a build is running,
// the last one failed, or stop was called. It reports whether one is
// running now.
func (c *indexChild) start() bool {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.stopped {
		return false // the workbench is quitting: nobody would stop a new build
	}
	if c.runningLocked() {
		return true
	}
	if c.failureLocked() != "" {
		return false // it would fail again; the reviewer is told why (failure)
	}
	// --missing-only: another workbench's build (or "sightline index") of
	// this tree may be running; the child waits for it and then builds
	// only what it did not write, rather than all of it again.
	args := []string{"index", "--missing-only", "--repo", c.r.GitDir(), "--rev", c.pin.Commit.String(), "--dir", c.dir}
	if !needsIndex(search.IndexPath(c.dir, c.pin.Tree), c.pin.Tree) && !needsSymbols(c.dir, c.pin.Tree) {
		if !needsHistoryIndex(c.r, c.dir, c.pin) {
			return false // built before (their contents are checked when used)
		}
		args = append(args, "--history-only")
	}
	exe := c.exe
	if exe == "" {
		var err error
		if exe, err = os.Executable(); err != nil {
			return false
		}
	}
	cmd := exec.Command(exe, args...)
	// stdin and stdout are /dev/null; stderr's end says why a build failed.
	stderr := &tailWriter{max: maxChildStderr}
	cmd.Stderr = stderr
	cmd.WaitDelay = time.Second // a stray holder of the pipe does not hold Wait
	if err := cmd.Start(); err != nil {
		return false
	}
	lowerPriority(cmd.Process.Pid)
	run := &indexRun{cmd: cmd, done: make(chan struct{})}
	go func() {
		if err := cmd.Wait(); err != nil {
			run.failed = childFailure(err, stderr.bytes())
		}
		_ = useHistoryIndex(c.r, c.pin)
		close(run.done)
	}()
	c.run = run
	return true
}

func (c *indexChild) runningLocked() bool {
	if c.run == nil {
		return false
	}
	select {
	case <-c.run.done:
		return false
	default:
		return true
	}
}

// failure returns why the last build failed, made safe to show, or ""
// when it has not failed (or is still running).
func (c *indexChild) failure() string {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.failureLocked()
}

func (c *indexChild) failureLocked() string {
	if c.run == nil || c.runningLocked() {
		return ""
	}
	return c.run.failed
}

// stop ends the build if it is still running, and keeps any other from
// starting: it asks the child to end (SIGTERM), so that its builds remove
// their temporaries, and kills it if it has not within stopGrace.
func (c *indexChild) stop() {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.stopped = true
	if !c.runningLocked() {
		return
	}
	p := c.run.cmd.Process
	if err := p.Signal(syscall.SIGTERM); err != nil {
		_ = p.Kill() // no SIGTERM here (Windows)
	}
	select {
	case <-c.run.done:
	case <-time.After(stopGrace):
		_ = p.Kill()
		<-c.run.done
	}
}

// childFailure words why the child failed, from its exit error and the
// end of its stderr: the last line there, the command's own error
// ("sightline index: ..."), or a panic's first line. It is cut to a
// message line's length and sanitized (it may carry repository paths).
func childFailure(err error, stderr []byte) string {
	var ee *exec.ExitError
	why := ""
	if errors.As(err, &ee) && ee.ExitCode() >= 0 {
		lines := strings.Split(string(stderr), "\n")
		for i := len(lines) - 1; i >= 0 && why == ""; i-- {
			why = strings.TrimSpace(lines[i])
		}
		for _, l := range lines {
			if strings.HasPrefix(l, "panic: ") {
				why = strings.TrimSpace(l)
				break
			}
		}
		why = strings.TrimPrefix(why, "sightline index: ")
	}
	if why == "" {
		why = err.Error() // killed by a signal, or no words on stderr
	}
	return textsafe.Sanitize(elideMiddle(why, 240))
}

// tailWriter keeps the last max bytes written to it. It is the child's
// stderr, written by exec's copying goroutine and read after Wait.
type tailWriter struct {
	max int
	buf []byte
}

func (w *tailWriter) Write(p []byte) (int, error) {
	n := len(p)
	if len(p) >= w.max {
		w.buf = append(w.buf[:0], p[len(p)-w.max:]...)
		return n, nil
	}
	if over := len(w.buf) + len(p) - w.max; over > 0 {
		w.buf = w.buf[:copy(w.buf, w.buf[over:])]
	}
	w.buf = append(w.buf, p...)
	return n, nil
}

func (w *tailWriter) bytes() []byte { return w.buf }

// needsIndex reports whether the index at path must be built: it is
// missing, or does not open (damaged, or written by a sightline whose
// format differs), so searches would read every file for good.
func needsIndex(path string, tree repo.Hash) bool {
	idx, err := search.OpenIndex(path, tree)
	if err != nil {
		return true
	}
	idx.Close()
	return false
}

// needsSymbols reports whether the symbol index of tree under dir must be
// built: it is missing, of another format, or cut short. Only its header
// is read here, at start; the rest is checked when it is loaded.
func needsSymbols(dir string, tree repo.Hash) bool {
	return symbols.Peek(symbols.CachePath(dir, tree), tree) != nil
}
