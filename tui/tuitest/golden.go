package tuitest

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// update makes Golden write the golden files instead of comparing them:
// go test ./tui/... -update. Every tui test package links this package
// (TestEveryTUITestPackageTakesUpdate), so each accepts the flag.
var update = flag.Bool("update", false, "rewrite testdata/*.golden from what the tests draw")

// Golden checks got, a view drawn with an ASCII colour profile, against
// testdata/<test name>.golden (a subtest's name makes a directory), or
// with -update writes it there. got must be plain text, with no escape or
// control character but the newline, so that a golden file reads as the
// screen does; a raw control in a view is a bug in its own right. A
// difference is shown line by line.
func Golden(t testing.TB, got string) {
	t.Helper()
	if err := plainText(got); err != nil {
		t.Fatalf("tuitest: a golden view must be plain text (an ASCII colour profile, a sanitized text): %v", err)
		return // for a testing.TB whose Fatalf returns
	}
	path := filepath.Join("testdata", filepath.FromSlash(t.Name())+".golden")
	if *update {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("tuitest: %v (go test -update writes it)", err)
		return
	}
	if string(want) != got {
		t.Errorf("tuitest: the view differs from %s (-want +got; go test -update accepts it):\n%s", path, LineDiff(string(want), got))
	}
}

// plainText reports the first escape or control character of s (but the
// newline), or an offence Inert finds, or nil.
func plainText(s string) error {
	if i := strings.IndexFunc(s, func(r rune) bool { return r < 0x20 && r != '\n' || r == 0x7f }); i >= 0 {
		return offence(s, i, fmt.Sprintf("control character %#02x", s[i]))
	}
	return Inert(s, false)
}

// LineDiff shows how got differs from want, line by line: unchanged lines
// start with two spaces, removed ones with "- ", added ones with "+ ",
// and every line ends with "⏎" so trailing blanks show. Runs of more than
// two unchanged lines are cut to "  …".
func LineDiff(want, got string) string {
	a, b := strings.Split(want, "\n"), strings.Split(got, "\n")
	// lcs[i][j] is the longest common subsequence of a[i:] and b[j:].
	lcs := make([][]int, len(a)+1)
	for i := range lcs {
		lcs[i] = make([]int, len(b)+1)
	}
	for i := len(a) - 1; i >= 0; i-- {
		for j := len(b) - 1; j >= 0; j-- {
			if a[i] == b[j] {
				lcs[i][j] = lcs[i+1][j+1] + 1
			} else {
				lcs[i][j] = max(lcs[i+1][j], lcs[i][j+1])
			}
		}
	}
	var out []string
	same := 0 // unchanged lines held back, to cut long runs
	flush := func(i int) {
		switch {
		case same > 2:
			out = append(out, "  "+a[i-same]+"⏎", "  …", "  "+a[i-1]+"⏎")
		default:
			for k := i - same; k < i; k++ {
				out = append(out, "  "+a[k]+"⏎")
			}
		}
		same = 0
	}
	i, j := 0, 0
	for i < len(a) || j < len(b) {
		switch {
		case i < len(a) && j < len(b) && a[i] == b[j]:
			same++
			i, j = i+1, j+1
		case i < len(a) && (j == len(b) || lcs[i+1][j] >= lcs[i][j+1]):
			flush(i)
			out = append(out, "- "+a[i]+"⏎")
			i++
		default:
			flush(i)
			out = append(out, "+ "+b[j]+"⏎")
			j++
		}
	}
	flush(i)
	return strings.Join(out, "\n")
}
