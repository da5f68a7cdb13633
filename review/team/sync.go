package team

import (
	"bytes"
	"errors"
	"fmt"
	"maps"
	"slices"
	"strings"
	"time"

	"golang.org/x/crypto/ssh"

	"sightline/repo/oplog"
	"sightline/review"
	"sightline/review/bundle"
)

// ErrBehind means the store holds operations of this reviewer that the
// workspace has not pulled (pushed from elsewhere): pull first.
var ErrBehind = errors.New("pull first")

// ErrRewritten means a log no longer contains a head read before: its
// history was rewritten, which an append-only log never does.
var ErrRewritten = errors.New("history rewritten")

// Pull verifies every log's new operations and merges those that pass
// into the workspace at wsDir (pinned at pin). A log whose history was
// rewritten is refused whole; a bad operation is refused alone.
//
// A pull streams: one push at a time is read, parsed and verified on
// every core, and each operation that passes is written to the
// workspace's new file at once; only what the merge needs stays in
// memory.
func Pull(storeDir, wsDir, pin string, signers *bundle.AllowedSigners) (PullReport, error) {
	st, cfg, err := OpenStore(storeDir)
	if err != nil {
		return PullReport{}, err
	}
	release, err := lockLocal(wsDir, cfg.Store)
	if err != nil {
		return PullReport{}, err
	}
	defer release()
	l, err := LoadLocal(wsDir, cfg.Store)
	if err != nil {
		return PullReport{}, err
	}
	refs, err := st.Refs(ReviewersRef)
	if err != nil {
		return PullReport{}, err
	}
	sv, err := l.startSave()
	if err != nil {
		return PullReport{}, err
	}
	defer sv.abort()
	p := &puller{st: st, l: l, sv: sv, have: make(interner, len(l.ops)), names: map[string]string{},
		v: &verifier{store: cfg.Store, pin: pin, signers: signers, now: time.Now(), cache: map[string]error{},
			sigs: bundle.NewNamespaceVerifier(Namespace)}}
	for _, s := range l.ops {
		p.have.add(s.ID)
	}
	newHeads := map[string]string{}
	for _, ref := range slices.Sorted(maps.Keys(refs)) {
		if refs[ref] != l.Heads[ref] {
			if head := p.pullLog(ref, refs[ref]); head != "" {
				newHeads[ref] = head
			}
		}
	}
	l.ops = slices.Concat(append([][]Signed{l.ops}, p.batches...)...)
	p.batches = nil
	l.TwoPerson = cfg.TwoPerson
	maps.Copy(l.Heads, newHeads)
	rep := p.rep
	rep.Total = len(l.ops)
	for i := range l.ops {
		p.have.share(&l.ops[i].Op)
	}
	p.have = nil
	// l.ops holds each operation once: merge it in place, without the
	// copy Merge makes of what it is given.
	rep.State = mergeUnique(l.ops, cfg.TwoPerson)
	return rep, sv.finish()
}

// puller is one pull's progress.
type puller struct {
	st    *oplog.Store
	l     *Local
	sv    *saving
	v     *verifier
	have  interner
	names map[string]string // one string per reviewer name and op type
	// New ops, by push: joined once at the end instead of growing one
	// slice of 100,000 ops by copying it again and again.
	batches [][]Signed
	batch   []Signed
	rep     PullReport
}

// pullLog merges ref's entries after the head the workspace read, up to
// head, and returns the head now read ("" when none was).
func (p *puller) pullLog(ref, head string) string {
	links, err := p.st.Chain(head)
	if err != nil {
		p.rep.Refused = append(p.rep.Refused, Refusal{Ref: ref, Reason: "unreadable log: " + err.Error()})
		return ""
	}
	from, old := 0, p.l.Heads[ref]
	last := map[string]string{}
	if old != "" {
		from = slices.IndexFunc(links, func(e oplog.Link) bool { return e.Commit == old }) + 1
		if from == 0 {
			p.rep.Refused = append(p.rep.Refused, Refusal{Ref: ref, Reason: fmt.Sprintf("%v: the log no longer contains %.12s, read before; nothing of it was merged", ErrRewritten, old)})
			return ""
		}
		last[ref] = lastOf(p.l, ref)
	}
	// A pipeline: push i is read while push i-1 is verified, and i-1
	// is merged while i is verified, so the cores are rarely idle.
	read, prev := "", -1
	var verifying func() []job
	done := func() {
		if verifying != nil {
			p.takeAll(verifying(), last)
			read, verifying = links[prev].Commit, nil
		}
	}
	for i := from; i < len(links); i++ {
		data, err := p.st.Read(links[i])
		if err != nil {
			done()
			// What came before stays merged; the next pull retries here.
			p.rep.Refused = append(p.rep.Refused, Refusal{Ref: ref, Entry: i + 1, Reason: "unreadable push: " + err.Error()})
			return read
		}
		lines := entryLines(data)
		jobs := make([]job, len(lines))
		for k := range lines {
			jobs[k] = job{ref: ref, entry: i + 1, line: k + 1, raw: lines[k]}
		}
		var before func() []job
		before, verifying = verifying, p.v.start(jobs)
		if before != nil {
			p.takeAll(before(), last)
			read = links[prev].Commit
		}
		prev = i
	}
	done()
	return read
}

