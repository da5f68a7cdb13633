package artifact

import (
	"bytes"
	"crypto/sha1"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"

	"sightline/repo"
)

// Type says what an archive member is.
type Type uint8

// The member types. A hard link's content is its target's; a device
// (character, block, FIFO or socket) has none and never belongs in a
// source release.
const (
	TypeFile     Type = iota // regular file
	TypeExec                 // regular file with an executable bit
	TypeSymlink              // symbolic link; Blob hashes the target
	TypeHardLink             // hard link to an earlier member; Blob is that member's
	TypeDir                  // directory
	TypeDevice               // device, FIFO or socket
)

// String names the type for reports.
func (t Type) String() string {
	switch t {
	case TypeFile:
		return "file"
	case TypeExec:
		return "exec"
	case TypeSymlink:
		return "symlink"
	case TypeHardLink:
		return "hardlink"
	case TypeDir:
		return "dir"
	case TypeDevice:
		return "device"
	}
	return "type(" + strconv.Itoa(int(t)) + ")"
}

// Member is one entry of an archive, as read. Name holds the stored bytes
// (they may hold control characters or invalid UTF-8: sanitize before
// display); Path is the name cleaned of "./", duplicate and leading
// slashes, with the archive's shared top-level directory removed, and is
// what is compared with the tree.
type Member struct {
	Name   string
	Path   string
	Type   Type
	Mode   int64     // permission bits as stored
	Size   int64     // bytes hashed (the symlink target's length for a symlink)
	Blob   repo.Hash // git blob id of the content; zero for a directory or device
	Link   string    // symlink or hard-link target, as stored
	Serial string    // the "serial" line of an m4 file, if it has one
}

// HasContent reports whether the member is compared by content.
func (m Member) HasContent() bool {
	return m.Type == TypeFile || m.Type == TypeExec || m.Type == TypeSymlink || m.Type == TypeHardLink
}

// errShort is a member that ended before the size its header declared.
var errShort = errors.New("member ends before its declared size (truncated or corrupt archive)")

// errLong is a member with more content than its header declared.
var errLong = errors.New("member is longer than its declared size (corrupt archive)")

// serialPeek is how much of an m4 file is searched for its serial line:
// aclocal puts it in the first lines.
const serialPeek = 16 << 10

// hashBlob hashes size bytes of r as a git blob ("blob SIZE\0" then the
// content) through a fixed buffer: size comes from the archive and is
// never used to allocate. It fails when r ends early. When m4 is set, the
// first serialPeek bytes are kept to find the serial line.
func hashBlob(r io.Reader, size int64, m4 bool) (h repo.Hash, serial string, err error) {
	if size < 0 {
		return h, "", fmt.Errorf("negative member size %d", size)
	}
	d := sha1.New()
	fmt.Fprintf(d, "blob %d\x00", size)
	var w io.Writer = d
	var head *prefixBuffer
	if m4 {
		head = &prefixBuffer{max: serialPeek}
		w = io.MultiWriter(d, head)
	}
	n, err := io.CopyBuffer(w, io.LimitReader(r, size), make([]byte, 32<<10))
	if err != nil {
		return h, "", err
	}
	if n < size {
		return h, "", errShort
	}
	// Read on to the end: zip checks its CRC only there, and a member
	// longer than declared is as corrupt as a shorter one.
	var probe [1]byte
	for range 100 { // a reader that returns nothing and no error is no end
		k, err := r.Read(probe[:])
		if k > 0 {
			return h, "", errLong
		}
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return h, "", err
		}
	}
	copy(h[:], d.Sum(nil))
	if head != nil {
		serial = SerialLine(head.b)
	}
	return h, serial, nil
}

// BlobID is the git blob id of content, for links and tests.
func BlobID(content []byte) repo.Hash {
	h, _, _ := hashBlob(bytes.NewReader(content), int64(len(content)), false)
	return h
}

// prefixBuffer keeps the first max bytes written to it.
type prefixBuffer struct {
	b   []byte
	max int
}

func (p *prefixBuffer) Write(b []byte) (int, error) {
	if room := p.max - len(p.b); room > 0 {
		p.b = append(p.b, b[:min(room, len(b))]...)
	}
	return len(b), nil
}

// SerialLine returns the value of the first "# serial N" line of an m4
// file (aclocal's version stamp, "58" or "11 lt~obsolete.m4"), or "".
func SerialLine(content []byte) string {
	for len(content) > 0 {
		line := content
		if i := bytes.IndexByte(content, '\n'); i >= 0 {
			line, content = content[:i], content[i+1:]
		} else {
			content = nil
		}
		s := strings.TrimSpace(string(line))
		if !strings.HasPrefix(s, "#") {
			continue
		}
		s = strings.TrimSpace(s[1:])
		if v, ok := strings.CutPrefix(s, "serial"); ok && v != "" && (v[0] == ' ' || v[0] == '\t') {
			return strings.TrimSpace(v)
		}
	}
	return ""
}

// cleanName turns a stored member name into the path compared with the
// tree: backslashes stay (they are name bytes on Unix), empty and "."
// components and leading slashes go, ".." stays (and is a finding).
func cleanName(name string) string {
	parts := strings.Split(name, "/")
	out := parts[:0]
	for _, p := range parts {
		if p != "" && p != "." {
			out = append(out, p)
		}
	}
	return strings.Join(out, "/")
}
