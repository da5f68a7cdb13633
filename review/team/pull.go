package team

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"runtime"
	"strings"
	"sync"
	"time"

	"golang.org/x/crypto/ssh"

	"sightline/repo/oplog"
	"sightline/review/bundle"
)

// ReviewersRef is where each reviewer's log lives: ReviewersRef + a hash
// of the identity (an identity may hold characters a ref cannot).
const ReviewersRef = "refs/sightline/reviewers/"

// RefOf returns the ref of reviewer's log.
func RefOf(reviewer string) string {
	d := sha256.Sum256([]byte(reviewer))
	return ReviewersRef + hex.EncodeToString(d[:16])
}

// Config is the store's configuration entry.
type Config struct {
	V         int    `json:"v"`
	Store     string `json:"store"`     // random id every operation binds to
	TwoPerson bool   `json:"twoPerson"` // closing statuses need a second reviewer
}

// InitStore creates a team store in dir.
func InitStore(dir string, twoPerson bool) (Config, error) {
	c := Config{V: 1, Store: oplog.NewID(), TwoPerson: twoPerson}
	b, _ := json.Marshal(c)
	return c, oplog.Init(dir, b)
}

// OpenStore opens a team store and reads its configuration.
func OpenStore(dir string) (*oplog.Store, Config, error) {
	s, err := oplog.Open(dir)
	if err != nil {
		return nil, Config{}, err
	}
	b, err := s.Config()
	if err != nil {
		return nil, Config{}, fmt.Errorf("team store %s: configuration: %w", dir, err)
	}
	var c Config
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&c); err != nil || c.V != 1 || len(c.Store) != 32 {
		return nil, Config{}, fmt.Errorf("team store %s: unreadable configuration (%v)", dir, err)
	}
	return s, c, nil
}

// Refusal is an operation (or a whole log) a pull refused, and why.
type Refusal struct {
	Ref      string // the log's ref
	Reviewer string // who the operation claims made it, when readable
	Entry    int    // 1-based entry (push) in the log; 0 for the whole log
	Line     int    // 1-based operation in the entry; 0 for the whole entry
	Op       string // the operation's id, when it could be computed
	Reason   string
}

func (r Refusal) String() string {
	where := r.Ref
	if r.Reviewer != "" {
		where = fmt.Sprintf("%q's log %s", r.Reviewer, describe(r.Ref))
	}
	if r.Entry > 0 {
		where += fmt.Sprintf(" push %d", r.Entry)
	}
	if r.Line > 0 {
		where += fmt.Sprintf(" op %d", r.Line)
	}
	if r.Op != "" {
		where += " (" + r.Op[:12] + ")"
	}
	return where + ": " + r.Reason
}

// PullReport says what a pull did.
type PullReport struct {
	New     int // operations merged that the workspace did not hold
	Total   int // operations the workspace holds now
	Refused []Refusal
	State   State // the merge of every operation the workspace holds
}

// verifier checks records against allowed_signers, caching the answer for
// each (reviewer, key) pair: a log holds thousands of ops by one key.
type verifier struct {
	store   string
	pin     string
	signers *bundle.AllowedSigners
	now     time.Time
	sigs    *bundle.NamespaceVerifier
	mu      sync.Mutex
	cache   map[string]error
}

// verify checks one record of ref's log and returns the operation.
func (v *verifier) verify(ref string, rec Record) (Signed, error) {
	op, err := decodeOp(rec.Op)
	if err != nil {
		return Signed{}, err
	}
	id := ID(rec.Op)
	s := Signed{ID: id, Op: op, Rec: rec}
	switch {
	case op.Store != v.store:
		return s, fmt.Errorf("made for another team store (%.12s), not this one: a replayed operation", op.Store)
	case RefOf(op.Reviewer) != ref:
		return s, fmt.Errorf("claims reviewer %q but sits in another reviewer's log", op.Reviewer)
	case op.Pin != v.pin:
		return s, fmt.Errorf("made for commit %.12s, not this workspace's pin %.12s", op.Pin, v.pin)
	}
	key, err := v.sigs.Verify(rec.Op, []byte(rec.Sig))
	if err != nil {
		return s, err
	}
	ck := op.Reviewer + "\x00" + string(key.Marshal())
	v.mu.Lock()
	cerr, ok := v.cache[ck]
	v.mu.Unlock()
	if !ok {
		_, cerr = v.signers.Check(op.Reviewer, Namespace, key, v.now)
		v.mu.Lock()
		v.cache[ck] = cerr
		v.mu.Unlock()
	}
	if cerr != nil {
		return s, fmt.Errorf("key %s may not sign for %q: %v", ssh.FingerprintSHA256(key), op.Reviewer, cerr)
	}
	// The same strings in every op of a store: share them.
	s.Op.Store, s.Op.Pin = v.store, v.pin
	return s, nil
}

