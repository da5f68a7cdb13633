package symbols

// References against git grep: for a seeded sample of names on the corpus
// projects, every word-bounded hit of `git grep -w -n` is placed in code,
// comment or string by a small scanner written here (independent of
// chroma and go/parser), and refs must present exactly the code ones as
// code: none missed, none from a comment or string promoted to code.

import (
	"bufio"
	"bytes"
	"fmt"
	"math/rand"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"testing"
)

func TestRefsAgainstGitGrepC(t *testing.T) {
	refsAgainstGitGrep(t, "tmux", "c", cKeywords)
}

func TestRefsAgainstGitGrepGo(t *testing.T) {
	refsAgainstGitGrep(t, "fzf", "go", goKeywords)
}

// refsSample is how many names each project's check takes.
const refsSample = 300

func refsAgainstGitGrep(t *testing.T, project, lang string, keywords map[string]bool) {
	ix, dir := corpusIndex(t, project, func(string) bool { return true })
	gitDir := filepath.Join(filepath.Dir(dir), project+".git")
	names := sampleNames(ix, lang, keywords, refsSample, 15)
	src := map[string][]byte{}
	where := map[string]map[[2]int]Where{} // path -> line:col -> place, by the test's scanner
	hits := grepWords(t, gitDir, names)
	var st refStats
	rp := refPlaces{}
	skipped := map[string]bool{}
	for _, s := range ix.Skipped {
		skipped[s.Path] = true
	}
	var problems []string
	for _, h := range hits {
		if skipped[h.path] {
			st.skipped++ // listed as not tagged, as refs lists it
			continue
		}
		f := ix.file(h.path)
		if f == nil || f.Lang != lang {
			continue
		}
		if src[h.path] == nil {
			b, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(h.path)))
			if err != nil {
				t.Fatal(err)
			}
			src[h.path] = b
			where[h.path] = scanPlaces(src[h.path], lang)
		}
		for _, col := range wordCols(h.text, h.name) {
			in, ok := where[h.path][[2]int{h.line, col}]
			if !ok {
				t.Fatalf("%s:%d:%d: the test's scanner did not see %s there (git grep: %q)", h.path, h.line, col, h.name, h.text)
			}
			st.count(in)
			got, found := h.refAt(ix, rp, col)
			switch {
			case in == Code && (!found || got != Code):
				st.missed++
				problems = append(problems, fmt.Sprintf("missed in code: %s:%d:%d %s (refs: %v)", h.path, h.line, col, h.name, placeText(got, found)))
			case in != Code && found && got == Code:
				st.promoted++
				problems = append(problems, fmt.Sprintf("%s shown as code: %s:%d:%d %s", in, h.path, h.line, col, h.name))
			}
		}
	}
	t.Logf("\n%s: %d names, %d git grep -w lines\n%s", project, len(names), len(hits), st.table())
	sort.Strings(problems)
	for i, p := range problems {
		if i == 20 {
			t.Errorf("... and %d more", len(problems)-20)
			break
		}
		t.Error(p)
	}
	if st.code < 1000 {
		t.Errorf("only %d occurrences in code checked; the sample is too small to mean anything", st.code)
	}
}

type refStats struct{ code, comment, str, missed, promoted, skipped int }

func (s *refStats) count(w Where) {
	switch w {
	case Code:
		s.code++
	case Comment:
		s.comment++
	default:
		s.str++
	}
}

func (s refStats) table() string {
	return fmt.Sprintf("| in code | in refs as code | missed | in comments | in strings | comment/string shown as code | lines in files not tagged |\n"+
		"| %d | %d (%.2f%%) | %d | %d | %d | %d | %d |", s.code, s.code-s.missed, 100*ratio(s.code-s.missed, s.code), s.missed, s.comment, s.str, s.promoted, s.skipped)
}

func placeText(w Where, found bool) string {
	if !found {
		return "absent"
	}
	return w.String()
}

