package keys

import "testing"

func TestMove(t *testing.T) {
	n := DefaultNav()
	cases := []struct {
		keys   []string
		cursor int
		want   int
	}{
		{[]string{"j"}, 0, 1},
		{[]string{"down"}, 5, 6},
		{[]string{"k"}, 0, 0},
		{[]string{"ctrl+d"}, 0, 10},
		{[]string{"ctrl+u"}, 15, 5},
		{[]string{"pgdown"}, 0, 19},
		{[]string{"pgup"}, 50, 31},
		{[]string{"G"}, 3, 99},
		{[]string{"g", "g"}, 50, 0},
		{[]string{"g"}, 50, 50},
		{[]string{"home"}, 50, 0},
		{[]string{"end"}, 0, 99},
	}
	for _, c := range cases {
		cur, pending := c.cursor, false
		for _, k := range c.keys {
			m, pg, ok := n.Move(k, 20, pending)
			if !ok {
				t.Fatalf("%q is not a movement key", k)
			}
			pending = pg
			if !pg {
				cur = m.Apply(cur, 100)
			}
		}
		if cur != c.want {
			t.Errorf("%v from %d: %d, want %d", c.keys, c.cursor, cur, c.want)
		}
	}
	if _, _, ok := n.Move("x", 20, false); ok {
		t.Error("x taken as a movement key")
	}
	if got := (Motion{Lines: 5}).Apply(0, 0); got != 0 {
		t.Errorf("Apply on an empty list: %d", got)
	}
}

// A Mover takes gg, G, ctrl+d, ctrl+u, pgdown, pgup, j and k as Move does,
// swallows a first g, and forgets it on any other key or on Reset.
func TestMover(t *testing.T) {
	n := DefaultNav()
	var mv Mover
	cur := 50
	for _, c := range []struct {
		key  string
		want int
		ok   bool
	}{
		{"j", 51, true}, {"k", 50, true}, {"ctrl+d", 60, true}, {"ctrl+u", 50, true},
		{"pgdown", 69, true}, {"pgup", 50, true}, {"G", 99, true}, {"g", 99, true},
		{"x", 99, false}, {"g", 99, true}, {"j", 99, true}, {"g", 99, true}, {"g", 0, true},
	} {
		var ok bool
		cur, ok = mv.Move(n, keyName(c.key), cur, 100, 20)
		if cur != c.want || ok != c.ok {
			t.Fatalf("%q: cursor %d, taken %v; want %d, %v", c.key, cur, ok, c.want, c.ok)
		}
	}
	if mv.Move(n, keyName("g"), 5, 100, 20); !mv.Pending() {
		t.Fatal("a first g is not pending")
	}
	mv.Reset()
	if cur, _ := mv.Move(n, keyName("g"), 5, 100, 20); cur != 5 || !mv.Pending() {
		t.Errorf("after Reset a g went to %d (pending %v), want it to wait at 5", cur, mv.Pending())
	}
	off := DefaultNav()
	off.Top.SetEnabled(false)
	if _, ok := mv.Move(off, keyName("g"), 5, 100, 20); ok {
		t.Error("a disabled Top still takes g")
	}
}