// takeAll checks a verified push's chain and merges it.
func (p *puller) takeAll(jobs []job, last map[string]string) {
	chainCheck(jobs, last)
	p.batch = make([]Signed, 0, len(jobs))
	for k := range jobs {
		p.take(&jobs[k])
	}
	p.batches = append(p.batches, p.batch)
}

// take merges one verified job, or lists its refusal.
func (p *puller) take(j *job) {
	if j.err != nil {
		r := Refusal{Ref: j.ref, Reviewer: j.out.Op.Reviewer, Entry: j.entry, Line: j.line, Reason: j.err.Error()}
		if j.rec.Op != nil {
			r.Op = ID(j.rec.Op)
		}
		p.rep.Refused = append(p.rep.Refused, r)
		return
	}
	if _, dup := p.have[j.out.ID]; dup {
		return
	}
	p.have.add(j.out.ID)
	p.sv.record(j.rec)
	// The record is in the file now; the merge needs the op alone, and
	// its data as checkData decoded it (the bytes go: nothing after the
	// merge reads them).
	s := j.out
	s.Rec = Record{}
	if s.Op.val != nil {
		s.Op.Data = nil
	} else {
		s.Op.Data = bytes.Clone(s.Op.Data)
	}
	s.Op.Reviewer, s.Op.Type = p.name(s.Op.Reviewer), p.name(s.Op.Type)
	p.batch = append(p.batch, s)
	p.rep.New++
}

func (p *puller) name(s string) string {
	if n, ok := p.names[s]; ok {
		return n
	}
	p.names[s] = s
	return s
}

// lastOf is the id of the latest op held from ref's reviewer.
func lastOf(l *Local, ref string) string {
	var id string
	var c uint64
	for _, s := range l.ops {
		if RefOf(s.Op.Reviewer) == ref && (id == "" || s.Op.Clock > c) {
			id, c = s.ID, s.Op.Clock
		}
	}
	return id
}

// Intent is a change to a team finding made outside the journal: a
// confirmation (Type OpConfirm) or a new value that resolves a conflict.
type Intent struct {
	Type    string `json:"type"`    // OpConfirm, OpSeverity, OpStatus, OpTitle, OpNote
	Finding string `json:"finding"` // the finding's id or a unique prefix of it
	Value   string `json:"value"`

	queued bool // made in the workbench (Queue), not given to this push
}

// PushOptions say who pushes what.
type PushOptions struct {
	Store     string
	Workspace *review.Workspace
	Identity  string
	Signer    ssh.Signer
	Signers   *bundle.AllowedSigners
	Intents   []Intent
	// DropQueued discards what the workbench queued (Queue) instead of
	// sending it: the way out of a queued change that no longer applies.
	DropQueued bool
}

