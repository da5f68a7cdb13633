package main

import (
	"bytes"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"

	"golang.org/x/crypto/ssh"
	"golang.org/x/term"

	"sightline/review/bundle"
)

func init() {
	register(command{
		name:    "keygen",
		summary: "make an Ed25519 signing key pair for findings bundles",
		run:     runKeygen,
	})
}

const keygenUsage = `Usage: sightline keygen -o FILE [--comment IDENTITY] [--passphrase | --passphrase-file F]

Writes an Ed25519 key pair in OpenSSH format: the private key to FILE (mode
0600) and the public key to FILE.pub. ssh-keygen and ssh-agent use these
files as they are. An existing file is never overwritten.

The identity that signs is named in an allowed_signers file, one line per
signer, for example:

  reviewer1@agency.example namespaces="sightline-findings@v1" ssh-ed25519 AAAA...

--passphrase asks for a passphrase on the terminal (twice);
--passphrase-file reads it from the first line of F, for scripts.

Flags:
`

func runKeygen(args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("keygen", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	out := fs.String("o", "", "the private key file to write (the public key goes to FILE.pub)")
	comment := fs.String("comment", "", "the key's comment, usually the signing identity")
	ask := fs.Bool("passphrase", false, "encrypt the key with a passphrase asked on the terminal")
	passFile := fs.String("passphrase-file", "", "encrypt the key with the passphrase on the first line of this file")
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			fmt.Fprint(stdout, keygenUsage)
			fs.SetOutput(stdout)
			fs.PrintDefaults()
			return nil
		}
		return usagef("%v", err)
	}
	if fs.NArg() > 0 {
		return usagef("unexpected argument %q", fs.Arg(0))
	}
	if *out == "" {
		return usagef("-o FILE is required")
	}
	if *ask && *passFile != "" {
		return usagef("give --passphrase or --passphrase-file, not both")
	}
	var pass []byte
	var err error
	switch {
	case *passFile != "":
		pass, err = readPassphraseFile(*passFile)
	case *ask:
		pass, err = promptNewPassphrase(stderr)
	}
	if err != nil {
		return err
	}
	pub, err := bundle.WriteKeyPair(*out, *comment, pass)
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "wrote %s and %s.pub\n%s\n", *out, *out, ssh.FingerprintSHA256(pub))
	return nil
}

// readPassphraseFile returns the first line of path, without its line end.
func readPassphraseFile(path string) ([]byte, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("passphrase file: %w", err)
	}
	line, _, _ := bytes.Cut(data, []byte("\n"))
	line = bytes.TrimSuffix(line, []byte("\r"))
	if len(line) == 0 {
		return nil, fmt.Errorf("passphrase file %s: the first line is empty", path)
	}
	return line, nil
}

// promptPassphrase reads a passphrase from the terminal without echo.
func promptPassphrase(prompt string, stderr io.Writer) ([]byte, error) {
	fd := int(os.Stdin.Fd())
	if !term.IsTerminal(fd) {
		return nil, errors.New("no terminal to ask the passphrase on; use --passphrase-file F")
	}
	fmt.Fprint(stderr, prompt)
	pw, err := term.ReadPassword(fd)
	fmt.Fprintln(stderr)
	if err != nil {
		return nil, fmt.Errorf("reading the passphrase: %w", err)
	}
	return pw, nil
}

func promptNewPassphrase(stderr io.Writer) ([]byte, error) {
	a, err := promptPassphrase("New passphrase: ", stderr)
	if err != nil {
		return nil, err
	}
	if len(a) == 0 {
		return nil, errors.New("empty passphrase; leave out --passphrase for an unencrypted key")
	}
	b, err := promptPassphrase("Same passphrase again: ", stderr)
	if err != nil {
		return nil, err
	}
	if !bytes.Equal(a, b) {
		return nil, errors.New("the passphrases differ; nothing written")
	}
	return a, nil
}
