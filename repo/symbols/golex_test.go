package symbols

import (
	"errors"
	"fmt"
	goscanner "go/scanner"
	"go/token"
	"io/fs"
	"math/rand"
	"os"
	"path/filepath"
	"reflect"
	"runtime"
	"strings"
	"testing"
	"time"
)

// goTok is one token as both lexers give it.
type goTok struct {
	off int
	tok token.Token
	lit string
}

func (t goTok) String() string { return fmt.Sprintf("%d %s %q", t.off, t.tok, t.lit) }

func stdGoTokens(src string) []goTok {
	fset := token.NewFileSet()
	file := fset.AddFile("x.go", -1, len(src))
	var s goscanner.Scanner
	s.Init(file, []byte(src), func(token.Position, string) {}, goscanner.ScanComments)
	var out []goTok
	for {
		pos, tok, lit := s.Scan()
		out = append(out, goTok{file.Offset(pos), tok, lit})
		if tok == token.EOF {
			return out
		}
	}
}

// fastGoTokens is goLexer's stream; ok is false when it declines the file.
func fastGoTokens(t *testing.T, src string) ([]goTok, bool) {
	l, ok := newGoLexer(src)
	if !ok {
		return nil, false
	}
	var out []goTok
	for n := 0; ; n++ {
		off, tok, lit, err := l.scan()
		if errors.Is(err, errNotFast) {
			return nil, false
		}
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, goTok{off, tok, lit})
		if tok == token.EOF {
			return out, true
		}
		if n > 4*len(src)+10 {
			t.Fatalf("no end after %d tokens of %d bytes", n, len(src))
		}
	}
}

// sameGoTokens reports where the two streams first differ.
func sameGoTokens(t *testing.T, name, src string) bool {
	t.Helper()
	fast, ok := fastGoTokens(t, src)
	if !ok {
		return false
	}
	std := stdGoTokens(src)
	for i := 0; i < len(std) || i < len(fast); i++ {
		var a, b goTok
		if i < len(std) {
			a = std[i]
		}
		if i < len(fast) {
			b = fast[i]
		}
		if a != b {
			t.Errorf("%s: token %d: go/scanner gives %v, goLexer %v (near %q)", name, i, a, b, src[max(0, min(a.off, len(src))-20):min(len(src), a.off+20)])
			return true
		}
	}
	return true
}

// goLexer gives go/scanner's tokens, offsets and literals: on hand-made
// edge cases, on a sample of the standard library's files, and on cut-up
// and spliced copies of them, where comments, strings and numbers are
// left open or run together.
func TestGoLexerIsGoScanner(t *testing.T) {
	cases := []string{
		"", "x", "x\n", "return\n", "a++\nb--\nc)\n]\n}\n", "x /* a\nb */ y", "x /* ab */\ny", "x // c\ny",
		"x /* a\nb", "/*/ x */", "/**/x", "'\\''", "'a", "\"\\\"\n", "\"\\\\\" x", "\"a\\q\" b", "`a\nb` c", "`open",
		"0x1p-2 0b101 0o17 017 08 1e+3 .5 1. 1..2 x.5 0x.8p1 1_000 0_x 123abc 1i 0xg 1e 1ep .e3",
		"a...b .. . &^= &^ &&= <- <<= >>= != := ~ @ # $ ? \\ \x00 \x7f \f \v",
		"func (r *T) M() {}\ntype X struct{}\n", "x;y", "x /* \n */ /* \n */ y", "return /* c */ // d\nx",
	}
	for i, c := range cases {
		if !sameGoTokens(t, fmt.Sprintf("case %d", i), c) {
			t.Errorf("case %d (%q): goLexer declined", i, c)
		}
	}
	var files []string
	root := filepath.Join(runtime.GOROOT(), "src")
	_ = filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() && strings.HasSuffix(p, ".go") {
			if info, err := d.Info(); err == nil && info.Size() <= 64<<10 {
				files = append(files, p)
			}
		}
		return nil
	})
	if len(files) < 1000 {
		t.Skipf("the Go source tree is not at %s", root)
	}
	rng := rand.New(rand.NewSource(11))
	taken, declined := 0, 0
	samples := 300
	if raceEnabled {
		samples = 30 // the lexer runs one goroutine: the detector has nothing to find
	}
	for n := 0; n < samples; n++ {
		p := files[rng.Intn(len(files))]
		b, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		src := string(b)
		if sameGoTokens(t, p, src) {
			taken++
		} else {
			declined++
		}
		for k := 0; k < 4 && len(src) > 2; k++ {
			a, z := rng.Intn(len(src)), rng.Intn(len(src))
			if a > z {
				a, z = z, a
			}
			sameGoTokens(t, fmt.Sprintf("%s cut %d:%d", p, a, z), src[:a]+src[z:])
			j := rng.Intn(len(src))
			sameGoTokens(t, fmt.Sprintf("%s with %q at %d", p, "*/", j), src[:j]+[]string{"*/", "\"", "`", "'", "/*", "\n", "0x", "."}[k]+src[j:])
		}
		if t.Failed() {
			return
		}
	}
	if taken < 9*(taken+declined)/10 {
		t.Errorf("goLexer took %d of %d files; want nearly all", taken, taken+declined)
	}
	t.Logf("%d files taken, %d declined", taken, declined)
}

