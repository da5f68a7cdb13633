package compare

import (
	"strings"
	"testing"

	"sightline/repo"
	"sightline/repo/repotest"
	"sightline/tui/internal/drive"
	"sightline/tui/nav"
)

// Issue 12.5: two fast.c in deep directories, a binary that grew, at 160
// and at 80 columns.
func TestChangesListKeepsNamesShowsSizesAndZooms(t *testing.T) {
	rt := repotest.New(t)
	deep := "lib/crypto/primitives/internal/generic/"
	other := "lib/crypto/primitives/internal/asm_amd64/"
	base := rt.Commit("base", repotest.Tree{
		deep + "fast.c":  {Content: "int a;\n"},
		other + "fast.c": {Content: "int b;\n"},
		"fw.bin":         {Content: "\x00" + strings.Repeat("x", 483)},
	})
	head := rt.Commit("head", rt.Edit(base, repotest.Tree{
		deep + "fast.c":  {Content: "int a = 1;\n"},
		other + "fast.c": {Content: "int b = 2;\n"},
		"fw.bin":         {Content: "\x00" + strings.Repeat("y", 511)},
	}))
	r, err := repo.Open(rt.Dir)
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	m := New(r, asciiStyles())
	m.SetSize(160, 20)
	m.Focus()
	m, _ = drive.Run(m, update, m.Compare(repo.Hash(base), repo.Hash(head), "v1", "v2"))
	v := m.View()
	for _, want := range []string{"lib/crypto…s/internal/asm_amd64/fast.c", "lib/crypto…ves/internal/generic/fast.c", "bin  fw.bin  484 → 512 B"} {
		if !strings.Contains(v, want) {
			t.Errorf("160 columns: list lacks %q:\n%s", want, v)
		}
	}
	if strings.Contains(v, "…fast.c") || strings.Contains(v, "…binary") {
		t.Errorf("160 columns: a name was cut:\n%s", v)
	}
	m.SetSize(80, 20)
	m, _ = drive.Keys(m, update, []any{nav.OpenFileMsg{}}, "z")
	v = m.View()
	if !m.Zoomed() || strings.Contains(v, "│") || !strings.Contains(v, "lib/crypto/primitives/internal/asm_amd64/fast.c") {
		t.Errorf("80 columns, z on the list: want the list alone with whole paths:\n%s", v)
	}
	m, _ = drive.Keys(m, update, []any{nav.OpenFileMsg{}}, "tab")
	if v = m.View(); !strings.Contains(v, "M fw.bin") && !strings.Contains(v, "fast.c") || strings.Contains(v, "│ ") {
		t.Errorf("tab while zoomed should show the diff alone:\n%s", v)
	}
	m, _ = drive.Keys(m, update, []any{nav.OpenFileMsg{}}, "z")
	if m.Zoomed() {
		t.Errorf("z again did not unzoom")
	}
}
