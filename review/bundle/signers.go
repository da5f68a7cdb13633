package bundle

import (
	"bytes"
	"encoding/base64"
	"errors"
	"fmt"
	"os"
	"strings"
	"time"

	"golang.org/x/crypto/ssh"
)

// ErrSignerNotAllowed means no allowed_signers line accepts the signing key
// for the bundle's reviewer and namespace at the time checked.
var ErrSignerNotAllowed = errors.New("signer not allowed")

// AllowedSigners is a parsed allowed_signers file, the format git and
// ssh-keygen use ("principals [options] keytype base64 [comment]").
//
// Lines are interpreted the way ssh-keygen -Y verify does (sshsig.c): only
// lines whose principals match the requested principal are parsed further,
// and a line that cannot be honoured exactly is refused, never guessed at.
type AllowedSigners struct {
	path  string
	lines []string // raw lines; index i is line i+1
}

// LoadAllowedSigners reads an allowed_signers file.
func LoadAllowedSigners(path string) (*AllowedSigners, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("allowed signers: %w", err)
	}
	return ParseAllowedSigners(path, data), nil
}

// ParseAllowedSigners splits data into lines; name is used in messages.
// Parsing errors surface per line from Check, as in ssh-keygen, so a bad
// line for one principal does not lock out everyone else.
func ParseAllowedSigners(name string, data []byte) *AllowedSigners {
	text := strings.TrimSuffix(string(data), "\n")
	return &AllowedSigners{path: name, lines: strings.Split(text, "\n")}
}

// signerLine is one parsed allowed_signers line.
type signerLine struct {
	num         int
	principals  string
	key         ssh.PublicKey
	certAuth    bool
	namespaces  *string // nil: any namespace
	validAfter  int64   // Unix seconds; 0: unset
	validBefore int64
}

// SignerMatch is the allowed_signers line that accepted a signer.
type SignerMatch struct {
	Line       int    // 1-based line number
	Principals string // the line's principals pattern list
}

// Wildcard reports whether the line accepted the principal through a
// pattern rather than by name, which lets one key sign as many people.
func (m SignerMatch) Wildcard() bool { return strings.ContainsAny(m.Principals, "*?") }

// Check reports whether key may sign in namespace for principal at time
// at. It returns the line that accepts, or an error wrapping
// ErrSignerNotAllowed that explains why every candidate line failed.
func (a *AllowedSigners) Check(principal, namespace string, key ssh.PublicKey, at time.Time) (SignerMatch, error) {
	if principal == "" || strings.IndexByte(principal, 0) >= 0 {
		return SignerMatch{}, fmt.Errorf("%w: principal %q is empty or holds a NUL byte", ErrSignerNotAllowed, principal)
	}
	fp := ssh.FingerprintSHA256(key)
	var reasons []string
	for i, raw := range a.lines {
		l, err := parseSignerLine(i+1, raw, principal)
		if errors.Is(err, errSignerLineSkip) {
			continue
		}
		if err != nil {
			reasons = append(reasons, fmt.Sprintf("%s:%d: %v", a.path, i+1, err))
			continue
		}
		if !bytes.Equal(l.key.Marshal(), key.Marshal()) {
			continue
		}
		if why := l.permits(namespace, at); why != "" {
			reasons = append(reasons, fmt.Sprintf("%s:%d: %s", a.path, l.num, why))
			continue
		}
		return SignerMatch{Line: l.num, Principals: l.principals}, nil
	}
	msg := fmt.Sprintf("%v: no line in %s accepts principal %q with key %s", ErrSignerNotAllowed, a.path, principal, fp)
	if len(reasons) > 0 {
		msg += " (" + strings.Join(reasons, "; ") + ")"
	}
	return SignerMatch{}, errors.New(msg)
}

// permits applies the options of a line whose principal and key matched,
// in sshsig.c's order: namespaces, then valid-after, then valid-before.
func (l *signerLine) permits(namespace string, at time.Time) string {
	if l.namespaces != nil && matchPatternList(namespace, *l.namespaces) != 1 {
		return fmt.Sprintf("key is not permitted for use in signature namespace %q (namespaces=%q)", namespace, *l.namespaces)
	}
	t := at.Unix()
	if l.validAfter != 0 && t < l.validAfter {
		return fmt.Sprintf("key is not yet valid: %s < valid-after %s",
			at.UTC().Format(time.RFC3339), time.Unix(l.validAfter, 0).UTC().Format(time.RFC3339))
	}
	if l.validBefore != 0 && t > l.validBefore {
		return fmt.Sprintf("key has expired: %s > valid-before %s",
			at.UTC().Format(time.RFC3339), time.Unix(l.validBefore, 0).UTC().Format(time.RFC3339))
	}
	return ""
}

