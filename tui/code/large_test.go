package code

import (
	"strings"
	"testing"

	"sightline/repo/repotest"
	"sightline/tui/tuitest"
)

func TestLargeFileHighlightsOnlyWhatIsOnScreen(t *testing.T) {
	line := "func f() int { return 42 } // a comment that makes the line longer\n"
	content := strings.Repeat(line, (FullHighlightMax/len(line))+5000)
	_, r, pin := fixture(t, repotest.Tree{"big.go": {Content: content}})
	m := opened(t, r, pin, "big.go", 0)
	if !strings.Contains(screen(m), "large file or long lines: highlighting only what is on screen") {
		t.Fatalf("no large-file banner:\n%s", screen(m))
	}
	if m.toks[0] == nil || m.Lexer() != "Go" {
		t.Fatalf("the first screen was not highlighted (lexer %q)", m.Lexer())
	}
	far := m.Total() - 10
	if m.toks[far] != nil {
		t.Fatal("a line far below the screen was highlighted up front")
	}
	m = tuitest.Run(t, m, tuitest.Exec(t, m.GotoLine(far))...)
	if m.toks[far-1] == nil {
		t.Fatal("the screen after a jump was not highlighted")
	}
}

func TestHugeFileIsReadAWindowAtATime(t *testing.T) {
	if testing.Short() {
		t.Skip("writes a 17 MiB blob")
	}
	content := strings.Repeat("0123456789abcde\n", (MaxRead+1<<20)/16)
	_, r, pin := fixture(t, repotest.Tree{"huge.txt": {Content: content}})
	m := opened(t, r, pin, "huge.txt", 0)
	if !strings.Contains(strings.ReplaceAll(screen(m), "\n", ""), "showing lines 1–1,048,576 of this 17.0 MiB file as plain text; the rest loads as you move") {
		t.Fatalf("no size banner:\n%s", screen(m))
	}
	// HOST-16: the metadata names the object, so the reviewer can cite it;
	// HOST-28: the whole-file read (all Cmds ran) checked it.
	if want := "its ID (blob " + m.Doc().Entry.Hash.String() + ") was checked"; !strings.Contains(strings.ReplaceAll(screen(m), "\n", ""), want) {
		t.Errorf("the size banner lacks %q:\n%s", want, screen(m))
	}
	if got := len(m.Doc().Blob.Data); got != MaxRead {
		t.Fatalf("read %d bytes, want the cap %d", got, MaxRead)
	}
	// HOST-16: the tail past the first window is reachable.
	m = tuitest.Run(t, m, tuitest.Key("G"))
	if want := len(content) / 16; m.Line() != want {
		t.Fatalf("G: line %d, want %d", m.Line(), want)
	}
}
