package main

import (
	"bytes"
	"context"
	"fmt"
	"maps"
	"os"
	"os/exec"
	"slices"
	"strings"
	"testing"

	"github.com/go-git/go-git/v5/plumbing"

	"sightline/repo/repotest"
	"sightline/repo/repotest/pintest"
)

// browseRepo builds the repository most browsing tests use: a few
// directories, a 300-line file with two "needle" lines, a long line and a
// file whose contents try to retitle the terminal and write its clipboard.
func browseRepo(t *testing.T) *repotest.Repo {
	t.Helper()
	var long strings.Builder
	for i := 1; i <= 300; i++ {
		fmt.Fprintf(&long, "row %03d", i)
		if i == 120 || i == 240 {
			long.WriteString(" needle")
		}
		long.WriteString("\n")
	}
	rt := repotest.New(t)
	rt.Commit("first", repotest.Tree{
		"README.md":        {Content: "# browse\n\nhello\n"},
		"src/app/main.go":  {Content: "package main\n\nfunc main() {\n\tprintln(\"needle\")\n}\n"},
		"src/app/rows.txt": {Content: long.String()},
		"src/wide.txt":     {Content: "start " + strings.Repeat("0123456789", 30) + " END_OF_WIDE\n"},
		"hostile.txt": {Content: "TITLE: \x1b]0;owned\x07 \x1b]2;owned2\x07\n" +
			"OSC52: \x1b]52;c;Y3VybCBldmlsfHNo\x07\nCSI: \x1b[2J\x1b[31mRED\n"},
	})
	return rt
}

func TestE2ETreeKeys(t *testing.T) {
	rt := browseRepo(t)
	s := startTUI(t, rt.Dir)
	s.WaitFor("1 Files", "›  README.md", "? help", "(HEAD)")
	s.Send("j")
	s.WaitFor("›  hostile.txt", "│ hostile.txt")
	s.Send("G")
	s.WaitFor("›▸ src/")
	s.Send("g", "g")
	s.WaitFor("›  README.md")
	s.Send("G", "l")
	s.WaitFor("▾ src/", "▸ app/", "wide.txt")
	s.Send("h")
	s.WaitForNot("wide.txt")
	s.Send("Right", "Down", "Enter") // expand src, onto app/, enter opens it
	s.WaitFor("▾ app/", "main.go", "rows.txt")
	s.Send("Left", "Left") // collapse app, then up to src
	s.WaitFor("›▾ src/")
	s.WaitForNot("rows.txt")
	s.Quit()
}

func TestE2ECodeViewKeys(t *testing.T) {
	rt := browseRepo(t)
	s := startTUI(t, rt.Dir)
	s.WaitFor("README.md")
	s.Send("C-p")
	s.Type("rows")
	s.WaitFor("find: rows", "src/app/rows.txt")
	s.Send("Enter")
	s.WaitFor("src/app/rows.txt │ 1/300", "  1 row 001")
	s.Send("j", "j")
	s.WaitFor("│ 3/300")
	s.Send("C-d")
	s.WaitFor("│ 20/300") // half of the 35-line text area
	s.Send("C-u", "Down")
	s.WaitFor("│ 4/300")
	s.Send("NPage")
	s.WaitFor("│ 38/300")
	s.Send("PPage", "Up")
	s.WaitFor("│ 3/300")
	s.Send("G")
	s.WaitFor("│ 300/300", "300 row 300")
	s.Send("g", "g")
	s.WaitFor("│ 1/300")
	s.Type(":250")
	s.WaitFor(":250")
	s.Send("Enter")
	s.WaitFor("│ 250/300", "250 row 250")
	s.Send("g", "g", "/")
	s.Type("needle")
	s.WaitFor("/needle: 1/2 matches", "│ 120/300")
	s.Send("Enter", "n")
	s.WaitFor("/needle: 2/2 matches", "│ 240/300")
	s.Send("N")
	s.WaitFor("/needle: 1/2 matches", "│ 120/300")
	s.Send("Escape")
	s.WaitForNot("/needle")
	s.Send("V", "j", "j")
	s.WaitFor("V lines 120-122", "121┃row 121")
	s.Send("Escape")
	s.WaitForNot("V lines")

	// Horizontal scrolling and wrap on a 317-column line.
	s.Send("Tab", "g", "g", "G", "l", "j", "Enter") // tree: src/ → wide.txt
	s.WaitFor("src/wide.txt │ 1/1", "  1 start 0123")
	s.WaitForNot("END_OF_WIDE")
	s.Send("$")
	s.WaitFor("END_OF_WIDE")
	s.Send("0")
	s.WaitForNot("END_OF_WIDE")
	s.Send("l", "l")            // 16 columns right
	s.WaitFor("  1 ‹123456789") // ‹: text hidden to the left
	s.Send("h")
	s.WaitFor("  1 ‹345678901")
	s.Send("w")
	s.WaitFor("wrap · plaintext", "END_OF_WIDE", "  1 start 0123")
	s.Send("w")
	s.WaitForNot("END_OF_WIDE")
	s.Send("BTab", "k") // focus the tree: k moves its cursor from wide.txt
	s.WaitFor("›      rows.txt")
	s.Send("C-c")
	if code := s.Exited(); code != 0 {
		t.Fatalf("ctrl+c: exit %d", code)
	}
}

