package diff

import "unicode/utf8"

// maxWordCells bounds the word-diff table (tokens of the old line times
// tokens of the new line): past it a pair of lines is shown as wholly
// changed, which keeps one pathological pair (a minified line) from
// costing seconds.
const maxWordCells = 40000

// span is a half-open byte range of a line.
type span struct{ start, end int }

// wordDiff returns the byte ranges of a and b that differ, word by word:
// the tokens outside a longest common subsequence of the two lines'
// tokens. Ranges next to each other are merged. ok is false when the lines
// are too long to compare, and the caller then marks nothing.
func wordDiff(a, b []byte) (da, db []span, ok bool) {
	ta, tb := tokens(a), tokens(b)
	if len(ta)*len(tb) > maxWordCells {
		return nil, nil, false
	}
	n, m := len(ta), len(tb)
	// lcs[i][j] is the LCS length of ta[i:] and tb[j:], in one flat slice.
	w := m + 1
	lcs := make([]int32, (n+1)*w)
	for i := n - 1; i >= 0; i-- {
		for j := m - 1; j >= 0; j-- {
			switch {
			case string(a[ta[i].start:ta[i].end]) == string(b[tb[j].start:tb[j].end]):
				lcs[i*w+j] = lcs[(i+1)*w+j+1] + 1
			case lcs[(i+1)*w+j] >= lcs[i*w+j+1]:
				lcs[i*w+j] = lcs[(i+1)*w+j]
			default:
				lcs[i*w+j] = lcs[i*w+j+1]
			}
		}
	}
	i, j := 0, 0
	for i < n && j < m {
		switch {
		case string(a[ta[i].start:ta[i].end]) == string(b[tb[j].start:tb[j].end]):
			i++
			j++
		case lcs[(i+1)*w+j] >= lcs[i*w+j+1]:
			da = addSpan(da, ta[i])
			i++
		default:
			db = addSpan(db, tb[j])
			j++
		}
	}
	for ; i < n; i++ {
		da = addSpan(da, ta[i])
	}
	for ; j < m; j++ {
		db = addSpan(db, tb[j])
	}
	return da, db, true
}

func addSpan(s []span, t span) []span {
	if k := len(s); k > 0 && s[k-1].end == t.start {
		s[k-1].end = t.end
		return s
	}
	return append(s, t)
}

// tokens splits a line into words (runs of letters, digits and
// underscores, including any non-ASCII letters), runs of white space, and
// single other characters, so "foo(bar, 1)" changes by whole identifiers.
func tokens(s []byte) []span {
	var out []span
	for i := 0; i < len(s); {
		start := i
		switch c := s[i]; {
		case isWord(c):
			for i < len(s) && isWord(s[i]) {
				i++
			}
		case c == ' ' || c == '\t':
			for i < len(s) && (s[i] == ' ' || s[i] == '\t') {
				i++
			}
		default:
			i++
		}
		out = append(out, span{start, i})
	}
	return out
}

// isWord reports bytes that belong to a word; every non-ASCII byte counts,
// so a multi-byte identifier stays one token.
func isWord(c byte) bool {
	return c == '_' || c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= utf8.RuneSelf
}
