package symbols

import (
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// fastLexSources are the files the fast scanners are held to chroma on:
// testdata/langs, the corpus repositories (tmux, fzf) when present, and
// $SYMBOLS_FASTLEX_DIR (a sample of a benchmark repository's blobs).
func fastLexSources(t *testing.T) []string {
	dirs := []string{filepath.Join("testdata", "langs")}
	if !testing.Short() && !raceEnabled {
		if _, err := exec.LookPath("git"); err == nil && corpusDir() != "" {
			for _, name := range []string{"tmux", "fzf"} {
				bundle := filepath.Join(corpusDir(), name+".bundle")
				if _, err := os.Stat(bundle); err != nil {
					continue
				}
				dir := filepath.Join(t.TempDir(), name)
				if out, err := exec.Command("git", "clone", "-q", bundle, dir).CombinedOutput(); err != nil {
					t.Fatalf("git clone %s: %v\n%s", bundle, err, out)
				}
				dirs = append(dirs, dir)
			}
		}
	}
	if d := os.Getenv("SYMBOLS_FASTLEX_DIR"); d != "" {
		dirs = append(dirs, d)
	}
	var files []string
	for _, d := range dirs {
		err := filepath.WalkDir(d, func(p string, e fs.DirEntry, err error) error {
			if err != nil || e.IsDir() {
				return err
			}
			files = append(files, p)
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	return files
}

// TestFastLexMatchesChroma: for every file a fast scanner reads, every
// identifier occurrence is found at the same place and classified (code,
// comment, string) exactly as with chroma's lexer, and the taggers get
// the same tokens, so the definitions are the same.
func TestFastLexMatchesChroma(t *testing.T) {
	checked := map[string]int{}
	for _, p := range fastLexSources(t) {
		lang := Language(p)
		src, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		fast, ok, err := fastLex(lang, string(src), nil)
		if !ok {
			continue
		}
		if err != nil {
			t.Fatalf("%s: fast scanner: %v", p, err)
		}
		ref, err := lexWith(lang, string(src), nil)
		if err != nil {
			t.Fatalf("%s: chroma: %v", p, err)
		}
		checked[lang]++
		if d := firstOccDiff(fast.occs, ref.occs); d != "" {
			t.Errorf("%s: occurrences differ from chroma's: %s", p, d)
			continue
		}
		if d := firstTokDiff(fast.toks, ref.toks); d != "" {
			t.Errorf("%s: tokens differ from chroma's: %s", p, d)
		}
	}
	t.Logf("files checked by language: %v", checked)
	for _, lang := range []string{"c++", "python", "javascript", "typescript", "java", "rust", "bash"} {
		if checked[lang] == 0 {
			t.Errorf("no %s file was checked", lang)
		}
	}
}

func firstOccDiff(got, want []Occ) string {
	for i := 0; i < len(got) || i < len(want); i++ {
		var g, w Occ
		if i < len(got) {
			g = got[i]
		}
		if i < len(want) {
			w = want[i]
		}
		if g != w {
			return fmt.Sprintf("occurrence %d: fast %+v, chroma %+v", i, g, w)
		}
	}
	return ""
}

func firstTokDiff(got, want []tok) string {
	for i := 0; i < len(got) || i < len(want); i++ {
		var g, w tok
		if i < len(got) {
			g = got[i]
		}
		if i < len(want) {
			w = want[i]
		}
		if g != w {
			return fmt.Sprintf("token %d: fast %+v, chroma %+v", i, g, w)
		}
	}
	return ""
}

// TestFastLexTrickyCases holds the scanners to chroma on the shapes a
// sample may miss.
func TestFastLexTrickyCases(t *testing.T) {
	cases := []struct{ path, src string }{
		{"a.c", "#if 0\nint hidden(void);\n#  if X\nnested\n#endif\n#else\nint shown;\n#endif\n"},
		{"a.c", "  /* c */ # define F(x) \"s %d\" x /* m */ y // tail\nint z;\n#include <sys/types.h>\n# include \"q.h\"\n"},
		{"a.c", "char *s = \"\\033Oabc\\x1bdef\\\nmore\";\nint c = L'x', d = '\\012', e = 'ab';\nw = L\"wide\";\n"},
		{"a.c", "x = 1.5e-3f + 0x1fUL + 017 + 12abc + .5;\n#define LONG \\\n  cont \\\n  end\nafter;\n"},
		{"a.c", "s = \"unterminated\nnext_line;\n// comment \\\n continued\nint k;"},
		{"a.py", "x = f\"{a!r:>10} {{lit}} {b['k']} {c=}\"\ny = '%(name)s %-5d %s' % d\nz = r'\\d+\\'' + b\"\\N{DASH}\\x41rest\"\n"},
		{"a.py", "def f():\n    \"\"\"Doc with \\\"quotes\\\" and {fmt}.\n    more\"\"\"\n    return rf'{x}\\n' # trailing\n"},
		{"a.py", "n = 1_000 + 0x_ff + 1e5j + 3j + 1.5\ns = 'bad\nnext = 1\n"},
	}
	for _, c := range cases {
		lang := Language(c.path)
		fast, ok, err := fastLex(lang, c.src, nil)
		if !ok || err != nil {
			t.Fatalf("%q: no fast scanner result (%v)", c.src, err)
		}
		ref, err := lexWith(lang, c.src, nil)
		if err != nil {
			t.Fatal(err)
		}
		if d := firstOccDiff(fast.occs, ref.occs); d != "" {
			t.Errorf("%q: occurrences differ from chroma's: %s", c.src, d)
		}
		if d := firstTokDiff(fast.toks, ref.toks); d != "" {
			t.Errorf("%q: tokens differ from chroma's: %s", c.src, d)
		}
	}
}

func TestFastLexJSCases(t *testing.T) {
	for _, src := range []string{
		"var re = /ab+c/gi, x = a / b / c;\nif (/^x$/.test(s)) { y = `t ${a + `in ${b}`} \\` $z`; }\n",
		"x = y\n/foo/.exec(z)\n// c\n  /bar/\nconst q = \"s \\\" t\" + 'u \\' v';\n/* m\nn */ f(1.5e3, 0x1F, 10n, 1_000);\n",
		"return /[/]x/ + /bad/x + a\n// tail",
		"#!/usr/bin/env node\nlet a = b => c ... d; z = this / 2 / 3;\n",
		"x = `a\nb` + 1", // no final line break: chroma adds one but does not lex it
	} {
		fast, ok, err := fastLex("javascript", src, nil)
		if !ok || err != nil {
			t.Fatalf("%q: no fast scanner result (%v)", src, err)
		}
		ref, _ := lexWith("javascript", src, nil)
		if d := firstOccDiff(fast.occs, ref.occs); d != "" {
			t.Errorf("%q: occurrences differ from chroma's: %s", src, d)
		}
		if d := firstTokDiff(fast.toks, ref.toks); d != "" {
			t.Errorf("%q: tokens differ from chroma's: %s", src, d)
		}
	}
}

// compareLang holds the fast scanner for lang to chroma on src; giving
// up is allowed only on text with a non-ASCII character.
func compareLang(t *testing.T, lang, src string) {
	t.Helper()
	fast, ok, err := fastLex(lang, src, nil)
	if err != nil {
		t.Fatalf("%q: %v", src, err)
	}
	if !ok {
		if !strings.ContainsFunc(src, func(r rune) bool { return r > 0x7f }) {
			t.Errorf("%q: the fast scanner gave up on ASCII text", src)
		}
		return
	}
	ref, err := lexWith(lang, src, nil)
	if err != nil {
		t.Fatal(err)
	}
	if d := firstOccDiff(fast.occs, ref.occs); d != "" {
		t.Errorf("%q: occurrences differ from chroma's: %s", src, d)
	}
	if d := firstTokDiff(fast.toks, ref.toks); d != "" {
		t.Errorf("%q: tokens differ from chroma's: %s", src, d)
	}
}

// tagsWithinLimit holds the fast scanner for path's language to each of
// srcs (hostile text), then tags it within DefaultLimits' time.
func tagsWithinLimit(t *testing.T, path string, srcs []string) {
	t.Helper()
	for _, src := range srcs {
		if _, ok, err := fastLex(Language(path), src, nil); !ok || err != nil {
			t.Fatalf("%.20q...: fast scanner ok=%v, %v", src, ok, err)
		}
		start := time.Now()
		if _, err := Tag(path, []byte(src), DefaultLimits); err != nil {
			t.Fatalf("%.20q...: %v", src, err)
		}
		t.Logf("%.12q...: %v", src, time.Since(start))
	}
}
