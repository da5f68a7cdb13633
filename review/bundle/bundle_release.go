package bundle

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"sightline/repo/artifact"
	"sightline/review"
)

// bundleRelease turns the workspace's release marks into the bundle's
// release scopes, archives by SHA-256 and members by path.
func bundleRelease(marks []review.ReleaseMarks) []BundleRelease {
	out := make([]BundleRelease, 0, len(marks))
	for _, rm := range marks {
		r := BundleRelease{Archive: rm.Archive, InScope: max(rm.InScope, len(rm.Reviewed)), Reviewed: []BundleReleaseMember{}}
		paths := make([]string, 0, len(rm.Reviewed))
		for p := range rm.Reviewed {
			paths = append(paths, p)
		}
		slices.Sort(paths)
		for _, p := range paths {
			d, pb := review.EncodePath(p)
			r.Reviewed = append(r.Reviewed, BundleReleaseMember{Path: d, PathBytes: pb, Blob: rm.Reviewed[p]})
		}
		out = append(out, r)
	}
	slices.SortFunc(out, func(x, y BundleRelease) int { return strings.Compare(x.Archive.SHA256, y.Archive.SHA256) })
	if len(out) == 0 {
		return nil
	}
	return out
}

// validateRelease checks the release scopes: valid archives in SHA-256
// order, counts that add up, members with full blob ids in path order.
func validateRelease(rel []BundleRelease) error {
	for i, r := range rel {
		if err := r.Archive.Validate(); err != nil {
			return notStrict("release[%d]: %v", i, err)
		}
		if i > 0 && rel[i-1].Archive.SHA256 >= r.Archive.SHA256 {
			return notStrict("release archives are not sorted by unique sha256 (%s after %s)", r.Archive.SHA256, rel[i-1].Archive.SHA256)
		}
		if r.InScope < len(r.Reviewed) {
			return notStrict("release[%d]: %d members reviewed of %d in scope", i, len(r.Reviewed), r.InScope)
		}
		for j, m := range r.Reviewed {
			if err := checkPathBytes("path", m.Path, m.PathBytes); err != nil {
				return notStrict("release[%d].reviewed[%d]: %v", i, j, err)
			}
			if !isLowerHex(m.Blob, 40) && !isLowerHex(m.Blob, 64) {
				return notStrict("release[%d].reviewed[%d]: blob must be a full lowercase object id", i, j)
			}
			if j > 0 {
				prev, _ := r.Reviewed[j-1].RawPath()
				if cur, _ := m.RawPath(); prev >= cur {
					return notStrict("release[%d].reviewed is not sorted by unique path (%q after %q)", i, cur, prev)
				}
			}
		}
	}
	return nil
}

// releaseLine is the scope in words: "release: 12/14 reviewed".
func releaseLine(r BundleRelease) string {
	return fmt.Sprintf("release: %d/%d reviewed", len(r.Reviewed), r.InScope)
}

// writeMarkdownRelease lists a release scope under the report's header:
// the archive by name and SHA-256, then each member read, by blob id.
func writeMarkdownRelease(w *strings.Builder, r BundleRelease) {
	fmt.Fprintf(w, "- Release archive %s (sha256 `%s`): %s\n", mdText(r.Archive.Name), r.Archive.SHA256, releaseLine(r))
	for _, m := range r.Reviewed {
		p, err := m.RawPath()
		if err != nil {
			p = m.Path
		}
		fmt.Fprintf(w, "  - %s: blob `%s`\n", mdText(p), m.Blob)
	}
}

// archiveHolds says what a bundle locates in an archive: finding steps,
// release marks, or both.
func archiveHolds(steps []archiveStep, rel BundleRelease) string {
	var parts []string
	if len(steps) > 0 {
		parts = append(parts, stepList(steps))
	}
	if rel.Archive.SHA256 != "" {
		parts = append(parts, fmt.Sprintf("the release marks (%s)", releaseLine(rel)))
	}
	return strings.Join(parts, " and ")
}

// checkReleaseMembers checks that each member the release scope marks
// reviewed is in the archive with the blob id the reviewer read. The
// archive is read as a stream, members hashed, nothing kept.
func checkReleaseMembers(ctx context.Context, r *VerifyReport, path string, rel BundleRelease) {
	name := rel.Archive.Name
	k, err := artifact.ReadKeeping(ctx, path, artifact.DefaultLimits())
	if err != nil {
		r.add(CheckUnverifiable, "release", fmt.Sprintf("%s: %v", name, err))
		return
	}
	bad := 0
	for _, m := range rel.Reviewed {
		member, _ := m.RawPath() // validated by ReadBundle
		i := k.Find(member)
		switch {
		case i < 0 && k.Err != nil:
			r.add(CheckUnverifiable, "release", fmt.Sprintf("%q: not found in %s before reading stopped: %v", member, name, k.Err))
			bad++
		case i < 0:
			r.add(CheckFail, "release", fmt.Sprintf("%q, marked reviewed, is not a member of %s", member, name))
			bad++
		case k.Members[i].Blob.String() != m.Blob:
			r.add(CheckFail, "release", fmt.Sprintf("%q in %s is blob %s, the reviewer read %s (member mismatch)", member, name, k.Members[i].Blob, m.Blob))
			bad++
		}
	}
	if bad == 0 {
		r.add(CheckPass, "release", fmt.Sprintf("%s: %s; the %d reviewed members' blob ids recomputed from the archive", name, releaseLine(rel), len(rel.Reviewed)))
	}
}
