package bundle

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"sightline/repo"
	"sightline/review"
)

// BundleFormat is the value of a bundle's "format" field.
const BundleFormat = "sightline-findings/1"

// Bundle is the signed findings file: everything the receiving agency needs
// to know who found what, at exactly which code. Field order here is the
// byte order on disk, so the same review always gives the same bytes; the
// reader (ReadBundle) is strict about that shape.
type Bundle struct {
	Format     string           `json:"format"`
	Tool       BundleTool       `json:"tool"`
	Repository BundleRepository `json:"repository"`
	Pin        BundlePin        `json:"pin"`
	Base       *BundlePin       `json:"base,omitempty"`
	Reviewer   string           `json:"reviewer"`
	Created    string           `json:"created"` // RFC 3339 UTC, whole seconds
	// Journal is the workspace journal's head when the bundle was made
	// (entry number and chain hash): a later bundle from a journal rolled
	// back past it can be told by its lower entry or other hash.
	Journal *review.Head `json:"journal,omitempty"`
	// Provenance is the chain of reviews this one was carried from
	// (sightline carry), oldest first; absent for a review begun here.
	Provenance []BundleProvenance `json:"provenance,omitempty"`
	Coverage   BundleCoverage     `json:"coverage"`
	// Release is the coverage of release archives compared with the pin
	// (the Release tab), sorted by archive SHA-256; absent when none was
	// reviewed, so older bundles read unchanged.
	Release  []BundleRelease `json:"release,omitempty"`
	Findings []BundleFinding `json:"findings"` // sorted by ID
	// Team is the merged review of each team store the workspace pulled
	// from or pushed to, by store id; absent for a review kept alone.
	Team []BundleTeam `json:"team,omitempty"`
}

// BundleRelease is one release archive's scope: the archive, how many
// of its members were in scope (those that differ from the tree or from
// upstream), and each member marked reviewed with the blob id read, so
// verify --artifact can check them against the archive.
type BundleRelease struct {
	Archive  review.ArchiveRef     `json:"archive"`
	InScope  int                   `json:"inScope"`
	Reviewed []BundleReleaseMember `json:"reviewed"` // sorted by raw path bytes
}

// BundleReleaseMember is an archive member marked reviewed.
type BundleReleaseMember struct {
	Path      string `json:"path"`
	PathBytes string `json:"pathBytes,omitempty"`
	Blob      string `json:"blob"`
}

// RawPath returns the member's path as raw bytes.
func (r BundleReleaseMember) RawPath() (string, error) { return review.DecodePath(r.Path, r.PathBytes) }

// BundleTool names the program that wrote the bundle: its version and the
// commit of sightline's own repository it was built from ("unknown" for a
// build without VCS stamping; see review/toolinfo), so a verifier can tell
// which build produced the evidence.
type BundleTool struct {
	Name    string `json:"name"`
	Version string `json:"version"`
	Commit  string `json:"commit"`
}

// BundleRepository identifies the reviewed repository.
type BundleRepository struct {
	Name         string `json:"name"`
	ObjectFormat string `json:"objectFormat"` // "sha1" or "sha256"
}

// BundlePin is a commit under review: its full id, its root tree and the
// revision the reviewer named.
type BundlePin struct {
	Commit string `json:"commit"`
	Tree   string `json:"tree"`
	Ref    string `json:"ref"`
}

// BundleCoverage lists the files marked reviewed and the progress counts.
type BundleCoverage struct {
	Paths  []BundleReviewed `json:"paths"` // sorted by raw path bytes
	Counts BundleCounts     `json:"counts"`
}

// BundleReviewed is a file marked reviewed: its path, and the blob and
// line count the reviewer read, so an auditor knows exactly what was read.
type BundleReviewed struct {
	Path      string `json:"path"`
	PathBytes string `json:"pathBytes,omitempty"`
	Blob      string `json:"blob"`
	Lines     int    `json:"lines"`
	Bytes     int64  `json:"bytes,omitempty"` // a binary file: its size, and Lines is 0
}

// RawPath returns the reviewed file's path as raw bytes.
func (r BundleReviewed) RawPath() (string, error) { return review.DecodePath(r.Path, r.PathBytes) }

// BundleCounts is the coverage progress at the pin.
type BundleCounts struct {
	ReviewedFiles int `json:"reviewedFiles"`
	TotalFiles    int `json:"totalFiles"`
	ReviewedLines int `json:"reviewedLines"`
	TotalLines    int `json:"totalLines"`
	// Binary files count bytes, not lines (absent when there are none).
	ReviewedBytes int64 `json:"reviewedBytes,omitempty"`
	TotalBytes    int64 `json:"totalBytes,omitempty"`
}

