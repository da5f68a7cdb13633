package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"strings"

	"sightline/repo/textsafe"
	"sightline/review/bundle"
)

func init() {
	register(command{
		name:    "verify",
		summary: "check a signed findings bundle (signature, signer, and with --repo the code)",
		run:     runVerify,
	})
}

const verifyUsage = `Usage: sightline verify BUNDLE --signers ALLOWED_SIGNERS [--sig FILE] [--repo PATH] [--artifact ARCHIVE]... [--at TIME]

Checks BUNDLE (a findings.json from "sightline export") against its
detached signature (default BUNDLE.sig):

  - the signature file is in OpenSSH armor, uses sha512 and the namespace
    sightline-findings@v1, and matches the bundle's bytes;
  - the signing key is allowed for the bundle's reviewer in ALLOWED_SIGNERS
    (ssh-keygen's format and rules: pattern lists, !negation, namespaces=,
    valid-after/valid-before; lines with cert-authority or unknown options
    are refused);
  - the bundle is strict JSON (no duplicate or case-variant keys, no unknown
    fields, valid UTF-8, no BOM);
  - with --repo, the pinned commit and tree exist and, recomputing every
    object id from its bytes, each step's path holds the blob named and its
    lines still hash to lineHash;
  - with --repo or --artifact, each finding located in a release archive's
    member is checked in the archive given with --artifact (repeatable,
    matched by SHA-256, read as a stream, never unpacked): the member holds
    the blob named and its lines hash to lineHash. A bundle that names an
    archive not given fails with "archive not supplied".

It prints one line per check and exits 0 when all pass, 1 when any fails,
2 when something could not be checked (an unreadable or unsupported
repository).

Key validity (valid-after/valid-before) is checked at the verifier's clock,
now, as ssh-keygen -Y verify does: the bundle's "created" time is written
by the signer, and a holder of an expired key could backdate it. --at TIME
checks at another instant (RFC 3339, e.g. 2026-01-01T00:00:00Z), like
ssh-keygen's -O verify-time; --at created uses the bundle's own created
time, which is only the signer's claim, and the report says so. The signer
line names the time used: "key valid at ... (verification time)".

The same signature check with OpenSSH alone (add -O verify-time=YYYYMMDDhhmmssZ
to match --at):

  ssh-keygen -Y verify -f ALLOWED_SIGNERS -I REVIEWER -n sightline-findings@v1 \
      -s BUNDLE.sig < BUNDLE

Flags:
`

func runVerify(args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("verify", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	var opts bundle.VerifyOptions
	fs.StringVar(&opts.SignersPath, "signers", "", "the allowed_signers file")
	fs.StringVar(&opts.SigPath, "sig", "", "the signature file (default BUNDLE.sig)")
	fs.StringVar(&opts.RepoPath, "repo", "", "also check the findings against this repository")
	var artifacts knownList
	fs.Var(&artifacts, "artifact", "a release archive the findings name (repeatable)")
	at := fs.String("at", "now", "check key validity at this time: now, created (the signer's claim) or RFC 3339")
	// Flags may come before or after the bundle.
	bundles, err := parseInterleaved(fs, args)
	if err != nil {
		return helpOrUsage(err, fs, stdout, verifyUsage)
	}
	switch {
	case len(bundles) != 1:
		return usagef("give exactly one bundle file")
	case opts.SignersPath == "":
		return usagef("--signers ALLOWED_SIGNERS is required: the file naming who may sign")
	}
	if opts.At, err = bundle.ParseVerifyTime(*at); err != nil {
		return usagef("--at: %v", err)
	}
	opts.BundlePath = bundles[0]
	opts.Artifacts = artifacts
	rep := bundle.Verify(context.Background(), opts)
	failed, unchecked := 0, 0
	for _, c := range rep.Checks {
		fmt.Fprintln(stdout, c.String())
		switch c.Status {
		case bundle.CheckFail:
			failed++
		case bundle.CheckUnverifiable:
			unchecked++
		}
	}
	if b := rep.Bundle; b != nil {
		fmt.Fprintln(stdout, textsafe.Sanitize(secondOpinion(opts, b)))
	}
	switch rep.ExitCode() {
	case 0:
		fmt.Fprintf(stdout, "OK: all %d checks passed\n", len(rep.Checks))
		return nil
	case 1:
		return exitError{1, fmt.Errorf("INVALID: %d of %d checks failed", failed, len(rep.Checks))}
	}
	return exitError{2, fmt.Errorf("UNVERIFIABLE: %d checks could not be run", unchecked)}
}

// secondOpinion is the ssh-keygen command line that checks the same
// signature and signer without sightline, with the key's validity taken
// at the same time as sightline's check.
func secondOpinion(opts bundle.VerifyOptions, b *bundle.Bundle) string {
	sig := opts.SigPath
	if sig == "" {
		sig = opts.BundlePath + ".sig"
	}
	cmd := "ssh-keygen -Y verify -f " + verifyShellQuote(opts.SignersPath) + " -I " + verifyShellQuote(b.Reviewer) +
		" -n " + bundle.SignatureNamespace + " -s " + verifyShellQuote(sig)
	if o := opts.At.SSHKeygenOption(b); o != "" {
		cmd += " " + o
	}
	return "second opinion: " + cmd + " < " + verifyShellQuote(opts.BundlePath)
}

// verifyShellQuote quotes s for a POSIX shell when it holds anything but safe
// characters.
func verifyShellQuote(s string) string {
	safe := s != ""
	for _, c := range s {
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || strings.ContainsRune("@%+=:,./_-", c)) {
			safe = false
			break
		}
	}
	if safe {
		return s
	}
	return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
}
