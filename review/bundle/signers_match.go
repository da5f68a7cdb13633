package bundle

// This file ports OpenSSH's match.c (match_pattern, match_pattern_list)
// byte for byte, because allowed_signers principals and namespaces= are
// pattern lists with ssh-keygen's semantics, and a "close enough" matcher
// gets negation wrong (SECURITY-NOTES §1.6 item 6: path.Match accepted a
// principal that ssh-keygen rejects).

// signersMaxSubpattern mirrors the 1024-byte buffer in match_pattern_list:
// a longer subpattern makes the whole list fail to match.
const signersMaxSubpattern = 1024

// matchPattern reports whether s matches pattern, where '*' matches any
// run of bytes (also empty) and '?' exactly one byte. Matching is by bytes
// and case-sensitive, as in OpenSSH's match_pattern.
func matchPattern(s, pattern string) bool {
	for {
		if pattern == "" {
			return s == ""
		}
		if pattern[0] == '*' {
			for pattern != "" && pattern[0] == '*' {
				pattern = pattern[1:]
			}
			if pattern == "" {
				return true
			}
			// Try every position; OpenSSH's shortcut for a literal next
			// byte only skips positions that cannot match.
			for ; s != ""; s = s[1:] {
				if (pattern[0] == '?' || pattern[0] == s[0]) && matchPattern(s, pattern) {
					return true
				}
			}
			return false
		}
		if s == "" {
			return false
		}
		if pattern[0] != '?' && pattern[0] != s[0] {
			return false
		}
		s, pattern = s[1:], pattern[1:]
	}
}

// matchPatternList matches s against a comma-separated pattern list and
// returns 1 for a positive match, 0 for none and -1 when a negated
// subpattern ("!pat") matches: any negated match rejects, whatever else
// matched, exactly as OpenSSH's match_pattern_list with dolower=0.
func matchPatternList(s, list string) int {
	gotPositive := 0
	for i := 0; i < len(list); {
		negated := false
		if list[i] == '!' {
			negated = true
			i++
		}
		start := i
		for i < len(list) && list[i] != ',' && i-start < signersMaxSubpattern-1 {
			i++
		}
		if i-start >= signersMaxSubpattern-1 {
			return 0
		}
		sub := list[start:i]
		if i < len(list) && list[i] == ',' {
			i++
		}
		if matchPattern(s, sub) {
			if negated {
				return -1
			}
			gotPositive = 1
		}
	}
	return gotPositive
}
