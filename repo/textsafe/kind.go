// Package textsafe is the one sanitizer that every piece of untrusted text
// (file contents, paths, commit messages, author names, imported findings)
// passes through before it reaches a terminal, and the scanner that finds
// hostile characters in it.
//
// The rule is "make it visible, never strip it": a reviewer is hunting for
// exactly these characters. Control bytes become caret forms (^[, ^G, ^M),
// C1 controls and Trojan Source / invisible characters become <U+XXXX>,
// invalid UTF-8 bytes become \xFF, and letters that look like ASCII but are
// not (homoglyphs) are kept but marked. Nothing is ever reordered: what is
// drawn is the logical order of the bytes. See SECURITY-NOTES §3.
//
// It imports nothing of sightline's (the standard library only), so that
// every layer can use it; the scan of a whole repository is repo's
// (Repo.ScanHostile).
package textsafe

// Kind classifies a piece of text: Plain is drawn as is, every other kind
// is a visible marker that the caller draws in a distinct style.
type Kind uint8

// The kinds of text. The numeric values are stable (Plain is 0).
const (
	Plain     Kind = iota // ordinary text, drawn as is
	Control               // C0 control or DEL, shown in caret form (^[, ^G, ^M, ^H, ^?)
	C1                    // U+0080–U+009F encoded as UTF-8, shown as <U+009B>
	BadUTF8               // a byte that is not valid UTF-8, shown as \xFF
	Bidi                  // bidirectional control (Trojan Source), shown as <U+202E>
	Invisible             // zero-width or otherwise invisible character, shown as <U+200B>
	NUL                   // the byte 0, shown as ^@
	Homoglyph             // a letter from another script that looks like ASCII, inside an identifier: shown as itself, marked
	Newline               // LF inside a single-line field, shown as ^J
	BOM                   // U+FEFF at the very start of a file, shown as <U+FEFF>

	numKinds = iota
)

var kindNames = [numKinds]string{
	Plain:     "plain text",
	Control:   "control character",
	C1:        "C1 control character",
	BadUTF8:   "invalid UTF-8 byte",
	Bidi:      "bidirectional control character",
	Invisible: "invisible character",
	NUL:       "NUL byte",
	Homoglyph: "homoglyph",
	Newline:   "newline",
	BOM:       "byte order mark",
}

// Name is a short lower-case description for messages and banners, such as
// "bidirectional control character".
func (k Kind) Name() string {
	if int(k) < len(kindNames) {
		return kindNames[k]
	}
	return "unknown"
}

// String returns Name, so a Kind prints readably in test failures.
func (k Kind) String() string { return k.Name() }

// Hostile reports whether text of this kind is something a reviewer must
// be warned about: every marker kind except BOM, which is drawn as a marker
// but is an ordinary way to start a text file.
func (k Kind) Hostile() bool { return k != Plain && k != BOM }
