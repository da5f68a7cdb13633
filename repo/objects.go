package repo

import (
	"bytes"
	"encoding/hex"
	"errors"
	"fmt"
	"io"

	"github.com/go-git/go-git/v5/plumbing"
	"github.com/go-git/go-git/v5/storage/filesystem"

	"sightline/repo/internal/odb"
)

// objectStorage is go-git's storage with every object read served by
// odb, so that go-git's own reads (revision parsing, tags) share odb's
// pack indexes and delta base cache instead of loading their own.
// References, config and the rest stay go-git's.
type objectStorage struct {
	*filesystem.Storage
	objects *odb.DB
}

// EncodedObject reads object h through odb. A type other than the one
// asked for reads as not found, as in go-git.
func (s objectStorage) EncodedObject(t plumbing.ObjectType, h plumbing.Hash) (plumbing.EncodedObject, error) {
	typ, data, err := s.objects.Read(odb.ID(h))
	if err != nil {
		if errors.Is(err, odb.ErrNotFound) {
			return nil, plumbing.ErrObjectNotFound
		}
		return nil, err
	}
	ot := plumbing.ObjectType(typ) // both number types as the pack format does
	if t != plumbing.AnyObject && t != ot {
		return nil, plumbing.ErrObjectNotFound
	}
	return &readOnlyObject{h: h, t: ot, data: data}, nil
}

// HasEncodedObject reports a missing object as go-git does.
func (s objectStorage) HasEncodedObject(h plumbing.Hash) error {
	if !s.objects.Has(odb.ID(h)) {
		return plumbing.ErrObjectNotFound
	}
	return nil
}

// EncodedObjectSize is the object's size, read from its header.
func (s objectStorage) EncodedObjectSize(h plumbing.Hash) (int64, error) {
	_, size, err := s.objects.Header(odb.ID(h))
	if errors.Is(err, odb.ErrNotFound) {
		return 0, plumbing.ErrObjectNotFound
	}
	return size, err
}

// HashesWithPrefix lists the objects whose ids start with prefix.
func (s objectStorage) HashesWithPrefix(prefix []byte) ([]plumbing.Hash, error) {
	var out []plumbing.Hash
	for _, id := range s.objects.WithPrefix(hex.EncodeToString(prefix)) {
		out = append(out, plumbing.Hash(id))
	}
	return out, nil
}

// readOnlyObject is an object read whole, handed to go-git's decoders.
type readOnlyObject struct {
	h    plumbing.Hash
	t    plumbing.ObjectType
	data []byte
}

func (o *readOnlyObject) Hash() plumbing.Hash           { return o.h }
func (o *readOnlyObject) Type() plumbing.ObjectType     { return o.t }
func (o *readOnlyObject) SetType(t plumbing.ObjectType) { o.t = t }
func (o *readOnlyObject) Size() int64                   { return int64(len(o.data)) }
func (o *readOnlyObject) SetSize(int64)                 {}
func (o *readOnlyObject) Reader() (io.ReadCloser, error) {
	return io.NopCloser(bytes.NewReader(o.data)), nil
}
func (o *readOnlyObject) Writer() (io.WriteCloser, error) {
	return nil, errors.New("objects of the reviewed repository are read-only")
}

// objectError words an odb error for object h of the wanted kind, with
// a missing object as ErrMissingObject.
func objectError(kind string, h Hash, err error) error {
	if errors.Is(err, odb.ErrNotFound) {
		return fmt.Errorf("%s %s: %w", kind, h, ErrMissingObject)
	}
	return fmt.Errorf("%s %s is unreadable: %w", kind, h, err)
}
