package tuitest

import (
	"strings"
	"testing"

	"github.com/charmbracelet/lipgloss"
	"github.com/muesli/termenv"
)

func TestInertAcceptsStyledText(t *testing.T) {
	r := lipgloss.NewRenderer(nil)
	r.SetColorProfile(termenv.TrueColor)
	styled := r.NewStyle().Bold(true).Foreground(lipgloss.Color("#ff8800")).Reverse(true).Render("^[]0;x^G <U+202E> ok") +
		"\nplain line, Cyrillic а, CJK 漢字, box ╭─╮"
	if !strings.Contains(styled, "\x1b[") {
		t.Fatalf("the renderer drew no SGR: %q", styled)
	}
	if err := Inert(styled, false); err != nil {
		t.Errorf("styled, sanitized text is refused: %v", err)
	}
	frame := "\x1b[?1049h\x1b[?25l\x1b[H\x1b[2K\x1b[1;1H" + styled + "\r\n\x1b[3A\x1b[K"
	if err := Inert(frame, true); err != nil {
		t.Errorf("a renderer frame is refused: %v", err)
	}
	if err := Inert(frame, false); err == nil {
		t.Errorf("cursor and mode sequences pass as View output")
	}
}

func TestInertRefusesEveryHostileCharacter(t *testing.T) {
	for _, s := range []string{
		"OSC 52 \x1b]52;c;Y3VybCBldmlsfHNo\x07",
		"OSC 0 \x1b]0;owned\x1b\\",
		"OSC 8 \x1b]8;;https://evil.example/\x1b\\",
		"DCS \x1bP$q\"p\x1b\\",
		"ESC c \x1bc",
		"BEL \x07", "BS good\b\b\b\bevil", "CR rm -rf /\recho", "TAB \t", "DEL \x7f", "NUL \x00",
		"C1 as UTF-8 \u009b31m", "raw C1 \x9b31m", "invalid \xff\xfe", "surrogate \xed\xa0\x80",
		"RLO \u202e", "LRI \u2066", "PDI \u2069", "ZWSP \u200b", "WJ \u2060", "BOM \ufeff", "SHY \u00ad",
		"tag \U000e0041", "line separator \u2028", "half CSI \x1b[", "CSI title report \x1b[21t",
	} {
		if err := Inert(s, false); err == nil {
			t.Errorf("Inert(%q, false) = nil, want an offence", s)
		}
		// The renderer moves to the line start with CR: only content CR
		// checks (the e2e tests look for the overprint text) catch that.
		if err := Inert(s, true); err == nil && !strings.HasPrefix(s, "CR ") {
			t.Errorf("Inert(%q, true) = nil, want an offence", s)
		}
	}
}
