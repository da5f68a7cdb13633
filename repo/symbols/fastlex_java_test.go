package symbols

import (
	"math/rand/v2"
	"strings"
	"testing"
)

// javaTricky are the shapes where chroma's Java lexer decides between
// code, comment, string and number in ways a sample may not show.
var javaTricky = []string{
	"package org.x;\nimport static java.util.Map.*;\nimport module java.base;\n@interface Ann { int v() default 1; }\n",
	"class /* c */ Foo {}\ninterface\n  // not a comment for chroma\n  Bar {}\n",
	"record Point(int x, int y) {}\n  public static record P2(int a) {}\nx = record;\n",
	"var /* v */ y = 1;\nvar\nz = \"s\";\nimport /* i */ a.b;\nimport\n\"str\";\n",
	"int a = 12e5 + 1e5 + 1.5e-3f + .5 + 0x1.8p1 + 0x.8p-2d + 0xFFL + 0b1010_1 + 017 + 08 + 0L + 10f + 1f + 1_000 + 1.f + 1.;\n",
	"char c = 'x', d = '\\n', e = '\\u00e9', f = ''', g = 'ab', h = '\\'', k = '\\\\';\n",
	"String s = \"a \\\"b\\\" c\\\\\" + \"\" + \"unterminated\nnext\";\n",
	"String t = \"\"\"\n  text block \"quoted\" \\\"\"\" still\n  end\"\"\";\nString u = \"\"\"no newline\"\"\";\n",
	"x = y; // trailing comment without newline",
	"x = y; /* unterminated comment\nstill code",
	"\n\nmodule:\n  x = 1;\n\n\nclass:\nfoo();\ndefault:\nlabel: for (;;) {}\n",
	"public void run() throws Exception {\n  return foo (x);\n}\nList<String> items(Map<K,V> m) { return null; }\n",
	"a$b = $c + d$; class$X y; @ foo; @1; x.$y; .9; a . b\n",
	"module; // after module, this comment is code\nint next;\n",
	"import\tstatic\tfoo.bar.*;\npackage\n\np.q;\n",
}

func TestFastLexJavaMatchesChroma(t *testing.T) {
	for _, src := range javaTricky {
		compareLang(t, "java", src)
	}
}

// Random text from Java's troublesome pieces, held to chroma: keywords
// that enter states, quotes, comment openers, number shapes, line breaks.
func TestFastLexJavaRandomText(t *testing.T) {
	pieces := []string{
		"class", "interface", "module", "record", "var", "import", "package", "static", "public",
		"return", "new", "foo", "Bar", "$x", "_y", "e5", "(", ")", "{", "}", ";", ":", ".", ",",
		"<", ">", "[", "]", "?", "@", "=", "+", "-", "*", "/", "//", "/*", "*/", "\"", "\"\"\"\n",
		"'", "'a'", "'\\n'", "\\", "0", "1", "12", "0x1F", "0x1.p2", "1.5", ".5", "1e3", "0b1", "07",
		"L", "f", "d", "p", " ", " ", "  ", "\t", "\n", "\n", "\r\n", "é", "// c\n", "/* c */",
	}
	rng := rand.New(rand.NewPCG(3, 4))
	for range 3000 {
		var b strings.Builder
		for range 1 + rng.IntN(30) {
			b.WriteString(pieces[rng.IntN(len(pieces))])
		}
		compareLang(t, "java", b.String())
		if t.Failed() {
			return
		}
	}
}

// Text that would make the scanner go over the same bytes again from
// each of many places (a run of words with no "(", blank lines, line
// starts full of modifiers, "//" and "/*" that never close) is lexed in
// one pass: within the tagging time limit.
func TestFastLexJavaHostileLinear(t *testing.T) {
	tagsWithinLimit(t, "h.java", []string{
		strings.Repeat("a ", 1<<16) + "\n",
		strings.Repeat("a<b ", 1<<15) + "\n",
		"x" + strings.Repeat("\n", 1<<17) + "y",
		strings.Repeat("\n  ", 1<<17) + "z",
		strings.Repeat("public\n", 1<<16) + "x",
		strings.Repeat("//", 1<<16),
		strings.Repeat("/*", 1<<17),
		strings.Repeat("class ", 1<<16),
	})
}
