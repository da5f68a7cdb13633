package team

import (
	"fmt"
	"strings"
	"unicode/utf8"

	"sightline/review"
	"sightline/review/triage"
)

// Triage decisions travel as operations; the candidates themselves do
// not. Each room imports the scan it was given: a candidate's fingerprint
// is a function of the scan and the pin, so the same scan names the same
// candidate in every room, and an operation also carries the tool, rule
// and place, so a room that never imported the scan still sees what was
// decided. Skipping is a reviewer's own order of work and is not sent.

// Verdicts a triage operation can carry.
const (
	VerdictConfirmed = "confirmed"
	VerdictDismissed = "dismissed"
)

type triageData struct {
	Fingerprint string `json:"fingerprint"`
	Verdict     string `json:"verdict"`
	Reason      string `json:"reason,omitempty"`  // for a dismissal
	Finding     string `json:"finding,omitempty"` // for a confirmation: the create op of the finding it made
	Tool        string `json:"tool"`
	Rule        string `json:"rule"`
	Where       string `json:"where"`
}

func (d *triageData) validate() error {
	if d.Fingerprint == "" || len(d.Fingerprint) > 64 || strings.Trim(d.Fingerprint, "0123456789abcdef") != "" {
		return fmt.Errorf("fingerprint %q is not a candidate's", d.Fingerprint)
	}
	switch d.Verdict {
	case VerdictConfirmed:
		if d.Reason != "" {
			return fmt.Errorf("a confirmation has no reason")
		}
	case VerdictDismissed:
		if _, err := triage.ParseReason(d.Reason); err != nil {
			return err
		}
	default:
		return fmt.Errorf("verdict %q: want confirmed or dismissed", d.Verdict)
	}
	for _, f := range [][2]string{{"tool", d.Tool}, {"rule", d.Rule}, {"where", d.Where}, {"finding", d.Finding}} {
		if err := review.CheckShortText(f[0], f[1][:min(len(f[1]), 500)]); err != nil {
			return err
		}
	}
	return nil
}

// Said is what one reviewer's triage operation says of a candidate.
type Said struct {
	Op       string
	Reviewer string
	Clock    uint64
	Verdict  string // VerdictConfirmed or VerdictDismissed
	Reason   string // the dismissal's reason
	Finding  string // the confirmation's finding (a create op id; "" when not known)
}

// Value is the verdict as reviewers agree or disagree on it:
// "confirmed" or "dismissed (false-positive)".
func (s Said) Value() string {
	if s.Verdict == VerdictDismissed {
		return s.Verdict + " (" + s.Reason + ")"
	}
	return s.Verdict
}

// Verdict is the team's decision on one candidate. Reviewers who decided
// differently, neither having seen the other's decision, are a conflict:
// it stays until a reviewer decides again, superseding both.
type Verdict struct {
	Fingerprint string
	Tool        string
	Rule        string
	Where       string
	Current     []Said // the decisions no later one superseded
	History     []Said // every decision, in merge order
}

// Conflict reports whether the current decisions disagree.
func (v Verdict) Conflict() bool {
	for _, s := range v.Current[1:] {
		if s.Value() != v.Current[0].Value() {
			return true
		}
	}
	return false
}

// Agreed is the current decision when there is no conflict.
func (v Verdict) Agreed() (Said, bool) {
	if len(v.Current) == 0 || v.Conflict() {
		return Said{}, false
	}
	return v.Current[len(v.Current)-1], true
}

// String says who decided what, e.g. "dismissed (wont-fix) by bob" or
// "CONFLICT alice: confirmed; bob: dismissed (false-positive)"
// (raw: sanitize before display).
func (v Verdict) String() string {
	if s, ok := v.Agreed(); ok {
		return s.Value() + " by " + s.Reviewer
	}
	var said []string
	for _, s := range v.Current {
		said = append(said, s.Reviewer+": "+s.Value())
	}
	return "CONFLICT " + strings.Join(said, "; ")
}

// Triage merges the triage operations among ops (in any order) into the
// team's verdict on each candidate, by fingerprint. Like Merge, it is a
// function of the set alone.
func Triage(ops []Signed) map[string]Verdict {
	var tops []Signed
	seen := map[string]bool{}
	for _, s := range ops {
		if s.Op.Type == OpTriage && !seen[s.ID] {
			seen[s.ID] = true
			tops = append(tops, s)
		}
	}
	Order(tops)
	superseded := map[string]bool{}
	for _, s := range tops {
		for _, id := range s.Op.Supersedes {
			superseded[id] = true
		}
	}
	out := map[string]Verdict{}
	for _, s := range tops {
		d := dataOf[triageData](&s.Op)
		v := out[d.Fingerprint]
		v.Fingerprint, v.Tool, v.Rule, v.Where = d.Fingerprint, d.Tool, d.Rule, d.Where
		said := Said{Op: s.ID, Reviewer: s.Op.Reviewer, Clock: s.Op.Clock, Verdict: d.Verdict, Reason: d.Reason, Finding: d.Finding}
		v.History = append(v.History, said)
		if !superseded[s.ID] {
			v.Current = append(v.Current, said)
		}
		out[d.Fingerprint] = v
	}
	return out
}

