package textsafe

import (
	"reflect"
	"testing"
)

func TestMixedScriptAndSkeleton(t *testing.T) {
	for _, tc := range []struct {
		ident string
		want  []int
	}{
		{"paypal", nil},
		{"p\u0430ypal", []int{1}},                      // Latin with a Cyrillic а
		{"привет", nil},                                // one script
		{"kullanıcı", nil},                             // Turkish dotless i is Latin
		{"変数name", nil},                                // Han with Latin: CJK writing
		{"한국어_text", nil},                              // Hangul with Latin
		{"\u0441\u0435\u043a\u0440\u0435t", []int{10}}, // Cyrillic with one Latin t
		{"\U0001d429aypal", []int{0}},                  // a mathematical bold p
	} {
		if got := MixedScript(tc.ident); !reflect.DeepEqual(got, tc.want) {
			t.Errorf("MixedScript(%q) = %v, want %v", tc.ident, got, tc.want)
		}
	}
	for in, want := range map[string]string{"\u0441\u043e\u0440": "cop", "ｓ": "s", "привет": "пpивeт", "ΑΒ": "AB"} {
		if got := Skeleton(in); got != want {
			t.Errorf("Skeleton(%q) = %q, want %q", in, got, want)
		}
	}
}
