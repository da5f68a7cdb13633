package review

import (
	"context"
	"crypto/sha1"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"unicode/utf8"

	"sightline/repo"
)

// Sides of a diff a location can name. The empty side is the pin's tree
// outside a diff.
const (
	SideBase = "base"
	SidePin  = "pin"
)

// Location is a range of lines in one file at one commit, keyed so that it
// cannot drift: if the blob or the bytes of the lines change, the hashes
// no longer match.
type Location struct {
	Commit    string // full commit id
	Path      string // raw bytes of the path, slash-separated; may be invalid UTF-8
	Blob      string // full blob id of Path at Commit
	StartLine int    // 1-based, inclusive
	EndLine   int    // inclusive, >= StartLine
	LineHash  string // "sha256:" + hex SHA-256 of lines StartLine..EndLine
	Side      string // "" for the pin's tree; SideBase or SidePin in a diff
	// Archive, when set, says the location is in a member of a release
	// archive, not in the tree: Path is the member's path, Blob its git
	// blob id, and Commit the pin the archive was compared with.
	Archive *ArchiveRef
}

// ArchiveRef names a release archive by its bytes (SHA-256) and, for
// people, by its file name.
type ArchiveRef struct {
	Name   string `json:"name"`   // the file's base name, as given
	SHA256 string `json:"sha256"` // lowercase hex of the whole file
}

// locationJSON is Location on the wire (journal and bundle). A path that
// is not valid UTF-8 also travels as base64 bytes, since a JSON string
// cannot hold it and encoding/json would replace the bad bytes.
type locationJSON struct {
	Commit    string      `json:"commit"`
	Path      string      `json:"path"`
	PathBytes string      `json:"pathBytes,omitempty"`
	Blob      string      `json:"blob"`
	StartLine int         `json:"startLine"`
	EndLine   int         `json:"endLine"`
	LineHash  string      `json:"lineHash"`
	Side      string      `json:"side,omitempty"`
	Archive   *ArchiveRef `json:"archive,omitempty"`
}

// MarshalJSON writes the fields commit, path, pathBytes (only for a path
// that is not valid UTF-8), blob, startLine, endLine, lineHash and side
// (only in a diff), in that order.
func (l Location) MarshalJSON() ([]byte, error) {
	path, pathBytes := EncodePath(l.Path)
	return json.Marshal(locationJSON{
		Commit: l.Commit, Path: path, PathBytes: pathBytes, Blob: l.Blob,
		StartLine: l.StartLine, EndLine: l.EndLine, LineHash: l.LineHash, Side: l.Side, Archive: l.Archive,
	})
}

// UnmarshalJSON reads what MarshalJSON writes; pathBytes, when present,
// gives the path.
func (l *Location) UnmarshalJSON(b []byte) error {
	var w locationJSON
	if err := json.Unmarshal(b, &w); err != nil {
		return err
	}
	path, err := DecodePath(w.Path, w.PathBytes)
	if err != nil {
		return err
	}
	*l = Location{Commit: w.Commit, Path: path, Blob: w.Blob, StartLine: w.StartLine,
		EndLine: w.EndLine, LineHash: w.LineHash, Side: w.Side, Archive: w.Archive}
	return nil
}

// EncodePath returns a path for JSON: itself, or when it is not valid
// UTF-8 a display form (bad bytes as U+FFFD) and the base64 of its raw
// bytes, as the bundle's path and pathBytes fields.
func EncodePath(p string) (display, b64 string) {
	if utf8.ValidString(p) {
		return p, ""
	}
	return strings.ToValidUTF8(p, "\uFFFD"), base64.StdEncoding.EncodeToString([]byte(p))
}

// DecodePath inverts EncodePath: the raw path is b64 decoded when given,
// else display.
func DecodePath(display, b64 string) (string, error) {
	if b64 == "" {
		return display, nil
	}
	raw, err := base64.StdEncoding.DecodeString(b64)
	if err != nil {
		return "", fmt.Errorf("pathBytes: %w", err)
	}
	return string(raw), nil
}

// String is "path:10-20" (or "path:10", or "archive.tar.xz:member:10"), for messages; the path is raw and
// must be sanitized before it reaches a terminal.
func (l Location) String() string {
	s := l.Path + ":" + strconv.Itoa(l.StartLine)
	if l.EndLine != l.StartLine {
		s += "-" + strconv.Itoa(l.EndLine)
	}
	if l.Side != "" {
		s += " (" + l.Side + ")"
	}
	if l.Archive != nil {
		s = l.Archive.Name + ":" + s
	}
	return s
}

// Contains reports whether line n of the location's file lies in it.
func (l Location) Contains(n int) bool { return n >= l.StartLine && n <= l.EndLine }

// LineHash returns "sha256:" and the hex SHA-256 of lines start..end
// (1-based, inclusive, each with its LF) of content, by the line model of
// repo.SplitLines. A range that does not exist is an error saying how many
// lines there are.
func LineHash(content []byte, start, end int) (string, error) {
	lines := repo.SplitLines(content)
	if err := checkRange(start, end, len(lines)); err != nil {
		return "", err
	}
	h := sha256.New()
	for _, l := range lines[start-1 : end] {
		h.Write(l)
	}
	return "sha256:" + hex.EncodeToString(h.Sum(nil)), nil
}

