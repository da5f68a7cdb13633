package linediff

import (
	"bytes"
	"math/rand"
	"testing"
)

// trimBytes is git's trim_common_tail on whole files: the bytes of a and
// b it keeps.
func trimBytes(a, b []byte) (int, int) {
	trimmed, smaller := 0, min(len(a), len(b))
	for tailBlock+trimmed <= smaller && bytes.Equal(a[len(a)-trimmed-tailBlock:len(a)-trimmed], b[len(b)-trimmed-tailBlock:len(b)-trimmed]) {
		trimmed += tailBlock
	}
	recovered := 0
	for recovered < trimmed {
		recovered++
		if a[len(a)-trimmed+recovered-1] == '\n' {
			break
		}
	}
	return len(a) - (trimmed - recovered), len(b) - (trimmed - recovered)
}

// TestTailCutMatchesGitsByteTrim checks the line-based cut against the
// byte-based original on random files that share long tails, with the
// block boundary landing in the common lines, in the differing lines'
// common ending, and past the smaller file.
func TestTailCutMatchesGitsByteTrim(t *testing.T) {
	rnd := rand.New(rand.NewSource(1))
	words := []string{"}\n", "\n", "\treturn x;\n", "x\n", "abcdefghijklmnopqrstuvwxyz0123456789\n", " */\n", "y"}
	gen := func(n int) []byte {
		var out []byte
		for range n {
			w := words[rnd.Intn(len(words)-1)]
			out = append(out, w...)
		}
		return out
	}
	for i := range 3000 {
		tail := gen(rnd.Intn(400))
		a := append(gen(rnd.Intn(20)), tail...)
		b := append(gen(rnd.Intn(20)), tail...)
		if i%3 == 0 { // differing lines ending alike: "..xyz\n" and "xyz\n"
			a = append(gen(rnd.Intn(5)), append([]byte("q"), tail...)...)
			b = append(gen(rnd.Intn(5)), tail...)
		}
		if i%7 == 0 { // no final LF
			a, b = append(a, 'y'), append(b, 'y')
		}
		tb := NewTable()
		ia, ib := tb.InternData(a), tb.InternData(b)
		k := tb.tailCut(ia, ib)
		keepA, keepB := trimBytes(a, b)
		if tb.size(ia[:len(ia)-k]) != keepA || tb.size(ib[:len(ib)-k]) != keepB {
			t.Fatalf("case %d: cut %d lines leaving %d and %d bytes, git keeps %d and %d", i, k, tb.size(ia[:len(ia)-k]), tb.size(ib[:len(ib)-k]), keepA, keepB)
		}
	}
}
