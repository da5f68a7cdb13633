package pintest

import (
	"testing"

	"sightline/repo"
	"sightline/repo/repotest"
)

func TestHeadAndResolve(t *testing.T) {
	rt := repotest.New(t)
	c1 := rt.Commit("one", repotest.Tree{"a": {Content: "a\n"}})
	c2 := rt.Commit("two", repotest.Tree{"a": {Content: "b\n"}})
	r, pin := Head(t, rt)
	if pin.Commit != repo.Hash(c2) {
		t.Errorf("Head pinned %s, want %s", pin.Commit, c2)
	}
	if p := Resolve(t, r, "HEAD~1"); p.Commit != repo.Hash(c1) {
		t.Errorf("Resolve(HEAD~1) = %s, want %s", p.Commit, c1)
	}
}