// BundleFinding is one finding as exported.
type BundleFinding struct {
	ID          string          `json:"id"`
	Title       string          `json:"title"`
	Severity    review.Severity `json:"severity"`
	CWE         string          `json:"cwe"`
	Status      review.Status   `json:"status"`
	Description string          `json:"description"`
	Created     string          `json:"created"`
	Updated     string          `json:"updated"`
	Steps       []BundleStep    `json:"steps"`
}

// BundleStep is one step of a finding's path. Snippet (or SnippetBytes,
// base64, when the lines are not valid UTF-8) carries the source lines only
// when the reviewer asked for snippets: by default no code leaves the room.
type BundleStep struct {
	Note         string         `json:"note"`
	Location     BundleLocation `json:"location"`
	Snippet      string         `json:"snippet,omitempty"`
	SnippetBytes string         `json:"snippetBytes,omitempty"`
	Carried      *BundleCarried `json:"carried,omitempty"` // set on a step carried from an older pin
}

// BundleLocation is a Location on the wire.
type BundleLocation struct {
	Commit    string `json:"commit"`
	Path      string `json:"path"`
	PathBytes string `json:"pathBytes,omitempty"`
	Blob      string `json:"blob"`
	StartLine int    `json:"startLine"`
	EndLine   int    `json:"endLine"`
	LineHash  string `json:"lineHash"`
	Side      string `json:"side,omitempty"`
	// Archive names the release archive when the location is in one of
	// its members (Path is then the member's path, Blob its blob id).
	Archive *review.ArchiveRef `json:"archive,omitempty"`
}

// NewBundleLocation converts a review Location.
func NewBundleLocation(l review.Location) BundleLocation {
	p, b := review.EncodePath(l.Path)
	return BundleLocation{Commit: l.Commit, Path: p, PathBytes: b, Blob: l.Blob,
		StartLine: l.StartLine, EndLine: l.EndLine, LineHash: l.LineHash, Side: l.Side, Archive: l.Archive}
}

// RawPath returns the location's path as raw bytes.
func (l BundleLocation) RawPath() (string, error) { return review.DecodePath(l.Path, l.PathBytes) }

// Location converts back to a review Location.
func (l BundleLocation) Location() (review.Location, error) {
	p, err := l.RawPath()
	if err != nil {
		return review.Location{}, err
	}
	return review.Location{Commit: l.Commit, Path: p, Blob: l.Blob, StartLine: l.StartLine,
		EndLine: l.EndLine, LineHash: l.LineHash, Side: l.Side, Archive: l.Archive}, nil
}

// setSnippet stores the step's lines as text, or as base64 bytes when they
// are not valid UTF-8 (JSON would silently change them).
func (s *BundleStep) setSnippet(lines []byte) {
	if utf8.Valid(lines) {
		s.Snippet, s.SnippetBytes = string(lines), ""
		return
	}
	s.Snippet = strings.ToValidUTF8(string(lines), "\uFFFD")
	s.SnippetBytes = base64.StdEncoding.EncodeToString(lines)
}

// FormatBundleTime is the one time format of bundles: RFC 3339 in UTC
// with whole seconds, so equal times are equal strings.
func FormatBundleTime(t time.Time) string { return t.UTC().Truncate(time.Second).Format(time.RFC3339) }

// Marshal returns the bundle's bytes: UTF-8 JSON without a BOM, two-space
// indentation, LF line ends and one trailing newline, findings sorted by
// ID. The same bundle always gives the same bytes.
func (b *Bundle) Marshal() ([]byte, error) {
	c := *b
	c.Findings = slices.Clone(b.Findings)
	if c.Findings == nil {
		c.Findings = []BundleFinding{}
	}
	slices.SortStableFunc(c.Findings, func(x, y BundleFinding) int { return strings.Compare(x.ID, y.ID) })
	for i := range c.Findings {
		if c.Findings[i].Steps == nil {
			c.Findings[i].Steps = []BundleStep{}
		}
	}
	if c.Coverage.Paths == nil {
		c.Coverage.Paths = []BundleReviewed{}
	}
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(&c); err != nil {
		return nil, fmt.Errorf("encode bundle: %w", err)
	}
	return buf.Bytes(), nil // Encode ends with exactly one "\n"
}

// lineRange returns lines start..end of content (1-based, inclusive) by the
// line model of repo.SplitLines, or nil when they do not exist.
func lineRange(content []byte, start, end int) []byte {
	lines := repo.SplitLines(content)
	if start < 1 || end < start || end > len(lines) {
		return nil
	}
	var out []byte
	for _, l := range lines[start-1 : end] {
		out = append(out, l...)
	}
	return out
}
