package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os/exec"
	"strings"
	"syscall"
	"time"
)

// sample is one measured run of one side of an operation.
type sample struct {
	wall  time.Duration
	rssKB int64 // peak resident set of the process that did the work
	lines int   // lines of output, to spot two sides that disagree
	err   error
}

// errTimeout marks a run stopped at the harness's time limit.
var errTimeout = errors.New("timeout")

// lineCounter counts output lines without keeping the output.
type lineCounter struct{ n int }

func (c *lineCounter) Write(p []byte) (int, error) {
	c.n += bytes.Count(p, []byte{'\n'})
	return len(p), nil
}

// runProc runs a command, discarding its output, and measures its wall
// time and peak RSS (getrusage of the child). env adds to the environment.
func runProc(timeout time.Duration, env []string, name string, args ...string) sample {
	return runCapture(timeout, env, nil, name, args...)
}

// runProcExit is runProc for a command whose exit status okExit also
// means success, as 1 means "differences found" for diff and for
// sightline artifact.
func runProcExit(timeout time.Duration, env []string, okExit int, name string, args ...string) sample {
	s := runProc(timeout, env, name, args...)
	var exit *exec.ExitError
	if okExit != 0 && errors.As(s.err, &exit) && exit.ExitCode() == okExit {
		s.err = nil
	}
	return s
}

// runCapture is runProc that also keeps stdout in capture when it is not nil.
func runCapture(timeout time.Duration, env []string, capture *bytes.Buffer, name string, args ...string) sample {
	ctx, cancel := context.WithTimeout(context.Background(), timeout)
	defer cancel()
	cmd := exec.CommandContext(ctx, name, args...)
	cmd.Env = append(cmd.Environ(), env...)
	var out lineCounter
	var stderr bytes.Buffer
	cmd.Stdout = &out
	if capture != nil {
		cmd.Stdout = io.MultiWriter(&out, capture)
	}
	cmd.Stderr = &limited{w: &stderr, n: 4096}
	start := time.Now()
	err := cmd.Run()
	s := sample{wall: time.Since(start), lines: out.n}
	if cmd.ProcessState != nil {
		if ru, ok := cmd.ProcessState.SysUsage().(*syscall.Rusage); ok {
			s.rssKB = ru.Maxrss
		}
	}
	switch {
	case ctx.Err() != nil:
		s.err = fmt.Errorf("%w after %s", errTimeout, timeout)
	case err != nil:
		s.err = fmt.Errorf("%s %s: %w: %s", name, strings.Join(args, " "), err, firstLine(stderr.String()))
	}
	return s
}

// limited keeps at most n bytes of what is written to it.
type limited struct {
	w io.Writer
	n int
}

func (l *limited) Write(p []byte) (int, error) {
	if l.n > 0 {
		k := min(l.n, len(p))
		_, _ = l.w.Write(p[:k])
		l.n -= k
	}
	return len(p), nil
}

func firstLine(s string) string {
	s = strings.TrimSpace(s)
	if i := strings.IndexByte(s, '\n'); i >= 0 {
		s = s[:i]
	}
	return s
}
