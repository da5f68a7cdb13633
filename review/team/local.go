package team

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	"sightline/review"
)

// Local is what a workspace keeps of one team store, in
// WORKSPACE/team-STOREID.json (replaced atomically): every verified
// operation, the head of each log it has read, and what this reviewer
// last pushed, so that a push sends only what changed since.
type Local struct {
	Store     string            `json:"store"`
	TwoPerson bool              `json:"twoPerson"`          // the store's rule, as last read
	Heads     map[string]string `json:"heads"`              // ref -> last head read or written
	Map       map[string]string `json:"map"`                // local finding id -> create op id
	Snap      map[string]snap   `json:"snap"`               // local finding id -> as last pushed
	Marks     map[string]string `json:"marks"`              // path -> blob, reviewed as last pushed
	Triage    map[string]string `json:"triage"`             // candidate fingerprint -> own verdict as last pushed
	Identity  string            `json:"identity,omitempty"` // who last pushed from this workspace
	Queued    []Intent          `json:"queued,omitempty"`   // made in the workbench, for the next push (Queue)
	Outbox    []Record          `json:"outbox"`             // signed, not yet known to be in the store
	Ops       []Record          `json:"ops"`                // every verified operation, own included

	dir string
	ops []Signed // Ops decoded
}

type snap struct {
	Title       string          `json:"title"`
	Severity    review.Severity `json:"severity"`
	Status      review.Status   `json:"status"`
	Description string          `json:"description"`
	Steps       int             `json:"steps"`
}

func localPath(wsDir, store string) string {
	return filepath.Join(wsDir, "team-"+store+".json")
}

// localLockTimeout is how long a push, a pull or the workbench's Queue
// waits for another to finish with the same record (a pull of 100,000
// operations takes seconds); tests shorten it.
var localLockTimeout = 2 * time.Minute

// lockLocal serialises the read-modify-write of the workspace's record of
// store: without it, a push from the command line and a change queued in
// the workbench at the same moment would each save over the other's.
func lockLocal(wsDir, store string) (release func(), err error) {
	release, err = review.LockFile(wsDir, "team-"+store+".lock", localLockTimeout)
	if err != nil {
		return nil, fmt.Errorf("team store %s in this workspace: %w", store, err)
	}
	return release, nil
}

// LoadLocal reads the workspace's record of store (empty when none).
func LoadLocal(wsDir, store string) (*Local, error) {
	l := &Local{Store: store, Heads: map[string]string{}, Map: map[string]string{}, Snap: map[string]snap{},
		Marks: map[string]string{}, Triage: map[string]string{}, dir: wsDir}
	b, err := os.ReadFile(localPath(wsDir, store))
	if errors.Is(err, os.ErrNotExist) {
		return l, nil
	}
	if err != nil {
		return nil, err
	}
	if err := json.Unmarshal(b, l); err != nil {
		return nil, fmt.Errorf("%s: %w", localPath(wsDir, store), err)
	}
	l.dir = wsDir
	if l.Triage == nil { // written before triage decisions travelled
		l.Triage = map[string]string{}
	}
	ids := make(interner, len(l.Ops))
	l.ops = make([]Signed, 0, len(l.Ops))
	for _, r := range l.Ops {
		op, err := decodeOp(r.Op)
		if err != nil {
			return nil, fmt.Errorf("%s: a held operation: %w", localPath(wsDir, store), err)
		}
		s := Signed{ID: ID(r.Op), Op: op, Rec: r}
		ids.add(s.ID)
		l.ops = append(l.ops, s)
	}
	for i := range l.ops {
		ids.share(&l.ops[i].Op)
	}
	return l, nil
}

// Ops returns every operation the workspace holds.
func (l *Local) Operations() []Signed { return l.ops }

// add adds ops the workspace does not hold yet and returns how many.
func (l *Local) add(ops []Signed) int {
	have := make(map[string]bool, len(l.ops))
	for _, s := range l.ops {
		have[s.ID] = true
	}
	n := 0
	for _, s := range ops {
		if !have[s.ID] {
			have[s.ID] = true
			l.ops = append(l.ops, s)
			l.Ops = append(l.Ops, s.Rec)
			n++
		}
	}
	return n
}

// save replaces the file atomically: temp file, fsync, rename, fsync dir.
func (l *Local) save() error {
	sv, err := l.startSave()
	if err != nil {
		return err
	}
	return sv.finish()
}

