package bundle

import (
	"bytes"
	"context"
	"encoding/base64"
	"errors"
	"fmt"
	"strings"

	"sightline/repo"
	"sightline/review"
)

// repoVerifier checks bundle locations against a repository, recomputing
// every object id it relies on from the object's bytes (go-git returns
// whatever an object file holds without checking it against its id).
type repoVerifier struct {
	ctx      context.Context
	r        *repo.Repo
	verified map[repo.Hash]error // VerifyObject results, by object
	trees    map[string]repo.Hash
}

// verifyAgainstRepo adds the repository checks to r: pin (and base) commit
// and tree, then each step's blob and lines.
func verifyAgainstRepo(ctx context.Context, r *VerifyReport, b *Bundle, path string) {
	if b.Repository.ObjectFormat != "sha1" {
		r.add(CheckUnverifiable, "repository", fmt.Sprintf("the bundle uses the %s object format; this verifier (go-git v5) reads SHA-1 repositories only", b.Repository.ObjectFormat))
		return
	}
	rp, err := repo.Open(path)
	if err != nil {
		r.add(CheckUnverifiable, "repository", err.Error())
		return
	}
	defer rp.Close()
	v := &repoVerifier{ctx: ctx, r: rp, verified: map[repo.Hash]error{}, trees: map[string]repo.Hash{}}
	if !v.checkPin(r, "pin", b.Pin) {
		return
	}
	if b.Base != nil && !v.checkPin(r, "base", *b.Base) {
		return
	}
	v.checkCoverage(r, b)
	for _, f := range b.Findings {
		for i, s := range f.Steps {
			if s.Location.Archive != nil {
				continue // verifyArchives checks it, in the archive
			}
			v.checkStep(r, b, f.ID, i+1, s)
		}
	}
}

// checkCoverage checks that every file marked reviewed is, at the pin,
// the blob the bundle says was read: one line for all that match, one per
// file that does not.
func (v *repoVerifier) checkCoverage(r *VerifyReport, b *Bundle) {
	ok := 0
	for _, c := range b.Coverage.Paths {
		path, _ := c.RawPath() // validated by ReadBundle
		e, err := v.lookup(v.trees[b.Pin.Commit], path)
		if err == nil && e.Hash.String() != c.Blob {
			r.add(CheckFail, "coverage", fmt.Sprintf("%q: it is blob %s, the bundle says %s was read (blob mismatch)", path, e.Hash, c.Blob))
			continue
		}
		if err == nil {
			err = v.verify(e.Hash)
		}
		if err != nil {
			r.add(repoErrStatus(err), "coverage", fmt.Sprintf("%q: %v", path, err))
			continue
		}
		ok++
	}
	if ok > 0 {
		r.add(CheckPass, "coverage", fmt.Sprintf("%d file(s) marked reviewed are the blobs named at the pin (ids recomputed)", ok))
	}
}

// verify runs VerifyObject once per object.
func (v *repoVerifier) verify(h repo.Hash) error {
	if err, ok := v.verified[h]; ok {
		return err
	}
	err := v.r.VerifyObject(v.ctx, h)
	v.verified[h] = err
	return err
}

// status turns a repository error into a check status: a missing or
// substituted object is a failure, anything else (an unreadable pack, a
// cancelled context) means the check could not be made.
func repoErrStatus(err error) CheckStatus {
	if errors.Is(err, repo.ErrMissingObject) || errors.Is(err, repo.ErrHashMismatch) || errors.Is(err, repo.ErrNotFound) {
		return CheckFail
	}
	return CheckUnverifiable
}

// checkPin verifies that the commit exists, hashes to its id, and has the
// tree the bundle names. It reports false when later checks cannot run.
func (v *repoVerifier) checkPin(r *VerifyReport, name string, p BundlePin) bool {
	c, _ := repo.ParseHash(p.Commit) // validated by ReadBundle
	t, _ := repo.ParseHash(p.Tree)
	if err := v.verify(c); err != nil {
		r.add(repoErrStatus(err), name+" commit", fmt.Sprintf("commit %s: %v", p.Commit, err))
		return false
	}
	commit, err := v.r.ReadCommit(v.ctx, c)
	if err != nil {
		r.add(repoErrStatus(err), name+" commit", err.Error())
		return false
	}
	r.add(CheckPass, name+" commit", fmt.Sprintf("%s exists (id recomputed from its bytes)", p.Commit))
	if commit.Tree != t {
		r.add(CheckFail, name+" tree", fmt.Sprintf("commit %s has tree %s, the bundle says %s", p.Commit, commit.Tree, p.Tree))
		return false
	}
	if err := v.verify(t); err != nil {
		r.add(repoErrStatus(err), name+" tree", err.Error())
		return false
	}
	r.add(CheckPass, name+" tree", fmt.Sprintf("%s (id recomputed)", p.Tree))
	v.trees[p.Commit] = t
	if p.Ref != "" {
		// Informational: refs move, the commit id is what was reviewed.
		if now, err := v.r.Resolve(p.Ref); err != nil {
			r.add(CheckNote, name+" ref", fmt.Sprintf("%q does not resolve in this repository (the commit id is what counts)", p.Ref))
		} else if now.Commit != c {
			r.add(CheckNote, name+" ref", fmt.Sprintf("%q now names %s, not the reviewed commit (the commit id is what counts)", p.Ref, now.Commit))
		}
	}
	return true
}

