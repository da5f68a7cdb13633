package repo_test

import (
	"context"
	"errors"
	"fmt"
	"os"
	"strings"
	"testing"

	"sightline/repo"
	"sightline/repo/repotest"
	"sightline/repo/repotest/pintest"

	"github.com/go-git/go-git/v5/plumbing/filemode"
)

func scanAll(t *testing.T, r *repo.Repo, pin repo.Pin) []string {
	t.Helper()
	var out []string
	err := r.ScanHostile(context.Background(), pin, func(rp repo.ScanReport) error {
		out = append(out, rp.String())
		return nil
	})
	if err != nil {
		t.Fatalf("ScanHostile: %v", err)
	}
	return out
}

// hostileReports is everything planted in the repotest.Hostile fixture,
// as "sightline scan" prints it; %[1]s is the first commit, %[2]s the
// second.
const hostileReports = `badutf8.txt:1:21: \xFF INVALID UTF-8 BYTE
badutf8.txt:1:22: \xFE INVALID UTF-8 BYTE
badutf8.txt:1:24: \xC3 INVALID UTF-8 BYTE
badutf8.txt:1:27: \xED INVALID UTF-8 BYTE
badutf8.txt:1:28: \xA0 INVALID UTF-8 BYTE
badutf8.txt:1:29: \x80 INVALID UTF-8 BYTE
badutf8.txt:1:43: \xF4 INVALID UTF-8 BYTE
badutf8.txt:1:44: \x90 INVALID UTF-8 BYTE
badutf8.txt:1:45: \x80 INVALID UTF-8 BYTE
badutf8.txt:1:46: \x80 INVALID UTF-8 BYTE
badutf8.txt:1:69: \xC0 INVALID UTF-8 BYTE
badutf8.txt:1:70: \xAF INVALID UTF-8 BYTE
bidi<U+202E>txt.exe: path col 5: U+202E RIGHT-TO-LEFT OVERRIDE
esc^[[31mred.txt: path col 4: U+001B ESCAPE
escapes.txt:2:10: U+001B ESCAPE
escapes.txt:2:18: U+001B ESCAPE
escapes.txt:2:33: U+001B ESCAPE
escapes.txt:3:8: U+001B ESCAPE
escapes.txt:3:31: U+0007 BELL
escapes.txt:4:7: U+001B ESCAPE
escapes.txt:4:33: U+001B ESCAPE
escapes.txt:4:40: U+001B ESCAPE
escapes.txt:4:45: U+001B ESCAPE
escapes.txt:5:8: U+001B ESCAPE
escapes.txt:5:17: U+0007 BELL
escapes.txt:5:19: U+001B ESCAPE
escapes.txt:5:29: U+0007 BELL
escapes.txt:6:6: U+001B ESCAPE
escapes.txt:6:12: U+001B ESCAPE
escapes.txt:7:14: U+009B CONTROL SEQUENCE INTRODUCER
escapes.txt:7:42: \x9B INVALID UTF-8 BYTE
escapes.txt:8:23: U+000D CARRIAGE RETURN
escapes.txt:9:19: U+0008 BACKSPACE
escapes.txt:9:20: U+0008 BACKSPACE
escapes.txt:9:21: U+0008 BACKSPACE
escapes.txt:9:22: U+0008 BACKSPACE
homoglyph.js:2:5: U+0430 CYRILLIC SMALL LETTER A (identifier "а" reads as "a")
homoglyph.js:3:6: U+200B ZERO WIDTH SPACE
homoglyph.js:4:1: U+FEFF ZERO WIDTH NO-BREAK SPACE
homoglyph.js:4:28: U+200D ZERO WIDTH JOINER
homoglyph.js:4:36: U+200C ZERO WIDTH NON-JOINER
homoglyph.js:4:42: U+2060 WORD JOINER
name^Jwith newline.txt: path col 5: U+000A LINE FEED
nul.txt:1:5: U+0000 NULL
nulsrc.c:1:16: U+0000 NULL
trojan.c:3:5: U+202E RIGHT-TO-LEFT OVERRIDE
trojan.c:3:11: U+2066 LEFT-TO-RIGHT ISOLATE
trojan.c:3:26: U+2069 POP DIRECTIONAL ISOLATE
trojan.c:3:30: U+2066 LEFT-TO-RIGHT ISOLATE
trojan.c:5:22: U+202E RIGHT-TO-LEFT OVERRIDE
trojan.c:5:28: U+2066 LEFT-TO-RIGHT ISOLATE
trojan_return.c:4:31: U+2067 RIGHT-TO-LEFT ISOLATE
commit %[2]s author col 5: U+001B ESCAPE
commit %[2]s author col 14: U+0007 BELL
commit %[2]s author col 15: U+001B ESCAPE
commit %[1]s message:1:9: U+001B ESCAPE
commit %[1]s message:1:24: U+0007 BELL
commit %[1]s message:3:6: U+001B ESCAPE
commit %[1]s message:3:19: U+001B ESCAPE
commit %[1]s message:3:23: U+000D CARRIAGE RETURN
commit %[1]s author col 5: U+001B ESCAPE
commit %[1]s author col 14: U+0007 BELL
commit %[1]s author col 15: U+001B ESCAPE`

