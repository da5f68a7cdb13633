package repo

import (
	"reflect"
	"strings"
	"testing"

	"sightline/repo/repotest"
)

// A blob over core.bigFileThreshold is binary to git diff, unread; the
// counts say the same (issue 17.1: a diff's memory must not follow a
// hostile blob's size). The threshold is lowered for the test on both
// sides.
func TestDiffCountsBigFilesAsBinaryAsGit(t *testing.T) {
	hasGit(t)
	tr := repotest.New(t)
	small := "one\ntwo\n"
	big := strings.Repeat("a line of text\n", 200) // 3,000 bytes
	base := tr.Commit("base", repotest.Tree{"big.txt": {Content: big}, "small.txt": {Content: small}})
	head := tr.Commit("head", repotest.Tree{"big.txt": {Content: big + "more\n"}, "small.txt": {Content: small + "three\n"}})
	r, _ := openAt(t, tr)
	r.bigFile = 2048
	num, _ := diffLines(t, r, base, head, false)
	want := gitLines(t, tr.Dir, "-c", "core.bigFileThreshold=2048", "diff", "--numstat", "-M", base.String(), head.String())
	if !reflect.DeepEqual(num, want) {
		t.Fatalf("numstat over the threshold:\n got %q\nwant %q", num, want)
	}
	if len(num) != 2 || num[0] != "-\t-\tbig.txt" || num[1] != "1\t0\tsmall.txt" {
		t.Fatalf("big.txt is not binary, or small.txt is: %q", num)
	}
	r.bigFile = BigFileThreshold // the default counts it as text again, as git does
	if num, _ = diffLines(t, r, base, head, false); num[0] != "1\t0\tbig.txt" {
		t.Fatalf("under the default threshold: %q", num)
	}
}

// Blame holds every line of each version: one over the threshold is
// refused with the reason, never read whole.
func TestBlameRefusesBigFiles(t *testing.T) {
	tr := repotest.New(t)
	big := strings.Repeat("a line of text\n", 200)
	tr.Commit("base", repotest.Tree{"big.txt": {Content: big}})
	r, pin := openAt(t, tr)
	r.bigFile = 2048
	_, err := r.Blame(t.Context(), pin.Commit, "big.txt", nil)
	if err == nil || !strings.Contains(err.Error(), "over the 2048-byte limit for blame") || !strings.Contains(err.Error(), "big.txt") {
		t.Fatalf("blame of a file over the threshold: %v", err)
	}
	r.bigFile = BigFileThreshold
	if lines, err := r.Blame(t.Context(), pin.Commit, "big.txt", nil); err != nil || len(lines) != 200 {
		t.Fatalf("blame under the default threshold: %d lines, %v", len(lines), err)
	}
}
