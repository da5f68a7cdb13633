package main

// The workbench's gd and gr (tui.Symbols). Definitions come from the
// symbol index the background child built, checked before they are
// shown; references, which the index does not keep, come from gr's
// child, "sightline refs --serve" (refs_child.go). The rule: the
// parser runs inside a child process, never in the workbench process.

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"maps"
	"slices"
	"strings"
	"sync"
	"time"

	"sightline/repo"
	"sightline/repo/search"
	"sightline/repo/symbols"
	"sightline/tui"
)

// maxRefsJSON bounds what gr reads from its child for one name, and
// refsTimeout how long it waits for one answer (a refs on the large
// benchmark tree takes about half a second; the tagger gives up on a
// file after 10 s).
// Variables so that tests can make them small.
var (
	maxRefsJSON int64 = 64 << 20
	refsTimeout       = 2 * time.Minute
)

// symbolSource reads the pin's symbol index for the workbench, and asks
// gr's child for references.
type symbolSource struct {
	r     *repo.Repo
	pin   repo.Pin
	child *indexChild // nil: no build may be started (--no-index, or refused)
	why   string      // why there is no child, when known
	exe   string      // this binary, run for gr

	mu sync.Mutex
	c  *symbols.Cache // opened once it is there; dropped when found damaged

	refs     refsMemo   // gr's answers this session
	refsProc *refsChild // gr's child, once there was a gr
}

// open returns the mapped symbol index, opening it the first time it
// exists. A missing one starts the background build if none is running.
// Only its header and block table are read here; each lookup reads (and
// checks) the records it needs.
func (s *symbolSource) open() (*symbols.Cache, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.c != nil {
		return s.c, nil
	}
	dir, err := search.IndexDir()
	if err != nil {
		return nil, fmt.Errorf("no cache directory for the symbol index: %v", err)
	}
	c, err := symbols.Open(symbols.CachePath(dir, s.pin.Tree), s.pin.Tree)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return nil, s.notBuilt()
	case err != nil:
		return nil, fmt.Errorf("%v: run \"sightline index\" to rebuild it", err)
	}
	s.c = c
	return c, nil
}

// failed words a lookup's error; a damaged cache is let go (not
// unmapped: another lookup may still be reading it), so that the next
// lookup opens the file again, rebuilt or not.
func (s *symbolSource) failed(c *symbols.Cache, err error) error {
	if errors.Is(err, symbols.ErrCacheInvalid) {
		s.mu.Lock()
		if s.c == c {
			s.c = nil
		}
		s.mu.Unlock()
	}
	return fmt.Errorf("%v: run \"sightline index\" to rebuild it", err)
}

// notBuilt words a missing symbol index, starting the background build
// unless one runs, the last one failed (it is named, with why, and not
// run again on every gd) or the workbench is quitting.
func (s *symbolSource) notBuilt() error {
	switch {
	case s.child == nil && s.why != "":
		return errors.New("symbol index not built yet: " + s.why)
	case s.child == nil:
		return errors.New("symbol index not built yet: run \"sightline index\" (this session builds none)")
	case s.child.start():
		return errors.New("symbol index not built yet: it is being built in the background; try again in a moment")
	}
	if why := s.child.failure(); why != "" {
		return errors.New("symbol index not built: the background build failed: " + why + ": run \"sightline index\" to retry")
	}
	return errors.New("symbol index not built yet, and the background build ended without it: run \"sightline index\" to see why")
}

