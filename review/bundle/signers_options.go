package bundle

import (
	"errors"
	"fmt"
	"strings"
	"time"
)

// parseOptions ports sshsigopt_parse from OpenSSH's sshsig.c. Keywords are
// case-insensitive; anything ssh-keygen would reject is rejected, and
// cert-authority, which sightline does not implement, refuses the line
// rather than being ignored.
func (l *signerLine) parseOptions(opts string) error {
	for opts != "" && opts[0] != ' ' && opts[0] != '\t' {
		switch {
		case signersHasPrefixFold(opts, "cert-authority"):
			opts = opts[len("cert-authority"):]
			l.certAuth = true
		case signersOptMatch(&opts, "namespaces"):
			if l.namespaces != nil {
				return errors.New(`multiple "namespaces" clauses`)
			}
			v, err := signersDequote(&opts)
			if err != nil {
				return err
			}
			l.namespaces = &v
		case signersOptMatch(&opts, "valid-after"):
			if err := signersTimeOpt(&opts, "valid-after", &l.validAfter); err != nil {
				return err
			}
		case signersOptMatch(&opts, "valid-before"):
			if err := signersTimeOpt(&opts, "valid-before", &l.validBefore); err != nil {
				return err
			}
		default:
			name, _, _ := strings.Cut(opts, "=")
			name, _, _ = strings.Cut(name, ",")
			return fmt.Errorf("unsupported option %q (allowed: namespaces, valid-after, valid-before); line refused", name)
		}
		if opts == "" || opts[0] == ' ' || opts[0] == '\t' {
			break
		}
		if opts[0] != ',' {
			return errors.New("unknown key option")
		}
		opts = opts[1:]
		if opts == "" {
			return errors.New("unexpected end-of-options")
		}
	}
	if l.validAfter != 0 && l.validBefore != 0 && l.validBefore <= l.validAfter {
		return errors.New(`"valid-before" time is before "valid-after"`)
	}
	if l.certAuth {
		return errors.New("cert-authority is not supported by sightline; line refused (verify with ssh-keygen -Y verify instead)")
	}
	return nil
}

func signersTimeOpt(opts *string, name string, dst *int64) error {
	if *dst != 0 {
		return fmt.Errorf("multiple %q clauses", name)
	}
	v, err := signersDequote(opts)
	if err != nil {
		return err
	}
	t, err := parseSignersTime(v)
	if err != nil || t == 0 {
		return fmt.Errorf("invalid %q time %q (want YYYYMMDD[HHMM[SS]][Z])", name, v)
	}
	*dst = t
	return nil
}

func signersHasPrefixFold(s, prefix string) bool {
	return len(s) >= len(prefix) && strings.EqualFold(s[:len(prefix)], prefix)
}

// signersOptMatch ports opt_match: a case-insensitive keyword followed by
// '='; on a match it advances past the '='.
func signersOptMatch(opts *string, term string) bool {
	s := *opts
	if signersHasPrefixFold(s, term) && len(s) > len(term) && s[len(term)] == '=' {
		*opts = s[len(term)+1:]
		return true
	}
	return false
}

// signersDequote ports opt_dequote: a double-quoted value where \" stands
// for a quote.
func signersDequote(opts *string) (string, error) {
	s := *opts
	if s == "" || s[0] != '"' {
		return "", errors.New("missing start quote")
	}
	s = s[1:]
	var b strings.Builder
	for s != "" && s[0] != '"' {
		if s[0] == '\\' && len(s) > 1 && s[1] == '"' {
			s = s[1:]
		}
		b.WriteByte(s[0])
		s = s[1:]
	}
	if s == "" {
		return "", errors.New("missing end quote")
	}
	*opts = s[1:]
	return b.String(), nil
}

// parseSignersTime ports parse_absolute_time from OpenSSH's misc.c:
// YYYYMMDD, YYYYMMDDHHMM or YYYYMMDDHHMMSS, in UTC with a "Z" or "UTC"
// suffix and otherwise in the local time zone, as ssh-keygen reads it.
func parseSignersTime(s string) (int64, error) {
	loc := time.Local
	switch {
	case len(s) > 1 && strings.EqualFold(s[len(s)-1:], "Z"):
		s, loc = s[:len(s)-1], time.UTC
	case len(s) > 3 && strings.EqualFold(s[len(s)-3:], "UTC"):
		s, loc = s[:len(s)-3], time.UTC
	}
	if len(s) != 8 && len(s) != 12 && len(s) != 14 {
		return 0, errors.New("bad length")
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return 0, errors.New("not a number")
		}
	}
	num := func(i, n int) int {
		v := 0
		for _, c := range s[i : i+n] {
			v = v*10 + int(c-'0')
		}
		return v
	}
	f := [6]int{num(0, 4), num(4, 2), num(6, 2)}
	if len(s) >= 12 {
		f[3], f[4] = num(8, 2), num(10, 2)
	}
	if len(s) == 14 {
		f[5] = num(12, 2)
	}
	// The ranges strptime accepts; time.Date then normalises overflow
	// such as 31 February the way mktime/timegm do.
	if f[1] < 1 || f[1] > 12 || f[2] < 1 || f[2] > 31 || f[3] > 23 || f[4] > 59 || f[5] > 61 {
		return 0, errors.New("field out of range")
	}
	t := time.Date(f[0], time.Month(f[1]), f[2], f[3], f[4], f[5], 0, loc).Unix()
	if t < 0 {
		return 0, errors.New("before 1970")
	}
	return t, nil
}
