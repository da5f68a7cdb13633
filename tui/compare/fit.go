package compare

import (
	"strings"

	"github.com/charmbracelet/x/ansi"
)

// fitLine cuts or pads plain text to exactly w columns.
func fitLine(s string, w int) string {
	if w <= 0 {
		return ""
	}
	s = ansi.Truncate(s, w, "…")
	return s + strings.Repeat(" ", max(0, w-ansi.StringWidth(s)))
}
