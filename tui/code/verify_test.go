package code

import (
	"strings"
	"testing"

	"sightline/repo/repotest"
)

// A substituted blob (its object file holds other content) reads back
// silently; the code view recomputes the id and says so (HOST-28).
func TestSubstitutedBlobGetsABanner(t *testing.T) {
	rt, r, pin := fixture(t, repotest.Tree{
		"auth.c": {Content: "return check_password(p);\n"},
		"ok.c":   {Content: "int ok;\n"},
	})
	h := rt.Blob("return check_password(p);\n")
	rt.SubstituteBlob(h, "return 1;\n")

	m := opened(t, r, pin, "auth.c", 0)
	s := screen(m)
	if !strings.Contains(s, "⚠ object content does not match its ID (blob "+h.String()[:12]+")") {
		t.Errorf("no mismatch banner:\n%s", s)
	}
	if !strings.Contains(s, "return 1;") {
		t.Errorf("the substituted content is not shown:\n%s", s)
	}
	if m = opened(t, r, pin, "ok.c", 0); strings.Contains(screen(m), "does not match") {
		t.Errorf("an intact blob has the mismatch banner:\n%s", screen(m))
	}
}
