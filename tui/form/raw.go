package form

import (
	"strings"

	"sightline/repo/textsafe"
)

// The form edits stored text, and only displays it sanitized. A Line or
// Text field whose text the input cannot hold and show as itself (a
// control character, TAB, bidi or invisible character, or more than the
// input takes) is shown with markers and is read-only: saving keeps its
// exact bytes, typing into it says why it cannot be edited, and ctrl+r
// empties it so that the reviewer can write a new value. Nothing is ever
// converted or dropped without the reviewer asking.

// setText makes v the field's text, locking the field when its input
// cannot edit v as itself.
func (f *field) setText(v string) {
	f.raw, f.locked = v, ""
	switch f.Kind {
	case Line:
		f.input.SetValue(v)
		if f.Secret {
			return // never shown, so never locked
		}
		if shown := textsafe.Sanitize(v); shown != v || f.input.Value() != v {
			f.locked = lockReason(v, shown)
			f.input.SetValue(shown)
		}
	case Text:
		f.area.SetValue(v)
		// The text area turns a TAB into spaces; show it as a marker.
		shown := strings.ReplaceAll(textsafe.SanitizeMultiline(v), "\t", "^I")
		if shown != v || f.area.Value() != v {
			f.locked = lockReason(v, shown)
			f.area.SetValue(shown)
		}
	}
}

// lockReason says why text v (shown as shown) is read-only.
func lockReason(v, shown string) string {
	if shown != v {
		return "it holds control, TAB, bidi or invisible characters, shown as markers"
	}
	return "it is longer than this form can edit"
}

// afterEdit locks a field whose new text the reviewer typed or pasted
// holds characters that cannot be shown as themselves, so that they never
// reach the screen raw; the text is kept.
func (f *field) afterEdit() {
	if f.Secret || f.locked != "" {
		return
	}
	var v string
	switch f.Kind {
	case Line:
		v = f.input.Value()
		if textsafe.Sanitize(v) == v {
			return
		}
	case Text:
		v = f.area.Value()
		if textsafe.SanitizeMultiline(v) == v && !strings.Contains(v, "\t") {
			return
		}
	default:
		return
	}
	f.setText(v)
}

// clear empties a read-only field so that a new value can be written.
func (f *field) clear() {
	f.setText("")
	switch f.Kind {
	case Line:
		f.input.CursorEnd()
	case Text:
		f.area.CursorEnd()
	}
}
