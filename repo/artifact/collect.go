package artifact

import (
	"errors"
	"fmt"
	"strings"

	"golang.org/x/text/unicode/norm"

	"sightline/repo"
	"sightline/repo/textsafe"
)

// Limits bound what Read will decompress, so that a decompression bomb
// is a finding rather than a full disk or an afternoon.
type Limits struct {
	MaxSize    int64 // decompressed bytes in all
	MaxRatio   int64 // decompressed bytes per compressed byte...
	RatioFloor int64 // ...checked once this many bytes have come out
	MaxMembers int   // members kept in memory
}

// DefaultLimits are generous for source releases: 16 GiB, and a ratio
// of 1000 past the first 64 MiB (source text compresses 5 to 20 times).
func DefaultLimits() Limits {
	return Limits{MaxSize: 16 << 30, MaxRatio: 1000, RatioFloor: 64 << 20, MaxMembers: 1 << 20}
}

// check says why out decompressed bytes from in compressed ones is a
// bomb, or returns "".
func (l Limits) check(out, in int64) string {
	if why := l.checkSize(out); why != "" {
		return why
	}
	return l.checkRatio(out, in)
}

func (l Limits) checkSize(out int64) string {
	if l.MaxSize > 0 && out > l.MaxSize {
		return fmt.Sprintf("more than %d bytes decompressed (the size limit)", l.MaxSize)
	}
	return ""
}

// checkRatio divides rather than multiplies, so no size overflows.
func (l Limits) checkRatio(out, in int64) string {
	if l.MaxRatio > 0 && out > l.RatioFloor && out/max(in, 1) >= l.MaxRatio {
		return fmt.Sprintf("%d bytes decompressed from %d (more than %d times: the ratio limit)", out, in, l.MaxRatio)
	}
	return ""
}

// BombError stops reading at a member that decompresses past Limits.
type BombError struct {
	Member string // the raw name of the member being read
	Reason string
}

func (e *BombError) Error() string {
	return fmt.Sprintf("decompression bomb at member %s: %s; reading stopped", textsafe.Sanitize(e.Member), e.Reason)
}

// FindingKind says what is hostile about a member.
type FindingKind uint8

// The kinds of finding, riskiest first.
const (
	FindEscapes         FindingKind = iota // absolute name or ".." component
	FindLinkOutside                        // symlink pointing outside the archive root
	FindHardLinkOutside                    // hard link outside the root or to no earlier member
	FindDevice                             // device, FIFO or socket
	FindBomb                               // decompression bomb
	FindDuplicate                          // the same path twice: the later one wins on extraction
	FindCaseCollision                      // names equal but for case
	FindNormCollision                      // names equal after Unicode normalization (NFC)
	FindHostileName                        // control, bidi or invisible characters in a name or link
	FindUnsupported                        // an entry type sightline does not read
	FindUnreadable                         // a member that could not be read (the rest were)
)

var findingNames = [...]string{
	FindEscapes: "escapes root", FindLinkOutside: "symlink outside", FindHardLinkOutside: "hard link outside",
	FindDevice: "device file", FindBomb: "decompression bomb", FindDuplicate: "duplicate member",
	FindCaseCollision: "case collision", FindNormCollision: "normalization collision",
	FindHostileName: "hostile name", FindUnsupported: "unsupported entry", FindUnreadable: "unreadable member",
}

// String names the kind for reports.
func (k FindingKind) String() string {
	if int(k) < len(findingNames) {
		return findingNames[k]
	}
	return fmt.Sprintf("finding(%d)", k)
}

// Finding is one hostile trait of the archive. Member and Other are raw
// names (Other: the link target, or the member it collides with).
type Finding struct {
	Kind   FindingKind
	Member string
	Other  string
	Detail string
}

// collector gathers members while an archive is read.
type collector struct {
	a       *Archive
	lim     Limits
	current string         // the raw name being read, for error messages
	byName  map[string]int // cleaned name -> index of the last member, for hard links
	keep    *keeper        // nil unless ReadKeeping asked for contents
	// progress, when set, is told the number of members read after each.
	progress func(members int)
}

func newCollector(path string, f Format, lim Limits) *collector {
	return &collector{a: &Archive{Path: path, Format: f}, lim: lim, byName: map[string]int{}}
}

func (c *collector) find(f Finding) { c.a.Findings = append(c.a.Findings, f) }

// add records a member, resolving a hard link to its earlier target.
func (c *collector) add(m Member) error {
	if c.lim.MaxMembers > 0 && len(c.a.Members) >= c.lim.MaxMembers {
		return fmt.Errorf("more than %d members: reading stopped", c.lim.MaxMembers)
	}
	switch m.Type {
	case TypeHardLink:
		i, ok := c.byName[cleanName(m.Link)]
		if ok && c.a.Members[i].HasContent() {
			t := c.a.Members[i]
			m.Size, m.Blob, m.Serial = t.Size, t.Blob, t.Serial
		} else {
			c.find(Finding{Kind: FindHardLinkOutside, Member: m.Name, Other: m.Link, Detail: "hard link to no earlier file in the archive"})
		}
	case TypeDevice:
		c.find(Finding{Kind: FindDevice, Member: m.Name, Detail: "a device, FIFO or socket has no place in a source release"})
	}
	c.keep.attach(m, len(c.a.Members), c.byName)
	c.byName[cleanName(m.Name)] = len(c.a.Members)
	c.a.Members = append(c.a.Members, m)
	if c.progress != nil {
		c.progress(len(c.a.Members))
	}
	return nil
}