// lastOwn returns reviewer's latest op id and the highest clock held.
func (l *Local) lastOwn(reviewer string) (parent string, clock uint64) {
	var own uint64
	for _, s := range l.ops {
		clock = max(clock, s.Op.Clock)
		if s.Op.Reviewer == reviewer && (parent == "" || s.Op.Clock > own) {
			parent, own = s.ID, s.Op.Clock
		}
	}
	return parent, clock
}

// View is the merged state of one team store a workspace holds.
type View struct {
	Store string
	State State
	// Own maps the create-op id of each finding this workspace pushed to
	// its id here (F-0001).
	Own map[string]string
	// Triage is the team's verdict on each imported candidate, by fingerprint.
	Triage map[string]Verdict
	// Queued is what the workbench queued for the next push (Queue).
	Queued []Intent
	// Identity is who last pushed from the workspace ("" before a push).
	Identity string
}

// Views returns the merged state of every team store the workspace at
// wsDir has pulled from or pushed to, by store id.
func Views(wsDir string) ([]View, error) {
	m, err := filepath.Glob(filepath.Join(wsDir, "team-*.json"))
	if err != nil {
		return nil, err
	}
	var out []View
	for _, p := range m {
		id := strings.TrimSuffix(strings.TrimPrefix(filepath.Base(p), "team-"), ".json")
		l, err := LoadLocal(wsDir, id)
		if err != nil {
			return nil, err
		}
		own := make(map[string]string, len(l.Map))
		for local, op := range l.Map {
			own[op] = local
		}
		out = append(out, View{Store: id, State: Merge(l.ops, l.TwoPerson), Own: own, Triage: Triage(l.ops), Queued: l.Queued, Identity: l.Identity})
	}
	return out, nil
}

// saving is a replacement of the workspace's file being written. The
// records go first, as they come (a pull writes each as it verifies it,
// and keeps only what the merge needs: a team's file can hold 100 MB of
// operations); the other fields follow when the pull is done.
type saving struct {
	l   *Local
	f   *os.File
	w   *bufio.Writer
	n   int // records written
	err error
}

// startSave opens the temp file and writes the records l holds.
func (l *Local) startSave() (*saving, error) {
	f, err := os.CreateTemp(l.dir, ".team-*.tmp")
	if err != nil {
		return nil, fmt.Errorf("save team state %s: %w", localPath(l.dir, l.Store), err)
	}
	sv := &saving{l: l, f: f, w: bufio.NewWriterSize(f, 1<<20)}
	_, sv.err = sv.w.WriteString(`{"ops":[`)
	for _, r := range l.Ops {
		sv.record(r)
	}
	return sv, nil
}

// record writes one record, as json.Marshal would: its op is canonical
// (compact) JSON already, checked by decodeOp or made by Sign.
func (sv *saving) record(r Record) {
	if sv.err != nil {
		return
	}
	if sv.n > 0 {
		sv.w.WriteByte(',')
	}
	sv.n++
	sig, err := json.Marshal(r.Sig)
	if err != nil {
		sv.err = err
		return
	}
	sv.w.WriteString(`{"op":`)
	sv.w.Write(r.Op)
	sv.w.WriteString(`,"sig":`)
	sv.w.Write(sig)
	_, sv.err = sv.w.WriteString("}")
}

// abort removes the temp file of a save not finished.
func (sv *saving) abort() {
	if sv.f != nil {
		_ = sv.f.Close()
		_ = os.Remove(sv.f.Name())
		sv.f = nil
	}
}

// finish writes l's other fields, then puts the file in place.
func (sv *saving) finish() error {
	l, p := sv.l, localPath(sv.l.dir, sv.l.Store)
	defer sv.abort()
	ops := l.Ops
	l.Ops = nil
	head, err := json.Marshal(l)
	l.Ops = ops
	if err == nil && !bytes.HasSuffix(head, []byte(`,"ops":null}`)) {
		err = fmt.Errorf("unexpected encoding")
	}
	if err == nil {
		err = sv.err
	}
	if err == nil {
		// head is {...,"ops":null}: its fields follow the records.
		sv.w.WriteString("],")
		sv.w.Write(head[1 : len(head)-len(`,"ops":null}`)])
		_, err = sv.w.WriteString("}\n")
	}
	if err == nil {
		err = sv.w.Flush()
	}
	if err == nil {
		err = sv.f.Sync()
	}
	if cerr := sv.f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(sv.f.Name(), p)
	}
	if err != nil {
		return fmt.Errorf("save team state %s: %w", p, err)
	}
	sv.f = nil
	d, err := os.Open(l.dir)
	if err != nil {
		return err
	}
	defer d.Close()
	return d.Sync()
}
