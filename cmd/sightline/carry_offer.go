package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"time"

	"sightline/repo"
	"sightline/review"
	"sightline/review/carry"
	"sightline/tui/annotate"
)

// offerWalkLimit bounds the history walk that tells whether an earlier
// review's pin is an ancestor of the new pin: the offer is a courtesy
// and must not hold up the start of the workbench.
const (
	offerWalkLimit   = 200_000
	offerWalkTimeout = 2 * time.Second
)

// carryOfferFor returns the workbench's offer to carry an earlier review
// into ws, or nil. It offers only when ws is new (no findings, no
// reviewed marks, not carried) and a workspace under the default
// workspaces directory reviews the same repository (the same git
// directory) at a pin that is an ancestor of pin: the nearest one.
// archive is the release archive the session was opened with (--artifact,
// "" for none): archive steps are carried into it.
func carryOfferFor(r *repo.Repo, pin repo.Pin, ws *review.Workspace, archive string) *annotate.CarryOffer {
	if len(ws.Findings()) > 0 || len(ws.Reviewed()) > 0 || len(ws.Provenance()) > 0 {
		return nil
	}
	dir, meta, ok := earlierWorkspace(r, pin, ws.Dir())
	if !ok {
		return nil
	}
	if st, err := os.Stat(archive); err == nil && st.IsDir() {
		archive = "" // a directory has no SHA-256 to name: archive steps stay gone, saying why
	}
	what := fmt.Sprintf("%s at %s (%s), workspace %s", meta.Repository, meta.Pin.Commit[:12], meta.Pin.Ref, dir)
	return &annotate.CarryOffer{What: what, Carry: func(ctx context.Context) (string, *repo.Pin, error) {
		return carryHere(ctx, r, pin, ws, dir, archive)
	}}
}

// earlierWorkspace finds the workspace of the nearest earlier review.
func earlierWorkspace(r *repo.Repo, pin repo.Pin, self string) (string, review.Meta, bool) {
	def, err := review.DefaultDir(r.Name(), r.GitDir(), pin.Commit)
	if err != nil {
		return "", review.Meta{}, false
	}
	root := filepath.Dir(def)
	entries, err := os.ReadDir(root)
	if err != nil {
		return "", review.Meta{}, false
	}
	byPin := map[repo.Hash]string{}
	metas := map[string]review.Meta{}
	for _, e := range entries {
		dir := filepath.Join(root, e.Name())
		if !e.IsDir() || sameDir(dir, self) {
			continue
		}
		m, err := review.ReadMeta(dir)
		if err != nil || m.GitDir != r.GitDir() {
			continue
		}
		h, err := repo.ParseHash(m.Pin.Commit)
		if err != nil || h == pin.Commit {
			continue
		}
		byPin[h], metas[dir] = dir, m
	}
	if len(byPin) == 0 {
		return "", review.Meta{}, false
	}
	ctx, cancel := context.WithTimeout(context.Background(), offerWalkTimeout)
	defer cancel()
	found, n := "", 0
	errFound := errors.New("found")
	_ = r.Log(ctx, pin.Commit, func(c repo.Commit) error {
		if dir, ok := byPin[c.Hash]; ok {
			found = dir
			return errFound
		}
		if n++; n > offerWalkLimit {
			return repo.ErrStopWalk
		}
		return nil
	})
	if found == "" {
		return "", review.Meta{}, false
	}
	return found, metas[found], true
}

func sameDir(a, b string) bool {
	x, err1 := filepath.Abs(a)
	y, err2 := filepath.Abs(b)
	return err1 == nil && err2 == nil && x == y
}

// carryHere carries the review in dir into ws, open at pin, with the
// code of 'sightline carry' (archive steps into archive, when given), and
// says what it did on one line, with the Changes tab's base from now on:
// the one the next start would take.
func carryHere(ctx context.Context, r *repo.Repo, pin repo.Pin, ws *review.Workspace, dir, archive string) (string, *repo.Pin, error) {
	old, err := readOldReview(dir, io.Discard)
	if err != nil {
		return "", nil, err
	}
	from, err := r.Resolve(old.meta.Pin.Commit)
	if err != nil {
		return "", nil, fmt.Errorf("the earlier review's pin %s is not in this repository: %w", old.meta.Pin.Commit, err)
	}
	from.Ref = old.meta.Pin.Ref
	arch, err := carryArchives(ctx, old.findings, archive, "")
	if err != nil {
		return "", nil, err
	}
	res, err := carry.CarryWithArchives(ctx, r, from, pin, old.findings, old.reviewed, arch)
	if err != nil {
		return "", nil, err
	}
	link := review.Provenance{Pin: old.meta.Pin, Journal: old.head, Workspace: dir}
	rep, err := carryInto(ws, r.Name(), old, link, from, pin, res)
	if err != nil {
		return "", nil, err
	}
	base := from
	if b := ws.Meta().Base; b != nil {
		// Recorded when the workspace was opened with --base: the next
		// start keeps it, and so does this session.
		if base, err = r.Resolve(b.Commit); err != nil {
			return "", nil, err
		}
		base.Ref = b.Ref
	} else if err := ws.SetBase(ptr(review.RevOf(from))); err != nil {
		return "", nil, err
	}
	c := rep.res.Counts
	return fmt.Sprintf("carried %d finding(s) from %s: steps %d unchanged, %d moved, %d changed, %d gone; %d reviewed mark(s) kept, %d changed since (2 Changes now compares with %s)",
		len(res.Findings), from.Commit.Short(), c[review.VerdictUnchanged], c[review.VerdictMoved], c[review.VerdictChanged],
		c[review.VerdictGone], len(res.Coverage.Kept), len(res.Coverage.Changed), base.Commit.Short()), &base, nil
}

func ptr[T any](v T) *T { return &v }
