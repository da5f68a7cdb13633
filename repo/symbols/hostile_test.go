package symbols

import (
	"math/rand"
	"strings"
	"testing"
	"time"
)

// Vendor code is hostile input: unbalanced and deeply nested braces,
// stray preprocessor lines, cut strings and random bytes are tagged
// without a panic and within the time limit, in every language.
func TestHostileInputNeverPanics(t *testing.T) {
	inputs := []string{
		strings.Repeat("{", 5000) + "int f(void) {",
		strings.Repeat("}", 5000) + "int g(void) { return 0; }\n",
		strings.Repeat("(", 5000),
		"#else\n#endif\n#endif\n#elif\n#if 0\nint f(void) {\n",
		"#define\n#define 1\n# \\\n\\\n",
		"\"unterminated\nint f(void) {}\n/* unterminated",
		"def (:\n  class\n\tdef f(\n" + strings.Repeat("    ", 1000) + "x = 1\n",
		"fn fn fn impl impl for for < < < > { } ; struct ; enum {",
		"function () => { const = ; class extends { constructor( } }",
		"f() { g() { h() {\nfunction\n",
		"package p\nfunc (" + strings.Repeat("(", 5000),
		"\x00\xff\xfe\u202e\u2066 int \u0430bc(void) { return 0; }",
	}
	rnd := rand.New(rand.NewSource(1))
	random := 20
	if raceEnabled {
		// Ten times slower under -race: the tagger's goroutine and its
		// time limit are what the detector needs to see, once.
		inputs, random = inputs[len(inputs)-3:], 1
	}
	for i := 0; i < random; i++ {
		b := make([]byte, 2000)
		for j := range b {
			const alphabet = "{}()[];#\n \"'/*a_1=<>:,"
			b[j] = alphabet[rnd.Intn(len(alphabet))]
		}
		inputs = append(inputs, string(b))
	}
	exts := []string{".c", ".cpp", ".go", ".java", ".js", ".ts", ".rs", ".py", ".sh"}
	for _, in := range inputs {
		for _, ext := range exts {
			start := time.Now()
			_, err := Tag("x"+ext, []byte(in), Limits{MaxBytes: 1 << 20, Timeout: 5 * time.Second})
			if d := time.Since(start); d > 6*time.Second {
				t.Errorf("%s input %.20q took %v", ext, in, d)
			}
			if err != nil && !strings.Contains(err.Error(), "longer than the limit") && ext != ".go" {
				t.Errorf("%s input %.20q: %v", ext, in, err)
			}
		}
	}
}