// checkStep checks one step: its commit is the pin (or the base, on the
// base side of a diff), its path resolves through verified trees to the
// blob named, and its lines hash to lineHash.
func (v *repoVerifier) checkStep(r *VerifyReport, b *Bundle, id string, n int, s BundleStep) {
	add := func(st CheckStatus, name, detail string) {
		r.Checks = append(r.Checks, Check{Status: st, Name: name, Finding: id, Step: n, Detail: detail})
	}
	l := s.Location
	if s.Carried != nil && s.Carried.Verdict == review.VerdictGone {
		add(CheckNote, "carried", fmt.Sprintf("carried as gone: the code is no longer at the pin; the step keeps its old location %s at %s", l.Path, short(l.Commit)))
		return
	}
	want := b.Pin.Commit
	if l.Side == review.SideBase {
		want = ""
		if b.Base != nil {
			want = b.Base.Commit
		}
	}
	if l.Commit != want {
		add(CheckFail, "commit", fmt.Sprintf("location names commit %s, which is not the bundle's %s", l.Commit, sideName(l.Side)))
		return
	}
	path, _ := l.RawPath() // validated by ReadBundle
	e, err := v.lookup(v.trees[l.Commit], path)
	if err != nil {
		add(repoErrStatus(err), "blob", fmt.Sprintf("%q at %s: %v", path, short(l.Commit), err))
		return
	}
	if e.Kind != repo.KindFile && e.Kind != repo.KindExec {
		add(CheckFail, "blob", fmt.Sprintf("%q at %s is a %s, not a file", path, short(l.Commit), e.Kind))
		return
	}
	if e.Hash.String() != l.Blob {
		add(CheckFail, "blob", fmt.Sprintf("%q at %s is blob %s, the bundle names %s (blob mismatch)", path, short(l.Commit), e.Hash, l.Blob))
		return
	}
	if err := v.verify(e.Hash); err != nil {
		add(repoErrStatus(err), "blob", fmt.Sprintf("%q: %v", path, err))
		return
	}
	add(CheckPass, "blob", fmt.Sprintf("%q at %s is blob %s (id recomputed)", path, short(l.Commit), l.Blob))
	blob, err := v.r.ReadBlob(v.ctx, e.Hash, -1)
	if err != nil {
		add(repoErrStatus(err), "lines", err.Error())
		return
	}
	checkLines(add, l, blob.Data, s)
}

// checkLines checks that the step's lines of data hash to its lineHash
// and, when it carries one, equal its snippet.
func checkLines(add func(CheckStatus, string, string), l BundleLocation, data []byte, s BundleStep) {
	span := fmt.Sprintf("lines %d-%d", l.StartLine, l.EndLine)
	got, err := review.LineHash(data, l.StartLine, l.EndLine)
	if err != nil {
		add(CheckFail, "lines", err.Error())
		return
	}
	if got != l.LineHash {
		add(CheckFail, "lines", fmt.Sprintf("%s hash to %s, the bundle says %s (range hash mismatch: the finding points at other code)", span, got, l.LineHash))
		return
	}
	if s.Snippet != "" || s.SnippetBytes != "" {
		lines := lineRange(data, l.StartLine, l.EndLine)
		snip := []byte(s.Snippet)
		if s.SnippetBytes != "" {
			snip, _ = base64.StdEncoding.DecodeString(s.SnippetBytes)
		}
		if !bytes.Equal(snip, lines) {
			add(CheckFail, "lines", span+" match lineHash, but the snippet differs from them")
			return
		}
	}
	add(CheckPass, "lines", span+" match lineHash")
}

// lookup resolves path under root by raw bytes, verifying the id of every
// tree it passes through, so a substituted tree cannot redirect the path.
func (v *repoVerifier) lookup(root repo.Hash, path string) (repo.Entry, error) {
	names := strings.Split(path, "/")
	for i := 1; i < len(names); i++ {
		e, err := v.r.Lookup(v.ctx, root, strings.Join(names[:i], "/"))
		if err != nil {
			return repo.Entry{}, err
		}
		if e.Kind == repo.KindDir {
			if err := v.verify(e.Hash); err != nil {
				return repo.Entry{}, err
			}
		}
	}
	return v.r.Lookup(v.ctx, root, path)
}

func sideName(side string) string {
	if side == review.SideBase {
		return "base"
	}
	return "pin"
}

func short(id string) string {
	if len(id) > 12 {
		return id[:12]
	}
	return id
}
