package theme

import (
	"strings"
	"testing"
)

func TestEscapeNonASCIIAndASCIIRuns(t *testing.T) {
	if got, want := EscapeNonASCII("var а = \"é\t日\""), `var \u{0430} = "\u{00E9}`+"\t"+`\u{65E5}"`; got != want {
		t.Errorf("EscapeNonASCII = %q, want %q", got, want)
	}
	var parts []string
	for run, high := range ASCIIRuns("ab\u0430\u0431c\td\u00e9") {
		parts = append(parts, map[bool]string{true: "H", false: "A"}[high]+":"+run)
	}
	if got, want := strings.Join(parts, "|"), "A:ab|H:\u0430\u0431|A:c\td|H:\u00e9"; got != want {
		t.Errorf("ASCIIRuns = %q, want %q", got, want)
	}
	for range ASCIIRuns("") {
		t.Error("ASCIIRuns of the empty string yielded a run")
	}
}
