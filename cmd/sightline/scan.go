package main

import (
	"context"
	"encoding/base64"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"

	"sightline/repo"
	"sightline/repo/textsafe"
)

func init() {
	register(command{
		name:    "scan",
		summary: "list hostile characters (escapes, Trojan Source, homoglyphs) at the pin",
		run:     runScan,
	})
}

const scanUsage = `Usage: sightline scan [--repo PATH] [--rev REV] [--json]

Lists every hostile character in the repository at REV, in file contents,
file names, symlink targets, and the messages and author names of every
commit reachable from REV. The rules (Unicode TR #39, as compilers apply
it):
  control, bidi, invisible, invalid-utf8   reported wherever they are
  mixed-script-identifier   a letter that mixes scripts in an identifier
                            in code ("pаypal" with a Cyrillic а)
  confusable-identifier     a look-alike letter that makes an identifier
                            read as another identifier in the tree
  mixed-script-name         a letter that mixes scripts in a word of a
                            file name or an author
Letters of other scripts in comments, strings, commit messages, prose and
translation catalogues (.po, .md, .json...) are not reported.
One line per occurrence:

  path:line:col: U+XXXX NAME
  path:line:col: U+XXXX NAME (identifier "X" reads as "Y")
  path: path col N: U+XXXX NAME            (in a file or directory name)
  commit HASH message:line:col: U+XXXX NAME
  commit HASH author col N: U+XXXX NAME

--json prints one JSON array instead; "rule" says which rule fired. Exit status: 0 when nothing was
found (the repository is clean at REV), 1 when something was, 2 when the
repository could not be checked (not a repository, an unknown REV, objects
that could not be read and nothing else found) or on bad usage. Only 0
means clean.

Flags:
`

// scanJSON is one report in "sightline scan --json" output. Path is
// sanitized for display; PathB64 holds its exact bytes.
type scanJSON struct {
	Source  string `json:"source"`
	Path    string `json:"path,omitempty"`
	PathB64 string `json:"path_b64,omitempty"`
	Commit  string `json:"commit,omitempty"`
	Line    int    `json:"line,omitempty"`
	Col     int    `json:"col,omitempty"`
	Code    string `json:"code,omitempty"`
	Name    string `json:"name,omitempty"`
	Kind    string `json:"kind,omitempty"`
	Rule    string `json:"rule"`
	Ident   string `json:"identifier,omitempty"`
	Other   string `json:"reads_as,omitempty"`
	Error   string `json:"error,omitempty"`
}

func runScan(args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("scan", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	repoPath := fs.String("repo", ".", "the repository to scan")
	rev := fs.String("rev", "HEAD", "the revision to pin")
	asJSON := fs.Bool("json", false, "print one JSON array")
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			fmt.Fprint(stdout, scanUsage)
			fs.SetOutput(stdout)
			fs.PrintDefaults()
			return nil
		}
		return usagef("%v", err)
	}
	if fs.NArg() > 0 {
		return usagef("unexpected argument %q; give the repository with --repo PATH", fs.Arg(0))
	}
	r, err := openRepo(*repoPath, stderr)
	if err != nil {
		return cannotCheck(err)
	}
	defer r.Close()
	pin, err := r.Resolve(*rev)
	if err != nil {
		return cannotCheck(err)
	}
	found, unreadable := 0, 0
	var reports []scanJSON
	err = r.ScanHostile(context.Background(), pin, func(rp repo.ScanReport) error {
		if rp.Source == repo.ScanUnreadable {
			unreadable++
		} else {
			found++
		}
		if *asJSON {
			reports = append(reports, toScanJSON(rp))
			return nil
		}
		_, err := fmt.Fprintln(stdout, rp.String())
		return err
	})
	if err != nil {
		return cannotCheck(err)
	}
	if *asJSON {
		if err := writeScanJSON(stdout, reports); err != nil {
			return err
		}
	}
	return scanResult(pin, found, unreadable, stderr)
}

// cannotCheck is exit status 2: a script that treats 1 as "hostile
// characters found" must not mistake a typo in --repo for a finding, nor
// anything but 0 for clean.
func cannotCheck(err error) error {
	return exitError{2, fmt.Errorf("cannot check: %w", err)}
}

// scanResult turns the counts into the exit status: 1 when anything was
// found, else 2 when objects could not be read (not known to be clean).
func scanResult(pin repo.Pin, found, unreadable int, stderr io.Writer) error {
	at := fmt.Sprintf("commit %s (%s)", pin.Commit.Short(), textsafe.Sanitize(pin.Ref))
	if found == 0 && unreadable == 0 {
		fmt.Fprintf(stderr, "sightline scan: no hostile characters at %s\n", at)
		return nil
	}
	msg := fmt.Sprintf("%s at %s", count(found, "hostile character"), at)
	if unreadable > 0 {
		msg += fmt.Sprintf("; %s could not be read (not checked)", count(unreadable, "object"))
	}
	if found == 0 {
		return exitError{2, errors.New(msg)}
	}
	return exitError{1, errors.New(msg)}
}

func toScanJSON(rp repo.ScanReport) scanJSON {
	j := scanJSON{Source: rp.Source.String(), Rule: rp.Rule.String()}
	j.Ident, j.Other = textsafe.Sanitize(rp.Ident), textsafe.Sanitize(rp.Other)
	if rp.Path != "" {
		j.Path = textsafe.Sanitize(rp.Path)
		j.PathB64 = base64.StdEncoding.EncodeToString([]byte(rp.Path))
	}
	switch rp.Source {
	case repo.ScanMessage, repo.ScanAuthor, repo.ScanCommitter:
		j.Commit = rp.Commit.String()
	case repo.ScanUnreadable:
		if rp.Path == "" {
			j.Commit = rp.Commit.String()
		}
	}
	if rp.Source == repo.ScanUnreadable {
		j.Error = textsafe.Sanitize(rp.Err.Error())
		return j
	}
	if rp.Source == repo.ScanContent || rp.Source == repo.ScanMessage {
		j.Line = rp.Issue.Line
	}
	j.Col, j.Code, j.Name, j.Kind = rp.Issue.Col, rp.Issue.Code(), rp.Issue.Name, rp.Issue.Kind.Name()
	return j
}

func writeScanJSON(w io.Writer, reports []scanJSON) error {
	if reports == nil {
		reports = []scanJSON{}
	}
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false) // keep "<U+202E>" markers readable
	enc.SetIndent("", "  ")
	return enc.Encode(reports)
}

func count(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return fmt.Sprintf("%d %ss", n, noun)
}
