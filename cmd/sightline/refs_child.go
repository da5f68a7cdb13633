package main

// The workbench's side of gr's child ("sightline refs --serve", see
// refs_serve.go): started at the first gr, asked one name at a time,
// and stopped when a lookup is dropped, takes longer than refsTimeout,
// writes more than maxRefsJSON, fails, or the session ends. The next gr
// then starts another.

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"strings"
	"sync"
	"time"
)

// refsChild runs gr's child for one repository and pin.
type refsChild struct {
	exe, gitDir, commit string

	turn   chan struct{} // held by the lookup asking the child
	mu     sync.Mutex    // guards p and closed
	p      *refsProc     // nil: none runs
	closed bool          // the session is over: no child starts
}

func newRefsChild(exe, gitDir, commit string) *refsChild {
	return &refsChild{exe: exe, gitDir: gitDir, commit: commit, turn: make(chan struct{}, 1)}
}

// refsProc is one run of the child.
type refsProc struct {
	cmd    *exec.Cmd
	in     io.WriteCloser
	out    *os.File
	lim    *io.LimitedReader
	dec    *json.Decoder
	stderr *tailBuffer // read only once exited is closed
	exited chan struct{}
	werr   error
}

// ask returns the child's answer for name: the references document, or
// the error the child gave. The child is stopped when ctx ends (the
// reviewer moved on, or quit), after refsTimeout, and when what it
// writes does not read or runs over maxRefsJSON: a hostile tree must not
// keep a process running, nor fill memory, for a gr.
func (c *refsChild) ask(ctx context.Context, name string) (refsDoc, error) {
	select {
	case c.turn <- struct{}{}:
		defer func() { <-c.turn }()
	case <-ctx.Done():
		return refsDoc{}, ctx.Err()
	}
	if err := ctx.Err(); err != nil {
		return refsDoc{}, err
	}
	ctx, cancel := context.WithTimeout(ctx, refsTimeout)
	defer cancel()
	p, err := c.running()
	if err != nil {
		return refsDoc{}, fmt.Errorf("cannot run the references child: %v", err)
	}
	type answer struct {
		head refsHead
		doc  refsDoc
		err  error
	}
	got := make(chan answer, 1)
	go func() {
		var a answer
		a.head, a.doc, a.err = p.exchange(name)
		got <- a
	}()
	var a answer
	select {
	case a = <-got:
	case <-ctx.Done():
		c.stop(p)
		<-got
		if errors.Is(ctx.Err(), context.DeadlineExceeded) {
			return refsDoc{}, fmt.Errorf("the references child took longer than %v and was stopped: run \"sightline refs %s\" in a shell to wait for it", refsTimeout, name)
		}
		return refsDoc{}, ctx.Err()
	}
	if a.err != nil {
		c.stop(p)
		return refsDoc{}, p.failure(name, a.err)
	}
	if a.head.Retire {
		c.stop(p)
	}
	if a.head.Error != "" {
		return refsDoc{}, fmt.Errorf("the references child failed: %s", a.head.Error)
	}
	return a.doc, nil
}

// running returns the child, started if none runs.
func (c *refsChild) running() (*refsProc, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.closed {
		return nil, errors.New("the workbench is closing")
	}
	if c.p != nil {
		select {
		case <-c.p.exited: // gone by itself: its last words were for no one
			c.p.out.Close()
			c.p = nil
		default:
			return c.p, nil
		}
	}
	p, err := startRefsProc(c.exe, "refs", "--serve", "--repo", c.gitDir, "--rev", c.commit)
	if err != nil {
		return nil, err
	}
	c.p = p
	return p, nil
}

// stop ends p, if it is still the child, and waits for it to be gone.
func (c *refsChild) stop(p *refsProc) {
	c.mu.Lock()
	if c.p == p {
		c.p = nil
	}
	c.mu.Unlock()
	p.kill()
}

// close ends the child, if one runs; the session is over.
func (c *refsChild) close() {
	c.mu.Lock()
	p := c.p
	c.p, c.closed = nil, true
	c.mu.Unlock()
	if p != nil {
		p.kill()
	}
}

func startRefsProc(exe string, args ...string) (*refsProc, error) {
	cmd := exec.Command(exe, args...)
	in, err := cmd.StdinPipe()
	if err != nil {
		return nil, err
	}
	// Its own pipe, not StdoutPipe: Wait must not close what is read
	// while an answer written just before the child ended is still in it.
	out, w, err := os.Pipe()
	if err != nil {
		return nil, err
	}
	cmd.Stdout = w
	p := &refsProc{cmd: cmd, in: in, out: out, stderr: &tailBuffer{max: 4096}, exited: make(chan struct{})}
	cmd.Stderr = p.stderr
	// Once the child is gone, whatever still holds its pipes (a process
	// it started) is not waited for.
	cmd.WaitDelay = time.Second
	err = cmd.Start()
	w.Close()
	if err != nil {
		out.Close()
		return nil, err
	}
	lowerPriority(cmd.Process.Pid)
	p.lim = &io.LimitedReader{R: out}
	p.dec = json.NewDecoder(p.lim)
	go func() {
		p.werr = cmd.Wait()
		close(p.exited)
	}()
	return p, nil
}

// exchange sends one name and reads its answer.
func (p *refsProc) exchange(name string) (refsHead, refsDoc, error) {
	var head refsHead
	var doc refsDoc
	if err := json.NewEncoder(p.in).Encode(refsRequest{Name: name}); err != nil {
		return head, doc, err
	}
	p.lim.N = maxRefsJSON
	if err := p.dec.Decode(&head); err != nil {
		return head, doc, p.overLimit(err)
	}
	if head.Error != "" {
		return head, doc, nil
	}
	if err := p.dec.Decode(&doc); err != nil {
		return head, doc, p.overLimit(err)
	}
	return head, doc, nil
}

// errTooManyRefs is an answer over maxRefsJSON.
var errTooManyRefs = errors.New("too many references")

func (p *refsProc) overLimit(err error) error {
	if p.lim.N <= 0 {
		return errTooManyRefs
	}
	return err
}

// kill ends the process and waits for it, and for its output's end.
func (p *refsProc) kill() {
	p.in.Close()
	_ = p.cmd.Process.Kill()
	<-p.exited
	p.out.Close()
}

// failure words an answer that did not come, once the process is gone:
// its last words on standard error when it left any.
func (p *refsProc) failure(name string, err error) error {
	if errors.Is(err, errTooManyRefs) {
		return fmt.Errorf("more references than the workbench lists (over %d MiB of them): run \"sightline refs %s\" in a shell", maxRefsJSON>>20, name)
	}
	<-p.exited
	if msg := strings.TrimSpace(p.stderr.String()); msg != "" {
		return fmt.Errorf("the references child failed: %s", msg)
	}
	if p.werr != nil {
		return fmt.Errorf("the references child's output does not read: %v (%v)", err, p.werr)
	}
	return fmt.Errorf("the references child's output does not read: %v", err)
}
