package bundle

import (
	"bytes"
	"encoding/base64"
	"errors"
	"fmt"
	"slices"

	"github.com/hiddeco/sshsig"
)

// ErrArmor means a .sig file is not in OpenSSH armor format as ssh-keygen
// reads it. The message matches SECURITY-NOTES §1.7 SIG-09.
var ErrArmor = errors.New("signature file not in OpenSSH armor format")

const (
	armorBegin = "-----BEGIN SSH SIGNATURE-----\n"
	armorEnd   = "-----END SSH SIGNATURE-----"
)

// ParseArmoredSignature reads a detached signature as strictly as
// ssh-keygen does, which is stricter than sshsig.Unarmor (encoding/pem
// skips leading junk and accepts CRLF): the file must start with the
// header, use LF only, hold only base64 lines, and end with the footer and
// at most one newline.
func ParseArmoredSignature(b []byte) (*sshsig.Signature, error) {
	blob, err := unarmor(b, nil)
	if err != nil {
		return nil, err
	}
	sig, err := sshsig.ParseSignature(blob)
	if err != nil {
		return nil, fmt.Errorf("not an SSHSIG signature: %w", err)
	}
	return sig, nil
}

// unarmor checks the armor as ParseArmoredSignature describes and
// decodes its base64 body, appending to buf (reused by a caller that
// verifies many signatures).
func unarmor(b, buf []byte) ([]byte, error) {
	if bytes.IndexByte(b, '\r') >= 0 {
		return nil, fmt.Errorf("%w: it contains CR (CRLF line ends?); ssh-keygen rejects it too", ErrArmor)
	}
	if !bytes.HasPrefix(b, []byte(armorBegin)) {
		return nil, fmt.Errorf("%w: it must start with %q", ErrArmor, armorBegin[:len(armorBegin)-1])
	}
	body := b[len(armorBegin):]
	end := bytes.Index(body, []byte("\n"+armorEnd))
	if end < 0 {
		return nil, fmt.Errorf("%w: no %q line", ErrArmor, armorEnd)
	}
	if tail := body[end+1+len(armorEnd):]; len(tail) > 1 || len(tail) == 1 && tail[0] != '\n' {
		return nil, fmt.Errorf("%w: %d bytes after the END line", ErrArmor, len(tail))
	}
	// One pass: check each byte and gather the base64 without the line
	// breaks (what splitting into lines and joining them did).
	b64 := make([]byte, 0, end)
	for _, c := range body[:end] {
		if c == '\n' {
			continue
		}
		if !isBase64Byte(c) {
			return nil, fmt.Errorf("%w: byte 0x%02x in the base64 body", ErrArmor, c)
		}
		b64 = append(b64, c)
	}
	n := base64.StdEncoding.DecodedLen(len(b64))
	buf = slices.Grow(buf[:0], n)[:n]
	m, err := base64.StdEncoding.Decode(buf, b64)
	if err != nil {
		return nil, fmt.Errorf("%w: base64: %v", ErrArmor, err)
	}
	return buf[:m], nil
}

func isBase64Byte(c byte) bool {
	return c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '+' || c == '/' || c == '='
}
