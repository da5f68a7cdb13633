package search

import (
	"context"
	"errors"
	"regexp"
	"strings"
	"testing"

	"github.com/go-git/go-git/v5/plumbing"

	"sightline/repo"
	"sightline/repo/repotest"
)

// grep reports each substituted file as an error naming its blob, and
// never shows a line of the substitutes.
func TestGrepReportsSubstitutedBlobs(t *testing.T) {
	s := repotest.NewSubstituted(t)
	r, err := repo.Open(s.Dir)
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	c, err := r.ReadCommit(context.Background(), repo.Hash(s.Head))
	if err != nil {
		t.Fatal(err)
	}
	failed := map[string]error{}
	err = Grep(context.Background(), r, c.Tree, regexp.MustCompile("return"), Options{}, func(m Match) error {
		if m.Err != nil {
			failed[m.Path] = m.Err
		} else if m.Path != repotest.SubstitutedIntactPath {
			t.Errorf("a line of a substituted file is shown: %s:%d %q", m.Path, m.Line, m.Text)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	for path, h := range map[string]plumbing.Hash{repotest.SubstitutedLoosePath: s.Loose, repotest.SubstitutedPackedPath: s.Packed} {
		if err := failed[path]; !errors.Is(err, repo.ErrHashMismatch) || !strings.Contains(err.Error(), h.String()) {
			t.Errorf("grep on %s: %v; want a hash mismatch naming %s", path, err, h)
		}
	}
}
