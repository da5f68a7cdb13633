package bundle

import (
	"fmt"
	"strings"
	"time"

	"github.com/hiddeco/sshsig"
)

// VerifyTime chooses the instant at which allowed_signers valid-after and
// valid-before are checked. The zero value is the verifier's clock, which
// is what ssh-keygen -Y verify uses without -O verify-time: an SSH
// signature holds no trusted time, and the bundle's "created" field is
// written by the signer, so a holder of an expired key could backdate it.
type VerifyTime struct {
	At      time.Time // an instant the verifier chose; used when not zero
	Created bool      // use the bundle's own created field (the signer's claim)
}

// VerifyAtCreated checks key validity at the bundle's created time.
var VerifyAtCreated = VerifyTime{Created: true}

// ParseVerifyTime reads a verification time as the command line gives it:
// "now" (or ""), "created", or an RFC 3339 time such as
// 2026-01-01T00:00:00Z.
func ParseVerifyTime(s string) (VerifyTime, error) {
	switch s {
	case "", "now":
		return VerifyTime{}, nil
	case "created":
		return VerifyAtCreated, nil
	}
	t, err := time.Parse(time.RFC3339, s)
	if err != nil {
		return VerifyTime{}, fmt.Errorf("verification time %q: want now, created, or an RFC 3339 time such as 2026-01-01T00:00:00Z", s)
	}
	if t.Unix() < 0 {
		return VerifyTime{}, fmt.Errorf("verification time %q is before 1970", s)
	}
	return VerifyTime{At: t.UTC()}, nil
}

// resolve returns the instant to check at and the words that say where it
// came from, for the report.
func (v VerifyTime) resolve(b *Bundle, now time.Time) (time.Time, string, error) {
	switch {
	case !v.At.IsZero():
		return v.At.UTC().Truncate(time.Second), "time given with --at", nil
	case v.Created:
		t, err := b.CreatedTime()
		if err != nil {
			return time.Time{}, "", err
		}
		return t.UTC(), "the bundle's created time: the SIGNER'S CLAIM, not checked by anyone", nil
	}
	return now.UTC().Truncate(time.Second), "verification time", nil
}

// SSHKeygenOption is the ssh-keygen -Y verify option that checks at the
// same instant, or "" for the verifier's clock (ssh-keygen's default).
func (v VerifyTime) SSHKeygenOption(b *Bundle) string {
	var t time.Time
	switch {
	case !v.At.IsZero():
		t = v.At
	case v.Created && b != nil:
		c, err := b.CreatedTime()
		if err != nil {
			return ""
		}
		t = c
	default:
		return ""
	}
	return "-O verify-time=" + t.UTC().Format("20060102150405") + "Z"
}

// checkSigner looks the signing key up in allowed_signers for the bundle's
// reviewer: the identity is not inside an SSH signature, so the signed
// reviewer field is what binds it. Key validity is checked at the time
// opts chose, and every line says which time that was.
func (r *VerifyReport) checkSigner(sig *sshsig.Signature, b *Bundle, as *AllowedSigners, vt VerifyTime, now time.Time) {
	if sig == nil || b == nil {
		r.add(CheckSkipped, "signer", "not checked: needs a good signature and a strictly parsed bundle")
		return
	}
	at, label, err := vt.resolve(b, now)
	if err != nil {
		r.add(CheckFail, "signer", err.Error())
		return
	}
	when := fmt.Sprintf("%s (%s)", FormatBundleTime(at), label)
	r.CheckedAt, r.CheckedAtLabel = at, label
	m, err := as.Check(b.Reviewer, SignatureNamespace, sig.PublicKey, at)
	if err != nil {
		r.add(CheckFail, "signer", fmt.Sprintf("%v; key validity checked at %s", err, when))
		r.noteOtherTime(sig, b, as, vt, now, true)
		return
	}
	r.add(CheckPass, "signer", fmt.Sprintf("%q may sign %q with %s (%s line %d); key valid at %s",
		b.Reviewer, SignatureNamespace, r.Fingerprint, as.path, m.Line, when))
	if vt.Created {
		r.add(CheckNote, "signer", "key validity was checked at the bundle's created time "+b.Created+
			", which the signer wrote and could have backdated; ssh-keygen -Y verify checks at the current time unless given -O verify-time")
	}
	if m.Wildcard() {
		r.add(CheckNote, "signer", fmt.Sprintf("line %d accepts the reviewer through the pattern %q: this key may sign under any name it matches", m.Line, m.Principals))
	}
	r.noteOtherTime(sig, b, as, vt, now, false)
}

// noteOtherTime adds a note when the other reference time (the bundle's
// created time, or now when checking at created) would give the other
// verdict, so an expiry is explained rather than puzzling. The note never
// changes the verdict.
func (r *VerifyReport) noteOtherTime(sig *sshsig.Signature, b *Bundle, as *AllowedSigners, vt VerifyTime, now time.Time, failed bool) {
	created, err := b.CreatedTime()
	if err != nil {
		return
	}
	other, otherName := created, "the bundle's created time "+b.Created+" (the signer's claim)"
	if vt.Created {
		other, otherName = now, "the current time "+FormatBundleTime(now)
	}
	_, oerr := as.Check(b.Reviewer, SignatureNamespace, sig.PublicKey, other)
	switch {
	case failed && oerr == nil && vt.Created:
		r.add(CheckNote, "signer", "the key is valid "+otherName+", but not at the bundle's created time")
	case failed && oerr == nil:
		r.add(CheckNote, "signer", "the key would be valid at "+otherName+
			"; that time is written by the signer, so use --at created only with other evidence of when it was signed")
	case !failed && oerr != nil:
		r.add(CheckNote, "signer", "valid at the time checked, but not at "+otherName+": "+
			strings.TrimPrefix(oerr.Error(), ErrSignerNotAllowed.Error()+": "))
	}
}
