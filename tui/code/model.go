// Package code is the code view: one file of the pinned tree with syntax
// highlighting, line numbers, horizontal scrolling, wrapping, in-file
// search and a line selection. Everything drawn from the file passes
// through the sanitizer: chroma lexes the raw text, and each token's text
// is sanitized before it is styled.
//
// Other views extend it through setters rather than by reaching inside:
// SetGutter adds a per-line text column (blame), SetMarks colours lines in
// the gutter (findings), and Selection exposes the V selection.
package code

import (
	"context"

	tea "github.com/charmbracelet/bubbletea"

	"sightline/repo"
	"sightline/tui/theme"
)

// TabWidth is the tab stop width used to expand TAB characters.
const TabWidth = 4

// Model is the code view. Build it with New; the zero value is not usable.
type Model struct {
	src    Source
	root   repo.Hash
	styles theme.Styles
	keys   KeyMap
	lexers *lexerCache

	seq      int    // the load request being waited for or shown
	loading  string // path being loaded, "" when idle
	doc      *Doc
	err      error
	toks     [][]token    // per line; nil: drawn plain (not lexed yet, or too long)
	blocks   map[int]bool // window blocks asked to be lexed (large files)
	lexer    string
	hex      bool    // a binary file shown as hex (hexview.go)
	hx       hexView // ... its rows, window and search
	hexWin   int64   // bytes of the blob the hex view holds at once
	hexChunk int     // bytes a hex search reads at a time
	escape   bool    // non-ASCII drawn as \u{XXXX} (EscapeNonASCII)
	cancel   context.CancelFunc

	cursor   int // 0-based cursor line
	top      int // first line on screen
	xoff     int // horizontal scroll, in columns
	want     int // the column cursor's wanted display column (column.go)
	wrap     bool
	width    int
	height   int
	focused  bool
	pendingG bool

	search    searchState
	sel       selection
	gutter    Gutter
	marks     []Mark
	marksPath string
	left      map[string]spot // where the cursor was in files left (column.go)
	land      landing         // the column a window being loaded lands on (column.go)

	winSize int64               // bytes of a large file shown at once
	cp      *checkpoints        // LF counts of the open large file, shared by Cmds
	pageReq int                 // the window request being waited for
	paging  string              // "loading lines …" while a window loads
	whole   wholeCount          // hostile characters of the whole large file (wholecount.go)
	hunt    huntState           // a search past the window (hunt.go)
	bad     map[repo.Hash]error // blobs found not to hash to their id (mismatch.go)
	// noSymbols, when set, is what gd, gr and o say instead of asking
	// the root to look up (symbol.go).
	noSymbols string
}

// New returns an empty code view reading from src at the root tree.
func New(src Source, root repo.Hash, s theme.Styles, k KeyMap) Model {
	return Model{src: src, root: root, styles: s, keys: k, lexers: newLexerCache(), winSize: MaxRead, cp: &checkpoints{}, hexWin: hexWindow, hexChunk: hexChunk, bad: map[repo.Hash]error{}}
}

// Open starts loading path and puts the cursor on line (1-based; 0 keeps
// the top). The view shows "loading" until the file arrives.
func (m *Model) Open(path string, line int) tea.Cmd { return m.OpenAt(path, line, 0) }

// OpenAt is Open with the column cursor on byte column col of the line
// (1-based, as the symbol index counts; 0: the first non-blank), so that
// a jump to a definition lands on its name.
func (m *Model) OpenAt(path string, line, col int) tea.Cmd {
	if m.doc != nil && m.doc.Path == path && m.loading == "" {
		if line > 0 {
			return m.GotoLineCol(line, col)
		}
		return nil
	}
	m.seq++
	m.loading = path
	m.err = nil
	m.paging = ""
	return load(m.src, m.root, path, line, col, m.seq, m.winSize)
}

// SetSize sets the pane's inner size in cells.
func (m *Model) SetSize(w, h int) {
	m.width, m.height = w, h
	m.clamp()
	if m.hex && m.doc != nil {
		m.hexClamp()
	}
}

// Focus gives the code view keyboard focus.
func (m *Model) Focus() tea.Cmd { m.focused = true; return m.lexVisible() }

// Blur takes keyboard focus away.
func (m *Model) Blur() { m.focused = false; m.pendingG = false }

// Focused reports whether the view has focus.
func (m Model) Focused() bool { return m.focused }

// KeyMap returns the view's bindings, for help.
func (m Model) KeyMap() KeyMap { return m.keys }

// Path is the open file's path ("" when none), or the one loading.
func (m Model) Path() string {
	if m.loading != "" {
		return m.loading
	}
	if m.doc != nil {
		return m.doc.Path
	}
	return ""
}

// Doc is the open file, or nil.
func (m Model) Doc() *Doc { return m.doc }

// Err is the error of the last load, if it failed.
func (m Model) Err() error { return m.err }

// Line is the cursor's 1-based line number in the file (0 when no file
// is open).
func (m Model) Line() int {
	if m.doc == nil || len(m.doc.Lines) == 0 {
		return 0
	}
	return m.doc.Base + m.cursor + 1
}

// Total is the number of lines in the open file; for a file shown a
// window at a time, the number of the window's last line.
func (m Model) Total() int {
	if m.doc == nil {
		return 0
	}
	return m.doc.Base + len(m.doc.Lines)
}

// Wrapped reports whether long lines wrap.
func (m Model) Wrapped() bool { return m.wrap }

// HostileCount is the number of hostile characters in the open file; for
// a file larger than the window, the loaded window's until the whole file
// is counted (HostileCountIsWhole).
func (m Model) HostileCount() int {
	switch {
	case m.doc == nil:
		return 0
	case m.wholeKnown():
		return m.whole.sum.Total()
	}
	return m.doc.Summary.Total()
}

