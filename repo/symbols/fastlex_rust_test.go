package symbols

import (
	"math/rand/v2"
	"strings"
	"testing"
)

// rustTricky are the shapes where chroma's Rust lexer decides between
// code, comment, string and number in ways a sample may not show.
var rustTricky = []string{
	"#!/usr/bin/env rust-script\n#![allow(dead_code)]\n#[derive(Debug, Clone)]\n#[doc = \"a [b] c\"]\nstruct A { x: u32 }\n",
	"/// doc line\n//! inner doc\n//// not doc\n// plain\n/** block doc */\n/*! inner */\n/**/ /*** x */\n/* a /* nested */ still */ code();\n",
	"let c = 'x'; let d = '\\n'; let e = '\\u{1F600}'; let f = b'\\x7f'; let g = '\\''; let h = 'é';\nfn f<'a>(x: &'a str) -> &'static str { x }\n",
	"Foo { c: 'x', d: \"s\", e: b'y' }\nlet t: Vec<'_> = v; break 'outer; continue 'inner;\n",
	"let r = r\"raw \\\" \"; let h = r#\"has \"quotes\"\"#; let b = br##\"x\"##; let n = r#fn;\n",
	"println!(\"{} {{lit}} {x:?} }} \\\" q\", a); format!(\"{\"); x(); }\", y);\npanic!(\"oops }\"); todo!(); write!(f, \"{}\", z);\n",
	"let a = 1.2.3 + 1..2 + 1.foo() + 1e5 + 1.0e-3 + 0x1Fu8 + 0b101 + 0o17 + 2.0f32 + 1_000usize + 1.e5 + 0b2;\n",
	"macro_rules! m { ($x:expr, $($y:tt),*) => { $x }; }\nmod outer { fn inner() {} }\ndefault fn g() {}\n",
	"let x = a::b::<T>::c; let y: ::std::Foo = z; impl Trait for S where T: 'static + Clone {}\n",
	"let s = \"unterminated\n",
	"x = 1 // no newline at the end",
	"/* unterminated /* nested */ comment",
	"println!(\"{ never closed\", a);\n",
	"let v = vec![1, 2]; let u = union; type T = (u8, 'a');\n",
}

func TestFastLexRustMatchesChroma(t *testing.T) {
	for _, src := range rustTricky {
		compareLang(t, "rust", src)
	}
}

// Random text from Rust's troublesome pieces, held to chroma.
func TestFastLexRustRandomText(t *testing.T) {
	pieces := []string{
		"fn", "mod", "struct", "type", "let", "default", "break", "continue", "b", "r", "br", "r#", "x",
		"Foo", "u8", "Vec", "println!", "format!", "write!", "(", ")", "{", "}", "[", "]", "<", ">",
		"::", ":", "->", "=", "&", "'", "'a", "'static", "'_", "'x'", "'\\n'", "\"", "\\", "#", "#[",
		"#!", "$", "$x", ",", ";", ".", "..", "/", "//", "///", "//!", "/*", "*/", "/**", "/*!", "*",
		"0", "1", "1.5", "1e3", "0x1F", "0b1", "u32", "f64", " ", " ", "\t", "\n", "\n", "é",
		"\\n", "\\x41", "\\x9f", "\\u{1F}", "\\0", "{{", "}}", "println!(\"", "format!( \"", "b\"", "r#\"", "\"#",
	}
	rng := rand.New(rand.NewPCG(5, 6))
	for range 3000 {
		var b strings.Builder
		for range 1 + rng.IntN(30) {
			b.WriteString(pieces[rng.IntN(len(pieces))])
		}
		compareLang(t, "rust", b.String())
		if t.Failed() {
			return
		}
	}
}

// Text that would make the scanner search the rest of the file again
// from each of many places is lexed in one pass.
func TestFastLexRustHostileLinear(t *testing.T) {
	tagsWithinLimit(t, "h.rs", []string{
		strings.Repeat("println!(\"{", 1<<15) + "\n",
		strings.Repeat("r#\"", 1<<16) + "\n",
		strings.Repeat("/*", 1<<17),
		strings.Repeat("'a ", 1<<16),
		strings.Repeat("x: ", 1<<16),
	})
}