// errSignerLineSkip marks blank lines, comments and lines for other
// principals, which ssh-keygen passes over without parsing further.
var errSignerLineSkip = errors.New("skip")

// signersWhitespace is OpenSSH's WHITESPACE.
const signersWhitespace = " \t\r\n"

// parseSignerLine ports parse_principals_key_and_options from sshsig.c.
func parseSignerLine(num int, line, principal string) (*signerLine, error) {
	cp := strings.TrimLeft(line, signersWhitespace)
	if cp == "" || cp[0] == '#' {
		return nil, errSignerLineSkip
	}
	if strings.IndexByte(cp, 0) >= 0 {
		return nil, errors.New("line holds a NUL byte; refused")
	}
	principals, rest, ok := signersDelim(cp)
	if !ok {
		return nil, errors.New("invalid line (unterminated quote or no key)")
	}
	if matchPatternList(principal, principals) != 1 {
		return nil, errSignerLineSkip
	}
	l := &signerLine{num: num, principals: principals}
	key, ok := signersReadKey(rest)
	opts := ""
	if !ok {
		opts = rest
		end, err := signersAdvancePastOptions(rest)
		if err != nil {
			return nil, err
		}
		after := strings.TrimLeft(rest[end:], " \t")
		if end == len(rest) || after == "" {
			return nil, errors.New("missing key")
		}
		opts = rest[:end]
		if key, ok = signersReadKey(after); !ok {
			return nil, errors.New("invalid key")
		}
	}
	l.key = key
	if err := l.parseOptions(opts); err != nil {
		return nil, fmt.Errorf("bad options: %v", err)
	}
	return l, nil
}

// signersDelim ports strdelimw: the first token ends at whitespace, or a
// double quote starts a quoted run that may hold spaces. ok is false when
// the line has no second part or a quote is not closed.
func signersDelim(s string) (tok, rest string, ok bool) {
	i := strings.IndexAny(s, signersWhitespace+`"`)
	if i < 0 {
		return s, "", false
	}
	if s[i] == '"' {
		j := strings.IndexByte(s[i+1:], '"')
		if j < 0 {
			return "", "", false
		}
		tok = s[:i] + s[i+1:i+1+j]
		rest = strings.TrimLeft(s[i+1+j+1:], signersWhitespace)
		return tok, rest, true
	}
	return s[:i], strings.TrimLeft(s[i+1:], signersWhitespace), true
}

// signersReadKey parses "keytype base64 [comment]" as sshkey_read does:
// the type name must match the key inside the base64 blob.
func signersReadKey(s string) (ssh.PublicKey, bool) {
	i := strings.IndexAny(s, " \t")
	if i <= 0 {
		return nil, false
	}
	typ, rest := s[:i], strings.TrimLeft(s[i:], " \t")
	if j := strings.IndexAny(rest, " \t"); j >= 0 {
		rest = rest[:j]
	}
	// b64_pton skips whitespace, so a line ending in CR still decodes.
	blob, err := base64.StdEncoding.DecodeString(strings.TrimRight(rest, "\r\n"))
	if err != nil {
		return nil, false
	}
	key, err := ssh.ParsePublicKey(blob)
	if err != nil || key.Type() != typ {
		return nil, false
	}
	return key, true
}

// signersAdvancePastOptions ports sshkey_advance_past_options: options end
// at the first space or tab outside double quotes; \" does not toggle.
func signersAdvancePastOptions(s string) (int, error) {
	quoted := false
	i := 0
	for ; i < len(s) && (quoted || (s[i] != ' ' && s[i] != '\t')); i++ {
		if s[i] == '\\' && i+1 < len(s) && s[i+1] == '"' {
			i++
		} else if s[i] == '"' {
			quoted = !quoted
		}
	}
	if i >= len(s) && quoted {
		return 0, errors.New("invalid options (unterminated quote)")
	}
	return i, nil
}
