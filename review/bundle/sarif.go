package bundle

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"net/url"
	"strings"

	"sightline/review"
)

// The SARIF 2.1.0 objects sightline writes (OASIS SARIF 2.1.0, §3). Only
// the properties used are declared; structs keep the output byte-stable.
type (
	sarifLog struct {
		Schema  string     `json:"$schema"`
		Version string     `json:"version"`
		Runs    []sarifRun `json:"runs"`
	}
	sarifRun struct {
		Tool                     sarifTool        `json:"tool"`
		Taxonomies               []sarifComponent `json:"taxonomies,omitempty"`
		VersionControlProvenance []sarifVCS       `json:"versionControlProvenance"`
		Results                  []sarifResult    `json:"results"`
		Artifacts                []sarifFile      `json:"artifacts,omitempty"`
		Properties               map[string]any   `json:"properties,omitempty"`
	}
	sarifTool struct {
		Driver sarifComponent `json:"driver"`
	}
	sarifComponent struct {
		Name           string      `json:"name"`
		Version        string      `json:"version,omitempty"`
		Organization   string      `json:"organization,omitempty"`
		InformationURI string      `json:"informationUri,omitempty"`
		Rules          []sarifRule `json:"rules,omitempty"`
		Taxa           []sarifRule `json:"taxa,omitempty"`
	}
	sarifRule struct {
		ID               string     `json:"id"`
		Name             string     `json:"name,omitempty"`
		ShortDescription *sarifText `json:"shortDescription,omitempty"`
		HelpURI          string     `json:"helpUri,omitempty"`
	}
	sarifText struct {
		Text string `json:"text"`
	}
	sarifVCS struct {
		RepositoryURI string         `json:"repositoryUri"`
		RevisionID    string         `json:"revisionId"`
		Properties    map[string]any `json:"properties,omitempty"`
	}
	sarifResult struct {
		RuleID              string            `json:"ruleId"`
		RuleIndex           int               `json:"ruleIndex"`
		Level               string            `json:"level"`
		Message             sarifText         `json:"message"`
		Locations           []sarifLocation   `json:"locations"`
		CodeFlows           []sarifCodeFlow   `json:"codeFlows"`
		PartialFingerprints map[string]string `json:"partialFingerprints"`
		BaselineState       string            `json:"baselineState,omitempty"`
		Taxa                []sarifTaxonRef   `json:"taxa,omitempty"`
		Properties          map[string]any    `json:"properties"`
	}
	sarifTaxonRef struct {
		ID            string            `json:"id"`
		ToolComponent sarifComponentRef `json:"toolComponent"`
	}
	sarifComponentRef struct {
		Name string `json:"name"`
	}
	sarifLocation struct {
		PhysicalLocation sarifPhysical `json:"physicalLocation"`
		Message          *sarifText    `json:"message,omitempty"`
	}
	sarifPhysical struct {
		ArtifactLocation sarifArtifact `json:"artifactLocation"`
		Region           sarifRegion   `json:"region"`
	}
	sarifArtifact struct {
		URI   string `json:"uri"`
		Index *int   `json:"index,omitempty"`
	}
	// sarifFile is an entry of run.artifacts: a release archive (with its
	// SHA-256) or one of its members (parentIndex: the archive's entry).
	sarifFile struct {
		Location    sarifArtifact     `json:"location"`
		ParentIndex *int              `json:"parentIndex,omitempty"`
		Hashes      map[string]string `json:"hashes,omitempty"`
	}
	sarifRegion struct {
		StartLine int        `json:"startLine"`
		EndLine   int        `json:"endLine"`
		Snippet   *sarifText `json:"snippet,omitempty"`
	}
	sarifCodeFlow struct {
		ThreadFlows []sarifThreadFlow `json:"threadFlows"`
	}
	sarifThreadFlow struct {
		Locations []sarifFlowLocation `json:"locations"`
	}
	sarifFlowLocation struct {
		Location       sarifLocation `json:"location"`
		ExecutionOrder int           `json:"executionOrder"`
	}
)

const (
	sarifSchemaURI = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
	// sarifNoCWE is the rule of findings without a CWE.
	sarifNoCWE = "sightline/finding"
)

// sarifLevel maps a severity to SARIF's result level.
func sarifLevel(s review.Severity) string {
	switch s {
	case review.SeverityCritical, review.SeverityHigh:
		return "error"
	case review.SeverityMedium:
		return "warning"
	}
	return "note"
}

// MarshalSARIF renders a bundle as one SARIF 2.1.0 run: a rule (and a CWE
// taxon) per CWE used, one result per finding with its first step as the
// location and all steps as a code flow, and the pin as the revision.
func MarshalSARIF(b *Bundle) ([]byte, error) {
	run := sarifRun{
		Tool:    sarifTool{Driver: sarifComponent{Name: b.Tool.Name, Version: b.Tool.Version}},
		Results: []sarifResult{},
		VersionControlProvenance: []sarifVCS{{
			RepositoryURI: "urn:sightline:repository:" + url.PathEscape(b.Repository.Name),
			RevisionID:    b.Pin.Commit,
			Properties:    map[string]any{"tree": b.Pin.Tree, "ref": b.Pin.Ref},
		}},
		Properties: map[string]any{"reviewer": b.Reviewer, "created": b.Created, "bundleFormat": b.Format},
	}
	ruleIndex := map[string]int{}
	var taxa []sarifRule
	files := &sarifFiles{index: map[string]int{}}
	for _, f := range b.Findings {
		id := f.CWE
		if id == "" {
			id = sarifNoCWE
		}
		if _, ok := ruleIndex[id]; !ok {
			ruleIndex[id] = len(run.Tool.Driver.Rules)
			run.Tool.Driver.Rules = append(run.Tool.Driver.Rules, sarifRuleFor(id))
			if f.CWE != "" {
				taxa = append(taxa, sarifRule{ID: strings.TrimPrefix(f.CWE, "CWE-"), HelpURI: sarifRuleFor(id).HelpURI})
			}
		}
		res := sarifResultFor(f, id, ruleIndex[id], files)
		if len(b.Provenance) > 0 { // only a carried review has a baseline to compare with
			res.BaselineState = sarifBaselineState(f)
		}
		run.Results = append(run.Results, res)
	}
	run.Artifacts = files.list
	if len(taxa) > 0 {
		run.Taxonomies = []sarifComponent{{Name: "CWE", Organization: "MITRE", Taxa: taxa}}
	}
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(sarifLog{Schema: sarifSchemaURI, Version: "2.1.0", Runs: []sarifRun{run}}); err != nil {
		return nil, fmt.Errorf("encode SARIF: %w", err)
	}
	return buf.Bytes(), nil
}

