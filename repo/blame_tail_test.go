package repo

import (
	"reflect"
	"strings"
	"testing"

	"github.com/go-git/go-git/v5/plumbing"

	"sightline/repo/repotest"
)

// TestBlameCutsCommonTailAsGit: git blame diffs with no context, so git
// first cuts the files' common tail in 1024-byte blocks and a line added
// among identical ones is placed within what is left. Here a "}" added
// to a file ending in 600 of them is blamed on the line git picks.
func TestBlameCutsCommonTailAsGit(t *testing.T) {
	hasGit(t)
	tr := repotest.New(t)
	for _, tc := range []struct{ name, before, after string }{
		{"braces", "x\n" + strings.Repeat("}\n", 600), "x\n" + strings.Repeat("}\n", 601)},
	} {
		c1 := tr.Commit("before", repotest.Tree{tc.name: {Content: tc.before}})
		tr.Commit("after", tr.Edit(c1, repotest.Tree{tc.name: {Content: tc.after}}))
		r, pin := openAt(t, tr)
		got, want := ourBlame(t, r, plumbing.Hash(pin.Commit), tc.name), gitBlame(t, tr.Dir, "HEAD", tc.name)
		if !reflect.DeepEqual(got, want) {
			for i := range min(len(got), len(want)) {
				if got[i] != want[i] {
					t.Errorf("%s: line %d: got %s, git %s", tc.name, i+1, got[i], want[i])
					break
				}
			}
		}
	}
}
