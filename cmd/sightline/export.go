package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strconv"

	"golang.org/x/crypto/ssh"

	"sightline/repo"
	"sightline/repo/textsafe"
	"sightline/review"
	"sightline/review/bundle"
	"sightline/review/team"
)

func init() {
	register(command{
		name:    "export",
		summary: "write the findings as a signed bundle, SARIF or Markdown",
		run:     runExport,
	})
}

const exportUsage = `Usage: sightline export [--workspace DIR] [--repo PATH] [--rev REV]
                        (--key FILE | --agent [--key FILE.pub]) --identity ID
                        -o FILE [--format bundle|sarif|markdown] [--include-snippets]

Writes the review's findings to FILE and a detached OpenSSH signature
(namespace sightline-findings@v1, sha512) to FILE.sig. Both are written to
temporary files, fsynced and renamed into place, the signature last.

  bundle     the signed findings bundle (JSON) that "sightline verify" and
             ssh-keygen -Y verify check; the default
  sarif      SARIF 2.1.0, for SARIF viewers
  markdown   a report for people

The workspace's own findings are the bundle's "findings". A workspace
that pulled from or pushed to a team store ("sightline team") also
exports, per store, the team's merged findings under "team": every
contributing reviewer, each finding's author and state, and for a
finding closed under the two-person rule the signed status change and
its confirmations, which "sightline verify" checks against
allowed_signers.

By default no source code leaves in the export, only hashes and the
reviewer's words; --include-snippets adds the lines each step names.

--key FILE signs with an OpenSSH private key (asks for its passphrase on
the terminal when it is encrypted, or reads --passphrase-file). --agent
signs with the running ssh-agent (SSH_AUTH_SOCK), so a key on a hardware
token works; --key FILE.pub then picks the key, else the agent's first.
--identity is the allowed_signers principal that signs; it is recorded in
the bundle as the reviewer. It has no spaces or control characters, no
',' and does not start with '!' (allowed_signers could not name it). With SOURCE_DATE_EPOCH set, the bundle's
creation time comes from it, so the same review gives the same bytes.

Flags:
`

type exportFlags struct {
	ws                                   workspaceFlags
	key, passFile, identity, out, format string
	agent, snippets                      bool
}

func runExport(args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("export", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	var f exportFlags
	f.ws.add(fs)
	fs.StringVar(&f.key, "key", "", "the signing key file (with --agent: the public key to pick)")
	fs.BoolVar(&f.agent, "agent", false, "sign with the ssh-agent at SSH_AUTH_SOCK")
	fs.StringVar(&f.passFile, "passphrase-file", "", "read the key's passphrase from the first line of this file")
	fs.StringVar(&f.identity, "identity", "", "the signing identity (allowed_signers principal), recorded as the bundle's reviewer")
	fs.StringVar(&f.out, "o", "", "the file to write (the signature goes to FILE.sig)")
	fs.StringVar(&f.format, "format", "bundle", "bundle, sarif or markdown")
	fs.BoolVar(&f.snippets, "include-snippets", false, "include the source lines of every step")
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			fmt.Fprint(stdout, exportUsage)
			fs.SetOutput(stdout)
			fs.PrintDefaults()
			return nil
		}
		return usagef("%v", err)
	}
	if fs.NArg() > 0 {
		return usagef("unexpected argument %q", fs.Arg(0))
	}
	format, err := bundle.ParseExportFormat(f.format)
	if err != nil {
		return usagef("%v", err)
	}
	switch {
	case f.out == "":
		return usagef("-o FILE is required")
	case f.identity == "":
		return usagef("--identity ID is required: the allowed_signers principal that signs")
	case review.CheckIdentity(f.identity) != nil:
		return usagef("--identity %s: %v", textsafe.Sanitize(strconv.Quote(f.identity)), review.CheckIdentity(f.identity))
	case f.key == "" && !f.agent:
		return usagef("give --key FILE or --agent to sign with")
	}
	signer, closeSigner, err := exportSigner(f, stderr)
	if err != nil {
		return err
	}
	defer closeSigner()
	o, err := exportOpen(f.ws, stderr)
	if err != nil {
		return err
	}
	defer o.Close()
	written, err := bundle.Export(context.Background(), bundle.ExportOptions{
		Workspace: o.WS, Repo: o.Repo, Identity: f.identity, Signer: signer, Format: format,
		Output: f.out, IncludeSnippets: f.snippets, Team: team.Bundles,
	})
	if err != nil {
		return err
	}
	for _, p := range written {
		fmt.Fprintf(stdout, "wrote %s\n", textsafe.Sanitize(p))
	}
	return nil
}

// exportSigner loads the signing key from a file or finds it in the agent.
func exportSigner(f exportFlags, stderr io.Writer) (ssh.Signer, func(), error) {
	ask := func(path string) ([]byte, error) {
		if f.passFile != "" {
			return readPassphraseFile(f.passFile)
		}
		return promptPassphrase("Passphrase for "+textsafe.Sanitize(path)+": ", stderr)
	}
	s, closeSigner, err := bundle.LoadSigner(bundle.SignerOptions{Key: f.key, Agent: f.agent, Passphrase: ask})
	var ake *bundle.AgentKeyError
	if errors.As(err, &ake) {
		return nil, nil, fmt.Errorf("--key with --agent names the public key to use: %w", ake.Err)
	}
	return s, closeSigner, err
}

// exportOpen opens the review's workspace like the findings commands do,
// but refuses to create one: exporting a review that does not exist would
// only sign an empty bundle, most likely for a mistyped --rev.
func exportOpen(f workspaceFlags, stderr io.Writer) (*openedWorkspace, error) {
	if err := f.fillFromWorkspace(stderr); err != nil {
		return nil, err
	}
	if f.repoGone {
		return nil, f.goneError()
	}
	r, err := repo.Open(f.repo)
	if err != nil {
		return nil, err
	}
	dir := f.workspace
	if dir == "" {
		pin, err := r.Resolve(f.rev)
		if err == nil {
			dir, err = review.DefaultDir(r.Name(), r.GitDir(), pin.Commit)
		}
		if err != nil {
			_ = r.Close()
			return nil, err
		}
	}
	if _, err := os.Stat(dir); err != nil {
		_ = r.Close()
		return nil, fmt.Errorf("no workspace for %s at %s in %s; add findings first, or pass --workspace DIR and --rev REV", r.Name(), f.rev, textsafe.Sanitize(dir))
	}
	o, err := openWorkspaceIn(r, f, stderr)
	if err != nil {
		_ = r.Close()
		return nil, err
	}
	return o, nil
}
