package symbols

import (
	"math/rand"
	"strings"
	"testing"
	"time"
)

// tsPieces are fragments random TypeScript-like files are built from:
// the shapes on which chroma's TypeScript lexer changes state.
var tsPieces = strings.Fields(`a b1 $x _y é x.y ?. ? : :: = == => === != + ++ - -- -= * / /= % & && | || ^ ~ ! < << <= > >> >>> >>= ( ) [ ] { } ; , . ...
	for in of return typeof this await let var function default case string as declare constructor interface type class static super module null Array
	1 1.5 1.5e3f 0x1F 0xg 10n 007 2d "s" "e\"" "u 'q' 'e\'' 'u ` + "`t` `\\n` `\\`` `\\\\` `${ ${a} $ " + `
	/re/ /re/g /re/gx /[/]x/ /\/q/ /a/i.test //c /*c*/ /* <!-- --> -->x @Deco @ #p \ é1 ü`)

// tsCases are shapes the random pieces reach rarely.
var tsCases = []string{
	"x = \"open \\\" close\n",
	"y = 'a' + 'open \\' tail\n",
	"module \"m/x@1\" /re/\n1module \"m\" /re/\nz = 2\n",
	"if (a <b) { x = /re/; y = 1.5; s = \"q\" }\nz = 1 > 0\n",
	"<div a={ {b: 1} } c=\"d\" e='f' g=h>{x}</div>\n",
}

func randomTS(r *rand.Rand) string {
	var b strings.Builder
	n := 1 + r.Intn(40)
	for i := 0; i < n; i++ {
		switch r.Intn(6) {
		case 0:
			b.WriteByte('\n')
		case 1:
			b.WriteByte(' ')
		case 2:
			b.WriteString("\n  ")
		}
		b.WriteString(tsPieces[r.Intn(len(tsPieces))])
	}
	if r.Intn(2) == 0 {
		b.WriteByte('\n')
	}
	return b.String()
}

// TestFastLexTSRandom holds the TypeScript scanner to chroma on random
// arrangements of the pieces its state changes on.
func TestFastLexTSRandom(t *testing.T) {
	r := rand.New(rand.NewSource(15))
	n := 3000
	if testing.Short() || raceEnabled {
		n = 300
	}
	fails := 0
	for k := 0; k < n+len(tsCases) && fails < 5; k++ {
		src := randomTS(r)
		if k >= n {
			src = tsCases[k-n]
		}
		fast, ok, err := fastLex("typescript", src, nil)
		if !ok || err != nil {
			t.Fatalf("%q: no fast scanner result (%v)", src, err)
		}
		ref, err := lexWith("typescript", src, nil)
		if err != nil {
			t.Fatal(err)
		}
		d := firstOccDiff(fast.occs, ref.occs)
		if d == "" {
			d = firstTokDiff(fast.toks, ref.toks)
		}
		if d != "" {
			t.Errorf("%q: differs from chroma: %s", src, d)
			fails++
		}
	}
}

// TestFastLexTSHostileLinear: inputs on which a per-position rescan would
// be quadratic are read in one pass, well inside the per-file limit.
func TestFastLexTSHostileLinear(t *testing.T) {
	for _, src := range []string{
		strings.Repeat("a.", 1<<16) + "\n", // quadratic before: 100 s at load 32
		strings.Repeat("/* ", 1<<16) + "\n",
	} {
		start := time.Now()
		if _, err := Tag("h.ts", []byte(src), DefaultLimits); err != nil {
			t.Fatalf("%.20q...: %v", src, err)
		}
		t.Logf("%.12q...: %v", src, time.Since(start))
	}
}
