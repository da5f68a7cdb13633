package symbols

import (
	"cmp"
	"math/rand"
	"strings"
	"testing"
)

// The writer's pair order (an integer key first) is exactly name order,
// then definition number: names that share their first 8 bytes, that
// are prefixes of one another, or that hold NUL bytes (which the key's
// padding also uses) included.
func TestComparePairsIsNameOrder(t *testing.T) {
	rng := rand.New(rand.NewSource(3))
	alphabet := "\x00aAz_9\xff"
	word := func() string {
		var b strings.Builder
		if rng.Intn(3) == 0 {
			b.WriteString("sharedPrefix")
		}
		for n := rng.Intn(11); n > 0; n-- {
			b.WriteByte(alphabet[rng.Intn(len(alphabet))])
		}
		return b.String()
	}
	for i := 0; i < 200000; i++ {
		a := newNamePair(word(), 0, uint32(rng.Intn(3)))
		b := newNamePair(word(), 0, uint32(rng.Intn(3)))
		if rng.Intn(4) == 0 {
			b.name, b.key = a.name, a.key
		}
		want := strings.Compare(a.name, b.name)
		if want == 0 {
			want = cmp.Compare(a.def, b.def)
		}
		if got := comparePairs(a, b); got != want {
			t.Fatalf("comparePairs(%q #%d, %q #%d) = %d, want %d", a.name, a.def, b.name, b.def, got, want)
		}
	}
}
