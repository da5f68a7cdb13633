package symbols

import (
	"math/rand/v2"
	"strings"
	"testing"
	"time"
)

// shTricky are the shapes where chroma's Bash lexer decides between
// code, comment, string and number in ways a sample may not show.
var shTricky = []string{
	"#!/bin/sh\n# comment\necho a#b # real comment\nx=1 y+=2 z =3\n",
	"cat <<EOF\nbody $x `cmd`\nEOF\ncat <<-'END' | tr\n  more\n  END\ncat <<< \"here $s\"\n",
	"echo \"plain\" \"with $var and ${x:-default} and $(cmd \"in\") and $((1+2))\" 'single $x' $'ansi\\n'\n",
	"if [ -f \"$f\" ]; then\n  done=1\nfi\nfor i in 1 2 3; do echo $i; done\nfunction f() { local a=\"b\"; return 0; }\n",
	"echo \\$HOME \\nfoo `echo back \"q\"` 10 20x 30\nexport PATH=$PATH:/bin\nreadonly x typeset y\n",
	"echo ${#arr[@]} ${a#pat} ${b%%x*} ${c:=d} $1 $? $$ $@ $# $_x\n",
	"echo \"unterminated $x\nnext\" ; echo 'open\n",
	"cat <<NOEND\nnothing closes it but NOE\n",
	"case $x in a) echo a;; *) echo b;; esac\nwhile true; do break; done\n",
	"x=$(( 16#ff + 2#101 + 8# + y ))\n",
	"echo trailing\\",
}

func TestFastLexShellMatchesChroma(t *testing.T) {
	for _, src := range shTricky {
		compareLang(t, "bash", src)
	}
}

// Random text from the pieces chroma's shell rules turn on.
func TestFastLexShellRandomText(t *testing.T) {
	pieces := []string{
		"if", "fi", "do", "done", "for", "echo", "type", "typeset", "local", "x", "y1", "=", "+=", "1", "22",
		" ", " ", "\t", "\n", "\n", "#", "# c\n", "\\", "\\n", "\"", "'", "`", "$", "$x", "$1", "$?", "${",
		"${#", "}", ":-", ":", "$(", "$((", ")", "))", "(", "[", "]", "{", ";", "&", "&&", "|", "||", "<",
		"<<", "<<<", "<<EOF\n", "EOF", "<<-", "$'", "$\"", "-", "/", ".", "*", "!", "é", "16#", "ff",
	}
	rng := rand.New(rand.NewPCG(7, 8))
	for range 3000 {
		var b strings.Builder
		for range 1 + rng.IntN(30) {
			b.WriteString(pieces[rng.IntN(len(pieces))])
		}
		compareLang(t, "bash", b.String())
		if t.Failed() {
			return
		}
	}
}

// Many openers of here-documents, strings, "${" and "$(" are lexed
// within the tagging time limit.
func TestFastLexShellHostileLinear(t *testing.T) {
	tagsWithinLimit(t, "h.sh", []string{
		strings.Repeat("cat <<QQQQQQQQ\n", 1<<14),
		strings.Repeat("\"$x", 1<<15),
		strings.Repeat("${", 1<<15),
		strings.Repeat("$(", 1<<15),
	})
}

// A here-document word that never comes again is tried at every length,
// a search of the rest of the text each: on a long word followed by long
// other text the scanner stops at its time limit, so that the tagger's
// goroutine does not run on after the file was given up.
func TestShellHeredocStopsAtTheTimeLimit(t *testing.T) {
	src := "cat <<" + strings.Repeat("a", 1<<18) + "\n" + strings.Repeat("b", 1<<18)
	dl := &deadline{at: time.Now().Add(200 * time.Millisecond)}
	start := time.Now()
	_, _, err := fastLex("bash", src, dl)
	if err == nil {
		t.Fatalf("lexed the long here-document word in %v; the test needs it to take longer than its limit", time.Since(start))
	}
	if took := time.Since(start); took > 5*time.Second {
		t.Errorf("the scanner ran %v past a 200 ms limit", took)
	}
}
