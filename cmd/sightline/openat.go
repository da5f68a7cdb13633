package main

// Opening the workbench at a place: "open REPO path:941", "open REPO +941
// path" (as vim, less and tig take it), and resuming where a workspace
// was left.

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"sightline/repo"
	"sightline/repo/textsafe"
	"sightline/review"
	"sightline/tui"
	"sightline/tui/nav"
)

// openTarget is the file and line asked for on the command line.
type openTarget struct {
	path string // as typed: cut at its :LINE when the tree has no such name
	line int    // 0: none given
	col  int    // the byte column after the line; 0: none given
	// spelled is path as typed, before any :LINE[:COL] was cut, for the
	// exact-name check (a file may be named "a:12").
	spelled string
	plus    bool // the line came from +N
}

// splitOpenArgs sorts open's positional arguments: [REPO] [+LINE]
// [FILE[:LINE[:COL]]]. The first is the repository, the second the file;
// a lone argument is the file (in the current directory's repository)
// when +LINE is given or it ends in :LINE.
func splitOpenArgs(args []string) (repoPath string, t openTarget, err error) {
	var rest []string
	for _, a := range args {
		if strings.HasPrefix(a, "+") {
			if t.plus {
				return "", t, usagef("give one +LINE, not %q and %q", "+"+strconv.Itoa(t.line), a)
			}
			if t.line, err = lineNumber(a[1:]); err != nil {
				return "", t, usagef("%s: want +LINE with LINE a line number from 1 (as vim's +941)", a)
			}
			t.plus = true
			continue
		}
		rest = append(rest, a)
	}
	switch {
	case len(rest) > 2:
		return "", t, usagef("give a repository and one file, not %d arguments (%q, %q, %q, …)", len(rest), rest[0], rest[1], rest[2])
	case len(rest) == 2:
		repoPath, t.spelled = rest[0], rest[1]
	case len(rest) == 1 && (t.plus || hasLineSuffix(rest[0])):
		repoPath, t.spelled = ".", rest[0]
	case len(rest) == 1:
		repoPath = rest[0]
	default:
		repoPath = "."
	}
	if t.plus && t.spelled == "" {
		return "", t, usagef("+%d names a line but no file: give the file after it (sightline open REPO +%d path/to/file)", t.line, t.line)
	}
	t.path = t.spelled
	if p, line, col, ok := cutLine(t.spelled); ok {
		if t.plus {
			return "", t, usagef("the line is given twice (+%d and %q): give one", t.line, t.spelled)
		}
		t.path, t.line, t.col = p, line, col
	}
	return repoPath, t, nil
}

// splitOpenArgsRepo is splitOpenArgs when the repository may also come
// from --repo (as every other command takes it): then the arguments left
// name only the file, "+LINE FILE" or "FILE[:LINE[:COL]]".
func splitOpenArgsRepo(repoFlag string, args []string) (string, openTarget, error) {
	if repoFlag == "" {
		return splitOpenArgs(args)
	}
	files := 0
	for _, a := range args {
		if !strings.HasPrefix(a, "+") {
			files++
		}
	}
	switch {
	case files > 1:
		return "", openTarget{}, usagef("--repo %s names the repository: give one file after it, not %d arguments", textsafe.Sanitize(repoFlag), files)
	case files == 0 && len(args) > 0:
		return "", openTarget{}, usagef("%s names a line but no file: give the file after it (sightline open --repo %s %s path/to/file)", textsafe.Sanitize(args[0]), textsafe.Sanitize(repoFlag), textsafe.Sanitize(args[0]))
	case files == 0:
		return repoFlag, openTarget{}, nil
	}
	return splitOpenArgs(append([]string{repoFlag}, args...))
}

// cutLine splits "path:LINE" or "path:LINE:COL" (grep -n, compilers and
// "sightline refs" print these; COL is a byte column from 1, where the
// code view puts its column cursor).
func cutLine(s string) (path string, line, col int, ok bool) {
	p, last, found := cutLast(s)
	if !found || !allDigits(last) {
		return s, 0, 0, false
	}
	if p2, mid, found := cutLast(p); found && allDigits(mid) {
		// A column out of range (0, or past int) is dropped, not refused:
		// the line is what matters.
		c, err := strconv.Atoi(last)
		if err != nil {
			c = 0
		}
		p, last, col = p2, mid, c // path:LINE:COL
	}
	n, err := lineNumber(last)
	if err != nil || p == "" {
		return s, 0, 0, false
	}
	return p, n, col, true
}

func cutLast(s string) (before, after string, found bool) {
	i := strings.LastIndexByte(s, ':')
	if i < 0 {
		return s, "", false
	}
	return s[:i], s[i+1:], true
}

func hasLineSuffix(s string) bool { _, _, _, ok := cutLine(s); return ok }

// lineNumber parses a 1-based line number.
func lineNumber(s string) (int, error) {
	n, err := strconv.Atoi(s)
	if err != nil || n < 1 || !allDigits(s) {
		return 0, fmt.Errorf("%q is not a line number (they count from 1)", s)
	}
	return n, nil
}

