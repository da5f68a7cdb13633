package tui

// gr's list: the references grouped by file under a "path (N)" header,
// those in code first (a group per file), then those in comments and
// strings (dimmed, a group per file). A call site names its caller
// ("called from foo()"), so that a path can be walked upward: enter on it,
// then gr on the caller's name.

import (
	"fmt"

	"sightline/tui/picklist"
)

// showRefs opens the list of name's references.
func (m *Model) showRefs(name string, hits []SymbolHit) {
	var code, other, unread []SymbolHit
	calls := 0
	for _, h := range hits {
		if h.In == InUnread {
			unread = append(unread, h)
			continue
		}
		if h.Code {
			code = append(code, h)
			if h.Call && h.Func != "" {
				calls++
			}
		} else {
			other = append(other, h)
		}
	}
	items := append(refGroups(code, ""), refGroups(other, " in comments and strings")...)
	title := fmt.Sprintf("references to %s: %d in code (%s), %d in comments and strings", name, len(code), plural(calls, "call"), len(other))
	if len(unread) > 0 {
		title += fmt.Sprintf("; %s not read", plural(len(unread), "file"))
		items = append(items, picklist.Item{Header: true, Label: fmt.Sprintf("not read, so not searched (%d)", len(unread))})
		for _, h := range unread {
			items = append(items, picklist.Item{Label: h.Path + ": " + h.Text, Path: h.Path, Line: 1, Muted: true})
		}
	}
	m.overlay.pick.Show(title, items)
	m.overlay.kind = overlayPick
	m.layout()
}

// refGroups puts hits under a header per file, files in the order they
// first appear (hits come in path order).
func refGroups(hits []SymbolHit, what string) []picklist.Item {
	var order []string
	byPath := map[string][]SymbolHit{}
	for _, h := range hits {
		if _, ok := byPath[h.Path]; !ok {
			order = append(order, h.Path)
		}
		byPath[h.Path] = append(byPath[h.Path], h)
	}
	var items []picklist.Item
	for _, p := range order {
		hs := byPath[p]
		items = append(items, picklist.Item{Header: true, Label: fmt.Sprintf("%s (%d)%s", p, len(hs), what)})
		for _, h := range hs {
			items = append(items, picklist.Item{Label: refLabel(h), Path: h.Path, Line: h.Line, Col: h.Col, Muted: !h.Code})
		}
	}
	return items
}

// refLabel is a reference's row: "line:col called from foo(): text" for
// a call site, "line:col code in foo: text" for another use.
func refLabel(h SymbolHit) string {
	s := fmt.Sprintf("%d:%d ", h.Line, h.Col)
	switch {
	case h.Call && h.Func != "":
		s += "called from " + h.Func + "()"
	default:
		s += h.In
		if h.Func != "" {
			s += " in " + h.Func
		}
	}
	return s + ": " + h.Text
}

// plural is "1 call", "2 calls".
func plural(n int, what string) string {
	if n == 1 {
		return "1 " + what
	}
	return fmt.Sprintf("%d %ss", n, what)
}