func TestScanHostileFindsEveryPlantedCharacter(t *testing.T) {
	h := repotest.Hostile(t, repotest.HostileOptions{LongLine: true})
	r := pintest.Open(t, h.Dir)
	got := strings.Join(scanAll(t, r, pintest.Resolve(t, r, "main")), "\n")
	want := fmt.Sprintf(hostileReports, h.Commits[0], h.Commits[1])
	if got != want {
		t.Errorf("ScanHostile reports:\n%s\n\nwant:\n%s", got, want)
	}
	// Pinned at the first commit, the gitlink commit is not visited.
	for _, l := range scanAll(t, r, pintest.Resolve(t, r, "hostile")) {
		if strings.Contains(l, h.Commits[1].String()) {
			t.Errorf("report from a commit after the pin: %s", l)
		}
	}
}

func TestScanHostileCleanRepository(t *testing.T) {
	c := repotest.New(t)
	c.Author.Name = "José Müller"
	c.Commit("first\n\nwith a body, tabs\tand CRLF\r\n", repotest.Tree{
		"main.go":          {Content: "\ufeffpackage main\r\n\nfunc main() {\n\tprintln(\"привет, 世界\")\n}\n"},
		"docs/naïve.md":    {Content: "Ünïcödé prose is fine.\n"},
		"logo.png":         {Content: "\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x9b\x1b"},
		"link":             {Content: "main.go", Mode: filemode.Symlink},
		"vendor/submodule": {Content: "2222222222222222222222222222222222222222", Mode: filemode.Submodule},
	})
	r, pin := pintest.Head(t, c)
	if got := scanAll(t, r, pin); len(got) != 0 {
		t.Errorf("clean repository reported:\n%s", strings.Join(got, "\n"))
	}
}

func TestScanHostileGoesOnPastUnreadableObjects(t *testing.T) {
	h := repotest.Hostile(t, repotest.HostileOptions{})
	tree := h.TreeOf(h.Head())
	blob := h.Blob(tree["trojan.c"].Content)
	if err := os.Remove(h.ObjectPath(blob)); err != nil {
		t.Fatal(err)
	}
	if err := os.Remove(h.ObjectPath(h.Commits[0])); err != nil {
		t.Fatal(err)
	}
	r := pintest.Open(t, h.Dir)
	pin := pintest.Resolve(t, r, "main")
	got := strings.Join(scanAll(t, r, pin), "\n")
	for _, want := range []string{
		"trojan.c: unreadable: blob " + blob.String(),
		"trojan_return.c:4:31: U+2067 RIGHT-TO-LEFT ISOLATE",
		"commit " + h.Commits[0].String() + ": unreadable:",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("missing %q in\n%s", want, got)
		}
	}
}

func TestScanHostileStops(t *testing.T) {
	h := repotest.Hostile(t, repotest.HostileOptions{})
	r := pintest.Open(t, h.Dir)
	pin := pintest.Resolve(t, r, "main")
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if err := r.ScanHostile(ctx, pin, func(repo.ScanReport) error { return nil }); !errors.Is(err, context.Canceled) {
		t.Errorf("cancelled scan: %v", err)
	}
	stop := errors.New("enough")
	n := 0
	err := r.ScanHostile(context.Background(), pin, func(repo.ScanReport) error { n++; return stop })
	if !errors.Is(err, stop) || n != 1 {
		t.Errorf("fn error: %v after %d reports", err, n)
	}
}
