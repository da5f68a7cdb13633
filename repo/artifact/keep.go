package artifact

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"io"
	"os"
	"strings"
)

// MaxKeep bounds the content ReadKeeping holds for one member: findings
// name lines of source files, and a member larger than this is reported
// as too large rather than read into memory.
const MaxKeep = 64 << 20

// Kept is what ReadKeeping read: the archive, and the content of the
// members asked for, by index into Archive.Members. A member asked for
// but larger than MaxKeep is in TooLarge instead.
type Kept struct {
	*Archive
	Content  map[int][]byte
	TooLarge map[int]bool
}

// Find returns the index of the member a location names by path (the
// last member of that path wins, as on extraction), or -1. path is
// matched with and without the archive's shared top-level directory,
// since Compare puts it back when the tree has it too.
func (a *Archive) Find(path string) int {
	found := -1
	for i, m := range a.Members {
		if m.Type != TypeDir && (m.Path == path || cleanName(m.Name) == path) {
			found = i
		}
	}
	return found
}

// ReadKeeping reads the archive as Read does and also keeps the content
// of the members whose path is one of paths (Member.Path form). Memory
// is bounded by MaxKeep per member kept; the rest is streamed as in Read.
func ReadKeeping(ctx context.Context, path string, lim Limits, paths ...string) (*Kept, error) {
	k := &keeper{want: map[string]bool{}, kept: map[int][]byte{}, big: map[int]bool{}}
	for _, p := range paths {
		k.want[p] = true
	}
	a, err := read(ctx, path, lim, k, nil)
	if err != nil {
		return nil, err
	}
	return &Kept{Archive: a, Content: k.kept, TooLarge: k.big}, nil
}

// FileSHA256 is the lowercase hex SHA-256 of the file at path, read as
// a stream: what names an archive in a finding.
func FileSHA256(path string) (string, error) {
	f, err := os.Open(path)
	if err != nil {
		return "", err
	}
	defer f.Close()
	h := sha256.New()
	if _, err := io.Copy(h, f); err != nil {
		return "", err
	}
	return hex.EncodeToString(h.Sum(nil)), nil
}

// keeper holds the contents ReadKeeping asked for. A nil keeper keeps
// nothing, so Read pays one nil check per member.
type keeper struct {
	want    map[string]bool
	kept    map[int][]byte
	big     map[int]bool
	name    string // the raw name of the member being captured
	pending *bytes.Buffer
	tooBig  bool
}

// wanted matches a cleaned raw name against the paths asked for, with and
// without its first directory: the shared prefix is known only at the end.
func (k *keeper) wanted(name string) bool {
	c := cleanName(name)
	if k.want[c] {
		return true
	}
	_, rest, ok := strings.Cut(c, "/")
	return ok && k.want[rest]
}

// capture returns r, teed into a buffer when the member is wanted.
func (k *keeper) capture(name string, r io.Reader, size int64) io.Reader {
	if k == nil {
		return r
	}
	k.name, k.pending, k.tooBig = name, nil, false
	if !k.wanted(name) {
		return r
	}
	if size > MaxKeep {
		k.tooBig = true
		return r
	}
	k.pending = bytes.NewBuffer(make([]byte, 0, min(size, 1<<20)))
	return io.TeeReader(r, k.pending)
}

// attach files what capture kept under the member's index; a hard link
// gets its target's content.
func (k *keeper) attach(m Member, i int, byName map[string]int) {
	if k == nil {
		return
	}
	if m.Type == TypeHardLink {
		if t, ok := byName[cleanName(m.Link)]; ok && k.wanted(m.Name) {
			if b, ok := k.kept[t]; ok {
				k.kept[i] = b
			}
		}
		return
	}
	if m.Name != k.name {
		return
	}
	if k.pending != nil {
		k.kept[i] = k.pending.Bytes()
	} else if k.tooBig {
		k.big[i] = true
	}
	k.name, k.pending, k.tooBig = "", nil, false
}