// parseEntry splits an entry into records, one JSON object per line.
func parseEntry(data []byte) ([]Record, []error) {
	lines := entryLines(data)
	recs := make([]Record, len(lines))
	errs := make([]error, len(lines))
	for i, l := range lines {
		recs[i], errs[i] = parseRecord(l)
	}
	return recs, errs
}

func entryLines(data []byte) [][]byte {
	return bytes.Split(bytes.TrimSuffix(data, []byte("\n")), []byte("\n"))
}

// parseRecord reads one line of an entry strictly.
func parseRecord(line []byte) (Record, error) {
	if r, ok := quickRecord(line); ok {
		return r, nil
	}
	var r Record
	dec := json.NewDecoder(bytes.NewReader(line))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&r); err != nil {
		return Record{}, fmt.Errorf("not an operation record: %v", err)
	}
	if r.Sig == "" {
		return r, errors.New("unsigned")
	}
	return r, nil
}

// quickRecord reads a line as encodeEntry writes it,
// {"op":OP,"sig":"SIG"}, without a JSON decoder: a pull reads 100,000
// of them. The op is not checked here: decodeOp requires its bytes to be
// exactly canonical JSON, so nothing but an op can pass. Any other form
// is left to the strict decoder.
func quickRecord(line []byte) (Record, bool) {
	rest, ok := bytes.CutPrefix(line, []byte(`{"op":{`))
	// The first match ends the op: a valid op holds no "sig" key, and
	// its strings no unescaped quote.
	i := bytes.Index(rest, []byte(`},"sig":"`))
	if !ok || i < 0 || len(rest) < i+len(`},"sig":"`)+len(`"}`) || !bytes.HasSuffix(rest, []byte(`"}`)) {
		return Record{}, false
	}
	body := rest[i+len(`},"sig":"`) : len(rest)-len(`"}`)]
	// The armor is base64, its lines joined by \n: nothing else to unescape.
	for k := 0; k < len(body); k++ {
		c := body[k]
		switch {
		case c == '\\' && k+1 < len(body) && body[k+1] == 'n':
			k++
		case c < 0x20 || c >= 0x7f || c == '"' || c == '\\':
			return Record{}, false
		}
	}
	sig := strings.ReplaceAll(string(body), `\n`, "\n")
	if sig == "" {
		return Record{}, false // the strict decoder says "unsigned"
	}
	return Record{Op: line[len(`{"op":`) : len(`{"op":{`)+i+1 : len(`{"op":{`)+i+1], Sig: sig}, true
}

// encodeEntry is parseEntry's inverse.
func encodeEntry(ops []Signed) []byte {
	var b bytes.Buffer
	for _, s := range ops {
		line, _ := json.Marshal(s.Rec)
		b.Write(line)
		b.WriteByte('\n')
	}
	return b.Bytes()
}

// job is one line of an entry to parse and verify, with where it came
// from.
type job struct {
	ref         string
	entry, line int
	raw         []byte
	rec         Record
	err         error
	out         Signed
}

// start parses and verifies jobs on every core (the signature checks
// are most of a pull's work) and returns a function that waits for them
// and returns them, each with out or err.
func (v *verifier) start(jobs []job) func() []job {
	var wg sync.WaitGroup
	n := min(runtime.GOMAXPROCS(0), len(jobs))
	for w := range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := w; i < len(jobs); i += n {
				j := &jobs[i]
				if j.raw != nil {
					j.rec, j.err = parseRecord(j.raw)
					j.raw = nil
				}
				if j.err == nil {
					j.out, j.err = v.verify(j.ref, j.rec)
				}
			}
		}()
	}
	return func() []job {
		wg.Wait()
		return jobs
	}
}

// chainCheck refuses an op whose parent is not the op before it in its
// log (dropped or reordered ops), unless that op was itself refused:
// one tampered op must not take the rest of its log with it.
func chainCheck(jobs []job, lastID map[string]string) {
	for i := range jobs {
		j := &jobs[i]
		prev, known := lastID[j.ref]
		if j.err == nil && known && prev != "" && j.out.Op.Parent != prev {
			j.err = fmt.Errorf("its parent is %.12s, not the op before it (%.12s): the log was reordered or cut", j.out.Op.Parent, prev)
		}
		switch {
		case j.err == nil:
			lastID[j.ref] = j.out.ID
		default:
			lastID[j.ref] = "" // unknown: do not judge the next op by it
		}
	}
}

func describe(ref string) string { return strings.TrimPrefix(ref, ReviewersRef) }
