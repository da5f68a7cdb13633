package symbols

import (
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
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
	if checked["c"] == 0 {
		t.Error("no C file was checked")
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
