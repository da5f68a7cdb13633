package main

import (
	"context"
	"fmt"
	"os"
	"path/filepath"

	"sightline/repo"
	"sightline/repo/artifact"
	"sightline/repo/textsafe"
	"sightline/review"
)

// archiveLocation is the location of lines start..end of member in the
// release archive at path: the archive is hashed and streamed once,
// keeping only that member's content.
func archiveLocation(ctx context.Context, commit repo.Hash, path, member string, start, end int) (review.Location, error) {
	name := textsafe.Sanitize(path)
	st, err := os.Stat(path)
	if err != nil {
		return review.Location{}, fmt.Errorf("--artifact: %w", err)
	}
	if st.IsDir() {
		return review.Location{}, fmt.Errorf("--artifact %s is a directory: a finding names an archive by the SHA-256 of its bytes; give the release file itself", name)
	}
	sum, err := artifact.FileSHA256(path)
	if err != nil {
		return review.Location{}, fmt.Errorf("--artifact: %w", err)
	}
	k, err := artifact.ReadKeeping(ctx, path, artifact.DefaultLimits(), member)
	if err != nil {
		return review.Location{}, fmt.Errorf("--artifact: %w", err)
	}
	i := k.Find(member)
	switch {
	case i < 0 && k.Err != nil:
		return review.Location{}, fmt.Errorf("%q: %w: not found in %s before reading stopped: %v", textsafe.Sanitize(member), review.ErrLocation, name, k.Err)
	case i < 0:
		return review.Location{}, fmt.Errorf("%q: %w: no such member in %s (name members as 'sightline artifact' lists them)", textsafe.Sanitize(member), review.ErrLocation, name)
	case k.TooLarge[i]:
		return review.Location{}, fmt.Errorf("%q in %s: %w: larger than %d bytes", textsafe.Sanitize(member), name, review.ErrLocation, artifact.MaxKeep)
	}
	data, ok := k.Content[i]
	if !ok {
		return review.Location{}, fmt.Errorf("%q in %s: %w: it is a %s, not a file", textsafe.Sanitize(member), name, review.ErrLocation, k.Members[i].Type)
	}
	return review.NewArchiveLocation(commit, review.ArchiveRef{Name: filepath.Base(path), SHA256: sum}, member, data, start, end)
}