func sarifRuleFor(id string) sarifRule {
	if id == sarifNoCWE {
		return sarifRule{ID: id, Name: "ReviewFinding", ShortDescription: &sarifText{"A finding of a manual security review without a CWE"}}
	}
	num := strings.TrimPrefix(id, "CWE-")
	return sarifRule{ID: id, ShortDescription: &sarifText{id},
		HelpURI: "https://cwe.mitre.org/data/definitions/" + num + ".html"}
}

func sarifResultFor(f BundleFinding, ruleID string, idx int, files *sarifFiles) sarifResult {
	text := f.Title
	if f.Description != "" {
		text += "\n\n" + f.Description
	}
	r := sarifResult{RuleID: ruleID, RuleIndex: idx, Level: sarifLevel(f.Severity), Message: sarifText{text},
		PartialFingerprints: map[string]string{},
		Properties: map[string]any{"findingId": f.ID, "severity": string(f.Severity), "status": string(f.Status),
			"created": f.Created, "updated": f.Updated}}
	if f.CWE != "" {
		r.Taxa = []sarifTaxonRef{{ID: strings.TrimPrefix(f.CWE, "CWE-"), ToolComponent: sarifComponentRef{"CWE"}}}
	}
	flow := sarifThreadFlow{Locations: []sarifFlowLocation{}}
	all := sha256.New()
	for i, s := range f.Steps {
		loc := sarifLocationFor(s, files)
		if i == 0 {
			first := loc
			first.Message = nil
			r.Locations = []sarifLocation{first}
			r.PartialFingerprints["sightline/firstStepLineHash/v1"] = strings.TrimPrefix(fingerprintHash(s), "sha256:")
		}
		flow.Locations = append(flow.Locations, sarifFlowLocation{Location: loc, ExecutionOrder: i + 1})
		all.Write([]byte(fingerprintHash(s) + "\n"))
	}
	r.PartialFingerprints["sightline/stepLineHashes/v1"] = hex.EncodeToString(all.Sum(nil))
	r.CodeFlows = []sarifCodeFlow{{ThreadFlows: []sarifThreadFlow{flow}}}
	return r
}

func sarifLocationFor(s BundleStep, files *sarifFiles) sarifLocation {
	l := s.Location
	loc := sarifLocation{PhysicalLocation: sarifPhysical{
		ArtifactLocation: sarifArtifact{URI: sarifURI(l)},
		Region:           sarifRegion{StartLine: l.StartLine, EndLine: l.EndLine},
	}}
	if l.Archive != nil {
		i := files.member(*l.Archive, loc.PhysicalLocation.ArtifactLocation.URI)
		loc.PhysicalLocation.ArtifactLocation.Index = &i
	}
	if s.Snippet != "" {
		loc.PhysicalLocation.Region.Snippet = &sarifText{s.Snippet}
	}
	if s.Note != "" {
		loc.Message = &sarifText{s.Note}
	}
	return loc
}

// sarifURI is the step's path as a relative URI reference: each raw byte
// that is not unreserved is percent-encoded, so a hostile name (spaces,
// '#', '?', invalid UTF-8) still names exactly its bytes.
func sarifURI(l BundleLocation) string {
	raw, err := l.RawPath()
	if err != nil {
		raw = l.Path
	}
	parts := strings.Split(raw, "/")
	for i, p := range parts {
		parts[i] = url.PathEscape(p)
	}
	// A colon in the first segment would read as a URI scheme ("c:x").
	parts[0] = strings.ReplaceAll(parts[0], ":", "%3A")
	return strings.Join(parts, "/")
}

// sarifFiles builds run.artifacts for steps in archive members: one entry
// per archive, named by its file name and SHA-256, and one per member
// with the archive as its parent (SARIF 2.1.0 §3.24.3, parentIndex), so a
// member's uri is read inside the archive, not in the repository.
type sarifFiles struct {
	list  []sarifFile
	index map[string]int // "sha256" or "sha256\x00member uri" -> index
}

// member returns the index of the member's entry, adding it (and its
// archive's) on first use.
func (f *sarifFiles) member(a review.ArchiveRef, uri string) int {
	parent, ok := f.index[a.SHA256]
	if !ok {
		parent = len(f.list)
		f.index[a.SHA256] = parent
		f.list = append(f.list, sarifFile{Location: sarifArtifact{URI: url.PathEscape(a.Name)},
			Hashes: map[string]string{"sha-256": a.SHA256}})
	}
	key := a.SHA256 + "\x00" + uri
	if i, ok := f.index[key]; ok {
		return i
	}
	i := len(f.list)
	f.index[key] = i
	f.list = append(f.list, sarifFile{Location: sarifArtifact{URI: uri}, ParentIndex: &parent})
	return i
}
