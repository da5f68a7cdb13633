package main

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"sightline/repo/repotest"
)

func runCmd(args ...string) (code int, stdout, stderr string) {
	var out, errb bytes.Buffer
	code = run(args, &out, &errb)
	return code, out.String(), errb.String()
}

func TestScanHostileRepository(t *testing.T) {
	h := repotest.Hostile(t, repotest.HostileOptions{LongLine: true})
	code, out, errOut := runCmd("scan", "--repo", h.Dir)
	if code != 1 {
		t.Fatalf("exit %d, want 1; stderr %s", code, errOut)
	}
	for i := 0; i < len(out); i++ {
		if c := out[i]; c < 0x20 && c != '\n' || c == 0x7f {
			t.Fatalf("raw control byte %#x in output at %d: %q", c, i, out[max(0, i-20):i+1])
		}
	}
	first, second := h.Commits[0].String(), h.Commits[1].String()
	for _, want := range []string{
		"escapes.txt:2:10: U+001B ESCAPE", // CSI
		"escapes.txt:3:31: U+0007 BELL",   // OSC 52
		"escapes.txt:4:33: U+001B ESCAPE", // OSC 8
		"escapes.txt:6:6: U+001B ESCAPE",  // DCS
		"escapes.txt:7:14: U+009B CONTROL SEQUENCE INTRODUCER",
		"escapes.txt:7:42: \\x9B INVALID UTF-8 BYTE",
		"escapes.txt:8:23: U+000D CARRIAGE RETURN",
		"escapes.txt:9:22: U+0008 BACKSPACE",
		"trojan.c:3:5: U+202E RIGHT-TO-LEFT OVERRIDE",
		"trojan_return.c:4:31: U+2067 RIGHT-TO-LEFT ISOLATE",
		`homoglyph.js:2:5: U+0430 CYRILLIC SMALL LETTER A (identifier "а" reads as "a")`,
		"homoglyph.js:3:6: U+200B ZERO WIDTH SPACE",
		"badutf8.txt:1:21: \\xFF INVALID UTF-8 BYTE",
		"nulsrc.c:1:16: U+0000 NULL",
		"esc^[[31mred.txt: path col 4: U+001B ESCAPE",
		"name^Jwith newline.txt: path col 5: U+000A LINE FEED",
		"bidi<U+202E>txt.exe: path col 5: U+202E RIGHT-TO-LEFT OVERRIDE",
		"commit " + first + " message:1:9: U+001B ESCAPE",
		"commit " + first + " author col 5: U+001B ESCAPE",
		"commit " + second + " author col 5: U+001B ESCAPE",
	} {
		if !strings.Contains(out, want+"\n") {
			t.Errorf("missing %q", want)
		}
	}
	if strings.Contains(out, "blob.bin") || strings.Contains(out, "longline.txt") {
		t.Errorf("binary or clean file reported:\n%s", out)
	}
	if !strings.Contains(errOut, "63 hostile characters at commit "+second[:12]+" (HEAD)") {
		t.Errorf("stderr = %q", errOut)
	}

	code, js, _ := runCmd("scan", "--repo", h.Dir, "--rev", "main", "--json")
	var reports []scanJSON
	if err := json.Unmarshal([]byte(js), &reports); err != nil || code != 1 {
		t.Fatalf("--json: exit %d, %v\n%s", code, err, js)
	}
	if len(reports) != strings.Count(out, "\n") {
		t.Errorf("--json has %d reports, text has %d lines", len(reports), strings.Count(out, "\n"))
	}
	var sawEscName bool
	for _, rp := range reports {
		if rp.Source == "path" && rp.Path == "esc^[[31mred.txt" {
			raw, _ := base64.StdEncoding.DecodeString(rp.PathB64)
			sawEscName = string(raw) == repotest.HostileEscName
		}
	}
	if !sawEscName {
		t.Error("--json: no path report with the exact bytes of the escape file name")
	}
	if _, js2, _ := runCmd("scan", "--repo", h.Dir, "--rev", "main", "--json"); js2 != js {
		t.Error("--json output differs between two runs")
	}
}

