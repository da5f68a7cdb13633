package main

import (
	"fmt"
	"io"

	"sightline/repo"
	"sightline/repo/textsafe"
)

// openRepo opens the repository at path and says on stderr what the
// reviewer must know before comparing sightline's output with git's.
func openRepo(path string, stderr io.Writer) (*repo.Repo, error) {
	r, err := repo.Open(path)
	if err != nil {
		return nil, err
	}
	if note := replaceNote(r); note != "" {
		fmt.Fprintf(stderr, "sightline: note: %s\n", note)
	}
	return r, nil
}

// replaceNote explains the repository's replacement refs, or is "".
func replaceNote(r *repo.Repo) string {
	refs := r.ReplaceRefs()
	if len(refs) == 0 {
		return ""
	}
	first := textsafe.Sanitize(refs[0])
	more := ""
	if len(refs) > 1 {
		more = fmt.Sprintf(" and %d more", len(refs)-1)
	}
	return fmt.Sprintf("the repository has replacement refs (%s%s): sightline shows the original objects, git shows the replacements unless run with --no-replace-objects", first, more)
}

// joinNotes puts two start-up notices on the one message line.
func joinNotes(a, b string) string {
	switch {
	case a == "":
		return b
	case b == "":
		return a
	}
	return a + "; " + b
}
