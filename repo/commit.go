package repo

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/go-git/go-git/v5/plumbing"

	"sightline/repo/internal/odb"
)

// Signature is an author or committer line of a commit. Name and Email
// are the vendor's raw bytes: sanitize them before display.
type Signature struct {
	Name, Email string
	When        time.Time // in the zone the commit recorded
}

// Commit is a decoded commit object. Message is raw (untrusted) text.
type Commit struct {
	Hash, Tree        Hash
	Parents           []Hash
	Author, Committer Signature
	Message           string
	// MessageCut, when not 0, says Message is only the start of a
	// message too long to hold (see ObjectPrefixMax): the whole commit
	// object is this many bytes.
	MessageCut int64
}

// ObjectPrefixMax bounds how much of a commit or tag object is held: its
// headers and the start of its message. A bigger object (a hostile 256
// MiB message compresses to 255 KB) is still read to its end, so that it
// is checked against its id, but its message is cut.
const ObjectPrefixMax = 1 << 20

// readPrefix reads object h, of type want, keeping at most ObjectPrefixMax
// bytes of it, and returns them with the object's whole size.
func (r *Repo) readPrefix(h Hash, want plumbing.ObjectType) ([]byte, int64, error) {
	typ, size, rd, err := r.objects.Stream(odb.ID(h))
	if err != nil {
		return nil, 0, objectError(want.String(), h, err)
	}
	defer rd.Close()
	if plumbing.ObjectType(typ) != want {
		return nil, 0, fmt.Errorf("object %s is a %s, not a %s", h, typ.String(), want)
	}
	if w, ok := rd.(interface{ Whole() []byte }); ok && size <= ObjectPrefixMax {
		return w.Whole(), size, nil // resolved in memory already (a delta)
	}
	data := make([]byte, min(size, ObjectPrefixMax))
	if _, err := io.ReadFull(rd, data); err != nil {
		return nil, 0, objectError(want.String(), h, err)
	}
	// Read the rest without keeping it: the stream checks the object's
	// length and its id as it reaches the end.
	if _, err := io.Copy(io.Discard, rd); err != nil {
		return nil, 0, objectError(want.String(), h, err)
	}
	return data, size, nil
}

// Subject is the first line of the message, as "git log --oneline" shows.
func (c Commit) Subject() string {
	s := strings.TrimLeft(c.Message, "\n")
	if i := strings.IndexByte(s, '\n'); i >= 0 {
		s = s[:i]
	}
	return strings.TrimRight(s, "\r")
}

// ReadCommit reads and decodes commit h.
func (r *Repo) ReadCommit(ctx context.Context, h Hash) (Commit, error) {
	if err := ctxErr(ctx); err != nil {
		return Commit{}, err
	}
	data, size, err := r.readPrefix(h, plumbing.CommitObject)
	if err != nil {
		return Commit{}, err
	}
	c, err := parseCommit(data)
	if err != nil {
		return Commit{}, fmt.Errorf("commit %s is corrupt: %w", h, err)
	}
	c.Hash = h
	if size > int64(len(data)) {
		c.MessageCut = size
	}
	return c, nil
}

// parseCommit decodes a commit object's headers and message. Headers it
// does not know (gpgsig, mergetag, encoding, with their continuation
// lines) are skipped, as git does for display.
func parseCommit(data []byte) (Commit, error) {
	var c Commit
	seenTree := false
	for len(data) > 0 {
		nl := bytes.IndexByte(data, '\n')
		if nl < 0 {
			nl = len(data)
		}
		line := data[:nl]
		data = data[min(nl+1, len(data)):]
		if len(line) == 0 {
			c.Message = string(data)
			break
		}
		if line[0] == ' ' {
			continue // continuation of a multi-line header
		}
		key, val, _ := bytes.Cut(line, []byte{' '})
		switch string(key) {
		case "tree":
			h, err := ParseHash(string(val))
			if err != nil {
				return c, fmt.Errorf("tree: %w", err)
			}
			c.Tree, seenTree = h, true
		case "parent":
			h, err := ParseHash(string(val))
			if err != nil {
				return c, fmt.Errorf("parent: %w", err)
			}
			c.Parents = append(c.Parents, h)
		case "author":
			c.Author = parseSignature(val)
		case "committer":
			c.Committer = parseSignature(val)
		}
	}
	if !seenTree {
		return c, fmt.Errorf("no tree header")
	}
	return c, nil
}

// parseSignature decodes "Name <email> 1700000000 +0100". A malformed
// date gives the zero time rather than an error: git shows such commits
// too, and a reviewer should see them.
func parseSignature(b []byte) Signature {
	var s Signature
	lt := bytes.IndexByte(b, '<')
	gt := bytes.LastIndexByte(b, '>')
	if lt < 0 || gt < lt {
		s.Name = string(bytes.TrimSpace(b))
		return s
	}
	s.Name = string(bytes.TrimRight(b[:lt], " "))
	s.Email = string(b[lt+1 : gt])
	fields := strings.Fields(string(b[gt+1:]))
	if len(fields) == 0 {
		return s
	}
	secs, err := strconv.ParseInt(fields[0], 10, 64)
	if err != nil {
		return s
	}
	loc := time.UTC
	if len(fields) > 1 {
		loc = parseZone(fields[1])
	}
	s.When = time.Unix(secs, 0).In(loc)
	return s
}