// readError turns the error that stopped reading into Archive.Err, and a
// bomb into a finding too.
func (c *collector) readError(err error) error {
	var bomb *BombError
	if errors.As(err, &bomb) {
		c.find(Finding{Kind: FindBomb, Member: bomb.Member, Detail: bomb.Reason})
		return bomb
	}
	where := "before the first member"
	if c.current != "" {
		where = fmt.Sprintf("after %d members, at %s", len(c.a.Members), textsafe.Sanitize(c.current))
	}
	return fmt.Errorf("reading stopped %s: %w", where, err)
}

// finish strips the shared top-level directory and checks the names.
func (c *collector) finish() *Archive {
	a := c.a
	a.Prefix = sharedPrefix(a.Members)
	for i := range a.Members {
		m := &a.Members[i]
		m.Path = cleanName(m.Name)
		if a.Prefix != "" {
			m.Path = strings.TrimPrefix(strings.TrimPrefix(m.Path, a.Prefix), "/")
		}
		c.checkNames(*m)
	}
	c.checkCollisions()
	return a
}

// sharedPrefix is the top-level directory every member lies under, or "".
func sharedPrefix(ms []Member) string {
	prefix, files := "", 0
	for _, m := range ms {
		p := cleanName(m.Name)
		if p == "" {
			continue
		}
		first, rest, _ := strings.Cut(p, "/")
		if prefix == "" {
			prefix = first
		}
		if first != prefix || first == ".." || (rest == "" && m.Type != TypeDir) {
			return ""
		}
		if rest != "" {
			files++
		}
	}
	if files == 0 {
		return ""
	}
	return prefix
}

// checkNames reports a name that escapes the root, a link that points
// outside it, and hostile characters, for one member.
func (c *collector) checkNames(m Member) {
	if escapes(m.Name) {
		c.find(Finding{Kind: FindEscapes, Member: m.Name, Detail: "absolute name or \"..\": extracting it writes outside the directory"})
	}
	switch m.Type {
	case TypeSymlink:
		if repo.SymlinkOutside(cleanName(m.Name), m.Link) {
			c.find(Finding{Kind: FindLinkOutside, Member: m.Name, Other: m.Link, Detail: "symlink target outside the archive root"})
		}
	case TypeHardLink:
		if repo.SymlinkOutside("", m.Link) {
			c.find(Finding{Kind: FindHardLinkOutside, Member: m.Name, Other: m.Link, Detail: "hard link target outside the archive root"})
		}
	}
	for _, s := range []string{m.Name, m.Link} {
		if is := textsafe.ScanField(s); len(is) > 0 {
			c.find(Finding{Kind: FindHostileName, Member: m.Name, Other: m.Link,
				Detail: fmt.Sprintf("%s %s at column %d", is[0].Code(), is[0].Name, is[0].Col) + moreIssues(len(is))})
		}
	}
}

func moreIssues(n int) string {
	if n <= 1 {
		return ""
	}
	return fmt.Sprintf(" and %d more", n-1)
}

// escapes reports an absolute name ("/etc/x", "C:\x", "\\host\x") or one
// with a ".." component, which an extractor may follow out of its root.
func escapes(name string) bool {
	if repo.SymlinkOutside("", name) {
		return true
	}
	for _, p := range strings.FieldsFunc(name, func(r rune) bool { return r == '/' || r == '\\' }) {
		if p == ".." {
			return true
		}
	}
	return false
}

// checkCollisions reports duplicate paths and paths that a
// case-insensitive or normalizing file system (macOS, Windows) would
// merge into one file.
func (c *collector) checkCollisions() {
	seen := map[string]string{}
	byNFC := map[string]string{}
	byFold := map[string]string{}
	for _, m := range c.a.Members {
		if m.Type == TypeDir || m.Path == "" {
			continue
		}
		if prev, ok := seen[m.Path]; ok {
			c.find(Finding{Kind: FindDuplicate, Member: m.Name, Other: prev, Detail: "the same path twice: extraction keeps the later one, which is what is compared"})
			continue
		}
		seen[m.Path] = m.Name
		n := norm.NFC.String(m.Path)
		if prev, ok := byNFC[n]; ok {
			c.find(Finding{Kind: FindNormCollision, Member: m.Name, Other: prev, Detail: "the same name after Unicode normalization: one file on macOS"})
			continue
		}
		byNFC[n] = m.Name
		f := strings.ToLower(n)
		if prev, ok := byFold[f]; ok {
			c.find(Finding{Kind: FindCaseCollision, Member: m.Name, Other: prev, Detail: "the same name but for case: one file on macOS and Windows"})
			continue
		}
		byFold[f] = m.Name
	}
}
