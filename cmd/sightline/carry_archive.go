package main

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"slices"

	"sightline/repo"
	"sightline/repo/artifact"
	"sightline/repo/textsafe"
	"sightline/review"
	"sightline/review/carry"
)

// archiveSteps lists the member paths and the archives (by SHA-256) the
// findings' release-archive steps name.
func archiveSteps(findings []review.Finding) (paths []string, shas map[string]bool) {
	shas = map[string]bool{}
	for _, f := range findings {
		for _, st := range f.Steps {
			if a := st.Location.Archive; a != nil {
				if !slices.Contains(paths, st.Location.Path) {
					paths = append(paths, st.Location.Path)
				}
				shas[a.SHA256] = true
			}
		}
	}
	return paths, shas
}

// carryArchives reads what carry needs for release-archive steps: the new
// release's archive (newPath, "" for none) with the members at the steps'
// paths, and the old member contents from the old archive (oldPath, ""
// for none). Without archive steps nothing is read.
func carryArchives(ctx context.Context, findings []review.Finding, newPath, oldPath string) (carry.Archives, error) {
	var a carry.Archives
	paths, shas := archiveSteps(findings)
	if len(paths) == 0 || newPath == "" {
		return a, nil
	}
	for flag, p := range map[string]string{"--artifact": newPath, "--from-artifact": oldPath} {
		if st, err := os.Stat(p); err == nil && st.IsDir() {
			return a, fmt.Errorf("%s %s is a directory: steps name an archive by the SHA-256 of its bytes; give the release file itself", flag, textsafe.Sanitize(p))
		}
	}
	if oldPath != "" {
		old, err := readCarryArchive(ctx, "--from-artifact", oldPath, paths)
		if err != nil {
			return a, err
		}
		if sha, _ := artifact.FileSHA256(oldPath); !shas[sha] {
			return a, fmt.Errorf("--from-artifact %s (sha256 %s) is not an archive the review's steps were made on; pass the old release's archive they name",
				textsafe.Sanitize(oldPath), sha)
		}
		a.Old = map[repo.Hash][]byte{}
		for _, b := range old.Content {
			a.Old[artifact.BlobID(b)] = b // keyed by what the bytes hash to: nothing is taken on trust
		}
	}
	kept, err := readCarryArchive(ctx, "--artifact", newPath, paths)
	if err != nil {
		return a, err
	}
	sha, err := artifact.FileSHA256(newPath)
	if err != nil {
		return a, fmt.Errorf("--artifact: %w", err)
	}
	ref := review.ArchiveRef{Name: filepath.Base(newPath), SHA256: sha}
	if err := ref.Validate(); err != nil {
		return a, fmt.Errorf("--artifact: %w; rename the file", err)
	}
	// A step names a member as the Release tab did, which may keep the
	// archive's top directory: such a member is known by the step's path.
	named := map[int]string{}
	for _, p := range paths {
		if i := kept.Find(p); i >= 0 {
			named[i] = p
		}
	}
	na := &carry.NewArchive{Ref: ref}
	for i, m := range kept.Members {
		if m.Type == artifact.TypeFile || m.Type == artifact.TypeExec || m.Type == artifact.TypeHardLink {
			p, ok := named[i]
			if !ok {
				p = m.Path
			}
			na.Members = append(na.Members, carry.Member{Path: p, Blob: m.Blob, Content: kept.Content[i]})
		}
	}
	a.New = na
	return a, nil
}

// readCarryArchive reads an archive whole, keeping the members at paths.
func readCarryArchive(ctx context.Context, flag, path string, paths []string) (*artifact.Kept, error) {
	k, err := artifact.ReadKeeping(ctx, path, artifact.DefaultLimits(), paths...)
	if err != nil {
		return nil, fmt.Errorf("%s %s: %w", flag, textsafe.Sanitize(path), err)
	}
	if k.Err != nil {
		return nil, fmt.Errorf("%s %s: the archive could not be read to the end: %w; nothing was carried", flag, textsafe.Sanitize(path), k.Err)
	}
	return k, nil
}
