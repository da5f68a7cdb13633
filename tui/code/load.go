package code

import (
	"context"
	"fmt"
	"unicode/utf8"

	tea "github.com/charmbracelet/bubbletea"

	"sightline/repo"
	"sightline/repo/textsafe"
)

// Size limits that keep the UI alive on hostile or generated files.
const (
	// MaxRead is how much of a blob is held for display: a larger blob is
	// shown one window of at most MaxRead bytes at a time (window.go).
	MaxRead = 16 << 20
	// FullHighlightMax is the largest file lexed whole in the background;
	// larger files are highlighted one screen at a time.
	FullHighlightMax = 2 << 20
	// LongLine is the length above which a line is never highlighted and is
	// drawn with a "line truncated" marker at the window's edge.
	LongLine = 4096
)

// Source reads the pinned tree. *repo.Repo satisfies it.
type Source interface {
	Lookup(ctx context.Context, root repo.Hash, path string) (repo.Entry, error)
	ReadBlob(ctx context.Context, h repo.Hash, limit int64) (repo.Blob, error)
}

// LoadedMsg carries a file read for the code view. Seq is the request it
// answers; the view drops answers to requests it no longer waits for.
type LoadedMsg struct {
	Seq  int
	Doc  *Doc
	Line int // 1-based line to put the cursor on; 0 keeps the top
	Col  int // 1-based byte column of Line for the column cursor; 0: its first non-blank
	Err  error
	Path string
}

// Doc is a file prepared for display: read once, split, scanned. It is
// never changed after the load Cmd returns, so Cmds may read it freely.
type Doc struct {
	Path    string
	Entry   repo.Entry
	Blob    repo.Blob
	Lines   [][]byte // by the repo.SplitLines model, LF included
	Issues  []textsafe.Issue
	Summary textsafe.Summary
	Hostile map[int]int // 0-based line -> number of hostile characters on it
	Target  string      // a symlink's target
	// AsText is false for a binary file shown as a hex preview. Binary
	// files that look like source (a NUL hidden in a .c file) stay text.
	AsText    bool
	NULSource bool // git calls it binary, but it is source with a NUL byte
	LongLines bool // some line is longer than LongLine
	// Mismatch is set when a paged blob, streamed whole in the background,
	// does not hash to its id: the object file was substituted or damaged
	// (SECURITY-NOTES HOST-28). Smaller blobs never load in that case.
	Mismatch error
	// Paged is set for a file larger than the window: Lines then hold the
	// lines after the first Base ones, from byte Start; AtEnd says the
	// window reaches the end of the file.
	Paged bool
	Base  int
	Start int64
	AtEnd bool
	// CutLine is set when the window's last line goes on past it: a line
	// longer than the window.
	CutLine bool
	// LineFrom is how many bytes of the window's first line lie before
	// it: a window opened at a match deep inside a line longer than the
	// window starts there, not at the line's start (issue 17.8).
	LineFrom int64
}

// load reads path at the pinned tree in the background.
func load(src Source, root repo.Hash, path string, line, col, seq int, window int64) tea.Cmd {
	return func() tea.Msg {
		ctx := context.Background()
		e, err := src.Lookup(ctx, root, path)
		if err != nil {
			return LoadedMsg{Seq: seq, Path: path, Err: err}
		}
		d, err := readDoc(ctx, src, e, window)
		return LoadedMsg{Seq: seq, Path: path, Doc: d, Line: line, Col: col, Err: err}
	}
}

func readDoc(ctx context.Context, src Source, e repo.Entry, window int64) (*Doc, error) {
	d := &Doc{Path: e.Path, Entry: e}
	switch e.Kind {
	case repo.KindDir:
		return nil, fmt.Errorf("%s is a directory", textsafe.Sanitize(e.Path))
	case repo.KindError:
		return nil, fmt.Errorf("%s: %v", textsafe.Sanitize(e.Path), e.Err)
	case repo.KindSubmodule:
		return d, nil
	}
	b, err := src.ReadBlob(ctx, e.Hash, window)
	if err != nil {
		return nil, err
	}
	if _, ok := src.(opener); ok && b.Truncated && e.Kind != repo.KindSymlink {
		// The first window of a paged file ends on a line boundary.
		d.Paged = true
		b.Data = cutAtLastLF(b.Data)
		d.CutLine = b.Data[len(b.Data)-1] != '\n'
	}
	// A blob read whole was checked against its id by ReadBlob (a
	// substitute fails above, naming the blob); the first window of a
	// paged file is checked when the whole-file count has streamed all of
	// it (countedMsg sets Mismatch).
	if e.Kind == repo.KindSymlink {
		d.Target = string(b.Data)
	}
	prepare(d, b)
	return d, nil
}

// prepare splits and scans the bytes of b shown in d.
func prepare(d *Doc, b repo.Blob) {
	d.Blob = b
	d.Lines = repo.SplitLines(b.Data)
	for _, l := range d.Lines {
		if len(l) > LongLine {
			d.LongLines = true
			break
		}
	}
	d.AsText = !b.Binary || looksLikeSource(d.Path, b.Data)
	d.NULSource = b.Binary && d.AsText
	if d.AsText {
		d.Issues = textsafe.Scan(b.Data)
		d.Summary = textsafe.Summarize(d.Issues)
		d.Hostile = map[int]int{}
		for _, is := range d.Issues {
			if is.Kind.Hostile() {
				d.Hostile[is.Line-1]++
			}
		}
	}
}

// looksLikeSource tells source with a NUL hidden in it from real binary
// data: a name chroma knows as a programming language, or content that is
// almost all valid, printable UTF-8. GCC compiles a .c file with a NUL
// (a warning only) while git calls it binary, so hiding it would hide
// code that runs.
func looksLikeSource(path string, data []byte) bool {
	if l := lexerForName(path); l != nil && l.Config().Name != "plaintext" {
		return true
	}
	sample := data[:min(len(data), 8000)]
	bad := 0
	for i := 0; i < len(sample); {
		r, n := utf8.DecodeRune(sample[i:])
		if r == 0 || (r == utf8.RuneError && n == 1) || (r < 0x20 && r != '\t' && r != '\n' && r != '\r') {
			bad++
		}
		i += n
	}
	return bad*100 <= len(sample) // at most 1% odd bytes
}
