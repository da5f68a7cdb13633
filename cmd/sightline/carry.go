package main

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"

	"sightline/repo"
	"sightline/review"
	"sightline/review/bundle"
	"sightline/review/carry"
)

func init() {
	register(command{
		name:    "carry",
		summary: "carry a review to a newer pin: a verdict for every finding step, reviewed marks kept where nothing changed",
		run:     runCarry,
	})
}

const carryUsage = `Usage: sightline carry --from WORKSPACE --rev NEW [--repo PATH] [--workspace DIR] [--bundle FILE]
                       [--artifact NEW_ARCHIVE [--from-artifact OLD_ARCHIVE]] [--json]

Carries the review in WORKSPACE (pinned at an older commit) to the
revision NEW: creates the workspace pinned at NEW (--workspace, else the
default one for the repository and NEW), with the old pin as its base,
and prints a report.

Every step of every finding gets a verdict, by the strictest rule that
holds (see docs/ARCHITECTURE.md, package review/carry):
  unchanged  same path, same lines, same bytes
  moved      the same bytes at other lines or under a renamed path
  changed    the lines were edited: the step points at what stands there
             now, keeps its old location and hash, and the finding's
             status becomes needs-re-review
  gone       the file or the lines were deleted: the step keeps its old
             location, and the finding needs re-review
A step on a member of a release archive follows the same rules in the
new release's archive (--artifact): the member at the same path, or the
one member with the same bytes under another path (a rename). Its lines
are mapped from the old member's bytes, read from --from-artifact (the
old release's archive) or from the repository when it holds that blob;
without them a member that differs makes the step changed. Carried steps
name the new archive by its SHA-256. Without --artifact such a step is
kept where it was, gone, and says why.

A file marked reviewed stays marked when its blob is the same at NEW
(also after a rename); the others are listed as changed since the last
review.

The new workspace records where it came from: the old pin, the old
journal's head, the SHA-256 of --bundle (the old review's exported
bundle, checked to be for the old pin), and the old review's own chain.

Exit status: 0 carried, 1 failed (nothing was written), 2 bad usage.

Flags:
`

type carryFlags struct {
	from, bundle string
	artifact     string // the new release's archive, for archive steps
	fromArtifact string // the old release's archive, for the old members' bytes
	json         bool
	wf           workspaceFlags
}

