package tui

import (
	"regexp"
	"strings"
	"testing"
)

// With a commit's diff open, History's help lists the diff's keys, as the
// Changes tab's does, and the way back; closed, it lists the commit list's.
func TestHistoryHelpListsTheOpenDiffsKeys(t *testing.T) {
	_, r := blameFixture(t)
	// Key and description, however wide the help's columns are.
	var diffKeys []*regexp.Regexp
	for _, kd := range [][2]string{
		{"]c", "next hunk"}, {"[c", "previous hunk"}, {"]f", "next file"}, {"[f", "previous file"},
		{"s", "side by side"}, {"e/+", "more context"}, {"-", "less context"},
		{"!", "next hostile character"}, {"u", `escape non-ASCII as \u{…}`},
		{"esc", "back to the files, then the commits"},
	} {
		diffKeys = append(diffKeys, regexp.MustCompile(`(^|\s)`+regexp.QuoteMeta(kd[0])+` +`+regexp.QuoteMeta(kd[1])))
	}
	m := press(t, startAt(t, r, ""), "3", "?")
	s := screen(m)
	if !strings.Contains(s, "diff against first parent") {
		t.Fatalf("History help with no diff open lacks the list's enter:\n%s", s)
	}
	for _, k := range diffKeys {
		if k.MatchString(s) {
			t.Errorf("History help with no diff open lists %q:\n%s", k, s)
		}
	}
	m = press(t, m, "?", "enter", "?")
	s = screen(m)
	for _, k := range diffKeys {
		if !k.MatchString(s) {
			t.Errorf("History help with a commit's diff open lacks %q:\n%s", k, s)
		}
	}
	if strings.Contains(s, "diff against first parent") {
		t.Errorf("History help with a diff open still lists the commit list's keys:\n%s", s)
	}
	m = press(t, m, "?", "esc", "esc", "?") // the diff, its files, then the commits
	if s := screen(m); !strings.Contains(s, "diff against first parent") || strings.Contains(s, "next hunk") {
		t.Errorf("after esc esc the help still lists the diff's keys:\n%s", s)
	}
}
