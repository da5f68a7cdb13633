package help

import (
	"github.com/charmbracelet/bubbles/key"

	"sightline/tui/theme"
)

// Hint draws enabled bindings on one line ("enter open  esc close"), for
// overlays whose input takes every printable key, "?" included, so the
// "?" help cannot open over them. Bindings come most needed first; those
// that do not fit in width are left off whole. It is generated from the
// bindings, so it cannot disagree with what the keys do.
func Hint(bindings []key.Binding, width int, s theme.Styles) string {
	var segs []theme.Seg
	for _, b := range bindings {
		if !b.Enabled() {
			continue
		}
		item := []theme.Seg{{Text: b.Help().Key, Style: s.Key}, {Text: " " + b.Help().Desc, Style: s.Muted}}
		if len(segs) > 0 {
			item = append([]theme.Seg{{Text: "  ", Style: s.Muted}}, item...)
		}
		if theme.SegsWidth(segs)+theme.SegsWidth(item) > width {
			break
		}
		segs = append(segs, item...)
	}
	return theme.Render(segs)
}
