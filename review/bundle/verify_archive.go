package bundle

import (
	"context"
	"fmt"
	"path/filepath"
	"sort"
	"strings"

	"sightline/repo/artifact"
	"sightline/review"
)

// archiveStep is a step located in a release archive's member.
type archiveStep struct {
	finding string
	n       int
	step    BundleStep
}

// verifyArchives checks every step located in an archive member against
// the archive given for it (matched by SHA-256): the member at the path
// holds the blob named and its lines hash to lineHash. An archive the
// bundle names but that was not given is a failure, never a pass.
func verifyArchives(ctx context.Context, r *VerifyReport, b *Bundle, paths []string) {
	byArchive := map[string][]archiveStep{}
	names := map[string]string{}
	releases := map[string]BundleRelease{}
	for _, rel := range b.Release {
		byArchive[rel.Archive.SHA256] = byArchive[rel.Archive.SHA256] // named, maybe with no step
		names[rel.Archive.SHA256] = rel.Archive.Name
		releases[rel.Archive.SHA256] = rel
	}
	for _, f := range b.Findings {
		for i, s := range f.Steps {
			if a := s.Location.Archive; a != nil && s.Carried != nil && s.Carried.Verdict == review.VerdictGone {
				// Carried as gone: the member is not in the new release,
				// and the old release's archive is not asked for.
				r.add(CheckNote, "carried", fmt.Sprintf("%s step %d carried as gone: the member is not in the new release; the step keeps its old location %q in %q",
					f.ID, i+1, s.Location.Path, a.Name))
				continue
			}
			if a := s.Location.Archive; a != nil {
				byArchive[a.SHA256] = append(byArchive[a.SHA256], archiveStep{f.ID, i + 1, s})
				names[a.SHA256] = a.Name
			}
		}
	}
	supplied := map[string]string{}
	for _, p := range paths {
		sum, err := artifact.FileSHA256(p)
		if err != nil {
			r.add(CheckUnverifiable, "archive", fmt.Sprintf("%s: %v", p, err))
			continue
		}
		supplied[sum] = p
		if _, named := byArchive[sum]; !named {
			r.add(CheckNote, "archive", fmt.Sprintf("%s (sha256 %s) is not an archive the bundle names", filepath.Base(p), sum))
		}
	}
	sums := make([]string, 0, len(byArchive))
	for sum := range byArchive {
		sums = append(sums, sum)
	}
	sort.Strings(sums)
	for _, sum := range sums {
		steps := byArchive[sum]
		p, ok := supplied[sum]
		if !ok {
			r.add(CheckFail, "archive", fmt.Sprintf("archive not supplied: %s (sha256 %s) holds %s; give it with --artifact (a file with that name but other bytes is another archive)",
				names[sum], sum, archiveHolds(steps, releases[sum])))
			continue
		}
		r.add(CheckPass, "archive", fmt.Sprintf("%s is %s (SHA-256 recomputed)", p, names[sum]))
		if len(steps) > 0 {
			checkArchiveSteps(ctx, r, b, p, names[sum], steps)
		}
		if rel, ok := releases[sum]; ok {
			checkReleaseMembers(ctx, r, p, rel)
		}
	}
}

func stepList(steps []archiveStep) string {
	parts := make([]string, len(steps))
	for i, s := range steps {
		parts[i] = fmt.Sprintf("%s step %d", s.finding, s.n)
	}
	return strings.Join(parts, ", ")
}

// checkArchiveSteps reads the archive once, keeping only the members the
// steps name, and checks each step.
func checkArchiveSteps(ctx context.Context, r *VerifyReport, b *Bundle, path, name string, steps []archiveStep) {
	members := make([]string, 0, len(steps))
	for _, s := range steps {
		p, _ := s.step.Location.RawPath() // validated by ReadBundle
		members = append(members, p)
	}
	k, err := artifact.ReadKeeping(ctx, path, artifact.DefaultLimits(), members...)
	for i, s := range steps {
		add := func(st CheckStatus, check, detail string) {
			r.Checks = append(r.Checks, Check{Status: st, Name: check, Finding: s.finding, Step: s.n, Detail: detail})
		}
		l := s.step.Location
		if l.Commit != b.Pin.Commit {
			add(CheckFail, "commit", fmt.Sprintf("the archive location names commit %s, which is not the bundle's pin", l.Commit))
			continue
		}
		if err != nil {
			add(CheckUnverifiable, "member", fmt.Sprintf("%s: %v", name, err))
			continue
		}
		checkMember(add, k, name, members[i], s.step)
	}
}

// checkMember checks one step against the member of the archive it names.
func checkMember(add func(CheckStatus, string, string), k *artifact.Kept, name, member string, s BundleStep) {
	l := s.Location
	i := k.Find(member)
	switch {
	case i < 0 && k.Err != nil:
		add(CheckUnverifiable, "member", fmt.Sprintf("%q: not found in %s before reading stopped: %v", member, name, k.Err))
		return
	case i < 0:
		add(CheckFail, "member", fmt.Sprintf("%q is not a member of %s", member, name))
		return
	}
	m := k.Members[i]
	if got := m.Blob.String(); got != l.Blob {
		add(CheckFail, "member", fmt.Sprintf("%q in %s is blob %s, the bundle names %s (member mismatch)", member, name, got, l.Blob))
		return
	}
	if k.TooLarge[i] {
		add(CheckUnverifiable, "lines", fmt.Sprintf("%q in %s is larger than %d bytes; its lines were not read", member, name, artifact.MaxKeep))
		return
	}
	data, ok := k.Content[i]
	if !ok {
		add(CheckFail, "member", fmt.Sprintf("%q in %s is a %s, not a file", member, name, m.Type))
		return
	}
	add(CheckPass, "member", fmt.Sprintf("%q in %s is blob %s (id recomputed)", member, name, l.Blob))
	checkLines(add, l, data, s)
}
