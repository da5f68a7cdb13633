package code

import (
	"strings"
	"testing"

	"sightline/repo/repotest"
)

// A substituted blob (its object file holds other content) is refused by
// the read itself, which recomputes the id: the view names the blob and
// says why, and never shows the substitute's content (HOST-28, issue 17).
func TestSubstitutedBlobIsRefusedAndNamed(t *testing.T) {
	rt, r, pin := fixture(t, repotest.Tree{
		"auth.c": {Content: "return check_password(p);\n"},
		"ok.c":   {Content: "int ok;\n"},
	})
	h := rt.Blob("return check_password(p);\n")
	rt.SubstituteBlob(h, "return 1;\n")

	m := opened(t, r, pin, "auth.c", 0)
	m.SetSize(200, 20)
	s := screen(m)
	if !strings.Contains(s, "⚠ blob "+h.String()+": object content does not match its id") {
		t.Errorf("the mismatch is not said, naming the blob:\n%s", s)
	}
	if strings.Contains(s, "return 1;") {
		t.Errorf("the substituted content is shown:\n%s", s)
	}
	if m = opened(t, r, pin, "ok.c", 0); strings.Contains(screen(m), "does not match") {
		t.Errorf("an intact blob has the mismatch message:\n%s", screen(m))
	}
}
