package main

import (
	"strings"
	"testing"

	"github.com/go-git/go-git/v5/plumbing"

	"sightline/repo/repotest"
)

// A repository with a replacement ref: every command that shows objects
// says so on stderr, and shows the original objects, not the replacement.
func TestReplaceRefsAreReported(t *testing.T) {
	tr := repotest.New(t)
	real := tr.Commit("real", repotest.Tree{"f.txt": {Content: "real needle\n"}})
	decoy := tr.CommitWithParents("decoy", repotest.Tree{"f.txt": {Content: "decoy needle\n"}})
	tr.SetHead(real)
	before := map[string]string{}
	cmds := [][]string{
		{"log", "--repo", tr.Dir},
		{"grep", "--repo", tr.Dir, "needle"},
		{"blame", "--repo", tr.Dir, "f.txt"},
		{"scan", "--repo", tr.Dir},
	}
	for _, c := range cmds {
		code, out, errOut := runCmd(c...)
		if code != 0 || strings.Contains(errOut, "replacement") {
			t.Fatalf("%v without replace refs: exit %d, stderr %q", c, code, errOut)
		}
		before[c[0]] = out
	}
	ref := plumbing.NewHashReference(plumbing.ReferenceName("refs/replace/"+real.String()), decoy)
	if err := tr.Git.Storer.SetReference(ref); err != nil {
		t.Fatal(err)
	}
	for _, c := range cmds {
		code, out, errOut := runCmd(c...)
		if code != 0 {
			t.Fatalf("%v: exit %d, stderr %q", c, code, errOut)
		}
		if !strings.Contains(errOut, "sightline: note: the repository has replacement refs (refs/replace/"+real.String()+")") ||
			!strings.Contains(errOut, "--no-replace-objects") {
			t.Errorf("%v: stderr does not warn of the replace ref: %q", c, errOut)
		}
		if out != before[c[0]] {
			t.Errorf("%v: output changed with a replace ref:\n%s\nwas\n%s", c, out, before[c[0]])
		}
	}
}