// Push signs this reviewer's changes since the last push (and any
// intents) and appends them to the reviewer's log. It returns the number
// of operations pushed.
func Push(o PushOptions) (int, error) {
	st, cfg, err := OpenStore(o.Store)
	if err != nil {
		return 0, err
	}
	if _, err := o.Signers.Check(o.Identity, Namespace, o.Signer.PublicKey(), time.Now()); err != nil {
		return 0, fmt.Errorf("push as %q: %w; other reviewers would refuse these operations", o.Identity, err)
	}
	ws := o.Workspace
	release, err := lockLocal(ws.Dir(), cfg.Store)
	if err != nil {
		return 0, err
	}
	defer release()
	l, err := LoadLocal(ws.Dir(), cfg.Store)
	if err != nil {
		return 0, err
	}
	l.TwoPerson = cfg.TwoPerson
	ref := RefOf(o.Identity)
	cur, err := st.Head(ref)
	if err != nil {
		return 0, err
	}
	if len(l.Outbox) > 0 {
		if err := finishOutbox(st, l, ref, cur); err != nil {
			return 0, err
		}
		if cur, err = st.Head(ref); err != nil {
			return 0, err
		}
	}
	if cur != l.Heads[ref] {
		return 0, fmt.Errorf("%w: the store holds operations by %q this workspace has not read (pushed from another workspace?); run sightline team pull", ErrBehind, o.Identity)
	}
	d := newDeriver(l, cfg.Store, o.Identity, ws.Meta().Pin.Commit, o.Signer, cfg.TwoPerson)
	if o.DropQueued {
		l.Queued = nil
	}
	ops, err := d.derive(ws, append(l.queued(), o.Intents...))
	if err == nil && len(ops) == 0 && o.DropQueued {
		err = l.save() // nothing to send, but the drop is kept
	}
	if err != nil || len(ops) == 0 {
		return 0, err
	}
	l.Identity, l.Queued = o.Identity, nil
	for _, s := range ops {
		l.Outbox = append(l.Outbox, s.Rec)
	}
	// The outbox is saved before the store is written: after a crash the
	// next push finds it and completes it instead of deriving the same
	// changes again as new operations.
	if err := l.save(); err != nil {
		return 0, err
	}
	head, err := st.Append(ref, cur, encodeEntry(ops))
	if err != nil {
		return 0, err
	}
	l.Heads[ref] = head
	l.add(ops)
	l.Outbox = nil
	return len(ops), l.save()
}

// finishOutbox completes a push a crash interrupted: the outbox is in
// the store already (the append landed) or it is appended now.
func finishOutbox(st *oplog.Store, l *Local, ref, cur string) error {
	var ops []Signed
	for _, r := range l.Outbox {
		op, err := decodeOp(r.Op)
		if err != nil {
			return err
		}
		ops = append(ops, Signed{ID: ID(r.Op), Op: op, Rec: r})
	}
	entry := encodeEntry(ops)
	head := cur
	if cur == l.Heads[ref] {
		h, err := st.Append(ref, cur, entry)
		if err != nil {
			return err
		}
		head = h
	} else {
		ents, err := st.EntriesAt(cur)
		if err != nil || len(ents) == 0 || !bytes.Equal(ents[len(ents)-1].Data, entry) {
			return fmt.Errorf("%w: an interrupted push's operations are not at the end of your log; run sightline team pull", ErrBehind)
		}
	}
	l.Heads[ref] = head
	l.add(ops)
	l.Outbox = nil
	return l.save()
}

// LogInfo describes one reviewer's log as the store holds it. Nothing
// in it is verified: the reviewer is what the first operation claims.
type LogInfo struct {
	Reviewer string
	Head     string
	Pushes   int
	Ops      int
}

// Status lists the store's logs, by reviewer.
func Status(dir string) ([]LogInfo, Config, error) {
	st, cfg, err := OpenStore(dir)
	if err != nil {
		return nil, Config{}, err
	}
	refs, err := st.Refs(ReviewersRef)
	if err != nil {
		return nil, cfg, err
	}
	var out []LogInfo
	for _, ref := range slices.Sorted(maps.Keys(refs)) {
		ents, err := st.EntriesAt(refs[ref])
		if err != nil {
			return nil, cfg, fmt.Errorf("log %s: %w", describe(ref), err)
		}
		li := LogInfo{Reviewer: "(unreadable) " + describe(ref), Head: refs[ref], Pushes: len(ents)}
		for i, e := range ents {
			recs, _ := parseEntry(e.Data)
			li.Ops += len(recs)
			if i > 0 || len(recs) == 0 {
				continue
			}
			if op, err := decodeOp(recs[0].Op); err == nil {
				li.Reviewer = op.Reviewer
			}
		}
		out = append(out, li)
	}
	slices.SortFunc(out, func(a, b LogInfo) int { return strings.Compare(a.Reviewer, b.Reviewer) })
	return out, cfg, nil
}
