package repo

import "strings"

// SymlinkOutside reports whether a symlink at linkPath (slash-separated,
// relative to the repository root) with the given target points outside
// the repository: the target is absolute, or, resolved lexically against
// the link's directory, climbs above the root with "..". It never looks at
// the disk; a reviewer must be warned before anything could follow it
// (SECURITY-NOTES HOST-19). A backslash counts as a separator too, since a
// checkout on Windows may treat it as one.
func SymlinkOutside(linkPath, target string) bool {
	if isAbsTarget(target) {
		return true
	}
	depth := 0
	if i := strings.LastIndexByte(linkPath, '/'); i >= 0 {
		depth = len(linkComponents(linkPath[:i]))
	}
	for _, c := range linkComponents(target) {
		if c == ".." {
			depth--
			if depth < 0 {
				return true
			}
		} else {
			depth++
		}
	}
	return false
}

// isAbsTarget reports a target that names a place regardless of where the
// link is: "/etc/passwd", "\\server\share", "C:\x" or "C:/x".
func isAbsTarget(t string) bool {
	if t == "" {
		return false
	}
	if t[0] == '/' || t[0] == '\\' {
		return true
	}
	c := t[0] | 0x20
	return len(t) >= 2 && t[1] == ':' && c >= 'a' && c <= 'z'
}

// linkComponents splits p at slashes and backslashes, dropping empty and "."
// components.
func linkComponents(p string) []string {
	var out []string
	for _, c := range strings.FieldsFunc(p, func(r rune) bool { return r == '/' || r == '\\' }) {
		if c != "." {
			out = append(out, c)
		}
	}
	return out
}