// sampleNames picks n names from those the files of lang mention (in
// code or not), with a fixed seed; keywords are not identifiers.
func sampleNames(ix *Index, lang string, keywords map[string]bool, n int, seed int64) []string {
	seen := map[string]bool{}
	for _, f := range ix.Files {
		if f.Lang != lang {
			continue
		}
		for _, o := range f.Occs {
			if !keywords[o.Name] && asciiWord(o.Name) {
				seen[o.Name] = true
			}
		}
	}
	all := make([]string, 0, len(seen))
	for k := range seen {
		all = append(all, k)
	}
	sort.Strings(all)
	rand.New(rand.NewSource(seed)).Shuffle(len(all), func(i, j int) { all[i], all[j] = all[j], all[i] })
	return all[:min(n, len(all))]
}

// asciiWord is what git grep -w bounds the same way the tagger does.
func asciiWord(s string) bool {
	for i := 0; i < len(s); i++ {
		if !isWordByte(s[i]) {
			return false
		}
	}
	return s != "" && !(s[0] >= '0' && s[0] <= '9')
}

func isWordByte(c byte) bool {
	return c == '_' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
}

// grepHit is one line git grep printed, for one of the names on it.
type grepHit struct {
	path, name, text string
	line             int
}

// refPlaces is what ix.Refs says of each name, by path, line and column.
type refPlaces map[string]map[grepKey]Where

type grepKey struct {
	path      string
	line, col int
}

// refAt says where refs puts the occurrence of the hit's name at col.
func (h grepHit) refAt(ix *Index, rp refPlaces, col int) (Where, bool) {
	if rp[h.name] == nil {
		rp[h.name] = map[grepKey]Where{}
		for _, r := range ix.Refs(h.name) {
			rp[h.name][grepKey{r.Path, r.Line, r.Col}] = r.In
		}
	}
	w, ok := rp[h.name][grepKey{h.path, h.line, col}]
	return w, ok
}

// grepWords runs git grep -w -n for the names at HEAD, in batches, and
// returns a hit for each name on each line it printed.
func grepWords(t *testing.T, gitDir string, names []string) []grepHit {
	t.Helper()
	var hits []grepHit
	for i := 0; i < len(names); i += 50 {
		args := []string{"-C", gitDir, "grep", "-w", "-n", "-F", "-I", "--no-color"}
		batch := names[i:min(i+50, len(names))]
		for _, n := range batch {
			args = append(args, "-e", n)
		}
		out, err := exec.Command("git", append(args, "HEAD")...).Output()
		if err != nil && len(out) > 0 {
			t.Fatalf("git grep: %v", err)
		}
		sc := bufio.NewScanner(bytes.NewReader(out))
		sc.Buffer(nil, 1<<24)
		for sc.Scan() {
			parts := strings.SplitN(strings.TrimPrefix(sc.Text(), "HEAD:"), ":", 3)
			if len(parts) != 3 {
				continue
			}
			line, err := strconv.Atoi(parts[1])
			if err != nil {
				t.Fatalf("git grep line %q", sc.Text())
			}
			for _, n := range batch {
				if len(wordCols(parts[2], n)) > 0 {
					hits = append(hits, grepHit{path: parts[0], name: n, text: parts[2], line: line})
				}
			}
		}
	}
	return hits
}

// wordCols returns the byte columns (from 1) where name stands as a word
// in line, as git grep -w bounds words.
func wordCols(line, name string) []int {
	var cols []int
	for i := 0; ; {
		j := strings.Index(line[i:], name)
		if j < 0 {
			return cols
		}
		at := i + j
		end := at + len(name)
		if (at == 0 || !isWordByte(line[at-1])) && (end == len(line) || !isWordByte(line[end])) {
			cols = append(cols, at+1)
		}
		i = at + 1
	}
}

func (ix *Index) file(p string) *File {
	i := sort.Search(len(ix.Files), func(i int) bool { return ix.Files[i].Path >= p })
	if i < len(ix.Files) && ix.Files[i].Path == p {
		return &ix.Files[i]
	}
	return nil
}

var cKeywords = wordSet(`auto break case char const continue default do double else enum extern float for goto if inline int
	long register restrict return short signed sizeof static struct switch typedef union unsigned void volatile while
	_Bool _Complex _Imaginary _Alignas _Alignof _Atomic _Noreturn _Static_assert _Thread_local
	define include ifdef ifndef endif elif undef pragma defined`)

var goKeywords = wordSet(`break case chan const continue default defer else fallthrough for func go goto if import
	interface map package range return select struct switch type var`)

func wordSet(s string) map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(s) {
		m[w] = true
	}
	return m
}
