// Package team merges several reviewers' work through a team store
// (repo/oplog): each reviewer's changes become signed, content-addressed
// operations in that reviewer's append-only log; a pull verifies every
// operation against allowed_signers and merges the union of all logs
// into the workspace in a deterministic order, keeping conflicts visible
// until a reviewer resolves them.
package team

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"slices"

	"golang.org/x/crypto/ssh"

	"sightline/review"
	"sightline/review/bundle"
)

// Namespace is the SSHSIG namespace of team operations: a findings
// bundle's signature cannot pass for an operation's, or the reverse.
const Namespace = bundle.TeamOpNamespace

// Operation types.
const (
	OpCreate   = "finding.create"   // createData; the op's id is the finding's
	OpStep     = "finding.step"     // review.Step
	OpSeverity = "finding.severity" // valueData
	OpStatus   = "finding.status"   // valueData
	OpTitle    = "finding.title"    // valueData
	OpNote     = "finding.note"     // valueData: the finding's description
	OpReviewed = "file.reviewed"    // reviewedData
	OpConfirm  = "finding.confirm"  // confirmData
	OpTriage   = "triage.decide"    // triageData: a verdict on an imported candidate
)

// Op is one review operation. Its canonical bytes are its JSON as
// encoded here (fields in this order, non-ASCII escaped); its id is the
// SHA-256 of those bytes, and its signature covers them.
type Op struct {
	V        int    `json:"v"`
	Store    string `json:"store"`    // the store it was made for: a copy in another store is refused
	Reviewer string `json:"reviewer"` // the allowed_signers principal that signs it
	Clock    uint64 `json:"clock"`    // Lamport clock: above every op its author had seen
	Parent   string `json:"parent"`   // the author's previous op ("" for the first)
	Pin      string `json:"pin"`      // the commit under review
	Type     string `json:"type"`
	Finding  string `json:"finding,omitempty"` // the finding's create-op id
	// Supersedes names the ops of the same field (severity, status,
	// title, note) the author saw as current: those are replaced, any
	// other still-current op stays and is a conflict.
	Supersedes []string        `json:"supersedes,omitempty"`
	Data       json.RawMessage `json:"data"`

	// val is Data as checkData decoded it (a *createData, *review.Step,
	// ...): the merge reads it instead of decoding Data again.
	val any
}

// dataOf returns op's data as a T: the value checkData decoded, or
// Data decoded now for an op that was made, not read.
func dataOf[T any](op *Op) T {
	if v, ok := op.val.(*T); ok {
		return *v
	}
	var d T
	_ = json.Unmarshal(op.Data, &d)
	return d
}

type createData struct {
	Title       string          `json:"title"`
	Severity    review.Severity `json:"severity"`
	CWE         string          `json:"cwe"`
	Status      review.Status   `json:"status"`
	Description string          `json:"description"`
	Steps       []review.Step   `json:"steps"`
	Local       string          `json:"local"` // the id in the author's workspace (F-0001)
}

type valueData struct {
	Value string `json:"value"`
}

type reviewedData struct {
	Path     string `json:"path"`
	Blob     string `json:"blob"`
	Reviewed bool   `json:"reviewed"`
}

type confirmData struct {
	Op string `json:"op"` // the status op confirmed
}

// Canonical returns op's canonical bytes.
func (op Op) Canonical() ([]byte, error) {
	b, err := json.Marshal(op)
	if err != nil {
		return nil, err
	}
	return review.ASCIIJSON(b), nil
}

// ID returns the SHA-256 of canonical bytes in hex.
func ID(canonical []byte) string {
	d := sha256.Sum256(canonical)
	return hex.EncodeToString(d[:])
}

// Record is a signed operation as a log holds it.
type Record struct {
	Op  json.RawMessage `json:"op"`
	Sig string          `json:"sig"`
}

// Signed is a verified (or just made) operation.
type Signed struct {
	ID  string
	Op  Op
	Rec Record
}

// Sign makes the record of op.
func Sign(op Op, signer ssh.Signer) (Signed, error) {
	b, err := op.Canonical()
	if err != nil {
		return Signed{}, err
	}
	sig, err := bundle.SignNamespace(b, signer, Namespace)
	if err != nil {
		return Signed{}, err
	}
	return Signed{ID: ID(b), Op: op, Rec: Record{Op: b, Sig: string(sig)}}, nil
}