func TestE2EFinderSearchAndHelp(t *testing.T) {
	rt := browseRepo(t)
	s := startTUI(t, rt.Dir)
	s.WaitFor("README.md")
	s.Send("C-f")
	s.WaitFor("search (Go regexp)")
	s.Type("need[a-z]+")
	s.Send("Enter")
	s.WaitFor("3 matches in 2 files", "src/app/main.go:4: println", "src/app/rows.txt:120: row 120 needle", "src/app/rows.txt:240: row 240 needle")
	s.Send("Down", "Down", "Enter")
	s.WaitFor("src/app/rows.txt │ 240/300")
	s.Send("C-f")
	s.WaitFor("3 matches in 2 files") // the last search is kept
	s.Send("Escape")
	s.WaitForNot("search (Go regexp)")
	s.Send("C-p")
	s.Type("mgo")
	s.WaitFor("1/5 files", "src/app/main.go")
	s.Send("Escape")
	s.WaitForNot("find: ")
	s.Send("?")
	s.WaitFor("Keys", "find file", "search all files", "go to line N", "toggle wrap", "select lines", "half page down")
	s.Send("Escape")
	s.WaitForNot("find file")
	s.Quit()
}

func TestE2EDemo(t *testing.T) {
	s := startTUI(t, "demo")
	s.WaitFor("otaupd (demo)", "(v1.1)", "▸ src/")
	s.Send("C-p")
	s.Type("update.c")
	s.WaitFor("src/update.c")
	s.Send("Enter")
	s.WaitFor("src/update.c │ 1/", "6 bidirectional control characters", "⚠ 6 hostile characters")
	s.Send("!")
	scr := s.WaitFor("<U+202E>", "<U+2066>")
	if !strings.Contains(scr, "!  90") {
		t.Errorf("the Trojan Source line has no gutter mark:\n%s", scr)
	}
	s.Quit()
}

func TestE2EHostileContentStaysInert(t *testing.T) {
	rt := browseRepo(t)
	s := startTUI(t, rt.Dir)
	s.WaitFor("README.md")
	title, buffers := s.Title(), s.Buffers()
	s.Send("j", "Enter")
	s.WaitFor("TITLE: ^[]0;owned^G ^[]2;owned2^G", "OSC52: ^[]52;c;Y3VybCBldmlsfHNo^G", "CSI: ^[[2J^[[31mRED", "│ hostile.txt")
	if got := s.Title(); got != title {
		t.Errorf("the pane title changed from %q to %q", title, got)
	}
	if got := s.Buffers(); got != buffers {
		t.Errorf("tmux buffers (the clipboard) changed: %q", got)
	}
	s.Send("j")
	s.WaitFor("│ 2/3") // still answering keys
	s.Quit()
}

func TestE2ENothingWrittenToTheRepository(t *testing.T) {
	rt := browseRepo(t)
	before := repotest.SnapshotFiles(t, rt.Dir)
	s := startTUI(t, rt.Dir)
	s.WaitFor("README.md")
	s.Send("Enter")
	s.WaitFor("│ README.md │ 1/3")
	s.Send("C-p")
	s.Type("rows")
	s.Send("Enter")
	s.WaitFor("│ 1/300")
	s.Send("/")
	s.Type("needle")
	s.Send("Enter", "C-f")
	s.Type("row")
	s.Send("Enter")
	s.WaitFor("301 matches in 2 files")
	s.Send("Escape", "?", "Escape")
	s.Quit()
	after := repotest.SnapshotFiles(t, rt.Dir)
	if !maps.Equal(before, after) {
		for _, k := range slices.Sorted(maps.Keys(after)) {
			if before[k] != after[k] {
				t.Errorf("changed or created under the repository: %s", k)
			}
		}
		for k := range before {
			if _, ok := after[k]; !ok {
				t.Errorf("removed from the repository: %s", k)
			}
		}
	}
}

func TestE2EErrors(t *testing.T) {
	rt := browseRepo(t)
	bin := sightlineBinary(t)
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{rt.Dir, "--rev", "no-such-rev"}, "unknown revision"},
		{[]string{"open", t.TempDir()}, "not a git repository"},
		{[]string{"open", "/no/such/dir"}, "no such file or directory"},
	} {
		cmd := exec.Command(bin, c.args...)
		var stderr bytes.Buffer
		cmd.Stderr = &stderr
		err := cmd.Run()
		ee, ok := err.(*exec.ExitError)
		if !ok || ee.ExitCode() != 1 || !strings.Contains(stderr.String(), c.want) || strings.Count(stderr.String(), "\n") != 1 {
			t.Errorf("sightline %v: %v, stderr %q; want exit 1 and one line with %q", c.args, err, stderr.String(), c.want)
		}
	}

	// A blob missing from the object store: an error line in the pane,
	// and the workbench goes on.
	r, pin := pintest.Head(t, rt)
	e, err := r.Lookup(context.Background(), pin.Tree, "README.md")
	if err != nil {
		t.Fatal(err)
	}
	if err := os.Remove(rt.ObjectPath(plumbing.Hash(e.Hash))); err != nil {
		t.Fatal(err)
	}
	s := startTUI(t, rt.Dir)
	s.WaitFor("README.md")
	s.Send("Enter")
	s.WaitFor("⚠ blob " + e.Hash.String())
	s.Send("Tab", "j", "Enter")
	s.WaitFor("│ hostile.txt │ 1/3")
	s.Quit()
}

func TestE2EMouse(t *testing.T) {
	rt := browseRepo(t)
	s := startTUI(t, rt.Dir, "--mouse")
	s.WaitFor("README.md")
	s.Send("C-p")
	s.Type("rows")
	s.Send("Enter")
	s.WaitFor("│ 1/300")
	s.Mouse(65, 80, 10) // wheel down over the code
	s.WaitFor("│ 4/300")
	s.Mouse(0, 5, 4) // click the tree's second row (hostile.txt)
	s.WaitFor("›  hostile.txt")
	s.Mouse(65, 5, 10) // wheel down over the tree moves its cursor 3 rows
	s.WaitFor("›      main.go")
	s.Quit()
}
