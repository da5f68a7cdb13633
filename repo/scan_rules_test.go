package repo_test

import (
	"context"
	"strings"
	"testing"

	"sightline/repo"
	"sightline/repo/repotest"
	"sightline/repo/repotest/pintest"
)

// translations is a release's worth of ordinary non-ASCII text: catalogues
// in Turkish, Russian and Korean, and Cyrillic in comments, strings,
// Markdown and a commit message. None of it is an attack.
var translations = repotest.Tree{
	"po/tr.po":       {Content: "# Türkçe çeviri\nmsgid \"File\"\nmsgstr \"Dosya açılamadı: ılık\"\n"},
	"po/ru.po":       {Content: "# Русский перевод\nmsgid \"Open\"\nmsgstr \"Открыть сор\"\n"},
	"po/ko.po":       {Content: "msgid \"Save\"\nmsgstr \"저장\"\n"},
	"locale/ru.json": {Content: "{\"open\": \"Открыть\", \"paypal\": \"рaypal\"}\n"},
	"docs/ru.md":     {Content: "Это рaypal и сор\n"},
	"main.go": {Content: "package main\n\n// Печать: сор рaypal\n/* блок\n   рaypal */\n" +
		"func main() {\n\tprintln(\"Привет, рaypal\", `сырой\nрaypal`)\n\tx := 'ы'\n\t_ = x\n}\n"},
	"tool.py":  {Content: "# коммент рaypal\ns = '''многострочный\nрaypal'''\nprint(\"сор\")\n"},
	"run.sh":   {Content: "echo \"многострочный\nрaypal\" # рaypal\n"},
	"util.c":   {Content: "/* рaypal */ int paypal = 1; char c = '\\n'; const char *s = \"сор\";\n"},
	"Işık.txt": {Content: "Turkish file name\n"},
}

func scanTree(t *testing.T, tree repotest.Tree) ([]repo.ScanReport, []string) {
	t.Helper()
	c := repotest.New(t)
	c.Author.Name = "Işık Çelik"
	c.Commit("Перевод: обновить каталоги\n", tree)
	r := pintest.Open(t, c.Dir)
	pin := pintest.Resolve(t, r, "HEAD")
	var reports []repo.ScanReport
	var lines []string
	err := r.ScanHostile(context.Background(), pin, func(rp repo.ScanReport) error {
		reports = append(reports, rp)
		lines = append(lines, rp.String())
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return reports, lines
}

func TestScanTranslationsAreNotHostile(t *testing.T) {
	if _, lines := scanTree(t, translations); len(lines) != 0 {
		t.Errorf("translations reported as hostile:\n%s", strings.Join(lines, "\n"))
	}
}

func TestScanReportsIdentifiersAndEveryControl(t *testing.T) {
	tree := repotest.Tree{}
	for p, f := range translations {
		tree[p] = f
	}
	// An identifier mixing Latin and Cyrillic, a Cyrillic-only identifier
	// that reads as an ASCII one defined in another file, two non-ASCII
	// identifiers (Greek and Cyrillic capitals) that read as each other,
	// and the characters that are hostile anywhere, in comments and .po
	// files too.
	tree["pay.go"] = repotest.File{Content: "package pay\n\nfunc p\u0430ypal() {}\n\nvar \u0441\u043e\u0440 = 1 // cop\n"}
	tree["cop.c"] = repotest.File{Content: "int cop = 2;\n"}
	tree["caps.c"] = repotest.File{Content: "int \u0391\u0392 = 1;\nint \u0410\u0412 = 2;\n"}
	tree["po/de.po"] = repotest.File{Content: "msgstr \"a\u202eb\u200bc\x1b[31m\"\n"}
	tree["note.go"] = repotest.File{Content: "// access\u2066 check\u2069\n"}
	_, lines := scanTree(t, tree)
	// The Greek "ΑΒ" comes before its twin, so it is reported after the
	// last file; the Cyrillic "сор" comes after cop.c's "cop", in place.
	want := `caps.c:2:5: U+0410 CYRILLIC CAPITAL LETTER A (identifier "АВ" reads as "ΑΒ")
caps.c:2:7: U+0412 CYRILLIC CAPITAL LETTER VE (identifier "АВ" reads as "ΑΒ")
note.go:1:10: U+2066 LEFT-TO-RIGHT ISOLATE
note.go:1:19: U+2069 POP DIRECTIONAL ISOLATE
pay.go:3:7: U+0430 CYRILLIC SMALL LETTER A (mixed-script identifier "pаypal")
pay.go:5:5: U+0441 CYRILLIC SMALL LETTER ES (identifier "сор" reads as "cop")
pay.go:5:7: U+043E CYRILLIC SMALL LETTER O (identifier "сор" reads as "cop")
pay.go:5:9: U+0440 CYRILLIC SMALL LETTER ER (identifier "сор" reads as "cop")
po/de.po:1:10: U+202E RIGHT-TO-LEFT OVERRIDE
po/de.po:1:14: U+200B ZERO WIDTH SPACE
po/de.po:1:18: U+001B ESCAPE
caps.c:1:5: U+0391 GREEK CAPITAL LETTER ALPHA (identifier "ΑΒ" reads as "АВ")
caps.c:1:7: U+0392 GREEK CAPITAL LETTER BETA (identifier "ΑΒ" reads as "АВ")`
	if got := strings.Join(lines, "\n"); got != want {
		t.Errorf("reports:\n%s\n\nwant:\n%s", got, want)
	}
}

// A word of a file name or an author that mixes scripts is reported; a
// name wholly in one script is not.
func TestScanMixedScriptNames(t *testing.T) {
	_, lines := scanTree(t, repotest.Tree{
		"p\u0430ypal-login.html": {Content: "ok\n"},
		"Işık/ok.txt":            {Content: "ok\n"},
	})
	want := `pаypal-login.html: path col 2: U+0430 CYRILLIC SMALL LETTER A (mixed-script word "pаypal")`
	if got := strings.Join(lines, "\n"); got != want {
		t.Errorf("reports:\n%s\nwant:\n%s", got, want)
	}
}
