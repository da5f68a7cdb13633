package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"strings"
	"text/tabwriter"
	"time"

	"sightline/repo/textsafe"
	"sightline/review"
	"sightline/review/team"
)

func runFindingsList(args []string, stdout, stderr io.Writer) error {
	var wf workspaceFlags
	var asJSON bool
	fs := newFindingsFlags("list", &wf)
	fs.BoolVar(&asJSON, "json", false, "print JSON (deterministic, with full hashes) instead of a table")
	if _, err := parseFindingsFlags(fs, args, stdout, "", 0); err != nil {
		return helped(err)
	}
	o, err := openWorkspaceToRead(wf, stderr)
	if err != nil {
		return err
	}
	defer o.Close()
	if asJSON {
		return writeFindingsJSON(stdout, o.WS.Meta(), o.WS.Findings())
	}
	if err := writeFindingsTable(stdout, o.WS.Findings()); err != nil {
		return err
	}
	views, err := team.Views(o.WS.Dir())
	if err != nil {
		return err
	}
	for _, v := range views {
		fmt.Fprintf(stdout, "\nteam store %s: %d finding(s)\n", v.Store, len(v.State.Findings))
		writeTeamState(stdout, v.State)
	}
	return nil
}

// findingsDoc is the JSON of "findings list --json": fixed field order,
// findings in id order, so the same workspace prints the same bytes.
type findingsDoc struct {
	Repository string           `json:"repository"`
	Pin        review.Rev       `json:"pin"`
	Base       *review.Rev      `json:"base,omitempty"`
	Findings   []review.Finding `json:"findings"`
}

func writeFindingsJSON(w io.Writer, m review.Meta, fs []review.Finding) error {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetIndent("", "  ")
	// ASCII only: a C1 control or bidi override in a title cannot act on
	// the terminal, and readers still decode the exact text.
	if err := enc.Encode(findingsDoc{Repository: m.Repository, Pin: m.Pin, Base: m.Base, Findings: fs}); err != nil {
		return err
	}
	_, err := w.Write(review.ASCIIJSON(buf.Bytes()))
	return err
}

// writeFindingsTable prints one finding per line: id, severity, status,
// steps, title and first location, all sanitized.
func writeFindingsTable(w io.Writer, fs []review.Finding) error {
	if len(fs) == 0 {
		_, err := fmt.Fprintln(w, "no findings")
		return err
	}
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "ID\tSEVERITY\tSTATUS\tSTEPS\tTITLE\tLOCATION")
	for _, f := range fs {
		first := ""
		if len(f.Steps) > 0 {
			first = textsafe.Sanitize(f.Steps[0].Location.String())
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%d\t%s\t%s\n", f.ID, f.Severity, f.Status, len(f.Steps),
			strings.ReplaceAll(textsafe.Sanitize(f.Title), "\t", " "), strings.ReplaceAll(first, "\t", " "))
	}
	return tw.Flush()
}

func runFindingsShow(args []string, stdout, stderr io.Writer) error {
	var wf workspaceFlags
	fs := newFindingsFlags("show", &wf)
	pos, err := parseFindingsFlags(fs, args, stdout, "ID", 1)
	if err != nil {
		return helped(err)
	}
	id, err := idArg(pos[0])
	if err != nil {
		return err
	}
	o, err := openWorkspaceToRead(wf, stderr)
	if err != nil {
		return err
	}
	defer o.Close()
	f, ok := o.WS.Finding(id)
	if !ok {
		return fmt.Errorf("finding %s: %w (see sightline findings list)", id, review.ErrNoSuchFinding)
	}
	return writeFinding(stdout, f)
}

// writeFinding prints a finding for a person; every text that came from
// a reviewer or the repository is sanitized.
func writeFinding(w io.Writer, f review.Finding) error {
	var b strings.Builder
	fmt.Fprintf(&b, "%s  %s\n", f.ID, textsafe.Sanitize(f.Title))
	cwe := f.CWE
	if cwe == "" {
		cwe = "-"
	}
	fmt.Fprintf(&b, "severity:  %s\ncwe:       %s\nstatus:    %s\nreviewer:  %s\n", f.Severity, cwe, f.Status, textsafe.Sanitize(f.Reviewer))
	fmt.Fprintf(&b, "created:   %s\nupdated:   %s\n", f.Created.UTC().Format(time.RFC3339), f.Updated.UTC().Format(time.RFC3339))
	if f.Description != "" {
		b.WriteString("description:\n")
		for _, line := range strings.Split(textsafe.SanitizeMultiline(f.Description), "\n") {
			fmt.Fprintf(&b, "  %s\n", line)
		}
	}
	b.WriteString("steps:\n")
	for i, s := range f.Steps {
		l := s.Location
		fmt.Fprintf(&b, "  %d. %s\n", i+1, textsafe.Sanitize(l.String()))
		fmt.Fprintf(&b, "     commit %s blob %s\n     %s\n", l.Commit, l.Blob, l.LineHash)
		if s.Note != "" {
			for _, line := range strings.Split(textsafe.SanitizeMultiline(s.Note), "\n") {
				fmt.Fprintf(&b, "     %s\n", line)
			}
		}
	}
	_, err := io.WriteString(w, b.String())
	return err
}

func runFindingsSetStatus(args []string, stdout, stderr io.Writer) error {
	var wf workspaceFlags
	fs := newFindingsFlags("set-status", &wf)
	pos, err := parseFindingsFlags(fs, args, stdout, "ID STATUS", 2)
	if err != nil {
		return helped(err)
	}
	id, err := idArg(pos[0])
	if err != nil {
		return err
	}
	st, err := review.ParseStatus(pos[1])
	if err != nil {
		return usagef("%v", err)
	}
	o, err := openWorkspace(wf, stderr)
	if err != nil {
		return err
	}
	f, err := o.WS.SetStatus(id, st)
	if err != nil {
		return closeAfter(o, err)
	}
	if err := o.Close(); err != nil {
		return err
	}
	fmt.Fprintf(stdout, "%s: status %s\n", f.ID, f.Status)
	return nil
}

func runFindingsDelete(args []string, stdout, stderr io.Writer) error {
	var wf workspaceFlags
	fs := newFindingsFlags("delete", &wf)
	pos, err := parseFindingsFlags(fs, args, stdout, "ID", 1)
	if err != nil {
		return helped(err)
	}
	id, err := idArg(pos[0])
	if err != nil {
		return err
	}
	o, err := openWorkspace(wf, stderr)
	if err != nil {
		return err
	}
	if err := o.WS.DeleteFinding(id); err != nil {
		return closeAfter(o, err)
	}
	if err := o.Close(); err != nil {
		return err
	}
	fmt.Fprintf(stdout, "%s deleted\n", id)
	return nil
}