// Definitions returns name's definitions, checked against the repository
// and ranked for a use in from.
func (s *symbolSource) Definitions(ctx context.Context, name, from string) ([]tui.SymbolHit, error) {
	c, err := s.open()
	if err != nil {
		return nil, err
	}
	defs, err := c.Defs(name)
	if err == nil {
		err = c.Verify(ctx, s.r, s.pin.Tree, symbols.DefPaths(defs))
	}
	if err != nil {
		return nil, s.failed(c, err)
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
	c, err := s.open()
	if err != nil {
		return nil, err
	}
	defs, _, err := c.Outline(path)
	if err == nil {
		err = c.Verify(ctx, s.r, s.pin.Tree, symbols.DefPaths(defs))
	}
	if err != nil {
		return nil, s.failed(c, err)
	}
	hits := make([]tui.SymbolHit, len(defs))
	for i, d := range defs {
		hits[i] = defHit(d)
	}
	return hits, nil
}

// byNameOver is the number of definitions above which ctrl+t lists each
// name once rather than every definition: listing 6.1 million definitions
// took 8.4 s and 858 MB of heap before ctrl+t opened, and ranked as many
// rows at each keystroke. Below it the list is the same as before. A
// variable so that tests can lower it.
var byNameOver = 200_000

// verifyFewFiles bounds the files a names list checks one by one (a tree
// lookup each) before it checks the whole tree in one walk instead.
const verifyFewFiles = 2_000

// All returns ctrl+t's list: every definition at the pin, once every
// file of the index is checked against the tree (one walk of it), or, on
// a tree of more than byNameOver definitions, each name once (byName).
func (s *symbolSource) All(ctx context.Context) (tui.SymbolList, error) {
	c, err := s.open()
	if err != nil {
		return tui.SymbolList{}, err
	}
	if c.NumDefs() > byNameOver {
		return s.byName(ctx, c)
	}
	if err := c.VerifyAll(ctx, s.r, s.pin.Tree); err != nil {
		return tui.SymbolList{}, s.failed(c, err)
	}
	// Read from the mapping in one pass; each file's path and each
	// distinct name is held once, however many definitions share it.
	hits := make([]tui.SymbolHit, 0, c.NumDefs())
	names := map[string]string{}
	err = c.Each("", func(d symbols.Def) error {
		if n, ok := names[d.Name]; ok {
			d.Name = n
		} else {
			names[d.Name] = d.Name
		}
		hits = append(hits, defHit(d))
		return nil
	})
	if err != nil {
		return tui.SymbolList{}, s.failed(c, err)
	}
	return tui.SymbolList{Defs: hits}, nil
}

// byName lists each name once from the cache's sorted names table. The
// places it shows (the names with a single definition) are checked
// against the tree before they are listed: their files one by one when
// few, else the whole tree in one walk. A name with several shows only
// its count; its definitions are checked when enter lists them
// (Definitions), so ctrl+t need not walk the whole tree first.
func (s *symbolSource) byName(ctx context.Context, c *symbols.Cache) (tui.SymbolList, error) {
	l := tui.SymbolList{ByName: true, Total: c.NumDefs(), Names: make([]tui.SymbolName, 0, c.NumNames())}
	files := map[string]bool{}
	err := c.Names(func(n symbols.Name) error {
		sn := tui.SymbolName{Name: n.Name, Count: n.Count}
		if d := n.One; d != nil {
			sn.Kind, sn.Path, sn.Line, sn.Col = string(d.Kind), d.Path, d.Line, d.Col
			files[d.Path] = true
		}
		l.Names = append(l.Names, sn)
		return nil
	})
	if err == nil && len(files) > verifyFewFiles {
		err = c.VerifyAll(ctx, s.r, s.pin.Tree)
	} else if err == nil {
		err = c.Verify(ctx, s.r, s.pin.Tree, slices.Sorted(maps.Keys(files)))
	}
	if err != nil {
		return tui.SymbolList{}, s.failed(c, err)
	}
	return l, nil
}

// References runs "sightline refs --json" on the pin as a child: finding
// occurrences means tagging the files that mention name. A name's answer
// is kept for the session (refsMemo).
func (s *symbolSource) References(ctx context.Context, name string) ([]tui.SymbolHit, error) {
	if hits, ok := s.refs.get(name); ok {
		return slices.Clone(hits), nil
	}
	hits, err := s.runRefs(ctx, name)
	if err == nil {
		s.refs.put(name, slices.Clone(hits))
	}
	return hits, err
}

// runRefs asks gr's child (refs_child.go) for name's references.
func (s *symbolSource) runRefs(ctx context.Context, name string) ([]tui.SymbolHit, error) {
	doc, err := s.refsChild().ask(ctx, name)
	if err != nil {
		return nil, err
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
	// A file the child could not read (too large, a parser that hung) may
	// hold references too: gr lists it rather than leave it out unsaid.
	for _, sk := range doc.Skipped {
		hits = append(hits, tui.SymbolHit{Path: sk.Path, Line: 1, In: tui.InUnread, Text: sk.Reason,
			Label: sk.Path + ": not read: " + sk.Reason})
	}
	return hits, nil
}

// refsChild returns gr's child, made at the first gr.
func (s *symbolSource) refsChild() *refsChild {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.refsProc == nil {
		s.refsProc = newRefsChild(s.exe, s.r.GitDir(), s.pin.Commit.String())
	}
	return s.refsProc
}

// close stops gr's child; the session is over.
func (s *symbolSource) close() {
	s.mu.Lock()
	c := s.refsProc
	s.mu.Unlock()
	if c != nil {
		c.close()
	}
}

// tailBuffer keeps the last max bytes written to it: a child's error is
// its last words (the skipped files it names come first), and a chatty
// child cannot fill the workbench's memory.
type tailBuffer struct {
	b   []byte
	max int
}

func (t *tailBuffer) Write(p []byte) (int, error) {
	n := len(p)
	if len(p) > t.max {
		p = p[len(p)-t.max:]
	}
	if over := len(t.b) + len(p) - t.max; over > 0 {
		t.b = t.b[over:]
	}
	t.b = append(t.b, p...)
	return n, nil
}

func (t *tailBuffer) String() string { return string(t.b) }