func runCarry(args []string, stdout, stderr io.Writer) error {
	var cf carryFlags
	fs := flag.NewFlagSet("carry", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	fs.StringVar(&cf.from, "from", "", "the workspace of the review to carry (required)")
	fs.StringVar(&cf.wf.repo, "repo", "", "the repository (default: the one the --from workspace names)")
	fs.StringVar(&cf.wf.rev, "rev", "", "the newer revision to carry the review to (required)")
	fs.StringVar(&cf.wf.workspace, "workspace", "", "the new workspace directory (default: $XDG_DATA_HOME/sightline/workspaces/NAME-PIN-HASH)")
	fs.StringVar(&cf.bundle, "bundle", "", "the bundle exported from the old review, to record its hash")
	fs.StringVar(&cf.artifact, "artifact", "", "the new release's archive: steps on archive members are carried into it")
	fs.StringVar(&cf.fromArtifact, "from-artifact", "", "with --artifact: the old release's archive the steps were made on, to map their lines")
	fs.BoolVar(&cf.json, "json", false, "print the report as JSON")
	rest, err := parseInterleaved(fs, args)
	if errors.Is(err, flag.ErrHelp) {
		fmt.Fprint(stdout, carryUsage)
		fs.SetOutput(stdout)
		fs.PrintDefaults()
		return nil
	}
	switch {
	case err != nil:
		return usagef("%v", err)
	case len(rest) > 0:
		return usagef("unexpected argument %q; carry takes only flags", rest[0])
	case cf.from == "":
		return usagef("--from WORKSPACE is required: the workspace of the review to carry")
	case cf.wf.rev == "":
		return usagef("--rev NEW is required: the revision to carry the review to")
	case cf.fromArtifact != "" && cf.artifact == "":
		return usagef("--from-artifact goes with --artifact NEW_ARCHIVE: the new release's archive to carry archive steps into")
	}
	rep, err := doCarry(cf, stderr)
	if err != nil {
		return err
	}
	if cf.json {
		return writeCarryJSON(stdout, rep)
	}
	writeCarryText(stdout, rep)
	return nil
}

// oldReview is what is read from the workspace being carried.
type oldReview struct {
	meta     review.Meta
	findings []review.Finding
	reviewed []review.ReviewedFile
	head     review.Head
	chain    []review.Provenance
}

func readOldReview(dir string, stderr io.Writer) (oldReview, error) {
	var o oldReview
	m, err := review.ReadMeta(dir)
	if errors.Is(err, os.ErrNotExist) {
		return o, fmt.Errorf("--from %s: no workspace there (no journal); pass the directory of the review to carry", dir)
	}
	if err != nil {
		return o, fmt.Errorf("--from %s: %w", dir, err)
	}
	m.Base = nil // Open would record a base it is given as a new one
	ws, err := review.Open(dir, m)
	if err != nil {
		return o, fmt.Errorf("--from: %w", err)
	}
	printWarnings(stderr, ws)
	o = oldReview{meta: ws.Meta(), findings: ws.Findings(), reviewed: ws.Reviewed(), head: ws.Head(), chain: ws.Provenance()}
	if rb := ws.RolledBack(); rb != nil {
		_ = ws.Close()
		return o, fmt.Errorf("--from: %w; settle it first (sightline findings accept-rollback --workspace %s)", rb, dir)
	}
	return o, ws.Close()
}

// carryReport is what carry did, for the text and JSON reports.
type carryReport struct {
	repoName  string
	from, to  repo.Pin
	workspace string
	res       *carry.Result
	link      review.Provenance
	chain     []review.Provenance
	titles    map[string]string
}

func doCarry(cf carryFlags, stderr io.Writer) (*carryReport, error) {
	fromDir, err := filepath.Abs(cf.from)
	if err != nil {
		return nil, err
	}
	old, err := readOldReview(fromDir, stderr)
	if err != nil {
		return nil, err
	}
	if cf.wf.repo == "" {
		cf.wf.repo = old.meta.GitDir
	}
	r, err := openRepo(cf.wf.repo, stderr)
	if err != nil {
		return nil, err
	}
	defer r.Close()
	from, err := r.Resolve(old.meta.Pin.Commit)
	if err != nil {
		return nil, fmt.Errorf("the old pin %s is not in %s: %w; pass --repo with a clone that has both commits", old.meta.Pin.Commit, cf.wf.repo, err)
	}
	from.Ref = old.meta.Pin.Ref
	to, err := r.Resolve(cf.wf.rev)
	if err != nil {
		return nil, fmt.Errorf("--rev: %w", err)
	}
	if to.Commit == from.Commit {
		return nil, usagef("--rev %s is the pin the review already has; name a newer revision", cf.wf.rev)
	}
	link := review.Provenance{Pin: old.meta.Pin, Journal: old.head, Workspace: fromDir}
	if cf.bundle != "" {
		if link.Bundle, err = bundleHash(cf.bundle, old.meta.Pin.Commit); err != nil {
			return nil, err
		}
	}
	arch, err := carryArchives(context.Background(), old.findings, cf.artifact, cf.fromArtifact)
	if err != nil {
		return nil, err
	}
	res, err := carry.CarryWithArchives(context.Background(), r, from, to, old.findings, old.reviewed, arch)
	if err != nil {
		return nil, err
	}
	wf := cf.wf
	wf.base = from.Commit.String()
	o, err := openWorkspaceIn(r, wf, stderr)
	if err != nil {
		return nil, err
	}
	rep, err := carryInto(o.WS, r.Name(), old, link, from, to, res)
	if err != nil {
		_ = o.WS.Close()
		return nil, err
	}
	if err := o.WS.Close(); err != nil {
		return nil, err
	}
	return rep, nil
}

// carryInto writes a carried review into ws (open at to): the command's
// last step, and the workbench's when the reviewer accepts its offer.
func carryInto(ws *review.Workspace, repoName string, old oldReview, link review.Provenance, from, to repo.Pin, res *carry.Result) (*carryReport, error) {
	link.Changed, link.Kept = res.Coverage.Changed, len(res.Coverage.Kept)
	chain := append(slices.Clone(old.chain), link)
	if err := ws.Carry(review.NewCarryData(chain, res.Findings, res.Coverage.Kept)); err != nil {
		return nil, fmt.Errorf("carry into %s: %w", ws.Dir(), err)
	}
	rep := &carryReport{repoName: repoName, from: from, to: to, workspace: ws.Dir(), res: res, link: link, chain: chain,
		titles: map[string]string{}}
	for _, f := range res.Findings {
		rep.titles[f.ID] = f.Title
	}
	return rep, nil
}

// bundleHash reads the old review's bundle strictly, checks that it is
// for the old pin, and returns "sha256:" and the hex of its bytes.
func bundleHash(path, pin string) (string, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return "", fmt.Errorf("--bundle: %w", err)
	}
	b, err := bundle.ReadBundle(data)
	if err != nil {
		return "", fmt.Errorf("--bundle %s: %w", path, err)
	}
	if b.Pin.Commit != pin {
		return "", fmt.Errorf("--bundle %s is for commit %s, not the old review's pin %s; pass the bundle exported from --from", path, b.Pin.Commit, pin)
	}
	sum := sha256.Sum256(data)
	return "sha256:" + hex.EncodeToString(sum[:]), nil
}
