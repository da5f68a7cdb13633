package main

import (
	"fmt"
	"io"

	"sightline/review"
)

// accept-rollback is registered here rather than in findings.go's table
// so that the rollback choice stays in one file.
func init() {
	findingsSubs["accept-rollback"] = findingsSub{runFindingsAcceptRollback}
}

// runFindingsAcceptRollback is the reviewer's answer to a workspace that
// opened read-only because its journal is behind (or forked from) the
// head seen before: go on from the journal as it is. The choice is
// written to the journal as an event of its own, so nothing resumes
// silently, and finding ids stay above every id seen.
func runFindingsAcceptRollback(args []string, stdout, stderr io.Writer) error {
	var wf workspaceFlags
	fs := newFindingsFlags("accept-rollback", &wf)
	if _, err := parseFindingsFlags(fs, args, stdout, "", 0); err != nil {
		return helped(err)
	}
	o, err := openWorkspaceToRead(wf, stderr) // the journal alone will do
	if err != nil {
		return err
	}
	c := o.WS.RolledBack()
	if c == nil {
		h := o.WS.Head()
		if err := o.Close(); err != nil {
			return err
		}
		fmt.Fprintf(stdout, "nothing to accept: the journal ends at entry %d (%s), the head last seen\n", h.Seq, shortHash(h.Hash))
		return nil
	}
	if err := o.WS.AcceptRollback(); err != nil {
		return closeAfter(o, err)
	}
	h := o.WS.Head()
	if err := o.Close(); err != nil {
		return err
	}
	fmt.Fprintf(stdout, "accepted: the workspace goes on from entry %d; the choice is entry %d (%s) of the journal", c.Journal.Seq, h.Seq, shortHash(h.Hash))
	if c.MaxID > 0 {
		fmt.Fprintf(stdout, "; new finding ids follow %s", review.FormatID(c.MaxID))
	}
	fmt.Fprintln(stdout)
	return nil
}

func shortHash(h string) string {
	if h == "" {
		return "empty"
	}
	return h[:min(12, len(h))] + "…"
}
