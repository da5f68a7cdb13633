package repo

import (
	"bytes"

	"sightline/repo/internal/linediff"
)

// DiffLines diffs two files given as lines (each with its LF, as
// SplitLines returns them) and returns unified-diff hunks with context
// unchanged lines around each change; context < 0 means 3, git's default.
// Changes closer than 2*context lines share a hunk, as in git. A run of
// changed lines that could sit at several places among identical lines is
// placed where git places it (see package linediff).
func DiffLines(a, b [][]byte, context int) []Hunk {
	if context < 0 {
		context = 3
	}
	delA, addB := linediff.Changes(a, b)
	return hunks(script(a, b, delA, addB), context)
}

// script lists every line of the diff in order: each change group shows
// its removals before its additions.
func script(a, b [][]byte, delA, addB []bool) []DiffLine {
	out := make([]DiffLine, 0, max(len(a), len(b)))
	i, j := 0, 0
	for i < len(a) || j < len(b) {
		switch {
		case i < len(a) && delA[i]:
			out = append(out, makeLine('-', i+1, 0, a[i]))
			i++
		case j < len(b) && addB[j]:
			out = append(out, makeLine('+', 0, j+1, b[j]))
			j++
		default:
			out = append(out, makeLine(' ', i+1, j+1, a[i]))
			i, j = i+1, j+1
		}
	}
	return out
}

func makeLine(kind byte, oldLine, newLine int, text []byte) DiffLine {
	noEOL := len(text) == 0 || text[len(text)-1] != '\n'
	return DiffLine{Kind: kind, OldLine: oldLine, NewLine: newLine, Text: bytes.TrimSuffix(text, []byte{'\n'}), NoEOL: noEOL}
}

// hunks cuts a full script into hunks with context lines around changes.
func hunks(lines []DiffLine, context int) []Hunk {
	var out []Hunk
	n := len(lines)
	for i := 0; i < n; {
		for i < n && lines[i].Kind == ' ' {
			i++
		}
		if i == n {
			break
		}
		start := max(0, i-context)
		end := i
		for {
			for end < n && lines[end].Kind != ' ' {
				end++
			}
			gap := end
			for gap < n && lines[gap].Kind == ' ' {
				gap++
			}
			if gap < n && gap-end <= 2*context {
				end = gap
				continue
			}
			end = min(n, end+context)
			break
		}
		out = append(out, makeHunk(lines, start, end))
		i = end
	}
	return out
}

// makeHunk builds the hunk of lines[start:end] with git's header numbers:
// an empty side starts at the line before the change (0 at the top).
func makeHunk(lines []DiffLine, start, end int) Hunk {
	h := Hunk{Lines: lines[start:end:end]}
	oldBefore, newBefore := 0, 0
	for k := start - 1; k >= 0; k-- {
		if oldBefore == 0 && lines[k].OldLine > 0 {
			oldBefore = lines[k].OldLine
		}
		if newBefore == 0 && lines[k].NewLine > 0 {
			newBefore = lines[k].NewLine
		}
		if oldBefore > 0 && newBefore > 0 {
			break
		}
	}
	for _, l := range h.Lines {
		if l.Kind != '+' {
			h.OldLines++
		}
		if l.Kind != '-' {
			h.NewLines++
		}
	}
	h.OldStart, h.NewStart = oldBefore, newBefore
	if h.OldLines > 0 {
		h.OldStart++
	}
	if h.NewLines > 0 {
		h.NewStart++
	}
	return h
}