func checkRange(start, end, n int) error {
	switch {
	case start < 1 || end < start:
		return fmt.Errorf("lines %d-%d: %w; lines count from 1 and the range is START-END with START <= END", start, end, ErrInvalid)
	case n == 0:
		return fmt.Errorf("lines %d-%d: %w: the file is empty and has no lines", start, end, ErrLocation)
	case end > n:
		return fmt.Errorf("lines %d-%d: %w: the file has %d lines", start, end, ErrLocation, n)
	}
	return nil
}

// ParseLines parses a line range "10-20" or a single line "10".
func ParseLines(s string) (start, end int, err error) {
	a, b, ok := strings.Cut(strings.TrimSpace(s), "-")
	if !ok {
		b = a
	}
	start, err1 := strconv.Atoi(strings.TrimSpace(a))
	end, err2 := strconv.Atoi(strings.TrimSpace(b))
	if err1 != nil || err2 != nil || start < 1 || end < start {
		return 0, 0, fmt.Errorf("lines %q: %w; write START-END (1-based, START <= END) or one line number", s, ErrInvalid)
	}
	return start, end, nil
}

// NewLocation builds the location of lines start..end of path at commit.
// It reads the blob through r, recomputes its id from its bytes (so an
// object file that was substituted is refused rather than trusted), and
// checks that the lines exist. side is "" outside a diff, SideBase or
// SidePin in one.
func NewLocation(ctx context.Context, r *repo.Repo, commit repo.Hash, path string, start, end int, side string) (Location, error) {
	if side != "" && side != SideBase && side != SidePin {
		return Location{}, fmt.Errorf("side %q: %w; use base or pin", side, ErrInvalid)
	}
	pin, err := r.Resolve(commit.String())
	if err != nil {
		return Location{}, err
	}
	e, err := r.Lookup(ctx, pin.Tree, path)
	if err != nil {
		if errors.Is(err, repo.ErrNotFound) {
			return Location{}, fmt.Errorf("%q at %s: %w: no such file", path, commit.Short(), ErrLocation)
		}
		return Location{}, err
	}
	if e.Kind != repo.KindFile && e.Kind != repo.KindExec {
		return Location{}, fmt.Errorf("%q at %s: %w: it is a %s, not a file", path, commit.Short(), ErrLocation, e.Kind)
	}
	b, err := r.ReadBlob(ctx, e.Hash, -1)
	if err != nil {
		return Location{}, fmt.Errorf("%q at %s: %w", path, commit.Short(), err)
	}
	if got := gitBlobID(b.Data); got != e.Hash {
		return Location{}, fmt.Errorf("%q at %s: blob %s: %w (its bytes hash to %s): the object was substituted or damaged; refusing to annotate it",
			path, commit.Short(), e.Hash, repo.ErrHashMismatch, got)
	}
	lh, err := LineHash(b.Data, start, end)
	if err != nil {
		return Location{}, fmt.Errorf("%q at %s: %w", path, commit.Short(), err)
	}
	return Location{Commit: commit.String(), Path: path, Blob: e.Hash.String(),
		StartLine: start, EndLine: end, LineHash: lh, Side: side}, nil
}

// NewArchiveLocation builds the location of lines start..end of an
// archive member whose content the caller read from the archive: the
// member's blob id is computed from content, and the lines must exist.
// commit is the pin the archive is reviewed against.
func NewArchiveLocation(commit repo.Hash, ref ArchiveRef, member string, content []byte, start, end int) (Location, error) {
	if err := ref.Validate(); err != nil {
		return Location{}, err
	}
	if member == "" {
		return Location{}, fmt.Errorf("archive %s: %w: no member path", ref.Name, ErrInvalid)
	}
	lh, err := LineHash(content, start, end)
	if err != nil {
		return Location{}, fmt.Errorf("%q in %s: %w", member, ref.Name, err)
	}
	r := ref
	return Location{Commit: commit.String(), Path: member, Blob: gitBlobID(content).String(),
		StartLine: start, EndLine: end, LineHash: lh, Archive: &r}, nil
}

// Validate checks an archive reference: a file name (valid UTF-8, one
// line) and a SHA-256 of 64 lowercase hex digits.
func (a ArchiveRef) Validate() error {
	if strings.TrimSpace(a.Name) == "" || strings.ContainsAny(a.Name, "/\n\r") {
		return fmt.Errorf("archive name %q: %w: a file name without slashes or line breaks", a.Name, ErrInvalid)
	}
	if err := checkText("archive name", a.Name, maxTitle); err != nil {
		return err
	}
	if len(a.SHA256) != 64 || strings.Trim(a.SHA256, "0123456789abcdef") != "" {
		return fmt.Errorf("archive %s: %w: sha256 must be 64 lowercase hex digits", a.Name, ErrInvalid)
	}
	return nil
}

// gitBlobID is git's SHA-1 object id of a blob with this content. It is
// recomputed here from the bytes already read, rather than trusted from
// the store, which go-git does not check on read.
func gitBlobID(data []byte) repo.Hash {
	h := sha1.New()
	fmt.Fprintf(h, "blob %d\x00", len(data))
	h.Write(data)
	var id repo.Hash
	copy(id[:], h.Sum(nil))
	return id
}
