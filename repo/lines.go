package repo

// SplitLines splits content by sightline's one line model, used by the
// viewer, the workspace, bundles and the verifier alike: a line is a run of
// bytes ending in LF, LF included; bytes after the last LF are the final
// line; CR is ordinary content. Empty content has no lines. The returned
// slices alias content.
func SplitLines(content []byte) [][]byte {
	if len(content) == 0 {
		return nil
	}
	n := 0
	for _, c := range content {
		if c == '\n' {
			n++
		}
	}
	lines := make([][]byte, 0, n+1)
	start := 0
	for i, c := range content {
		if c == '\n' {
			lines = append(lines, content[start:i+1:i+1])
			start = i + 1
		}
	}
	if start < len(content) {
		lines = append(lines, content[start:len(content):len(content)])
	}
	return lines
}

// TrimEOL returns line without its terminating LF, for display.
func TrimEOL(line []byte) []byte {
	if n := len(line); n > 0 && line[n-1] == '\n' {
		return line[:n-1]
	}
	return line
}