// parseZone turns "+0130" into a fixed zone; anything else is UTC.
func parseZone(z string) *time.Location {
	if len(z) != 5 || (z[0] != '+' && z[0] != '-') {
		return time.UTC
	}
	hh, err1 := strconv.Atoi(z[1:3])
	mm, err2 := strconv.Atoi(z[3:5])
	if err1 != nil || err2 != nil {
		return time.UTC
	}
	off := (hh*60 + mm) * 60
	if z[0] == '-' {
		off = -off
	}
	return time.FixedZone(z, off)
}

// commitHead is what a history walk needs of a commit, decoded without
// copying names or the message; full decodes the rest when the commit is
// shown. Walks skip most commits (path history, blame), so this saves
// most of the decoding.
type commitHead struct {
	hash, tree Hash
	parents    []Hash
	when       int64  // committer time (0 if unreadable, as in git)
	raw        []byte // the object, or its first ObjectPrefixMax bytes; nil when read from the commit-graph
	size       int64  // the object's whole size
	graphPos   uint32 // position in the commit-graph, when inGraph
	inGraph    bool
}

func (r *Repo) readCommitHead(ctx context.Context, h Hash) (commitHead, error) {
	if err := ctxErr(ctx); err != nil {
		return commitHead{}, err
	}
	data, size, err := r.readPrefix(h, plumbing.CommitObject)
	if err != nil {
		return commitHead{}, err
	}
	c := commitHead{hash: h, raw: data, size: size}
	seenTree := false
	for len(data) > 0 {
		nl := bytes.IndexByte(data, '\n')
		if nl <= 0 {
			break // end of headers (or of a headers-only object)
		}
		line := data[:nl]
		data = data[nl+1:]
		switch {
		case bytes.HasPrefix(line, []byte("tree ")):
			if c.tree, err = ParseHash(string(line[5:])); err != nil {
				return c, fmt.Errorf("commit %s is corrupt: tree: %w", h, err)
			}
			seenTree = true
		case bytes.HasPrefix(line, []byte("parent ")):
			p, err := ParseHash(string(line[7:]))
			if err != nil {
				return c, fmt.Errorf("commit %s is corrupt: parent: %w", h, err)
			}
			c.parents = append(c.parents, p)
		case bytes.HasPrefix(line, []byte("committer ")):
			c.when = signatureTime(line[10:])
		}
	}
	if !seenTree {
		return c, fmt.Errorf("commit %s is corrupt: no tree header", h)
	}
	return c, nil
}

// fullCommit decodes the whole commit, reading the object when c came
// from the commit-graph. The object's tree and parents must then be the
// graph's: a graph that disagrees was damaged or forged, and the walk
// that trusted it cannot be trusted either.
func (r *Repo) fullCommit(ctx context.Context, c commitHead) (Commit, error) {
	if c.raw != nil || !c.inGraph {
		return c.full()
	}
	if kept, ok := r.commits.get(c.hash); ok {
		if err := r.graphAgrees(c, kept.Tree, kept.Parents); err != nil {
			return Commit{}, err
		}
		return kept, nil
	}
	obj, err := r.readCommitHead(ctx, c.hash)
	if err != nil {
		return Commit{}, err
	}
	if err := r.graphAgrees(c, obj.tree, obj.parents); err != nil {
		return Commit{}, err
	}
	full, err := obj.full()
	if err == nil {
		r.commits.put(full, obj.size)
	}
	return full, err
}

// graphAgrees checks what the commit-graph said of commit c against the
// commit's own tree and parents.
func (r *Repo) graphAgrees(c commitHead, tree Hash, parents []Hash) error {
	if tree != c.tree || !slices.Equal(parents, c.parents) {
		name, advice := r.graphSource()
		return fmt.Errorf("the commit-graph (%s) disagrees with commit %s about its tree or parents: the file is damaged or forged; %s", name, c.hash, advice)
	}
	return nil
}

// full decodes the whole commit.
func (c commitHead) full() (Commit, error) {
	out, err := parseCommit(c.raw)
	if err != nil {
		return Commit{}, fmt.Errorf("commit %s is corrupt: %w", c.hash, err)
	}
	out.Hash = c.hash
	if c.size > int64(len(c.raw)) {
		out.MessageCut = c.size
	}
	return out, nil
}

// signatureTime is the Unix time of "Name <email> 1700000000 +0100", 0
// when it is malformed (as parseSignature and git read it).
func signatureTime(b []byte) int64 {
	gt := bytes.LastIndexByte(b, '>')
	if gt < 0 || bytes.IndexByte(b, '<') < 0 || bytes.IndexByte(b, '<') > gt {
		return 0
	}
	f := bytes.Fields(b[gt+1:])
	if len(f) == 0 {
		return 0
	}
	secs, err := strconv.ParseInt(string(f[0]), 10, 64)
	if err != nil {
		return 0
	}
	return secs
}

// tagTarget is the object an annotated tag points at, read from the
// tag's headers (a bounded prefix of it).
func (r *Repo) tagTarget(h Hash) (Hash, error) {
	data, _, err := r.readPrefix(h, plumbing.TagObject)
	if err != nil {
		return Hash{}, err
	}
	line, _, _ := bytes.Cut(data, []byte{'\n'})
	hex, ok := bytes.CutPrefix(line, []byte("object "))
	if !ok {
		return Hash{}, fmt.Errorf("tag %s is corrupt: no object header", h)
	}
	t, err := ParseHash(string(hex))
	if err != nil {
		return Hash{}, fmt.Errorf("tag %s is corrupt: object: %w", h, err)
	}
	return t, nil
}
