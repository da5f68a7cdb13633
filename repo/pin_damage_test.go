package repo

import (
	"errors"
	"strings"
	"testing"

	"sightline/repo/repotest"
)

// Issue 17.7: when the commit a branch points at is damaged, Resolve names
// that object and what is wrong with it, and never says the branch is
// missing: whether HEAD, the branch or the id is given.
func TestResolveNamesTheDamagedCommit(t *testing.T) {
	for _, tc := range []struct {
		damage repotest.HeadDamage
		reason string
	}{
		{repotest.HeadTruncated, "which cannot be read (loose object: unexpected EOF)"},
		{repotest.HeadNotACommit, "a blob"},
		{repotest.HeadMissingTree, "root tree cannot be read (tree " + repotest.HostileMissingTree + ": object missing"},
		{repotest.HeadGarbled, "does not parse"},
	} {
		tr, bad := repotest.HostileCorruptHead(t, tc.damage)
		r, err := Open(tr.Dir)
		if err != nil {
			t.Fatal(err)
		}
		for _, rev := range []string{"HEAD", "main", bad.String(), "HEAD~0"} {
			_, err := r.Resolve(rev)
			if err == nil {
				t.Errorf("%s: Resolve(%s) succeeded", tc.damage, rev)
				continue
			}
			msg := err.Error()
			if !strings.Contains(msg, bad.String()) || !strings.Contains(msg, tc.reason) || strings.Contains(msg, "does not exist") {
				t.Errorf("%s: Resolve(%s) = %q; want it to name %s and say %q", tc.damage, rev, msg, bad, tc.reason)
			}
			if !errors.Is(err, ErrUnknownRevision) {
				t.Errorf("%s: Resolve(%s) = %v, not ErrUnknownRevision", tc.damage, rev, err)
			}
			if tc.damage == repotest.HeadMissingTree && !errors.Is(err, ErrMissingObject) {
				t.Errorf("%s: Resolve(%s) = %v, not ErrMissingObject", tc.damage, rev, err)
			}
		}
		r.Close()
	}
}
