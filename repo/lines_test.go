package repo

import (
	"reflect"
	"testing"
)

func TestSplitLines(t *testing.T) {
	cases := []struct {
		in   string
		want []string
	}{
		{"", nil},
		{"a", []string{"a"}},
		{"a\n", []string{"a\n"}},
		{"a\nb\r\nc", []string{"a\n", "b\r\n", "c"}},
		{"\n\n", []string{"\n", "\n"}},
	}
	for _, c := range cases {
		var got []string
		for _, l := range SplitLines([]byte(c.in)) {
			got = append(got, string(l))
		}
		if !reflect.DeepEqual(got, c.want) {
			t.Errorf("SplitLines(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}
