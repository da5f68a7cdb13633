package odb

import (
	"bytes"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
)

func (db *DB) loosePath(id ID) string {
	s := id.String()
	return filepath.Join(db.dir, s[:2], s[2:])
}

// looseObject is an open loose object positioned after its header.
type looseObject struct {
	f    *os.File
	z    *zstream
	typ  Type
	size int64
}

// openLoose opens a loose object and reads its "TYPE SIZE\0" header.
func (db *DB) openLoose(id ID) (*looseObject, error) {
	f, err := openRegular(db.loosePath(id))
	if err != nil {
		if errors.Is(err, os.ErrNotExist) {
			return nil, ErrNotFound
		}
		return nil, err
	}
	z, err := newZstream(f)
	if err != nil {
		f.Close()
		return nil, fmt.Errorf("loose object: %w", err)
	}
	o := &looseObject{f: f, z: z}
	if err := o.readHeader(); err != nil {
		o.Close()
		return nil, fmt.Errorf("loose object: %w", err)
	}
	// The file's length bounds what it can inflate to (see entryAt):
	// refuse a size it cannot hold before anyone allocates for it.
	if fi, err := f.Stat(); err == nil && o.size > fi.Size()*1032+64 {
		o.Close()
		return nil, fmt.Errorf("loose object: size %d cannot come from a %d-byte file", o.size, fi.Size())
	}
	return o, nil
}

// maxLooseHeader bounds "TYPE SIZE\0": "commit" plus 20 digits.
const maxLooseHeader = 32

func (o *looseObject) readHeader() error {
	var hdr []byte
	var one [1]byte
	for {
		if _, err := io.ReadFull(o.z, one[:]); err != nil {
			return fmt.Errorf("bad header: %w", err)
		}
		if one[0] == 0 {
			break
		}
		if len(hdr) == maxLooseHeader {
			return errors.New("bad header: too long")
		}
		hdr = append(hdr, one[0])
	}
	name, size, ok := bytes.Cut(hdr, []byte{' '})
	if !ok {
		return fmt.Errorf("bad header %q", hdr)
	}
	switch string(name) {
	case "commit":
		o.typ = TypeCommit
	case "tree":
		o.typ = TypeTree
	case "blob":
		o.typ = TypeBlob
	case "tag":
		o.typ = TypeTag
	default:
		return fmt.Errorf("unknown type %q", name)
	}
	n, err := strconv.ParseInt(string(size), 10, 64)
	if err != nil || n < 0 || (len(size) > 1 && size[0] == '0') {
		return fmt.Errorf("bad size %q", size)
	}
	o.size = n
	return nil
}

func (o *looseObject) Close() error {
	o.z.release()
	return o.f.Close()
}

// readLoose reads a loose object whole and checks it against id.
func (db *DB) readLoose(id ID) (Type, []byte, error) {
	o, err := db.openLoose(id)
	if err != nil {
		return 0, nil, err
	}
	defer o.Close()
	data, err := ReadExactly(o.z, o.size)
	if err != nil {
		return 0, nil, fmt.Errorf("loose object: %w", err)
	}
	if err := o.z.expectEnd(); err != nil {
		return 0, nil, fmt.Errorf("loose object: %w", err)
	}
	if err := checkID(id, &resolved{typ: o.typ, data: data}); err != nil {
		return 0, nil, err
	}
	return o.typ, data, nil
}

// looseIDs appends the loose objects whose ids start with prefix (at
// least two hex digits).
func (db *DB) looseIDs(prefix string, out []ID) []ID {
	names, _ := os.ReadDir(filepath.Join(db.dir, prefix[:2]))
	for _, n := range names {
		var id ID
		if _, err := hexDecode(id[:], prefix[:2]+n.Name()); err != nil {
			continue
		}
		if hasHexPrefix(id, prefix) {
			out = append(out, id)
		}
	}
	return out
}

// hexDecode decodes a full 40-digit id.
func hexDecode(dst []byte, s string) (int, error) {
	if len(s) != 2*len(dst) {
		return 0, errors.New("not an object id")
	}
	return hex.Decode(dst, []byte(s))
}