// resolveTarget checks the file and line against the tree at the pin and
// returns where to start. A name that exists as typed ("a:12") wins over
// its :LINE reading.
func resolveTarget(r *repo.Repo, pin repo.Pin, t openTarget) (tui.Position, error) {
	ctx := context.Background()
	path := treePath(t.path)
	e, err := r.Lookup(ctx, pin.Tree, path)
	if exact := treePath(t.spelled); exact != path {
		if e2, err2 := r.Lookup(ctx, pin.Tree, exact); err2 == nil && e2.Kind != repo.KindDir {
			e, err, path, t.line, t.col = e2, nil, exact, lineIf(t.plus, t.line), 0
		}
	}
	at := textsafe.Sanitize(pin.Ref) + " (" + pin.Commit.Short() + ")"
	switch {
	case errors.Is(err, repo.ErrNotFound):
		return tui.Position{}, fmt.Errorf("%s: no such file in the tree at %s; the tree at the pin is what is shown, not the work tree (ctrl+p in the workbench finds a file)", textsafe.Sanitize(path), at)
	case err != nil:
		return tui.Position{}, fmt.Errorf("%s: %w", textsafe.Sanitize(path), err)
	case path == "" || e.Kind == repo.KindDir:
		return tui.Position{}, fmt.Errorf("%s is a directory at %s: give a file", textsafe.Sanitize(path+"/"), at)
	}
	if t.line > 0 && (e.Kind == repo.KindFile || e.Kind == repo.KindExec) {
		n, err := countLines(r, e.Hash)
		if err != nil {
			return tui.Position{}, fmt.Errorf("%s: %w", textsafe.Sanitize(path), err)
		}
		if t.line > n {
			return tui.Position{}, fmt.Errorf("%s has %d lines at %s: line %d is past the end", textsafe.Sanitize(path), n, at, t.line)
		}
	}
	return tui.Position{Tab: nav.ViewFiles, Path: path, Line: t.line, Col: t.col}, nil
}

func lineIf(ok bool, n int) int {
	if ok {
		return n
	}
	return 0
}

// countLines counts a blob's lines as the code view numbers them (a last
// line without a newline counts), reading it as a stream.
func countLines(r *repo.Repo, h repo.Hash) (int, error) {
	rd, _, err := r.OpenBlob(context.Background(), h)
	if err != nil {
		return 0, err
	}
	defer rd.Close()
	n, last := 0, byte('\n')
	buf := make([]byte, 1<<16)
	for {
		k, err := rd.Read(buf)
		for _, b := range buf[:k] {
			if b == '\n' {
				n++
			}
		}
		if k > 0 {
			last = buf[k-1]
		}
		if err == io.EOF {
			break
		}
		if err != nil {
			return 0, err
		}
	}
	if last != '\n' {
		n++
	}
	return n, nil
}

// positionFile holds, in the workspace, where the reviewer left it.
const positionFile = "position.json"

// savedPosition is positionFile's content. Path is bytes: a tree's names
// may be any bytes, and JSON strings would replace invalid UTF-8.
type savedPosition struct {
	Pin  string `json:"pin"`
	Tab  int    `json:"tab"`
	Path []byte `json:"path,omitempty"`
	Line int    `json:"line,omitempty"`
	Col  int    `json:"col,omitempty"`
}

// savePosition records where the reviewer is, crash-safely.
func savePosition(dir string, pin repo.Pin, p tui.Position) error {
	data, err := json.Marshal(savedPosition{Pin: pin.Commit.String(), Tab: int(p.Tab), Path: []byte(p.Path), Line: p.Line, Col: p.Col})
	if err != nil {
		return err
	}
	return review.WriteFileAtomic(dir, positionFile, data)
}

// loadPosition reads where the workspace was left, checked against the
// tree at the pin; note says why a saved place is not used ("" when it
// is, or there is none).
func loadPosition(r *repo.Repo, dir string, pin repo.Pin) (p tui.Position, note string) {
	data, err := os.ReadFile(filepath.Join(dir, positionFile))
	if err != nil {
		return tui.Position{}, ""
	}
	var s savedPosition
	if err := json.Unmarshal(data, &s); err != nil || s.Pin != pin.Commit.String() || s.Tab < 0 || s.Line < 0 || s.Col < 0 {
		return tui.Position{}, "" // another pin's, or not ours: start at the top
	}
	p = tui.Position{Tab: nav.ViewID(s.Tab), Path: string(s.Path), Line: s.Line, Col: s.Col}
	if p.Path == "" {
		return p, ""
	}
	e, err := r.Lookup(context.Background(), pin.Tree, p.Path)
	if err != nil || e.Kind == repo.KindDir {
		return tui.Position{Tab: p.Tab}, fmt.Sprintf("the last position, %s, is not a file in the tree at the pin: starting at the top", textsafe.Sanitize(p.Path))
	}
	return p, ""
}
