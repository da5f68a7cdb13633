package main

import (
	"encoding/base64"
	"encoding/json"
	"io"

	"sightline/repo/artifact"
	"sightline/repo/textsafe"
)

// The JSON form of "sightline artifact --json". Names are sanitized for
// display; the *_b64 fields hold their exact bytes.
type artifactJSON struct {
	Archive  string              `json:"archive"`
	Format   string              `json:"format"`
	Prefix   string              `json:"prefix,omitempty"`
	Comment  string              `json:"comment,omitempty"`
	Commit   string              `json:"commit"`
	Members  int                 `json:"members"`
	Counts   map[string]int      `json:"counts"`
	Findings []artifactFinding   `json:"findings"`
	Results  []artifactResultRow `json:"results"`
	Error    string              `json:"error,omitempty"`
}

type artifactFinding struct {
	Kind      string `json:"kind"`
	Member    string `json:"member"`
	MemberB64 string `json:"member_b64"`
	Other     string `json:"other,omitempty"`
	Detail    string `json:"detail"`
}

type artifactResultRow struct {
	Path     string     `json:"path"`
	PathB64  string     `json:"path_b64"`
	Class    string     `json:"class"`
	Type     string     `json:"type,omitempty"`
	Blob     string     `json:"blob,omitempty"`
	Size     int64      `json:"size,omitempty"`
	Serial   string     `json:"serial,omitempty"`
	Link     string     `json:"link,omitempty"`
	TreeKind string     `json:"tree_kind,omitempty"`
	TreeBlob string     `json:"tree_blob,omitempty"`
	Note     string     `json:"note,omitempty"`
	Closest  *knownJSON `json:"closest,omitempty"`
}

type knownJSON struct {
	Name   string `json:"name"`
	Path   string `json:"path"`
	Blob   string `json:"blob"`
	Size   int64  `json:"size"`
	Serial string `json:"serial,omitempty"`
}

func writeArtifactJSON(w io.Writer, rep *artifact.Report) error {
	a := rep.Archive
	out := artifactJSON{
		Archive: textsafe.Sanitize(a.Path), Format: string(a.Format), Prefix: textsafe.Sanitize(a.Prefix),
		Comment: textsafe.Sanitize(a.Comment), Commit: rep.Pin.Commit.String(), Members: len(a.Members),
		Counts: map[string]int{}, Findings: []artifactFinding{}, Results: []artifactResultRow{},
	}
	for _, f := range a.Findings {
		out.Findings = append(out.Findings, artifactFinding{
			Kind: f.Kind.String(), Member: textsafe.Sanitize(f.Member), MemberB64: b64(f.Member),
			Other: textsafe.Sanitize(f.Other), Detail: textsafe.Sanitize(f.Detail),
		})
	}
	for _, res := range rep.Results {
		out.Counts[res.Class.String()]++
		out.Results = append(out.Results, resultJSON(res))
	}
	if a.Err != nil {
		out.Error = textsafe.Sanitize(a.Err.Error())
	}
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	return enc.Encode(out)
}

func resultJSON(res artifact.Result) artifactResultRow {
	row := artifactResultRow{Path: textsafe.Sanitize(res.Path), PathB64: b64(res.Path), Class: res.Class.String(), Note: textsafe.Sanitize(res.Note)}
	if m := res.Member; m != nil {
		row.Type, row.Size, row.Serial, row.Link = m.Type.String(), m.Size, textsafe.Sanitize(m.Serial), textsafe.Sanitize(m.Link)
		if !m.Blob.IsZero() {
			row.Blob = m.Blob.String()
		}
	}
	if e := res.Tree; e != nil {
		row.TreeKind, row.TreeBlob = e.Kind.String(), e.Hash.String()
	}
	if k := res.Closest; k != nil {
		row.Closest = &knownJSON{Name: textsafe.Sanitize(k.Name), Path: textsafe.Sanitize(k.Path), Blob: k.Blob.String(), Size: k.Size, Serial: textsafe.Sanitize(k.Serial)}
	}
	return row
}

func b64(s string) string { return base64.StdEncoding.EncodeToString([]byte(s)) }
