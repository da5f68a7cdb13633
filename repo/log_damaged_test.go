package repo

import (
	"context"
	"errors"
	"testing"

	"sightline/repo/repotest"
)

// A missing parent ends Log after every commit that could be read, with
// ErrMissingObject naming the parent (SECURITY-NOTES HOST-27).
func TestLogShowsReadableCommitsBeforeAMissingParent(t *testing.T) {
	rt := repotest.New(t)
	c1 := rt.Commit("one", repotest.Tree{"a": {Content: "1\n"}})
	c2 := rt.Commit("two", repotest.Tree{"a": {Content: "2\n"}})
	c3 := rt.Commit("three", repotest.Tree{"a": {Content: "3\n"}})
	rt.RemoveObject(c1)
	r, pin := openAt(t, rt)
	var got []string
	err := r.Log(context.Background(), pin.Commit, func(c Commit) error {
		got = append(got, c.Hash.String())
		return nil
	})
	if len(got) != 2 || got[0] != c3.String() || got[1] != c2.String() {
		t.Errorf("Log listed %v, want %s then %s", got, c3, c2)
	}
	if !errors.Is(err, ErrMissingObject) {
		t.Errorf("Log ended with %v, want ErrMissingObject for %s", err, c1)
	}
}
