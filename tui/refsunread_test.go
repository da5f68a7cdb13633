package tui

import (
	"context"
	"strings"
	"testing"

	"sightline/tui/nav"
	"sightline/tui/tuitest"
)

// unreadSource answers gr with one reference and a file it could not read.
type unreadSource struct{ namesSource }

func (s *unreadSource) References(context.Context, string) ([]SymbolHit, error) {
	return []SymbolHit{
		{Path: "src/server/main.go", Line: 3, Col: 6, Code: true, In: "code", Text: "func Run() {}"},
		{Path: "gen/huge\x1b]0;owned\x07.c", Line: 1, In: InUnread, Text: "larger than 4 MiB"},
	}, nil
}

// gr says when files that may hold references were not read, and lists
// them last, each with its reason, sanitized; they are not counted as
// references.
func TestReferencesListTheFilesNotRead(t *testing.T) {
	_, m0 := namesModel(t)
	m0.deps.Symbols = &unreadSource{}
	m := tuitest.RunModel(t, m0, nav.SymbolMsg{Name: "Run", Path: "docs/long.txt", Line: 1, Refs: true})
	s := screen(m)
	for _, want := range []string{
		"references to Run: 1 in code (0 calls), 0 in comments and strings; 1 file not read",
		"not read, so not searched (1)", "gen/huge^[]0;owned^G.c: larger than 4 MiB",
	} {
		if !strings.Contains(s, want) {
			t.Errorf("gr's list lacks %q:\n%s", want, s)
		}
	}
	if strings.Contains(m.View(), "\x1b]0;owned") {
		t.Error("an unread file's name reached the terminal raw")
	}
}
