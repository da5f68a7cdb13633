package main

import (
	"strings"
	"testing"

	"sightline/repo/repotest"
)

// headDamages are the issue 17.7 cases and what each message must say
// besides the object's id.
var headDamages = []struct {
	damage repotest.HeadDamage
	reason string
}{
	{repotest.HeadTruncated, "cannot be read (loose object: unexpected EOF)"},
	{repotest.HeadNotACommit, "a blob"},
	{repotest.HeadMissingTree, "its root tree cannot be read (tree " + repotest.HostileMissingTree + ": object missing from the repository)"},
	{repotest.HeadGarbled, "does not parse (malformed commit"},
}

// Issue 17.7: a branch pointing at a damaged commit is reported as that
// commit, by id, with the reason, by every command that pins a revision
// (open is the workbench's start-up), never as a missing branch.
func TestDamagedHeadCommitIsNamed(t *testing.T) {
	for _, tc := range headDamages {
		tr, bad := repotest.HostileCorruptHead(t, tc.damage)
		for _, args := range [][]string{
			{"open", tr.Dir},
			{"log", "--repo", tr.Dir},
			{"grep", "--repo", tr.Dir, "needle"},
			{"scan", "--repo", tr.Dir},
		} {
			code, out, errOut := runCmd(args...)
			if code == 0 || out != "" {
				t.Errorf("%s: %s: exit %d, stdout %q; want an error and nothing else", tc.damage, args[0], code, out)
			}
			if !strings.Contains(errOut, bad.String()) || !strings.Contains(errOut, tc.reason) || strings.Contains(errOut, "does not exist") {
				t.Errorf("%s: %s: stderr %q; want it to name %s and say %q", tc.damage, args[0], errOut, bad, tc.reason)
			}
		}
	}
}

// The workbench, started on a terminal, stops before its screen with the
// same message.
func TestE2EDamagedHeadCommitIsNamed(t *testing.T) {
	tr, bad := repotest.HostileCorruptHead(t, repotest.HeadGarbled)
	s := startTUI(t, tr.Dir)
	if code := s.Exited(); code == 0 {
		t.Fatal("the workbench started on a garbled HEAD commit")
	}
	scr := strings.ReplaceAll(s.Screen(), "\n", "")
	if !strings.Contains(scr, bad.String()) || !strings.Contains(scr, "does not parse") {
		t.Fatalf("the start-up error does not name commit %s and why:\n%s", bad, s.Screen())
	}
}
