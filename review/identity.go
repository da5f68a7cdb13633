package review

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"
)

// CheckIdentity refuses a signing identity that no allowed_signers line
// can name, so that the mistake shows at export instead of as a failed
// verify later. ssh-keygen reads the principals field as a
// comma-separated pattern list ended by whitespace, where a leading '!'
// negates; so an identity holds no whitespace, no control character and
// no ',', and does not start with '!'.
func CheckIdentity(id string) error {
	const allowed = "an allowed_signers principal: no spaces or control characters, no ',', not starting with '!' (like alice@example.org)"
	switch {
	case id == "":
		return fmt.Errorf("%w: empty identity; use %s", ErrInvalid, allowed)
	case !utf8.ValidString(id):
		return fmt.Errorf("%w: the identity is not valid UTF-8; use %s", ErrInvalid, allowed)
	case strings.HasPrefix(id, "!"):
		return fmt.Errorf("%w: the identity starts with '!', which negates a pattern in allowed_signers; use %s", ErrInvalid, allowed)
	case strings.Contains(id, ","):
		return fmt.Errorf("%w: the identity contains ',', which separates principals in allowed_signers; use %s", ErrInvalid, allowed)
	}
	for _, r := range id {
		if unicode.IsSpace(r) || unicode.IsControl(r) {
			return fmt.Errorf("%w: the identity contains %U, which ends or breaks an allowed_signers principal; use %s", ErrInvalid, r, allowed)
		}
	}
	return nil
}
