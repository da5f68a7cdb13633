package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"strings"

	"sightline/repo/textsafe"
	"sightline/review"
	"sightline/review/triage"
)

func init() {
	register(command{
		name:    "triage",
		summary: "list imported scanner results and confirm, dismiss or skip them",
		run:     runTriage,
	})
}

const triageUsage = `Usage: sightline triage SUBCOMMAND [ARGS] [--workspace DIR] [--repo PATH] [--rev REV]

  list [--all] [--rule R] [--path P] [--tool T]
                         the candidates still to triage (--all: decided ones
                         too); filters match part of the rule, path or tool
  show ID                one candidate with its code flow
  confirm ID... [--severity S]
                         make each a finding: severity (the rule's unless
                         given), CWE and message from the scanner, the code
                         flow as steps; prints the finding ids
  dismiss ID... --reason false-positive|wont-fix|test-code [--note N]
                         drop them from the queue; a re-import keeps them dropped
  skip ID...             put them back, after the pending ones

Candidates come from 'sightline import'. Ids look like C-0001. A batch
is all or nothing: an unknown or already confirmed id refuses it.

Exit status: 0 done, 1 refused or failed, 2 bad usage.
`

func runTriage(args []string, stdout, stderr io.Writer) error {
	if len(args) == 0 {
		return usagef("missing subcommand: list, show, confirm, dismiss or skip")
	}
	sub := args[0]
	if sub == "-h" || sub == "--help" || sub == "help" {
		fmt.Fprint(stdout, triageUsage)
		return nil
	}
	var wf workspaceFlags
	var all bool
	var filter triage.Filter
	var sev, reason, note string
	fs := flag.NewFlagSet("triage "+sub, flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	wf.add(fs)
	switch sub {
	case "list":
		fs.BoolVar(&all, "all", false, "also list confirmed and dismissed candidates")
		fs.StringVar(&filter.Rule, "rule", "", "only rules containing this")
		fs.StringVar(&filter.Path, "path", "", "only paths containing this")
		fs.StringVar(&filter.Tool, "tool", "", "only tools containing this")
	case "confirm":
		fs.StringVar(&sev, "severity", "", "info, low, medium, high or critical (default: from the rule)")
	case "dismiss":
		fs.StringVar(&reason, "reason", "", "false-positive, wont-fix or test-code")
		fs.StringVar(&note, "note", "", "why, in a few words")
	case "show", "skip":
	default:
		return usagef("unknown subcommand %q; use list, show, confirm, dismiss or skip", sub)
	}
	ids, err := parseInterleaved(fs, args[1:])
	if errors.Is(err, flag.ErrHelp) {
		fmt.Fprint(stdout, triageUsage+"\nFlags:\n")
		fs.SetOutput(stdout)
		fs.PrintDefaults()
		return nil
	}
	if err != nil {
		return usagef("%v", err)
	}
	if err := checkTriageArgs(sub, ids, &sev, &reason); err != nil {
		return err
	}
	o, err := openWorkspace(wf, stderr)
	if err != nil {
		return err
	}
	st := triage.NewStore(o.WS.Dir())
	q, err := st.Load()
	if err != nil {
		return closeAfter(o, err)
	}
	for _, w := range q.Warnings {
		fmt.Fprintf(stderr, "sightline: warning: %s\n", textsafe.Sanitize(w))
	}
	who := o.WS.Meta().Reviewer
	if who == "" {
		who = review.DefaultReviewer()
	}
	switch sub {
	case "list":
		printQueue(stdout, q, filter, all)
	case "show":
		err = showCandidate(stdout, q, ids[0])
	case "confirm":
		var fs []review.Finding
		fs, err = st.Confirm(o.WS, q, ids, review.Severity(sev), who)
		for i, f := range fs {
			fmt.Fprintf(stdout, "%s confirmed: %s %s %s\n", textsafe.Sanitize(ids[i]), f.ID, f.Severity, textsafe.Sanitize(f.Title))
		}
	case "dismiss":
		var cs []*triage.Candidate
		cs, err = st.Dismiss(q, ids, triage.Reason(reason), note, who)
		for _, c := range cs {
			fmt.Fprintf(stdout, "%s dismissed: %s\n", c.ID, reason)
		}
	case "skip":
		var cs []*triage.Candidate
		cs, err = st.Skip(q, ids, who)
		for _, c := range cs {
			fmt.Fprintf(stdout, "%s skipped\n", c.ID)
		}
	}
	if err != nil {
		return closeAfter(o, err)
	}
	return o.Close()
}

// checkTriageArgs checks what can be checked before opening anything.
func checkTriageArgs(sub string, ids []string, sev, reason *string) error {
	switch {
	case sub == "list" && len(ids) > 0:
		return usagef("list takes no ids")
	case sub == "show" && len(ids) != 1:
		return usagef("show takes one candidate id")
	case sub != "list" && len(ids) == 0:
		return usagef("give at least one candidate id (C-0001)")
	}
	for _, id := range ids {
		if _, err := triage.ParseID(id); err != nil {
			return usagef("%v", err)
		}
	}
	if *sev != "" {
		s, err := review.ParseSeverity(*sev)
		if err != nil {
			return usagef("%v", err)
		}
		*sev = string(s)
	}
	if sub == "dismiss" {
		r, err := triage.ParseReason(*reason)
		if err != nil {
			return usagef("--reason: %v", err)
		}
		*reason = string(r)
	}
	return nil
}

func printQueue(w io.Writer, q *triage.Queue, f triage.Filter, all bool) {
	n := 0
	for _, c := range q.Sorted() {
		if (!all && !c.Open()) || !f.Match(c) {
			continue
		}
		n++
		fmt.Fprintln(w, candidateLine(c))
	}
	what := "to triage"
	if all {
		what = "in the queue"
	}
	if !f.Empty() {
		what += " matching the filter"
	}
	fmt.Fprintf(w, "%s %s (%d in all)\n", count(n, "candidate"), what, len(q.Candidates))
}

// candidateLine is one sanitized line: id, state, severity, CWE, tool,
// rule, place and the message's first line.
func candidateLine(c *triage.Candidate) string {
	state := string(c.State)
	switch c.State {
	case triage.Dismissed:
		state += " (" + string(c.Reason) + ")"
	case triage.Confirmed:
		state += " " + c.Finding
	}
	where := c.Where.String()
	if !c.Located() {
		where += " (not at the pin)"
	}
	cwe := c.CWE
	if cwe == "" {
		cwe = "-"
	}
	msg, _, _ := strings.Cut(c.Message, "\n")
	return textsafe.Sanitize(fmt.Sprintf("%s  %-10s %-8s %-8s %s %s  %s  %s", c.ID, state, c.Severity, cwe, c.Tool, c.Rule, where, clipText(msg, 200)))
}

func showCandidate(w io.Writer, q *triage.Queue, id string) error {
	c, err := q.Get(id)
	if err != nil {
		return err
	}
	fmt.Fprintln(w, candidateLine(c))
	if c.Where.Missing != "" {
		fmt.Fprintf(w, "not at the pin: %s\n", textsafe.Sanitize(c.Where.Missing))
	}
	fmt.Fprintf(w, "message:\n%s\n", textsafe.SanitizeMultiline(c.Message))
	for i, p := range c.Flow {
		at := "at the pin"
		if p.Location == nil {
			at = "not at the pin: " + p.Missing
		}
		fmt.Fprintf(w, "  step %d %s (%s) %s\n", i+1, textsafe.Sanitize(p.String()), textsafe.Sanitize(at), textsafe.Sanitize(p.Note))
	}
	if c.Note != "" {
		fmt.Fprintf(w, "note: %s\n", textsafe.Sanitize(c.Note))
	}
	return nil
}