// scanGo reading goLexer's tokens finds what it finds reading
// go/scanner's: the same occurrences (with their functions and calls)
// and definitions, on this package's files, the sample files, and cut-up
// copies of them.
func TestScanGoFastIsScanGo(t *testing.T) {
	paths, _ := filepath.Glob("*.go")
	more, _ := filepath.Glob("testdata/*.go")
	paths = append(paths, more...)
	rng := rand.New(rand.NewSource(13))
	for _, p := range paths {
		b, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		versions := [][]byte{b}
		for k := 0; k < 3 && len(b) > 2; k++ {
			a, z := rng.Intn(len(b)), rng.Intn(len(b))
			if a > z {
				a, z = z, a
			}
			versions = append(versions, append(append([]byte{}, b[:a]...), b[z:]...))
		}
		for _, src := range versions {
			for _, keep := range []func(string) bool{nil, func(n string) bool { return n == "src" || n == "the" }} {
				fast, err1 := scanGoWith(p, src, nil, tagHow{keep: keep, lastKept: -1}, true)
				std, err2 := scanGoWith(p, src, nil, tagHow{keep: keep, lastKept: -1}, false)
				if err1 != nil || err2 != nil {
					t.Fatalf("%s: %v, %v", p, err1, err2)
				}
				if !reflect.DeepEqual(fast, std) {
					t.Fatalf("%s (%d bytes): goLexer gives %d occurrences and %d definitions, go/scanner %d and %d",
						p, len(src), len(fast.occs), len(fast.defs), len(std.occs), len(std.defs))
				}
			}
		}
	}
}

// Hostile Go text is lexed in one pass: a megabyte of unclosed comments,
// quotes, raw strings, number prefixes or dots takes goLexer (not the
// go/scanner fallback) a bounded time, and the whole tagger stays within
// its limit. A quadratic rescan would take minutes on these.
func TestGoLexerHostileTextIsLinear(t *testing.T) {
	n := 1 << 20
	if raceEnabled {
		n = 1 << 16
	}
	for _, piece := range []string{"/*", "/* x\n", "`", "'\\", "\"\\", "0x", "0x.p", ".", "..", "a.", "//\n", "x /*\n*/ ", "1e+", "&^"} {
		src := strings.Repeat(piece, n/len(piece))
		l, ok := newGoLexer(src)
		if !ok {
			t.Fatalf("%q: declined", piece)
		}
		start := time.Now()
		toks := 0
		for {
			_, tok, _, err := l.scan()
			if err != nil {
				t.Fatalf("%q: %v", piece, err)
			}
			if tok == token.EOF {
				break
			}
			if toks++; toks > 2*len(src)+2 {
				t.Fatalf("%q: no end after %d tokens", piece, toks)
			}
		}
		if d := time.Since(start); d > 5*time.Second {
			t.Errorf("%q × %d: %v to lex", piece, n/len(piece), d)
		}
		if _, err := Tag("h.go", []byte(src), DefaultLimits); err != nil {
			t.Errorf("%q: %v", piece, err)
		}
	}
}
