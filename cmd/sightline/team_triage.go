package main

import (
	"cmp"
	"fmt"
	"io"
	"slices"

	"sightline/repo/textsafe"
	"sightline/review/team"
	"sightline/review/triage"
)

// writeTeamTriage prints the team's verdict on each imported candidate:
// who decided what, and the disagreements, by this workspace's
// candidate ids where it imported the same scan.
func writeTeamTriage(w io.Writer, wsDir string) error {
	views, err := team.Views(wsDir)
	if err != nil {
		return err
	}
	q, err := triage.NewStore(wsDir).Load()
	if err != nil {
		return err
	}
	local := map[string]string{}
	for _, c := range q.Candidates {
		local[c.Fingerprint] = c.ID
	}
	for _, v := range views {
		var vs []team.Verdict
		for _, x := range v.Triage {
			vs = append(vs, x)
		}
		slices.SortFunc(vs, func(a, b team.Verdict) int {
			return cmp.Or(cmp.Compare(local[a.Fingerprint], local[b.Fingerprint]), cmp.Compare(a.Fingerprint, b.Fingerprint))
		})
		for _, x := range vs {
			id := local[x.Fingerprint]
			if id == "" {
				id = "(not imported here) " + x.Fingerprint[:min(12, len(x.Fingerprint))]
			}
			fmt.Fprintf(w, "triage %s  %s %s %s: %s\n", id, textsafe.Sanitize(x.Tool), textsafe.Sanitize(x.Rule),
				textsafe.Sanitize(x.Where), textsafe.Sanitize(x.String()))
		}
	}
	return nil
}
