package main

import (
	"encoding/json"
	"fmt"
	"io"
	"strings"

	"sightline/repo/textsafe"
	"sightline/review"
	"sightline/review/carry"
)

var verdictOrder = []string{review.VerdictUnchanged, review.VerdictMoved, review.VerdictChanged, review.VerdictGone}

// writeCarryText prints the report; every path and title is sanitized.
func writeCarryText(w io.Writer, rep *carryReport) {
	res := rep.res
	fmt.Fprintf(w, "carried the review of %s from %s (%s) to %s (%s)\n", textsafe.Sanitize(rep.repoName),
		rep.from.Commit.Short(), textsafe.Sanitize(rep.from.Ref), rep.to.Commit.Short(), textsafe.Sanitize(rep.to.Ref))
	fmt.Fprintf(w, "workspace: %s\n", textsafe.Sanitize(rep.workspace))
	var counts []string
	for _, v := range verdictOrder {
		counts = append(counts, fmt.Sprintf("%d %s", res.Counts[v], v))
	}
	fmt.Fprintf(w, "steps: %s\n", strings.Join(counts, ", "))
	byFinding := map[string][]carry.Step{}
	for _, st := range res.Steps {
		byFinding[st.Finding] = append(byFinding[st.Finding], st)
	}
	for _, f := range res.Findings {
		fmt.Fprintf(w, "\n%s [%s] %s\n", f.ID, f.Status, textsafe.Sanitize(f.Title))
		for _, st := range byFinding[f.ID] {
			fmt.Fprintf(w, "  step %d: %s\n", st.Index+1, stepLine(st))
		}
	}
	cov := res.Coverage
	fmt.Fprintf(w, "\nreviewed marks: %d kept", len(cov.Kept))
	if len(cov.Renamed) > 0 {
		fmt.Fprintf(w, " (%d through a rename with the same blob)", len(cov.Renamed))
	}
	fmt.Fprintf(w, ", %d changed since the last review\n", len(cov.Changed))
	for _, rn := range cov.Renamed {
		fmt.Fprintf(w, "  kept, renamed: %s -> %s\n", textsafe.Sanitize(rn.From), textsafe.Sanitize(rn.To))
	}
	for _, p := range cov.Changed {
		fmt.Fprintf(w, "  changed: %s\n", textsafe.Sanitize(p))
	}
	fmt.Fprintf(w, "provenance: %d review(s) in the chain; this one from %s, journal entry %d", len(rep.chain),
		rep.from.Commit.Short(), rep.link.Journal.Seq)
	if rep.link.Bundle != "" {
		fmt.Fprintf(w, ", bundle %s", rep.link.Bundle)
	}
	fmt.Fprintln(w)
}

// stepLine is one step's verdict and where it went: "moved (diff, renamed)
// a.go:10-12 -> b.go:20-22".
func stepLine(st carry.Step) string {
	s := st.Verdict
	var why []string
	if st.Rule != "" && st.Verdict != review.VerdictUnchanged {
		why = append(why, st.Rule)
	}
	if st.Renamed {
		why = append(why, "renamed")
	}
	if len(why) > 0 {
		s += " (" + strings.Join(why, ", ") + ")"
	}
	from, to := textsafe.Sanitize(st.From.String()), textsafe.Sanitize(st.To.String())
	switch {
	case st.Verdict == review.VerdictChanged && st.Reason != "":
		return s + "  " + from + " -> " + to + "  (" + st.Reason + ")"
	case st.Reason != "":
		return s + "  " + from + "  (" + st.Reason + ")"
	case st.Verdict == review.VerdictGone, st.Verdict == review.VerdictUnchanged && from == to:
		return s + "  " + from
	case st.Verdict == review.VerdictChanged:
		return s + "  " + from + " -> " + to + "  (old text kept; needs re-review)"
	}
	// Moved, or unchanged in the new release's archive (named by it).
	return s + "  " + from + " -> " + to
}

// carryJSON is the --json report. Locations carry pathBytes for a path
// that is not valid UTF-8, as in the journal.
type carryJSON struct {
	Repository string              `json:"repository"`
	From       review.Rev          `json:"from"`
	To         review.Rev          `json:"to"`
	Workspace  string              `json:"workspace"`
	Counts     map[string]int      `json:"counts"`
	Steps      []carryStepJSON     `json:"steps"`
	Coverage   carryCoverageJSON   `json:"coverage"`
	Provenance []review.Provenance `json:"provenance"`
}

type carryStepJSON struct {
	Finding string          `json:"finding"`
	Step    int             `json:"step"` // 1-based
	Verdict string          `json:"verdict"`
	Rule    string          `json:"rule,omitempty"`
	Renamed bool            `json:"renamed,omitempty"`
	Reason  string          `json:"reason,omitempty"`
	From    review.Location `json:"from"`
	To      review.Location `json:"to"`
}

type carryCoverageJSON struct {
	Kept    int            `json:"kept"`
	Renamed []carry.Rename `json:"renamed"`
	Changed []string       `json:"changed"`
}

func writeCarryJSON(w io.Writer, rep *carryReport) error {
	res := rep.res
	out := carryJSON{Repository: rep.repoName, From: review.RevOf(rep.from), To: review.RevOf(rep.to), Workspace: rep.workspace,
		Counts: map[string]int{}, Steps: []carryStepJSON{}, Provenance: rep.chain,
		Coverage: carryCoverageJSON{Kept: len(res.Coverage.Kept), Renamed: res.Coverage.Renamed, Changed: res.Coverage.Changed}}
	for _, v := range verdictOrder {
		out.Counts[v] = res.Counts[v]
	}
	for _, st := range res.Steps {
		out.Steps = append(out.Steps, carryStepJSON{Finding: st.Finding, Step: st.Index + 1, Verdict: st.Verdict,
			Rule: st.Rule, Renamed: st.Renamed, Reason: st.Reason, From: st.From, To: st.To})
	}
	if out.Coverage.Renamed == nil {
		out.Coverage.Renamed = []carry.Rename{}
	}
	if out.Coverage.Changed == nil {
		out.Coverage.Changed = []string{}
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(out)
}
