package main

import (
	"path/filepath"
	"strings"
	"testing"

	"sightline/repo/repotest"
	"sightline/tui/tuitest"
)

// TestCLIOutputIsInertOnHostileRepository runs every command that prints
// repository text over the §3.4 fixture, and failing commands over
// hostile arguments, and checks that what reaches stdout and stderr
// could do nothing to a terminal. grep prints raw bytes to a pipe by
// design (for scripts), so it runs with --sanitize, as on a terminal.
func TestCLIOutputIsInertOnHostileRepository(t *testing.T) {
	h := repotest.Hostile(t, repotest.HostileOptions{})
	first := h.Commits[0].String()
	ws := filepath.Join(t.TempDir(), "ws")
	hostileArg := "no\x1b]0;owned\x07such\u202e\x9b2J"
	type run struct {
		args []string
		code int    // wanted exit status; -1: any
		want string // text that must be in the output
	}
	runs := []run{
		{[]string{"scan", "--repo", h.Dir}, 1, "esc^[[31mred.txt: path col 4"},
		{[]string{"scan", "--repo", h.Dir, "--json"}, 1, `"path"`},
		{[]string{"grep", "--repo", h.Dir, "--sanitize", "O"}, 0, "OSC52: ^[]52;c;Y3VybCBldmlsfHNo^G"},
		{[]string{"grep", "--repo", h.Dir, "--sanitize", "-F", "txt"}, -1, ""},
		{[]string{"diff", "--repo", h.Dir, "--base", first, "--numstat"}, 0, "vendor/sub"},
		{[]string{"diff", "--repo", h.Dir, "--base", first, "--stat"}, 0, "1 file changed"},
		{[]string{"diff", "--repo", h.Dir, "--base", "4b825dc642cb6eb9a060e54bf8d69288fbee4904", "--name-status"}, -1, ""},
		{[]string{"log", "--repo", h.Dir}, 0, first},
		{[]string{"log", "--repo", h.Dir, "--", repotest.HostileEscName}, 0, first},
		{[]string{"blame", "--repo", h.Dir, "escapes.txt"}, 0, first},
		{[]string{"findings", "add", "--repo", h.Dir, "--workspace", ws, "--path", "escapes.txt", "--lines", "3-3",
			"--title", "clip \x1b]52;c;ZXZpbA==\x07 \u202e", "--severity", "high", "--note", "n \x1b[2J\r\b",
			"--description", "d \x1b]0;t\x07\nline two \u200b", "--reviewer", "r \x1b]2;x\x07"}, 0, "F-0001"},
		{[]string{"findings", "step", "--repo", h.Dir, "--workspace", ws, "F-0001", "--path", "trojan.c", "--lines", "3-5", "--note", "\u2066step\x07"}, 0, ""},
		{[]string{"findings", "list", "--repo", h.Dir, "--workspace", ws}, 0, "clip ^[]52;c;ZXZpbA==^G"},
		{[]string{"findings", "list", "--repo", h.Dir, "--workspace", ws, "--json"}, 0, "F-0001"},
		{[]string{"findings", "show", "--repo", h.Dir, "--workspace", ws, "F-0001"}, 0, "d ^[]0;t^G"},
		{[]string{"reviewed", "--repo", h.Dir, "--workspace", ws, repotest.HostileNewlineName, repotest.HostileBidiName}, 0, ""},
		// Failures whose messages embed the hostile argument.
		{[]string{"blame", "--repo", h.Dir, hostileArg}, 1, "no such path"},
		{[]string{"log", "--repo", h.Dir, "--rev", hostileArg}, 1, ""},
		{[]string{"grep", "--repo", h.Dir, "--rev", hostileArg, "x"}, -1, ""},
		{[]string{"scan", "--repo", h.Dir, "--rev", hostileArg}, -1, ""},
		{[]string{"findings", "add", "--repo", h.Dir, "--workspace", ws, "--path", hostileArg, "--lines", "1-1", "--title", "t", "--severity", "low"}, -1, ""},
		{[]string{"findings", "show", "--repo", h.Dir, "--workspace", ws, hostileArg}, -1, ""},
		{[]string{"reviewed", "--repo", h.Dir, "--workspace", ws, hostileArg}, -1, ""},
		{[]string{"verify", hostileArg}, -1, ""},
		{[]string{"open", hostileArg}, -1, ""},
		{[]string{hostileArg}, -1, ""},
		{[]string{"diff", "--repo", h.Dir, "--base", hostileArg, "--numstat"}, -1, ""},
	}
	for _, r := range runs {
		code, out, errOut := runCmd(r.args...)
		label := strings.Join(r.args, " ")
		if r.code >= 0 && code != r.code {
			t.Errorf("%q: exit %d, want %d; stderr %q", label, code, r.code, errOut)
		}
		if r.want != "" && !strings.Contains(out+errOut, r.want) {
			t.Errorf("%q: output lacks %q:\n%q", label, r.want, out+errOut)
		}
		// TAB separates fields (numstat, findings list): harmless, but
		// Inert refuses it, so it is looked past here.
		for name, s := range map[string]string{"stdout": out, "stderr": errOut} {
			if err := tuitest.Inert(strings.ReplaceAll(s, "\t", " "), false); err != nil {
				t.Errorf("%q: %s is not inert: %v", label, name, err)
			}
		}
	}
}
