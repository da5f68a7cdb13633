package linediff

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
)

// InternDataLike and InternDataAfter give exactly InternData's ids, the new lines numbered
// in the same order, for versions sharing any start and end with the
// one given: edits anywhere, repeated lines (where a shared end could be
// taken from the wrong place), files without a final line break, empty
// files, and identical ones.
func TestInternDataLikeGivesInternDatasIDs(t *testing.T) {
	pairs := [][2]string{
		{"", ""},
		{"a\nb\n", ""},
		{"", "a\nb\n"},
		{"a\nb\nc\n", "a\nb\nc\n"},
		{"a\nb\nc", "a\nb\nc\n"},
		{"a\nb\nc\n", "a\nb\nc"},
		{"a\nb\nc\n", "a\nx\nc\n"},
		{"}\n}\n}\n", "}\n}\n}\n}\n"},
		{"}\n}\n", "}\n"},
		{"x\n}\n}\n", "}\n}\ny\n"},
		{"a\r\nb\r\n", "a\r\nB\r\nb\r\n"},
		{"only", "only"},
		{"only", "other"},
		{"\n\n\n", "\n\n"},
	}
	// Long texts, so that the shared start and end span many of the
	// blocks InternDataAfter compares whole: one line changed, near
	// either end and in the middle; a byte added at the very end; and
	// one byte changed at each of the first and last 600 places.
	var lines []string
	for i := range 800 {
		lines = append(lines, fmt.Sprintf("\tline %d of a long file\n", i%300))
	}
	long := strings.Join(lines, "")
	for _, at := range []int{0, 1, 37, 400, 790, 799} {
		changed := slices.Clone(lines)
		changed[at] = "\tchanged\n"
		pairs = append(pairs, [2]string{long, strings.Join(changed, "")})
	}
	pairs = append(pairs, [2]string{long, long + "x"})
	for i := range 600 {
		for _, at := range []int{i, len(long) - 1 - i} {
			b := []byte(long)
			b[at] ^= 0x20
			pairs = append(pairs, [2]string{long, string(b)})
		}
	}
	rng := rand.New(rand.NewPCG(1, 2))
	words := []string{"}\n", "\n", "\treturn err\n", "if err != nil {\n", "x++\n", "// note\n", "last"}
	for range 500 {
		var a []string
		for range rng.IntN(40) {
			a = append(a, words[rng.IntN(len(words)-1)])
		}
		b := slices.Clone(a)
		for range rng.IntN(5) {
			i := rng.IntN(len(b) + 1)
			switch rng.IntN(3) {
			case 0:
				b = slices.Insert(b, i, words[rng.IntN(len(words))])
			case 1:
				if i < len(b) {
					b = slices.Delete(b, i, i+1)
				}
			default:
				if i < len(b) {
					b[i] = "changed\n"
				}
			}
		}
		if rng.IntN(4) == 0 {
			b = append(b, "no newline")
		}
		pairs = append(pairs, [2]string{strings.Join(a, ""), strings.Join(b, "")})
	}
	for _, p := range pairs {
		plain, like := NewTable(), NewTable()
		if a, b := plain.InternData([]byte(p[0])), like.InternData([]byte(p[0])); !slices.Equal(a, b) {
			t.Fatalf("one text, two tables: %v, %v", a, b)
		}
		ids := like.InternData([]byte(p[0]))
		want := plain.InternData([]byte(p[1]))
		got := like.InternDataLike([]byte(p[1]), ids)
		if !slices.Equal(got, want) {
			t.Errorf("%q after %q: ids %v, want %v", p[1], p[0], got, want)
		}
		if !slices.Equal(plain.text, like.text) {
			t.Errorf("%q after %q: the tables' lines differ: %q, %q", p[1], p[0], like.text, plain.text)
		}
		after := NewTable()
		ids = after.InternData([]byte(p[0]))
		if got := after.InternDataAfter([]byte(p[1]), []byte(p[0]), ids); !slices.Equal(got, want) {
			t.Errorf("InternDataAfter, %q after %q: ids %v, want %v", p[1], p[0], got, want)
		}
		if !slices.Equal(plain.text, after.text) {
			t.Errorf("InternDataAfter, %q after %q: the tables' lines differ: %q, %q", p[1], p[0], after.text, plain.text)
		}
	}
}
