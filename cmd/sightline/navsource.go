package main

// The workbench's gd and gr (tui.Symbols). Definitions come from the
// symbol index the background child built, checked before they are
// shown; references, which the index does not keep, come from a child
// "sightline refs --json". The rule: the parser runs inside a
// child process, never in the workbench process.

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os/exec"
	"strings"
	"sync"

	"sightline/repo"
	"sightline/repo/search"
	"sightline/repo/symbols"
	"sightline/tui"
)

// maxRefsJSON bounds what gr reads from its child.
const maxRefsJSON = 64 << 20

// symbolSource reads the pin's symbol index for the workbench.
type symbolSource struct {
	r     *repo.Repo
	pin   repo.Pin
	child *indexChild // nil: no build may be started (--no-index, or refused)
	why   string      // why there is no child, when known
	exe   string      // this binary, run for gr

	mu sync.Mutex
	ix *symbols.Index // loaded once it is there
}

// load returns the symbol index, loading it the first time it exists. A
// missing one starts the background build if none is running.
func (s *symbolSource) load() (*symbols.Index, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.ix != nil {
		return s.ix, nil
	}
	dir, err := search.IndexDir()
	if err != nil {
		return nil, fmt.Errorf("no cache directory for the symbol index: %v", err)
	}
	ix, err := symbols.Load(symbols.CachePath(dir, s.pin.Tree), s.pin.Tree)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return nil, s.notBuilt()
	case err != nil:
		return nil, fmt.Errorf("%v: run \"sightline index\" to rebuild it", err)
	}
	s.ix = ix
	return ix, nil
}

func (s *symbolSource) notBuilt() error {
	switch {
	case s.child == nil && s.why != "":
		return errors.New("symbol index not built yet: " + s.why)
	case s.child == nil:
		return errors.New("symbol index not built yet: run \"sightline index\" (this session builds none)")
	case s.child.start():
		return errors.New("symbol index not built yet: it is being built in the background; try again in a moment")
	}
	return errors.New("symbol index not built yet, and the background build ended without it: run \"sightline index\" to see why")
}

// Definitions returns name's definitions, checked against the repository
// and ranked for a use in from.
func (s *symbolSource) Definitions(ctx context.Context, name, from string) ([]tui.SymbolHit, error) {
	ix, err := s.load()
	if err != nil {
		return nil, err
	}
	defs := ix.Defs(name)
	if err := ix.Verify(ctx, s.r, s.pin.Tree, symbols.DefPaths(defs)); err != nil {
		return nil, fmt.Errorf("%v: run \"sightline index\" to rebuild it", err)
	}
	defs = symbols.Rank(defs, from)
	hits := make([]tui.SymbolHit, len(defs))
	for i, d := range defs {
		label := fmt.Sprintf("%s:%d %s %s", d.Path, d.Line, d.Kind, d.Name)
		if d.Scope != "" {
			label += " in " + d.Scope
		}
		if !d.Precise {
			label += " (candidate)"
		}
		hits[i] = defHit(d)
		hits[i].Label = label
	}
	return hits, nil
}

func defHit(d symbols.Def) tui.SymbolHit {
	return tui.SymbolHit{Path: d.Path, Line: d.Line, Col: d.Col, Code: true, Name: d.Name, Kind: string(d.Kind)}
}

// Outline returns the definitions in the file at path, checked against
// the repository, in line order (the index keeps them so).
func (s *symbolSource) Outline(ctx context.Context, path string) ([]tui.SymbolHit, error) {
	ix, err := s.load()
	if err != nil {
		return nil, err
	}
	var defs []symbols.Def
	for _, f := range ix.Files {
		if f.Path == path {
			defs = f.Defs
			break
		}
	}
	if err := ix.Verify(ctx, s.r, s.pin.Tree, symbols.DefPaths(defs)); err != nil {
		return nil, fmt.Errorf("%v: run \"sightline index\" to rebuild it", err)
	}
	hits := make([]tui.SymbolHit, len(defs))
	for i, d := range defs {
		hits[i] = defHit(d)
	}
	return hits, nil
}

// All returns every definition at the pin, for ctrl+t, once every file
// of the index is checked against the tree (one walk of it).
func (s *symbolSource) All(ctx context.Context) ([]tui.SymbolHit, error) {
	ix, err := s.load()
	if err != nil {
		return nil, err
	}
	if err := ix.VerifyAll(ctx, s.r, s.pin.Tree); err != nil {
		return nil, fmt.Errorf("%v: run \"sightline index\" to rebuild it", err)
	}
	var hits []tui.SymbolHit
	for _, f := range ix.Files {
		for _, d := range f.Defs {
			hits = append(hits, defHit(d))
		}
	}
	return hits, nil
}

// References runs "sightline refs --json" on the pin as a child: finding
// occurrences means tagging the files that mention name.
func (s *symbolSource) References(ctx context.Context, name string) ([]tui.SymbolHit, error) {
	cmd := exec.CommandContext(ctx, s.exe, "refs", "--json", "--repo", s.r.GitDir(), "--rev", s.pin.Commit.String(), name)
	var stderr bytes.Buffer
	cmd.Stderr = &limitedBuffer{buf: &stderr, max: 4096}
	out, err := cmd.StdoutPipe()
	if err != nil {
		return nil, err
	}
	if err := cmd.Start(); err != nil {
		return nil, fmt.Errorf("cannot run the references child: %v", err)
	}
	lowerPriority(cmd.Process.Pid)
	var doc refsDoc
	derr := json.NewDecoder(io.LimitReader(out, maxRefsJSON)).Decode(&doc)
	_, _ = io.Copy(io.Discard, out)
	werr := cmd.Wait()
	var exit *exec.ExitError
	if werr != nil && !(errors.As(werr, &exit) && exit.ExitCode() == 1 && derr == nil) {
		// Exit 1 with a document is "none found"; anything else failed.
		msg := strings.TrimSpace(stderr.String())
		if msg == "" {
			msg = werr.Error()
		}
		return nil, fmt.Errorf("the references child failed: %s", msg)
	}
	if derr != nil {
		return nil, fmt.Errorf("the references child's output does not read: %v", derr)
	}
	hits := make([]tui.SymbolHit, len(doc.References))
	for i, r := range doc.References {
		label := fmt.Sprintf("%s:%d:%d %s", r.Path, r.Line, r.Col, r.In)
		if r.Function != "" {
			label += " in " + r.Function
		}
		label += ": " + strings.TrimSpace(r.Text)
		hits[i] = tui.SymbolHit{Path: r.Path, Line: r.Line, Col: r.Col, Label: label, Code: r.In == "code",
			In: r.In, Func: r.Function, Call: r.Call, Text: strings.TrimSpace(r.Text)}
	}
	return hits, nil
}

// limitedBuffer keeps the first max bytes written to it and drops the
// rest, so a chatty child cannot fill the workbench's memory.
type limitedBuffer struct {
	buf *bytes.Buffer
	max int
}

func (b *limitedBuffer) Write(p []byte) (int, error) {
	if room := b.max - b.buf.Len(); room > 0 {
		b.buf.Write(p[:min(len(p), room)])
	}
	return len(p), nil
}
