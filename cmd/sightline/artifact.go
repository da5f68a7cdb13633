package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"strings"

	"sightline/repo/artifact"
	"sightline/repo/textsafe"
)

func init() {
	register(command{
		name:    "artifact",
		summary: "compare a release archive (tar, tar.gz/bz2/xz/zst, zip, directory) with the tree at the pin",
		run:     runArtifact,
	})
}

const artifactUsage = `Usage: sightline artifact ARCHIVE [--repo PATH] [--rev REV] [--known PATH]... [--json]

Compares a release archive with the repository's tree at REV and prints a
report, riskiest first. ARCHIVE is a tar file (plain, gzip, bzip2, xz or
zstd compressed), a zip file, or a directory holding an unpacked release;
the format is read from its first bytes, not its name. A top-level
directory that every member shares ("name-1.2/") is removed and reported.
Nothing is extracted or executed.

Each member is hashed as a git blob and is one of:
  modified upstream  not in the tree, named like a catalogued upstream
                     file but matching no catalogued version (the
                     highest risk: shown against the closest version)
  differs            content differs from the tree at the same path
  unknown            not in the tree nor the catalogue ("looks generated"
                     for configure, Makefile.in, aclocal.m4...)
  mode differs       same content, another executable bit or symlink/file
  known upstream     not in the tree, identical to a catalogued file
  identical          the same as the tree (counted, not listed)
and paths in the tree but not in the archive are "not shipped". Hostile
structure (names with ".." or absolute, links out of the archive,
devices, duplicate names, names that collide by case or Unicode
normalization, control or bidi characters in names, decompression bombs)
is listed after the modified upstream files.

--known PATH (repeatable) is a directory of trusted upstream files (such
as /usr/share/aclocal) or a catalogue from 'sightline known build'.

Exit status: 0 when every member is identical to the tree and nothing is
hostile, 1 when anything differs, 2 when the archive could not be checked
(unreadable, unknown format, or reading stopped part-way: what was read is
reported first) or on bad usage.

Flags:
`

// knownList is the repeatable --known flag.
type knownList []string

func (k *knownList) String() string     { return strings.Join(*k, ",") }
func (k *knownList) Set(s string) error { *k = append(*k, s); return nil }

