package code

import (
	"context"
	"encoding/hex"
	"fmt"
	"io"
	"strings"
	"unicode"

	tea "github.com/charmbracelet/bubbletea"

	"sightline/repo"
)

// hexFind is the / search of the hex view. It streams the blob in Cmds,
// a chunk at a time, so it finds bytes anywhere in a blob of any size.
type hexFind struct {
	query  string
	pat    []byte // what is looked for (lower case when fold)
	fold   bool   // text typed in lower case matches either case
	isHex  bool   // the query was hex digits: pat is those bytes
	origin int64  // where typing the query started searching from
	seq    int    // the search waited for; it counts on across files (hexReset)
	match  int64  // offset of the current match; -1: none
	status string // "searching …", "no match below 0x…"
	cancel context.CancelFunc
}

// HexFoundMsg carries the outcome of a hex view search: the offset of
// the match found, or -1.
type HexFoundMsg struct {
	Seq  int
	Hash repo.Hash
	Off  int64
	Dir  int   // 1: searched forward from From; -1: backward before it
	From int64 // where the search started
	Err  error
}

// ParseHexQuery turns a hex view search into the bytes to look for: hex
// digit pairs (spaces between them allowed, as in "7f 45 4c 46") are
// those bytes; anything else is text, matched in either case when typed
// all in lower case (smart case, as / in the text view).
func ParseHexQuery(q string) (pat []byte, isHex, fold bool) {
	compact := strings.ReplaceAll(q, " ", "")
	if len(compact) >= 2 && len(compact)%2 == 0 && isHexDigits(compact) {
		b, _ := hex.DecodeString(compact)
		return b, true, false
	}
	if strings.IndexFunc(q, unicode.IsUpper) < 0 {
		return []byte(strings.ToLower(q)), false, true
	}
	return []byte(q), false, false
}

// hexSearch starts searching for query from where typing it began; ""
// clears the search.
func (m *Model) hexSearch(query string) tea.Cmd {
	f := &m.hx.find
	if f.cancel != nil {
		f.cancel()
		f.cancel = nil
	}
	if f.query == "" {
		f.origin = m.hx.row * rowBytes
	}
	f.seq++
	f.query, f.match, f.status = query, -1, ""
	if query == "" {
		f.pat = nil
		return nil
	}
	f.pat, f.isHex, f.fold = ParseHexQuery(query)
	return m.hexFindCmd(1, f.origin)
}

// hexStep goes to the next (dir 1) or previous (-1) match: from the
// current one, else from the cursor row.
func (m *Model) hexStep(dir int) tea.Cmd {
	f := &m.hx.find
	if f.query == "" || f.cancel != nil {
		return nil // no search, or one still running
	}
	from := m.hx.row * rowBytes
	if f.match >= 0 {
		from = f.match
		if dir > 0 {
			from++
		}
	}
	f.seq++
	return m.hexFindCmd(dir, from)
}

// hexFindCmd streams the blob for the search's pattern: forward from
// byte from, or backward (the last match starting before from).
func (m *Model) hexFindCmd(dir int, from int64) tea.Cmd {
	f := &m.hx.find
	ctx, cancel := context.WithCancel(context.Background())
	f.cancel = cancel
	f.status = "searching …"
	open, pat, fold, chunk := m.searchOpener(), f.pat, f.fold, m.hexChunk
	seq, hash := f.seq, m.hx.hash
	return func() tea.Msg {
		msg := HexFoundMsg{Seq: seq, Hash: hash, Off: -1, Dir: dir, From: from}
		start := from
		if dir < 0 {
			start = 0
		}
		rd, err := open(ctx, start)
		if err != nil {
			msg.Err = err
			return msg
		}
		defer rd.Close()
		var src io.Reader = rd
		if dir < 0 {
			src = io.LimitReader(rd, from+int64(len(pat))-1)
		}
		msg.Err = repo.FindBytes(ctx, src, start, pat, fold, chunk, func(off int64) bool {
			if dir < 0 {
				if off < from {
					msg.Off = off
				}
				return off < from
			}
			msg.Off = off
			return false
		})
		return msg
	}
}

// hexFound takes a search's outcome, if it answers the current search.
func (m *Model) hexFound(msg HexFoundMsg) tea.Cmd {
	f := &m.hx.find
	if m.doc == nil || msg.Seq != f.seq || msg.Hash != m.hx.hash {
		return nil
	}
	f.cancel = nil
	switch {
	case msg.Err != nil:
		f.status = "⚠ search failed: " + msg.Err.Error()
		return nil
	case msg.Off < 0 && msg.Dir > 0:
		f.status = fmt.Sprintf("no match at or below 0x%x (N searches above)", msg.From)
		return nil
	case msg.Off < 0:
		f.status = fmt.Sprintf("no match above 0x%x", msg.From)
		return nil
	}
	f.status, f.match = "", msg.Off
	m.hexPlace(msg.Off)
	return m.hexEnsure()
}

// hexSearchStatus describes the hex view's search for the status line.
func (m Model) hexSearchStatus() string {
	f := m.hx.find
	if f.query == "" {
		return ""
	}
	kind := "text"
	if f.isHex {
		kind = "hex bytes " + strings.TrimSpace(fmt.Sprintf("% x", f.pat))
	}
	head := fmt.Sprintf("/%s (%s): ", f.query, kind)
	switch {
	case f.status != "":
		return head + f.status
	case f.match >= 0:
		return head + fmt.Sprintf("match at 0x%x (n/N: next/previous)", f.match)
	}
	return head + "no match"
}
