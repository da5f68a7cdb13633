package theme

import (
	"bytes"
	"strings"
	"testing"

	"github.com/muesli/termenv"
)

func TestTerminalStylesUseTheGivenBackground(t *testing.T) {
	var out bytes.Buffer
	for _, dark := range []bool{true, false} {
		s := terminalStyles(&out, dark)
		if s.Renderer == nil || s.Renderer.HasDarkBackground() != dark {
			t.Errorf("dark=%v: renderer says dark=%v", dark, s.Renderer.HasDarkBackground())
		}
		// A buffer is no terminal: the renderer draws no colour, as
		// lipgloss does for any output that is not a terminal.
		if got := s.Title.Render("x"); got != "x" {
			t.Errorf("dark=%v: Title on a non-terminal renders %q, want plain", dark, got)
		}
	}
}

func TestTrueColorStylesDrawColour(t *testing.T) {
	s := TrueColorStyles()
	if s.Renderer.ColorProfile() != termenv.TrueColor || !s.Renderer.HasDarkBackground() {
		t.Fatalf("profile %v, dark %v; want true colour on dark", s.Renderer.ColorProfile(), s.Renderer.HasDarkBackground())
	}
	if got := s.Title.Render("x"); !strings.Contains(got, "\x1b[") || !strings.Contains(got, "x") {
		t.Errorf("Title renders %q, want colour escapes around x", got)
	}
}