func runArtifact(args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("artifact", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	repoPath := fs.String("repo", ".", "the repository to compare with")
	rev := fs.String("rev", "HEAD", "the revision to pin")
	asJSON := fs.Bool("json", false, "print one JSON object")
	var known knownList
	fs.Var(&known, "known", "a directory of trusted upstream files or a catalogue file (repeatable)")
	pos, _, err := parseMixed(fs, args)
	if err != nil {
		return helpOrUsage(err, fs, stdout, artifactUsage)
	}
	if len(pos) != 1 {
		return usagef("want one ARCHIVE (a tar, compressed tar or zip file, or a directory), got %d arguments", len(pos))
	}
	ctx := context.Background()
	cat := &artifact.Catalogue{}
	for _, k := range known {
		if err := cat.LoadKnown(ctx, k); err != nil {
			return cannotCheck(fmt.Errorf("--known %s: %w", k, err))
		}
	}
	r, err := openRepo(*repoPath, stderr)
	if err != nil {
		return cannotCheck(err)
	}
	defer r.Close()
	pin, err := r.Resolve(*rev)
	if err != nil {
		return cannotCheck(err)
	}
	a, err := artifact.Read(ctx, pos[0], artifact.DefaultLimits())
	if err != nil {
		return cannotCheck(err)
	}
	rep, err := artifact.Compare(ctx, r, pin, a, cat)
	if err != nil {
		return cannotCheck(fmt.Errorf("reading the tree at %s: %w", pin.Commit.Short(), err))
	}
	if *asJSON {
		err = writeArtifactJSON(stdout, rep)
	} else {
		err = writeArtifactText(stdout, rep)
	}
	if err != nil {
		return err
	}
	return artifactResult(rep)
}

// artifactResult is the exit status: 2 when reading stopped part-way
// (the rest is unchecked), else 1 for any difference or finding.
func artifactResult(rep *artifact.Report) error {
	a := rep.Archive
	if a.Err != nil {
		return exitError{2, fmt.Errorf("cannot check all of %s: %w", a.Path, a.Err)}
	}
	if rep.Clean() {
		return exitError{0, fmt.Errorf("every member of %s is identical to commit %s", a.Path, rep.Pin.Commit.Short())}
	}
	return exitError{1, errors.New(artifactSummary(rep))}
}

func artifactSummary(rep *artifact.Report) string {
	var parts []string
	if n := len(rep.Archive.Findings); n > 0 {
		parts = append(parts, count(n, "hostile trait"))
	}
	for c := artifact.ClassModifiedUpstream; c < artifact.ClassNotShipped; c++ {
		if n := rep.Count(c); n > 0 {
			parts = append(parts, fmt.Sprintf("%d %s", n, c))
		}
	}
	return fmt.Sprintf("%s differs from commit %s: %s", rep.Archive.Path, rep.Pin.Commit.Short(), strings.Join(parts, ", "))
}

// writeArtifactText prints the report: a header, the modified upstream
// files, the hostile findings, then the other classes; identical members
// are only counted.
func writeArtifactText(w io.Writer, rep *artifact.Report) error {
	a := rep.Archive
	fmt.Fprintf(w, "archive %s (%s), %s\n", textsafe.Sanitize(a.Path), a.Format, count(len(a.Members), "member"))
	if a.Prefix != "" {
		fmt.Fprintf(w, "top-level directory %s/ removed from every name\n", textsafe.Sanitize(a.Prefix))
	}
	if a.Comment != "" {
		fmt.Fprintf(w, "pax comment: %s\n", textsafe.Sanitize(a.Comment))
	}
	fmt.Fprintf(w, "compared with commit %s (%s)\n", rep.Pin.Commit.Short(), textsafe.Sanitize(rep.Pin.Ref))
	rest := rep.Results
	for len(rest) > 0 && rest[0].Class == artifact.ClassModifiedUpstream {
		fmt.Fprintln(w, resultLine(rest[0]))
		rest = rest[1:]
	}
	for _, f := range a.Findings {
		fmt.Fprintln(w, findingLine(f))
	}
	identical := 0
	for _, res := range rest {
		if res.Class == artifact.ClassIdentical {
			identical++
			continue
		}
		fmt.Fprintln(w, resultLine(res))
	}
	fmt.Fprintf(w, "%s identical to the tree\n", count(identical, "member"))
	if a.Err != nil {
		_, err := fmt.Fprintf(w, "error: %s\n", textsafe.Sanitize(a.Err.Error()))
		return err
	}
	return nil
}

func resultLine(res artifact.Result) string {
	s := fmt.Sprintf("%-18s %s", res.Class, textsafe.Sanitize(res.Path))
	if m := res.Member; m != nil && m.Type == artifact.TypeSymlink {
		s += " -> " + textsafe.Sanitize(m.Link)
	}
	var notes []string
	if res.Note != "" {
		notes = append(notes, textsafe.Sanitize(res.Note))
	}
	if k := res.Closest; k != nil {
		if res.Class == artifact.ClassKnownUpstream {
			notes = append(notes, "same as "+textsafe.Sanitize(k.Path))
		} else {
			notes = append(notes, closestNote(res.Member, k))
		}
	}
	if len(notes) > 0 {
		s += "  (" + strings.Join(notes, "; ") + ")"
	}
	return s
}

// closestNote shows a modified upstream file against the catalogued
// version it is nearest to.
func closestNote(m *artifact.Member, k *artifact.KnownFile) string {
	s := fmt.Sprintf("closest catalogued: %s, %d bytes", textsafe.Sanitize(k.Path), k.Size)
	if k.Serial != "" {
		s += ", serial " + textsafe.Sanitize(k.Serial)
	}
	s += fmt.Sprintf("; this one %d bytes", m.Size)
	if m.Serial != "" {
		s += ", serial " + textsafe.Sanitize(m.Serial)
	}
	return s
}

func findingLine(f artifact.Finding) string {
	s := fmt.Sprintf("%-18s %s", f.Kind, textsafe.Sanitize(f.Member))
	switch f.Kind {
	case artifact.FindLinkOutside, artifact.FindHardLinkOutside:
		s += " -> " + textsafe.Sanitize(f.Other)
	case artifact.FindDuplicate, artifact.FindCaseCollision, artifact.FindNormCollision:
		s += " and " + textsafe.Sanitize(f.Other)
	}
	return s + "  (" + textsafe.Sanitize(f.Detail) + ")"
}