// The bidi lines sightline reports are the ones git grep finds.
func TestScanBidiMatchesGitGrep(t *testing.T) {
	h := repotest.Hostile(t, repotest.HostileOptions{})
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("git not installed")
	}
	cmd := exec.Command("git", "-C", h.Dir, "grep", "-I", "-n", "-P", `[\x{202A}-\x{202E}\x{2066}-\x{2069}]`, "main")
	gitOut, err := cmd.Output()
	if err != nil {
		t.Skipf("git grep -P unavailable: %v", err)
	}
	var want []string
	for _, l := range strings.Split(strings.TrimSpace(string(gitOut)), "\n") {
		parts := strings.SplitN(strings.TrimPrefix(l, "main:"), ":", 3)
		want = append(want, parts[0]+":"+parts[1])
	}
	_, out, _ := runCmd("scan", "--repo", h.Dir)
	seen := map[string]bool{}
	var got []string
	for _, l := range strings.Split(out, "\n") {
		if strings.Contains(l, "ISOLATE") || strings.Contains(l, "OVERRIDE") || strings.Contains(l, "EMBEDDING") {
			parts := strings.SplitN(l, ":", 3)
			if k := parts[0] + ":" + parts[1]; !strings.Contains(l, ": path col") && !seen[k] {
				seen[k] = true
				got = append(got, k)
			}
		}
	}
	sort.Strings(got)
	sort.Strings(want)
	if strings.Join(got, " ") != strings.Join(want, " ") {
		t.Errorf("scan bidi lines %v, git grep %v", got, want)
	}
}

func TestScanCleanRepositoryAndUsage(t *testing.T) {
	c := repotest.New(t)
	c.Commit("init", repotest.Tree{"main.go": {Content: "package main\n\nfunc main() {}\n"}})
	code, out, errOut := runCmd("scan", "--repo", c.Dir)
	if code != 0 || out != "" || !strings.Contains(errOut, "no hostile characters") {
		t.Errorf("clean: exit %d, stdout %q, stderr %q", code, out, errOut)
	}
	if code, out, _ := runCmd("scan", "--repo", c.Dir, "--json"); code != 0 || out != "[]\n" {
		t.Errorf("clean --json: exit %d, %q", code, out)
	}
	if code, _, errOut := runCmd("scan", "--frobnicate"); code != 2 || !strings.Contains(errOut, "frobnicate") {
		t.Errorf("bad flag: exit %d, %q", code, errOut)
	}
	if code, _, _ := runCmd("scan", "extra"); code != 2 {
		t.Errorf("extra argument: exit %d", code)
	}
	if code, _, errOut := runCmd("scan", "--repo", c.Dir, "--rev", "nope"); code != 2 || !strings.Contains(errOut, "unknown revision") {
		t.Errorf("bad rev: exit %d, %q", code, errOut)
	}
	if code, _, errOut := runCmd("scan", "--repo", t.TempDir()); code != 2 || !strings.Contains(errOut, "not a git repository") {
		t.Errorf("not a repo: exit %d, %q", code, errOut)
	}
	if code, _, errOut := runCmd("scan", "--repo", filepath.Join(t.TempDir(), "gone")); code != 2 || !strings.Contains(errOut, "cannot check") {
		t.Errorf("missing repo: exit %d (want 2: cannot check, not found), %q", code, errOut)
	}
	if code, out, _ := runCmd("scan", "--help"); code != 0 || !strings.Contains(out, "sightline scan [--repo PATH]") ||
		!strings.Contains(out, "2 when the\nrepository could not be checked") {
		t.Errorf("--help: exit %d, %q", code, out)
	}
}

// A translations-only release is clean (exit 0); an identifier that mixes
// scripts and a Trojan Source line are not (exit 1), and the JSON names
// the rule that fired.
func TestScanTranslationsCleanIdentifiersNot(t *testing.T) {
	tree := repotest.Tree{
		"po/tr.po": {Content: "msgid \"File\"\nmsgstr \"Dosya açılamadı\"\n"},
		"po/ru.po": {Content: "# Русский\nmsgid \"Open\"\nmsgstr \"Открыть\"\n"},
		"po/ko.po": {Content: "msgid \"Save\"\nmsgstr \"저장\"\n"},
		"main.go":  {Content: "package main\n\n// Печать\nfunc main() { println(\"Привет\") }\n"},
	}
	c := repotest.New(t)
	c.Commit("translations\n", tree)
	code, out, errOut := runCmd("scan", "--repo", c.Dir)
	if code != 0 || out != "" {
		t.Fatalf("translations: exit %d, stdout %q, stderr %q", code, out, errOut)
	}
	tree["pay.go"] = repotest.File{Content: "package main\n\nfunc p\u0430ypal() {} // \u202e\n"}
	c.Commit("hostile\n", tree)
	code, js, errOut := runCmd("scan", "--repo", c.Dir, "--json")
	var reports []scanJSON
	if err := json.Unmarshal([]byte(js), &reports); err != nil || code != 1 {
		t.Fatalf("exit %d, %v, stderr %q\n%s", code, err, errOut, js)
	}
	var rules []string
	for _, rp := range reports {
		rules = append(rules, rp.Path+":"+rp.Rule+":"+rp.Ident)
	}
	if got, want := strings.Join(rules, " "), "pay.go:mixed-script-identifier:pаypal pay.go:bidi:"; got != want {
		t.Errorf("rules %q, want %q\n%s", got, want, js)
	}
}
