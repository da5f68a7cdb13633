package repo

import (
	"errors"

	"sightline/repo/internal/odb"
)

// readError words an error reading object h, expected to be of the
// given kind. A hash mismatch for h already says everything ("blob H:
// object content does not match its id (hashes to G): the object was
// substituted or damaged") and is returned as it is; anything else goes
// through objectError.
func readError(kind string, h Hash, err error) error {
	var m *odb.HashMismatchError
	if errors.As(err, &m) && Hash(m.Want) == h && (kind == "object" || m.Type.String() == kind) {
		return err
	}
	return objectError(kind, h, err)
}

// isMismatchOf reports whether err is a hash mismatch naming object h.
func isMismatchOf(err error, h Hash) bool {
	var m *odb.HashMismatchError
	return errors.As(err, &m) && Hash(m.Want) == h
}
