package bundle

import (
	"context"
	"fmt"
	"os"
	"slices"
	"strconv"
	"strings"
	"time"

	"sightline/repo"
	"sightline/review"
	"sightline/review/toolinfo"
)

// ToolName is the bundle's tool.name.
const ToolName = "sightline"

// BundleInput is everything a bundle is made from.
type BundleInput struct {
	Meta        review.Meta
	Reviewer    string    // the signing identity (an allowed_signers principal)
	Created     time.Time // see CreatedTime
	Findings    []review.Finding
	Reviewed    []review.ReviewedFile
	Progress    review.Progress
	ToolVersion string                // "" means the build's module version
	Journal     *review.Head          // the journal head to record; nil records none
	Provenance  []review.Provenance   // the carried review's chain (Workspace.Provenance)
	Release     []review.ReleaseMarks // release archives' marks (Workspace.AllReleaseMarks)
	Team        []BundleTeam          // the team stores' merged reviews (review/team.Bundles)
	// Snippet, when not nil, returns the lines a step names; the bundle
	// then carries them. Nil keeps source code out of the bundle.
	Snippet func(review.Location) ([]byte, error)
}

// BuildBundle turns a review into a Bundle, ready for Marshal.
func BuildBundle(in BundleInput) (*Bundle, error) {
	if strings.TrimSpace(in.Reviewer) == "" {
		return nil, fmt.Errorf("%w: an identity (--identity) is needed: the allowed_signers principal that signs", review.ErrInvalid)
	}
	if err := review.CheckShortText("identity", in.Reviewer); err != nil {
		return nil, err
	}
	m := in.Meta
	objFmt := m.ObjectFormat
	if objFmt == "" {
		objFmt = "sha1"
	}
	b := &Bundle{
		Format:     BundleFormat,
		Tool:       buildTool(in.ToolVersion),
		Repository: BundleRepository{Name: m.Repository, ObjectFormat: objFmt},
		Pin:        BundlePin(m.Pin),
		Reviewer:   in.Reviewer,
		Created:    FormatBundleTime(in.Created),
		Journal:    in.Journal,
		Provenance: bundleProvenance(in.Provenance),
		Coverage:   BundleCoverage{Paths: []BundleReviewed{}},
		Findings:   []BundleFinding{},
		Team:       in.Team,
	}
	if m.Base != nil {
		base := BundlePin(*m.Base)
		b.Base = &base
	}
	reviewed := slices.Clone(in.Reviewed)
	slices.SortFunc(reviewed, func(x, y review.ReviewedFile) int { return strings.Compare(x.Path, y.Path) })
	for _, f := range reviewed {
		p, pb := review.EncodePath(f.Path)
		b.Coverage.Paths = append(b.Coverage.Paths, BundleReviewed{Path: p, PathBytes: pb, Blob: f.Blob, Lines: f.Lines, Bytes: f.Bytes})
	}
	b.Release = bundleRelease(in.Release)
	p := in.Progress
	b.Coverage.Counts = BundleCounts{ReviewedFiles: p.Files, TotalFiles: p.TotalFiles,
		ReviewedLines: p.Lines, TotalLines: p.TotalLines, ReviewedBytes: p.Bytes, TotalBytes: p.TotalBytes}
	for _, f := range in.Findings {
		bf, err := bundleFinding(f, in.Snippet)
		if err != nil {
			return nil, err
		}
		b.Findings = append(b.Findings, bf)
	}
	return b, nil
}

func bundleFinding(f review.Finding, snippet func(review.Location) ([]byte, error)) (BundleFinding, error) {
	bf := BundleFinding{ID: f.ID, Title: f.Title, Severity: f.Severity, CWE: f.CWE, Status: f.Status,
		Description: f.Description, Created: FormatBundleTime(f.Created), Updated: FormatBundleTime(f.Updated),
		Steps: make([]BundleStep, 0, len(f.Steps))}
	for i, s := range f.Steps {
		st := BundleStep{Note: s.Note, Location: NewBundleLocation(s.Location), Carried: bundleCarried(s.Carried)}
		// An archive member's lines are not in the repository, nor are a
		// gone step's at the pin: such steps carry no snippet (verify reads
		// an archive member's lines from the archive).
		if snippet != nil && s.Location.Archive == nil && !s.Gone() {
			lines, err := snippet(s.Location)
			if err != nil {
				return bf, fmt.Errorf("finding %s step %d: snippet: %w", f.ID, i+1, err)
			}
			st.setSnippet(lines)
		}
		bf.Steps = append(bf.Steps, st)
	}
	return bf, nil
}

// buildTool names this build; version, when set, overrides the build's
// module version (tests pin it so that bundles compare byte for byte).
func buildTool(version string) BundleTool {
	info := toolinfo.Current()
	if version == "" {
		version = info.Version
	}
	return BundleTool{Name: ToolName, Version: version, Commit: info.Commit}
}

// maxBundleEpoch is 9999-12-31T23:59:59Z, the last time RFC 3339 can write.
const maxBundleEpoch = 253402300799

// CreatedTime is the time a new bundle records: SOURCE_DATE_EPOCH (seconds
// since 1970, the reproducible-builds convention) when set, so the same
// review exports to the same bytes, else now.
func CreatedTime(now time.Time) (time.Time, error) {
	if s, ok := os.LookupEnv("SOURCE_DATE_EPOCH"); ok && s != "" {
		n, err := strconv.ParseInt(s, 10, 64)
		// RFC 3339 has four-digit years: a later time would make a bundle
		// that verify refuses.
		if err != nil || n < 0 || n > maxBundleEpoch {
			return time.Time{}, fmt.Errorf("SOURCE_DATE_EPOCH=%q: want a whole number of seconds since 1970, before the year 10000", s)
		}
		return time.Unix(n, 0).UTC(), nil
	}
	return now.UTC().Truncate(time.Second), nil
}

// repoSnippets reads a step's lines from r, recomputing the blob's id so
// a substituted object is not exported as the reviewed code.
func repoSnippets(ctx context.Context, r *repo.Repo) func(review.Location) ([]byte, error) {
	return func(l review.Location) ([]byte, error) {
		h, err := repo.ParseHash(l.Blob)
		if err != nil {
			return nil, err
		}
		if err := r.VerifyObject(ctx, h); err != nil {
			return nil, err
		}
		b, err := r.ReadBlob(ctx, h, -1)
		if err != nil {
			return nil, err
		}
		lines := lineRange(b.Data, l.StartLine, l.EndLine)
		if lines == nil {
			return nil, fmt.Errorf("lines %d-%d: %w", l.StartLine, l.EndLine, review.ErrLocation)
		}
		if lh, _ := review.LineHash(b.Data, l.StartLine, l.EndLine); lh != l.LineHash {
			return nil, fmt.Errorf("lines %d-%d no longer hash to %s", l.StartLine, l.EndLine, l.LineHash)
		}
		return lines, nil
	}
}
