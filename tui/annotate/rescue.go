package annotate

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"

	tea "github.com/charmbracelet/bubbletea"

	"sightline/review"
)

// RescueFormat names the file written on quitting with unsaved work
// (README, "Quitting with unsaved work").
const RescueFormat = "sightline-unsaved@v1"

// rescueDoc is that file: the review as the workbench had it, pending
// changes included, in the form of 'sightline findings list --json' plus
// the files marked reviewed and the open form's input.
type rescueDoc struct {
	Format     string           `json:"format"`
	Workspace  string           `json:"workspace,omitempty"`
	Repository string           `json:"repository,omitempty"`
	Pin        *review.Rev      `json:"pin,omitempty"`
	Base       *review.Rev      `json:"base,omitempty"`
	Pending    int              `json:"pending_changes"`
	Findings   []review.Finding `json:"findings"`
	Reviewed   []rescueReviewed `json:"reviewed"`
	Form       *formRescue      `json:"form,omitempty"`
}

// rescueReviewed is a file marked reviewed: its path and blob at the pin.
type rescueReviewed struct {
	Path  string `json:"path"`
	Blob  string `json:"blob"`
	Lines int    `json:"lines"`
}

// formRescue is an open form's input, as typed: field values in the
// form's order, and what the form was for.
type formRescue struct {
	ID     string   `json:"id"`
	About  string   `json:"about,omitempty"` // the lines or finding it annotates
	Values []string `json:"values"`
}

// formRescue is the open form's input, or nil without an edited one.
func (m Model) formRescue() *formRescue {
	if !m.quit.formDirty {
		return nil
	}
	f := &formRescue{ID: m.form.ID(), Values: m.form.Values()}
	switch {
	case m.draft.Path != "":
		f.About = m.draft.Lines.String()
	case m.draft.id != "":
		f.About = m.draft.id
	}
	if m.draft.id != "" && m.draft.Path != "" {
		f.About = m.draft.id + " " + f.About
	}
	return f
}

// rescueCmd writes the workspace's state (pending changes included) and
// the form's input to path, a new file outside the repository.
func rescueCmd(d Deps, path string, form *formRescue) tea.Cmd {
	ws, r := d.WS, d.Repo
	return func() tea.Msg {
		abs, err := filepath.Abs(path)
		if err == nil && r != nil {
			err = r.RefuseInside(abs)
		}
		if err == nil {
			err = writeRescue(abs, buildRescue(ws, form))
		}
		return rescuedMsg{Path: abs, Err: err}
	}
}

// buildRescue collects what the file holds; ws may be nil (only a form).
func buildRescue(ws *review.Workspace, form *formRescue) rescueDoc {
	doc := rescueDoc{Format: RescueFormat, Form: form, Findings: []review.Finding{}, Reviewed: []rescueReviewed{}}
	if ws == nil {
		return doc
	}
	meta := ws.Meta()
	doc.Workspace, doc.Repository, doc.Pin, doc.Base = ws.Dir(), meta.Repository, &meta.Pin, meta.Base
	doc.Pending = ws.Pending()
	doc.Findings = ws.Findings()
	for _, f := range ws.Reviewed() {
		doc.Reviewed = append(doc.Reviewed, rescueReviewed{Path: f.Path, Blob: f.Blob, Lines: f.Lines})
	}
	return doc
}

// writeRescue writes doc to a new file at path and syncs it: an existing
// file is never replaced, and success means the bytes are on disk.
func writeRescue(path string, doc rescueDoc) error {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetIndent("", "  ")
	if err := enc.Encode(doc); err != nil {
		return err
	}
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if errors.Is(err, os.ErrExist) {
		return fmt.Errorf("%s exists: type the path of a new file", path)
	}
	if err != nil {
		return err
	}
	_, err = f.Write(review.ASCIIJSON(buf.Bytes()))
	if serr := f.Sync(); err == nil {
		err = serr
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		_ = os.Remove(path) // a torn file must not pass for the work
	}
	return err
}