// decodeOp parses a record's op strictly and requires canonical bytes,
// so one operation has exactly one id.
func decodeOp(raw []byte) (Op, error) {
	if op, ok := quickOp(raw); ok && op.checkData(true) == nil {
		return op, nil // canonical by construction, data checked
	}
	// Anything else, refusals included (for their messages), is read
	// strictly.
	return strictDecodeOp(raw)
}

// strictDecodeOp is decodeOp without quickOp's shortcut.
func strictDecodeOp(raw []byte) (Op, error) {
	var op Op
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&op); err != nil {
		return Op{}, fmt.Errorf("undecodable operation: %v", err)
	}
	if err := op.checkData(false); err != nil {
		return Op{}, err
	}
	again, err := op.Canonical()
	if err != nil || !bytes.Equal(again, raw) {
		return Op{}, fmt.Errorf("operation is not in canonical form")
	}
	if op.V != 1 {
		return Op{}, fmt.Errorf("operation version %d; this sightline reads 1", op.V)
	}
	// The data is the last field of the canonical bytes: keep it as a
	// slice of them, not a second copy (a pull holds 100,000 operations).
	if i := bytes.Index(raw, dataKey); i >= 0 && bytes.Equal(raw[i+len(dataKey):len(raw)-1], op.Data) {
		op.Data = raw[i+len(dataKey) : len(raw)-1 : len(raw)-1]
	}
	return op, nil
}

// dataKey precedes an operation's data in its canonical bytes; the
// fields before it hold no unescaped quote, so the first match is it.
var dataKey = []byte(`,"data":`)

// interner makes the operation ids an operation names (its parent, its
// finding, what it supersedes) share one string with the id of the
// operation they name, instead of each holding a copy.
type interner map[string]string

func (in interner) add(id string) { in[id] = id }

func (in interner) share(op *Op) {
	if s, ok := in[op.Parent]; ok {
		op.Parent = s
	}
	if s, ok := in[op.Finding]; ok {
		op.Finding = s
	}
	for i, id := range op.Supersedes {
		if s, ok := in[id]; ok {
			op.Supersedes[i] = s
		}
	}
}

// checkData decodes the data strictly for the op's type and requires it
// in canonical form too; quick lets quickData read the simplest data.
func (op *Op) checkData(quick bool) error {
	var v any
	switch op.Type {
	case OpCreate:
		v = &createData{}
	case OpStep:
		v = &review.Step{}
	case OpSeverity, OpStatus, OpTitle, OpNote:
		v = &valueData{}
	case OpReviewed:
		v = &reviewedData{}
	case OpConfirm:
		v = &confirmData{}
	case OpTriage:
		v = &triageData{}
	default:
		return fmt.Errorf("unknown operation type %q", op.Type)
	}
	if !quick || !quickData(op.Data, v) {
		dec := json.NewDecoder(bytes.NewReader(op.Data))
		dec.DisallowUnknownFields()
		if err := dec.Decode(v); err != nil {
			return fmt.Errorf("%s data: %v", op.Type, err)
		}
		if dec.InputOffset() != int64(len(op.Data)) {
			// Only quickOp's data can have bytes after the value (the
			// envelope's strict decode refuses them).
			return fmt.Errorf("%s data: bytes after the value", op.Type)
		}
	}
	if err := validateData(op.Type, v); err != nil {
		return fmt.Errorf("%s: %v", op.Type, err)
	}
	if (op.Type == OpCreate || op.Type == OpReviewed || op.Type == OpTriage) != (op.Finding == "") {
		return fmt.Errorf("%s: finding field wrong for the type", op.Type)
	}
	if !slices.IsSorted(op.Supersedes) {
		return fmt.Errorf("supersedes is not sorted")
	}
	op.val = v
	return nil
}

func validateData(typ string, v any) error {
	switch d := v.(type) {
	case *createData:
		f := review.Finding{ID: "F-0001", Title: d.Title, Severity: d.Severity, CWE: d.CWE, Status: d.Status,
			Description: d.Description, Steps: d.Steps}
		return f.Validate()
	case *review.Step:
		return d.Validate()
	case *triageData:
		return d.validate()
	case *valueData:
		switch typ {
		case OpSeverity:
			_, err := review.ParseSeverity(d.Value)
			return err
		case OpStatus:
			_, err := review.ParseStatus(d.Value)
			return err
		}
		return review.CheckShortText("value", d.Value[:min(len(d.Value), 500)])
	}
	return nil
}

// mustData marshals typed data for an op being made.
func mustData(v any) json.RawMessage {
	b, err := json.Marshal(v)
	if err != nil {
		panic(err) // only our own plain structs reach here
	}
	return review.ASCIIJSON(b)
}
