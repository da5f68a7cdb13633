package form

import (
	"errors"
	"strings"

	"sightline/review"
	"sightline/tui/theme"
)

// The forms the workbench builds, by id.
const (
	IDAddFinding  = "add-finding"
	IDEditFinding = "edit-finding"
	IDStepNote    = "step-note"
)

// Field order of the finding form. Status comes last, so that enter on it
// saves while enter in the description still starts a new line.
const (
	FieldTitle = iota
	FieldSeverity
	FieldCWE
	FieldDescription
	FieldStatus
)

// FindingForm builds the add or edit form for f (its current values; a
// new finding's severity defaults to medium).
func FindingForm(id, title string, f review.Finding, s theme.Styles) Model {
	sev := string(f.Severity)
	if sev == "" {
		sev = string(review.SeverityMedium)
	}
	st := string(f.Status)
	if st == "" {
		st = string(review.StatusOpen)
	}
	fields := []Field{
		{Label: "Title", Kind: Line, Value: f.Title, Hint: "one line", Validate: validTitle},
		{Label: "Severity", Kind: Choice, Value: sev, Choices: severities(), Hint: "←/→ or first letter",
			Validate: func(v string) error { _, err := review.ParseSeverity(v); return err }},
		{Label: "CWE", Kind: Line, Value: f.CWE, Hint: "like CWE-78, or empty",
			Validate: func(v string) error { _, err := review.ParseCWE(v); return err }},
		{Label: "Description", Kind: Text, Value: f.Description, Hint: "several lines; enter is a new line, tab moves on"},
		{Label: "Status", Kind: Choice, Value: st, Choices: statuses(), Hint: "enter saves",
			Validate: func(v string) error { _, err := review.ParseStatus(v); return err }},
	}
	return New(id, title, fields, s)
}

func validTitle(v string) error {
	if strings.TrimSpace(v) == "" {
		return errors.New("title: a finding needs a title")
	}
	return nil
}

// ApplyFinding sets the form's values on f (the caller validates f again
// through the workspace).
func ApplyFinding(f *review.Finding, values []string) {
	if len(values) <= FieldStatus {
		return
	}
	f.Title = strings.TrimSpace(values[FieldTitle])
	f.Severity = review.Severity(values[FieldSeverity])
	f.CWE = strings.TrimSpace(values[FieldCWE])
	f.Description = values[FieldDescription]
	f.Status = review.Status(values[FieldStatus])
}

// ApplyChanges sets on f the values of the fields the reviewer changed in
// an edit form; the others keep f's exact bytes.
func ApplyChanges(f *review.Finding, msg SubmittedMsg) {
	if len(msg.Values) <= FieldStatus || len(msg.Changed) != len(msg.Values) {
		return
	}
	var g review.Finding
	ApplyFinding(&g, msg.Values)
	if msg.Changed[FieldTitle] {
		f.Title = g.Title
	}
	if msg.Changed[FieldSeverity] {
		f.Severity = g.Severity
	}
	if msg.Changed[FieldCWE] {
		f.CWE = g.CWE
	}
	if msg.Changed[FieldDescription] {
		f.Description = g.Description
	}
	if msg.Changed[FieldStatus] {
		f.Status = g.Status
	}
}

// NoteForm builds the one-field form for a step's optional note.
func NoteForm(title string, s theme.Styles) Model {
	return New(IDStepNote, title, []Field{{Label: "Note", Kind: Line, Hint: "optional; enter saves"}}, s)
}

func severities() []string {
	out := make([]string, len(review.Severities))
	for i, v := range review.Severities {
		out[i] = string(v)
	}
	return out
}

func statuses() []string {
	out := make([]string, len(review.Statuses))
	for i, v := range review.Statuses {
		out[i] = string(v)
	}
	return out
}