// Lexer names the highlighter in use ("" while plain).
func (m Model) Lexer() string { return m.lexer }

// GotoLine puts the cursor on the 1-based line n, clamped to the file.
// A line outside the window of a large file is loaded first.
func (m *Model) GotoLine(n int) tea.Cmd { return m.GotoLineCol(n, 0) }

// GotoLineCol is GotoLine with the column cursor on byte column col
// (1-based; 0: the first non-blank, as GotoLine).
func (m *Model) GotoLineCol(n, col int) tea.Cmd {
	if m.outside(n) {
		return m.requestLanding(n, col)
	}
	if m.doc != nil {
		n -= m.doc.Base
	}
	m.placeCursor(n)
	m.landOn(col)
	return m.lexVisible()
}

// placeCursor moves the cursor to line n of the window and scrolls it a third of the way
// down the screen, so the lines above it give context.
func (m *Model) placeCursor(n int) {
	m.cursor = n - 1
	m.clamp()
	m.top = max(0, m.cursor-m.textHeight()/3)
	m.clamp()
}

// Update handles load and highlight results, search results and, when
// focused, keys.
func (m Model) Update(msg tea.Msg) (Model, tea.Cmd) {
	if h, err := mismatchIn(msg); err != nil {
		m.noteMismatch(h, err)
	}
	switch msg := msg.(type) {
	case LoadedMsg:
		if msg.Seq != m.seq {
			return m, nil
		}
		return m.loaded(msg)
	case WindowMsg:
		return m.windowLoaded(msg)
	case HighlightedMsg:
		if m.doc == nil || msg.Seq != m.seq || msg.Hash != m.doc.Blob.Hash || msg.Start != m.doc.Start {
			return m, nil
		}
		for i, t := range msg.Toks {
			if j := msg.From + i; j < len(m.toks) && t != nil {
				m.toks[j] = t
			}
		}
		if msg.Lexer != "" {
			m.lexer = msg.Lexer
		}
		return m, nil
	case SearchedMsg:
		m.searched(msg)
		return m, m.lexVisible()
	case HexWindowMsg:
		return m, m.hexWindowLoaded(msg)
	case HexFoundMsg:
		return m, m.hexFound(msg)
	case HuntedMsg:
		return m.hunted(msg)
	case HostileCountedMsg:
		m.wholeCounted(msg)
		return m, nil
	case tea.KeyMsg:
		if !m.focused {
			return m, nil
		}
		return m.handleKey(msg)
	}
	return m, nil
}

func (m Model) loaded(msg LoadedMsg) (Model, tea.Cmd) {
	if m.cancel != nil {
		m.cancel()
		m.cancel = nil
	}
	m.loading = ""
	m.cp = &checkpoints{}
	if msg.Err != nil {
		m.err = msg.Err
		m.doc = nil
		return m, m.startWholeCount() // only stops one still running
	}
	m.remember()
	m.flagKnown(msg.Doc)
	m.doc, m.err = msg.Doc, nil
	m.toks = make([][]token, len(m.doc.Lines))
	m.blocks = map[int]bool{}
	m.lexer, m.cursor, m.top, m.xoff, m.want = "", 0, 0, 0, 0
	m.hex = !m.doc.AsText
	if m.doc.Blob.Binary {
		m.hexReset()
	}
	m.sel = selection{}
	m.search.matches, m.search.current, m.search.found, m.search.note = nil, -1, false, ""
	m.stopHunt()
	if m.gutter.Path != m.doc.Path {
		m.gutter = Gutter{}
	}
	cmds := []tea.Cmd{m.startWholeCount()}
	if m.search.query != "" {
		m.search.jump = true
		cmds = append(cmds, m.runSearch())
	}
	if msg.Line > 0 {
		if m.outside(msg.Line) {
			cmds = append(cmds, m.requestLanding(msg.Line, msg.Col))
		}
		m.placeCursor(msg.Line)
		m.landOn(msg.Col)
		if msg.Col == 0 {
			m.recall()
		}
	}
	if m.doc.AsText && !m.doc.LongLines && m.doc.Blob.Size <= FullHighlightMax && !m.doc.Blob.Truncated {
		ctx, cancel := context.WithCancel(context.Background())
		m.cancel = cancel
		for b := 0; b*blockLines < len(m.doc.Lines); b++ {
			m.blocks[b] = true
		}
		cmds = append(cmds, highlight(ctx, m.lexers, m.doc, 0, len(m.doc.Lines), m.seq))
	} else {
		cmds = append(cmds, m.lexVisible())
	}
	return m, tea.Batch(cmds...)
}

// blockLines is the unit in which large files are highlighted on demand.
const blockLines = 256

// lexVisible asks for highlighting of the blocks on screen that have not
// been asked for yet (large files only; small ones are lexed whole).
func (m *Model) lexVisible() tea.Cmd {
	if m.doc == nil || !m.doc.AsText || m.blocks == nil {
		return nil
	}
	var cmds []tea.Cmd
	first, last := m.top/blockLines, (m.top+m.textHeight())/blockLines
	for b := first; b <= last && b*blockLines < len(m.doc.Lines); b++ {
		if m.blocks[b] {
			continue
		}
		m.blocks[b] = true
		from, to := b*blockLines, min((b+1)*blockLines, len(m.doc.Lines))
		cmds = append(cmds, highlight(context.Background(), m.lexers, m.doc, from, to, m.seq))
	}
	return tea.Batch(cmds...)
}
