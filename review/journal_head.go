package review

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"
)

// A journal checks itself only as far as its own chain goes: an older
// copy of it put back in place is a valid, shorter chain. So the head of
// each workspace's journal is also remembered outside the workspace, in
// the user's state directory, one small file per workspace, and opening a
// journal behind (or beside) what was seen is refused until the reviewer
// chooses (see RollbackError).

// Head is a point in a workspace's journal: the sequence number of an
// entry and its sum (hex SHA-256), which chains to every entry before it.
// The zero Head is an empty journal.
type Head struct {
	Seq  uint64 `json:"seq"`
	Hash string `json:"hash"`
}

// short is how a Head is named in messages: "entry 17 (ef01c2d3a4b5…)".
func (h Head) short() string {
	if h.Seq == 0 {
		return "entry 0 (an empty journal)"
	}
	return fmt.Sprintf("entry %d (%s…)", h.Seq, h.Hash[:min(12, len(h.Hash))])
}

// headRecord is the file remembering a workspace's journal head. Dir and
// Pin are there for a person reading the file; the file name is what
// finds it.
type headRecord struct {
	Version int       `json:"version"`
	Dir     string    `json:"workspace"`
	Pin     string    `json:"pin"`
	Head    Head      `json:"head"`
	MaxID   int       `json:"maxId"` // the highest finding id number ever seen here
	Seen    time.Time `json:"seen"`  // when Head was recorded
}

const headRecordVersion = 1

// Option changes how Open opens a workspace.
type Option func(*openOptions)

type openOptions struct {
	headDir string
}

// WithHeadDir keeps the head records in dir instead of DefaultHeadDir
// (tests use it so they never write to the user's home).
func WithHeadDir(dir string) Option {
	return func(o *openOptions) { o.headDir = dir }
}

// DefaultHeadDir is where the journal heads are remembered:
// StateDir()/heads. It is outside every workspace, so restoring an old
// copy of a workspace does not restore an old head with it.
func DefaultHeadDir() (string, error) {
	base, err := StateDir()
	if err != nil {
		return "", err
	}
	return filepath.Join(base, "heads"), nil
}

// StateDir is sightline's own state, outside every workspace and every
// repository: $XDG_STATE_HOME/sightline, XDG_STATE_HOME defaulting to
// ~/.local/state. Journal heads and the export dialog's memory live here.
func StateDir() (string, error) {
	base := os.Getenv("XDG_STATE_HOME")
	if !filepath.IsAbs(base) { // the XDG spec says to ignore a relative value
		home, err := os.UserHomeDir()
		if err != nil || home == "" {
			return "", errors.New("cannot find a state directory: set XDG_STATE_HOME or HOME")
		}
		base = filepath.Join(home, ".local", "state")
	}
	return filepath.Join(base, "sightline"), nil
}

// WriteFileAtomic replaces dir/name with data so that a crash leaves the
// old file or the new one, never a torn one (see writeFileAtomic).
func WriteFileAtomic(dir, name string, data []byte) error {
	return writeFileAtomic(dir, name, data, nil)
}

// headStore is the head record of one workspace.
type headStore struct {
	dir  string // the heads directory
	name string // the record's file name in it
	ws   string // the workspace directory, symlinks resolved
	pin  string
	// swept is set once temp files left by killed writers were removed.
	swept bool
}

// newHeadStore names the record of the workspace in wsDir (absolute) for
// pin: a hash of the workspace's real path and its pin, so another
// workspace, or a new review in the same directory, has a record of its
// own.
func newHeadStore(headDir, wsDir, pin string) *headStore {
	if real, err := filepath.EvalSymlinks(wsDir); err == nil {
		wsDir = real
	}
	d := sha256.Sum256([]byte(wsDir + "\x00" + pin))
	return &headStore{dir: headDir, name: hex.EncodeToString(d[:16]) + ".json", ws: wsDir, pin: pin}
}

func (h *headStore) path() string { return filepath.Join(h.dir, h.name) }

// load reads the record; (nil, nil) when there is none yet.
func (h *headStore) load() (*headRecord, error) {
	b, err := os.ReadFile(h.path())
	if errors.Is(err, os.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	var r headRecord
	dec := json.NewDecoder(strings.NewReader(string(b)))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&r); err != nil {
		return nil, fmt.Errorf("undecodable: %v", err)
	}
	switch {
	case r.Version != headRecordVersion:
		return nil, fmt.Errorf("version %d, not %d", r.Version, headRecordVersion)
	case r.Pin != h.pin || r.Dir != h.ws:
		return nil, fmt.Errorf("it is the record of %s at %s", r.Dir, r.Pin)
	case r.Head.Seq > 0 && len(r.Head.Hash) != 64, r.MaxID < 0:
		return nil, errors.New("malformed head")
	}
	return &r, nil
}

// save replaces the record crash-safely: a reader sees the old record or
// the new one, never a torn one. The first save removes temp files left
// by a writer that was killed; the caller holds the workspace lock, so
// no other writer of this record is running.
func (h *headStore) save(r headRecord, wrap func(syncFile) syncFile) error {
	r.Version, r.Dir, r.Pin = headRecordVersion, h.ws, h.pin
	b, err := json.MarshalIndent(r, "", "  ")
	if err != nil {
		return err
	}
	if err := h.makeDir(); err != nil {
		return err
	}
	if !h.swept {
		stale, _ := filepath.Glob(filepath.Join(h.dir, h.name+".tmp-*"))
		for _, p := range stale {
			_ = os.Remove(p)
		}
		h.swept = true
	}
	return writeFileAtomic(h.dir, h.name, append(b, '\n'), wrap)
}

func (h *headStore) makeDir() error {
	if fi, err := os.Stat(h.dir); err == nil && fi.IsDir() {
		return nil
	}
	if err := os.MkdirAll(h.dir, 0o700); err != nil {
		return err
	}
	return syncDir(filepath.Dir(h.dir))
}

// writeFileAtomic writes data to dir/name by way of a temp file in dir:
// write, fsync, close, rename, fsync the directory (the rename is only
// durable once the directory is). os.WriteFile truncates in place, which
// a crash can leave empty. wrap, when not nil, stands between the temp
// file and the writes, for tests to inject faults.
func writeFileAtomic(dir, name string, data []byte, wrap func(syncFile) syncFile) error {
	f, err := os.CreateTemp(dir, name+".tmp-*")
	if err != nil {
		return err
	}
	tmp := f.Name()
	var w syncFile = f
	if wrap != nil {
		w = wrap(f)
	}
	_, err = w.Write(data)
	if err == nil {
		err = w.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(tmp, filepath.Join(dir, name))
	}
	if err != nil {
		_ = os.Remove(tmp)
		return err
	}
	return syncDir(dir)
}