// triage sends the workspace's triage decisions made since the last push.
func (d *deriver) triage(ws *review.Workspace) error {
	q, err := triage.NewStore(ws.Dir()).Load()
	if err != nil {
		return fmt.Errorf("triage queue: %w", err)
	}
	for _, c := range q.Candidates {
		data := describeCandidate(c)
		switch c.State {
		case triage.Confirmed:
			data.Verdict, data.Finding = VerdictConfirmed, d.l.Map[c.Finding]
		case triage.Dismissed:
			data.Verdict, data.Reason = VerdictDismissed, string(c.Reason)
		default:
			continue
		}
		now := Said{Verdict: data.Verdict, Reason: data.Reason}.Value()
		if d.l.Triage[c.Fingerprint] == now {
			continue
		}
		if err := d.emitTriage(data); err != nil {
			return err
		}
		d.l.Triage[c.Fingerprint] = now
	}
	return nil
}

// emitTriage signs a triage operation superseding every current decision
// on the candidate this workspace holds.
func (d *deriver) emitTriage(data triageData) error {
	if err := data.validate(); err != nil {
		return fmt.Errorf("triage decision: %w", err)
	}
	if d.verdicts == nil {
		d.verdicts = Triage(d.l.ops)
	}
	var sup []string
	for _, s := range d.verdicts[data.Fingerprint].Current {
		sup = append(sup, s.Op)
	}
	s, err := d.emitSuperseding(OpTriage, "", data, sup)
	if err != nil {
		return err
	}
	v := d.verdicts[data.Fingerprint]
	v.Current = []Said{{Op: s.ID, Reviewer: d.reviewer, Clock: s.Op.Clock, Verdict: data.Verdict, Reason: data.Reason, Finding: data.Finding}}
	d.verdicts[data.Fingerprint] = v
	return nil
}

// triageIntent decides a candidate for the team without the local queue:
// how a conflict is resolved. in.Finding names the candidate (C-0002 in
// this workspace's queue, or a fingerprint prefix of a team verdict);
// in.Value is "confirmed" or a dismissal reason.
func (d *deriver) triageIntent(ws *review.Workspace, in Intent) error {
	if d.verdicts == nil {
		d.verdicts = Triage(d.l.ops)
	}
	data, err := d.candidate(ws, in.Finding)
	if err != nil {
		return err
	}
	v := d.verdicts[data.Fingerprint]
	if strings.EqualFold(strings.TrimSpace(in.Value), VerdictConfirmed) {
		data.Verdict = VerdictConfirmed
		for _, s := range v.History {
			if s.Verdict == VerdictConfirmed && s.Finding != "" {
				data.Finding = s.Finding
			}
		}
		if data.Finding == "" {
			return fmt.Errorf("candidate %s: no reviewer's confirmation made a team finding yet; confirm it in the Triage tab", in.Finding)
		}
	} else {
		r, err := triage.ParseReason(in.Value)
		if err != nil {
			return err
		}
		data.Verdict, data.Reason = VerdictDismissed, string(r)
	}
	return d.emitTriage(data)
}

// candidate finds what a name gives: a candidate id in the workspace's
// queue ("C-0002", "c-2", "2"), or a unique prefix of a fingerprint the
// team decided. The triage data returned names the candidate.
func (d *deriver) candidate(ws *review.Workspace, name string) (triageData, error) {
	p := strings.ToLower(strings.TrimSpace(name))
	if _, err := triage.ParseID(p); err == nil && (strings.HasPrefix(p, "c-") || len(p) <= 8) {
		q, err := triage.NewStore(ws.Dir()).Load()
		if err != nil {
			return triageData{}, err
		}
		c, err := q.Get(p)
		if err != nil {
			return triageData{}, err
		}
		return describeCandidate(c), nil
	}
	var hit []string
	for fp := range d.verdicts {
		if p != "" && strings.HasPrefix(fp, p) {
			hit = append(hit, fp)
		}
	}
	if len(hit) != 1 {
		return triageData{}, fmt.Errorf("candidate %q: %d team verdicts match; give C-ID from sightline triage list or more digits of the fingerprint", name, len(hit))
	}
	v := d.verdicts[hit[0]]
	return triageData{Fingerprint: v.Fingerprint, Tool: v.Tool, Rule: v.Rule, Where: v.Where}, nil
}

// describeCandidate names a candidate in an operation. Scanner text may be long or
// not UTF-8 (a raw path): it is cut and made valid, so a hostile scan
// cannot make a reviewer's push fail; the fingerprint is what matches.
func describeCandidate(c *triage.Candidate) triageData {
	short := func(s string) string {
		s = strings.ToValidUTF8(s, "\uFFFD")
		if len(s) <= 200 {
			return s
		}
		n := 200
		for n > 0 && !utf8.RuneStart(s[n]) {
			n--
		}
		return s[:n] + "…"
	}
	return triageData{Fingerprint: c.Fingerprint, Tool: short(c.Tool), Rule: short(c.Rule), Where: short(c.Where.String())}
}
