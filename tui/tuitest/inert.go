package tuitest

import (
	"fmt"
	"unicode/utf8"
)

// Inert checks that out, a View's output or the raw bytes a terminal
// received, can do nothing to a terminal but draw text: the only escape
// sequences are CSI sequences the program itself makes (SGR colours, and
// with renderer set the cursor, erase and mode sequences of bubbletea's
// renderer), and there is no OSC, DCS or other escape, no C0 control but
// LF (and CR with renderer), no C1 control (raw or as UTF-8), no invalid
// UTF-8, and no bidirectional or invisible character. It returns the first
// offence with its offset and surroundings, or nil.
func Inert(out string, renderer bool) error {
	for i := 0; i < len(out); {
		c := out[i]
		switch {
		case c == 0x1b:
			n := csiLen(out[i:], renderer)
			if n == 0 {
				return offence(out, i, "an escape sequence the program does not make")
			}
			i += n
			continue
		case c == '\n', c == '\r' && renderer:
			i++
			continue
		case c < 0x20 || c == 0x7f:
			return offence(out, i, fmt.Sprintf("control byte %#02x", c))
		case c < 0x80:
			i++
			continue
		}
		r, n := utf8.DecodeRuneInString(out[i:])
		switch {
		case r == utf8.RuneError && n == 1:
			return offence(out, i, fmt.Sprintf("invalid UTF-8 byte %#02x", c))
		case r >= 0x80 && r <= 0x9f:
			return offence(out, i, fmt.Sprintf("C1 control U+%04X", r))
		case hidden(r):
			return offence(out, i, fmt.Sprintf("bidirectional or invisible character U+%04X", r))
		}
		i += n
	}
	return nil
}

// csiLen is the length of the CSI sequence at the start of s, or 0 when
// s does not start with one the program may send: SGR only, or with
// renderer also cursor movement, erasing, scrolling and private modes.
func csiLen(s string, renderer bool) int {
	if len(s) < 3 || s[1] != '[' {
		return 0
	}
	j := 2
	for j < len(s) && (s[j] >= '0' && s[j] <= '9' || s[j] == ';' || s[j] == ':' || s[j] == '?') {
		j++
	}
	if j == len(s) {
		return 0
	}
	switch f := s[j]; {
	case f == 'm':
		return j + 1
	case renderer && (f >= 'A' && f <= 'H' || f == 'J' || f == 'K' || f == 'h' || f == 'l' ||
		f == 'r' || f == 'S' || f == 'T' || f == 'L' || f == 'M' || f == 'P' || f == 'X' || f == '@' || f == 'd' || f == 'f'):
		return j + 1
	}
	return 0
}

// hidden reports the characters SECURITY-NOTES §3.1 lists as bidi
// controls or invisible: they must reach the screen only as markers.
func hidden(r rune) bool {
	switch {
	case r >= 0x202a && r <= 0x202e, r >= 0x2066 && r <= 0x2069, r == 0x200e, r == 0x200f, r == 0x061c,
		r >= 0x200b && r <= 0x200d, r >= 0x2060 && r <= 0x2064, r == 0xfeff, r == 0x00ad, r == 0x180e,
		r == 0x3164, r == 0x115f, r == 0x1160, r == 0xffa0, r >= 0xfe00 && r <= 0xfe0f,
		r >= 0xe0000 && r <= 0xe007f, r == 0x2028, r == 0x2029:
		return true
	}
	return false
}

func offence(out string, i int, what string) error {
	return fmt.Errorf("%s at byte %d: …%q…", what, i, out[max(0, i-40):min(len(out), i+24)])
}
