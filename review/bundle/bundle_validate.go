package bundle

import (
	"encoding/base64"
	"fmt"
	"strings"
	"time"
	"unicode/utf8"

	"sightline/review"
)

// validateBundle checks the rules a strictly parsed bundle must follow
// beyond its JSON shape: known format, canonical times and hashes, sorted
// unique finding ids, known severities and statuses, sane line ranges, and
// pathBytes only where the path needs it. Each error names the field.
func validateBundle(b *Bundle) error {
	if b.Format != BundleFormat {
		return notStrict("format %q is not %q", b.Format, BundleFormat)
	}
	idLen := 0
	switch b.Repository.ObjectFormat {
	case "sha1":
		idLen = 40
	case "sha256":
		idLen = 64
	default:
		return notStrict("repository.objectFormat %q is not sha1 or sha256", b.Repository.ObjectFormat)
	}
	if err := checkBundlePin("pin", b.Pin, idLen); err != nil {
		return err
	}
	if b.Base != nil {
		if err := checkBundlePin("base", *b.Base, idLen); err != nil {
			return err
		}
	}
	for i, p := range b.Provenance {
		if err := checkBundlePin(fmt.Sprintf("provenance[%d].pin", i), p.Pin, idLen); err != nil {
			return err
		}
	}
	if strings.TrimSpace(b.Reviewer) == "" {
		return notStrict("reviewer is empty")
	}
	if err := checkBundleTime("created", b.Created); err != nil {
		return err
	}
	for i, p := range b.Coverage.Paths {
		if err := checkPathBytes("path", p.Path, p.PathBytes); err != nil {
			return notStrict("coverage.paths[%d]: %v", i, err)
		}
		if !isLowerHex(p.Blob, idLen) || p.Lines < 0 || p.Bytes < 0 {
			return notStrict("coverage.paths[%d]: blob must be a full lowercase object id, lines and bytes >= 0", i)
		}
		if i > 0 {
			prev, _ := b.Coverage.Paths[i-1].RawPath()
			if cur, _ := p.RawPath(); prev >= cur {
				return notStrict("coverage.paths are not sorted by unique path (%q after %q)", cur, prev)
			}
		}
	}
	if err := validateRelease(b.Release); err != nil {
		return err
	}
	for i, f := range b.Findings {
		if i > 0 && b.Findings[i-1].ID >= f.ID {
			return notStrict("findings are not sorted by unique id (%q after %q)", f.ID, b.Findings[i-1].ID)
		}
		if err := checkBundleFinding(f, idLen); err != nil {
			return err
		}
	}
	return checkBundleTeams(b.Team)
}

func checkBundlePin(name string, p BundlePin, idLen int) error {
	if !isLowerHex(p.Commit, idLen) {
		return notStrict("%s.commit %q is not a full lowercase object id", name, p.Commit)
	}
	if !isLowerHex(p.Tree, idLen) {
		return notStrict("%s.tree %q is not a full lowercase object id", name, p.Tree)
	}
	return nil
}

func checkBundleFinding(f BundleFinding, idLen int) error {
	if id, err := review.ParseID(f.ID); err != nil || id != f.ID {
		return notStrict("finding id %q is not of the form F-0001", f.ID)
	}
	if f.Severity.Rank() < 0 {
		return notStrict("finding %s: severity %q is not one of info, low, medium, high, critical", f.ID, f.Severity)
	}
	if st, err := review.ParseStatus(string(f.Status)); err != nil || st != f.Status {
		return notStrict("finding %s: status %q is not one of open, confirmed, false-positive, needs-info, needs-re-review", f.ID, f.Status)
	}
	if cwe, err := review.ParseCWE(f.CWE); err != nil || cwe != f.CWE {
		return notStrict("finding %s: cwe %q is not of the form CWE-78 (or empty)", f.ID, f.CWE)
	}
	if strings.TrimSpace(f.Title) == "" {
		return notStrict("finding %s: empty title", f.ID)
	}
	for _, t := range []struct{ name, v string }{{"created", f.Created}, {"updated", f.Updated}} {
		if err := checkBundleTime("finding "+f.ID+" "+t.name, t.v); err != nil {
			return err
		}
	}
	if len(f.Steps) == 0 {
		return notStrict("finding %s has no steps", f.ID)
	}
	for j, s := range f.Steps {
		if err := checkBundleStep(s, idLen); err != nil {
			return notStrict("finding %s step %d: %v", f.ID, j+1, err)
		}
	}
	return nil
}

type fieldError string

func (e fieldError) Error() string { return string(e) }

func checkBundleStep(s BundleStep, idLen int) error {
	l := s.Location
	switch {
	case !isLowerHex(l.Commit, idLen):
		return fieldError("location.commit is not a full lowercase object id")
	case !isLowerHex(l.Blob, idLen):
		return fieldError("location.blob is not a full lowercase object id")
	case l.StartLine < 1 || l.EndLine < l.StartLine:
		return fieldError("location lines must satisfy 1 <= startLine <= endLine")
	case !strings.HasPrefix(l.LineHash, "sha256:") || !isLowerHex(l.LineHash[7:], 64):
		return fieldError("location.lineHash is not sha256: and 64 lowercase hex digits")
	case l.Side != "" && l.Side != review.SideBase && l.Side != review.SidePin:
		return fieldError("location.side is not base or pin")
	case l.Archive != nil && l.Side != "":
		return fieldError("location.side is not allowed in an archive member")
	case l.Archive != nil && l.Archive.Validate() != nil:
		return fieldError("location.archive: " + l.Archive.Validate().Error())
	}
	if err := checkPathBytes("location.path", l.Path, l.PathBytes); err != nil {
		return err
	}
	if s.Carried != nil {
		if err := checkBundleCarried(s.Carried, idLen); err != nil {
			return err
		}
	}
	if s.SnippetBytes != "" {
		raw, err := base64.StdEncoding.DecodeString(s.SnippetBytes)
		if err != nil || utf8.Valid(raw) || strings.ToValidUTF8(string(raw), "\uFFFD") != s.Snippet {
			return fieldError("snippetBytes must be the base64 of invalid UTF-8 that snippet displays")
		}
	}
	return nil
}

// checkPathBytes insists on the one encoding EncodePath writes, so a
// bundle cannot name one path in "path" and another in "pathBytes".
func checkPathBytes(field, path, b64 string) error {
	if path == "" {
		return fieldError(field + " is empty")
	}
	if b64 == "" {
		return nil
	}
	raw, err := base64.StdEncoding.DecodeString(b64)
	if err != nil {
		return fieldError(field + "Bytes is not base64")
	}
	if d, e := review.EncodePath(string(raw)); e != b64 || d != path {
		return fieldError(field + "Bytes must be given only for a path that is not UTF-8, with path its display form")
	}
	return nil
}

func checkBundleTime(name, v string) error {
	t, err := time.Parse(time.RFC3339, v)
	if err != nil || FormatBundleTime(t) != v {
		return notStrict("%s %q is not an RFC 3339 UTC time with whole seconds (like 2026-01-02T15:04:05Z)", name, v)
	}
	return nil
}

func isLowerHex(s string, n int) bool {
	if len(s) != n {
		return false
	}
	for i := 0; i < len(s); i++ {
		if c := s[i]; !(c >= '0' && c <= '9' || c >= 'a' && c <= 'f') {
			return false
		}
	}
	return true
}

// CreatedTime returns the bundle's creation time.
func (b *Bundle) CreatedTime() (time.Time, error) {
	return time.Parse(time.RFC3339, b.Created)
}
