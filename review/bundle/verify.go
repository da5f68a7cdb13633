package bundle

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"strconv"
	"strings"
	"time"

	"github.com/hiddeco/sshsig"
	"golang.org/x/crypto/ssh"

	"sightline/repo/textsafe"
)

// CheckStatus is the outcome of one verification check.
type CheckStatus int

// The outcomes. A failure is definite; CheckUnverifiable means the check
// could not be run (an unreadable or unsupported repository); CheckSkipped
// means an earlier failure made the check meaningless.
const (
	CheckPass CheckStatus = iota
	CheckFail
	CheckUnverifiable
	CheckSkipped
	// CheckNote is information that does not change the verdict.
	CheckNote
)

// String is the word printed at the start of a report line.
func (s CheckStatus) String() string {
	switch s {
	case CheckPass:
		return "PASS"
	case CheckFail:
		return "FAIL"
	case CheckUnverifiable:
		return "CANNOT CHECK"
	case CheckNote:
		return "NOTE"
	}
	return "SKIP"
}

// Check is one line of a verification report.
type Check struct {
	Status  CheckStatus
	Name    string // "armor", "signature", "signer", "format", "blob", "lines", ...
	Finding string // finding id for per-step checks, else ""
	Step    int    // 1-based step for per-step checks, else 0
	Detail  string // raw: may quote untrusted paths; String sanitizes
}

// String renders the check as one terminal-safe line, e.g.
// "FAIL F-0002 step 1 lines: ...". Untrusted text is sanitized.
func (c Check) String() string {
	var b strings.Builder
	b.WriteString(c.Status.String())
	b.WriteByte(' ')
	if c.Finding != "" {
		b.WriteString(c.Finding)
		if c.Step > 0 {
			b.WriteString(" step " + strconv.Itoa(c.Step))
		}
		b.WriteByte(' ')
	}
	b.WriteString(c.Name)
	if c.Detail != "" {
		b.WriteString(": " + c.Detail)
	}
	return textsafe.Sanitize(b.String())
}

// VerifyOptions says what to verify.
type VerifyOptions struct {
	BundlePath  string // findings.json
	SigPath     string // default BundlePath + ".sig"
	SignersPath string // allowed_signers
	RepoPath    string // optional: also check the code the findings name
	// Artifacts are release archives to check the findings on archive
	// members against, matched to the bundle by SHA-256.
	Artifacts []string
	// At is when key validity (valid-after, valid-before) is checked;
	// the zero value is the verifier's clock, as in ssh-keygen.
	At VerifyTime
}

// VerifyReport is the outcome of Verify: every check in order, and what
// was learnt along the way.
type VerifyReport struct {
	Checks      []Check
	Bundle      *Bundle // nil when the bundle did not parse strictly
	Fingerprint string  // the signing key's SHA256 fingerprint, when the signature parsed
	// CheckedAt is the instant key validity was checked at, and
	// CheckedAtLabel where it came from; zero when the signer check
	// did not run.
	CheckedAt      time.Time
	CheckedAtLabel string
}

// OK reports whether every check passed.
func (r *VerifyReport) OK() bool { return r.ExitCode() == 0 }

// ExitCode is 0 when every check passed, 1 when any failed, else 2 when
// some could not be run.
func (r *VerifyReport) ExitCode() int {
	code := 0
	for _, c := range r.Checks {
		switch c.Status {
		case CheckFail:
			return 1
		case CheckUnverifiable:
			code = 2
		}
	}
	return code
}

func (r *VerifyReport) add(s CheckStatus, name, detail string) {
	r.Checks = append(r.Checks, Check{Status: s, Name: name, Detail: detail})
}

