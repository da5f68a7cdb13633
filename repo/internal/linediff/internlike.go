package linediff

import "bytes"

// InternDataLike is InternData for a version of a file close to one
// already interned (like, a child's version when blame reads its
// parent's): the lines the two share at the start and at the end take
// like's ids after a byte comparison, and only the lines between are
// hashed and looked up. Most versions differ from the next in a few
// lines, and the lookups were a fifth of a blame. The ids are the ones
// InternData gives, since a text has one id in a table.
func (t *Table) InternDataLike(content []byte, like []LineID) []LineID {
	var head []LineID
	rest := content
	for len(head) < len(like) && len(rest) > 0 {
		n := bytes.IndexByte(rest, '\n') + 1
		if n == 0 {
			n = len(rest)
		}
		if string(rest[:n]) != t.text[like[len(head)]] {
			break
		}
		head = like[:len(head)+1]
		rest = rest[n:]
	}
	// The shared end, walked back from the last line. It may take lines
	// of like the start took too: a line's id is its text's.
	tail := 0
	for end := len(rest); end > 0 && tail < len(like); tail++ {
		start := bytes.LastIndexByte(rest[:end-1], '\n') + 1
		if string(rest[start:end]) != t.text[like[len(like)-1-tail]] {
			break
		}
		end = start
		rest = rest[:end]
	}
	out := make([]LineID, 0, len(head)+tail+len(rest)/32+1)
	out = append(out, head...)
	for len(rest) > 0 {
		n := bytes.IndexByte(rest, '\n') + 1
		if n == 0 {
			n = len(rest)
		}
		out = append(out, t.id(rest[:n]))
		rest = rest[n:]
	}
	return append(out, like[len(like)-tail:]...)
}
