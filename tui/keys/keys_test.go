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