// Verify checks a signed bundle the way ssh-keygen -Y verify would (strict
// armor, sha512, namespace, an allowed signer for the bundle's reviewer,
// valid at the time opts.At chooses: by default now), then parses it strictly, and with RepoPath checks
// that every step's code is still exactly what the bundle names. It never
// trusts anything in the bundle before the signature and signer pass.
func Verify(ctx context.Context, opts VerifyOptions) *VerifyReport {
	if opts.SigPath == "" {
		opts.SigPath = opts.BundlePath + ".sig"
	}
	data, err := os.ReadFile(opts.BundlePath)
	if err != nil {
		r := &VerifyReport{}
		r.add(CheckFail, "bundle", fmt.Sprintf("cannot read: %v", err))
		return r
	}
	armored, sigErr := os.ReadFile(opts.SigPath)
	signers, signersErr := LoadAllowedSigners(opts.SignersPath)
	return verifyData(ctx, data, armored, sigErr, signers, signersErr, opts, time.Now())
}

// verifyData is Verify on bytes already read; sigErr and signersErr are
// the errors reading the signature and the allowed_signers file, and now
// the verifier's clock.
func verifyData(ctx context.Context, data, armored []byte, sigErr error, signers *AllowedSigners, signersErr error, opts VerifyOptions, now time.Time) *VerifyReport {
	repoPath := opts.RepoPath
	r := &VerifyReport{}
	var sig *sshsig.Signature
	if sigErr != nil {
		r.add(CheckFail, "signature", fmt.Sprintf("cannot read the signature: %v", sigErr))
	} else {
		sig = r.checkSignature(data, armored)
	}
	b, err := ReadBundle(data)
	if err != nil {
		r.add(CheckFail, "format", err.Error())
	} else {
		r.Bundle = b
		r.add(CheckPass, "format", fmt.Sprintf("%s, %d finding(s), reviewer %q, created %s", b.Format, len(b.Findings), b.Reviewer, b.Created))
	}
	if signersErr != nil {
		r.add(CheckFail, "signer", signersErr.Error())
	} else {
		r.checkSigner(sig, b, signers, opts.At, now)
		if b != nil && len(b.Team) > 0 {
			at := r.CheckedAt
			if at.IsZero() {
				at = now
			}
			r.checkTeams(b, signers, at)
		}
	}
	if repoPath == "" && len(opts.Artifacts) == 0 {
		return r
	}
	if r.ExitCode() != 0 {
		r.add(CheckSkipped, "repository", "not checked: the bundle is not authentic or not strict, so nothing in it is trusted")
		return r
	}
	if repoPath != "" {
		verifyAgainstRepo(ctx, r, b, repoPath)
	}
	verifyArchives(ctx, r, b, opts.Artifacts)
	return r
}

// checkSignature runs the checks that need only the .sig and the bytes.
// It returns the signature when all of them passed.
func (r *VerifyReport) checkSignature(data, armored []byte) *sshsig.Signature {
	sig, err := ParseArmoredSignature(armored)
	if err != nil {
		r.add(CheckFail, "armor", err.Error())
		return nil
	}
	r.add(CheckPass, "armor", "OpenSSH armored SSHSIG")
	r.Fingerprint = ssh.FingerprintSHA256(sig.PublicKey)
	ok := true
	if sig.HashAlgorithm != signatureHash {
		r.add(CheckFail, "hash", fmt.Sprintf("unsupported hash policy: the signature uses %s; sightline accepts sha512 only", sig.HashAlgorithm))
		ok = false
	}
	if sig.Namespace != SignatureNamespace {
		r.add(CheckFail, "namespace", fmt.Sprintf("the signature is for namespace %q, not %q", sig.Namespace, SignatureNamespace))
		ok = false
	}
	if !ok {
		return nil
	}
	if err := sshsig.Verify(bytes.NewReader(data), sig, sig.PublicKey, signatureHash, SignatureNamespace); err != nil {
		r.add(CheckFail, "signature", fmt.Sprintf("does not match the bundle's bytes (key %s): the bundle or signature was changed", r.Fingerprint))
		return nil
	}
	r.add(CheckPass, "signature", fmt.Sprintf("good %q signature by %s %s", SignatureNamespace, sig.PublicKey.Type(), r.Fingerprint))
	return sig
}
