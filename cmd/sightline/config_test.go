package main

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"sightline/repo/repotest"
	"sightline/tui/theme"
)

func writeConfig(t *testing.T, text string) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), "config")
	if err := os.WriteFile(p, []byte(text), 0o600); err != nil {
		t.Fatal(err)
	}
	return p
}

// TestConfigParses: settings, comments and blank lines; the first bind
// of an action replaces its keys; --theme wins over the file.
func TestConfigParses(t *testing.T) {
	p := writeConfig(t, "# my keys\n\ntheme light\nclipboard off   # no OSC 52 here\nbind review M mark\nbind files space code.page-down\n")
	c, km, err := workbenchConfig(openFlags{config: p})
	if err != nil {
		t.Fatal(err)
	}
	if c.theme != theme.ModeLight || c.clipboard {
		t.Errorf("theme %q clipboard %v, want light and off", c.theme, c.clipboard)
	}
	if got := km.Review.Mark.Keys(); !slices.Equal(got, []string{"M"}) {
		t.Errorf("mark keys %v, want [M]", got)
	}
	if got := km.Files.Code.Nav.PageDown; !slices.Equal(got.Keys(), []string{" "}) || got.Help().Key != "space" {
		t.Errorf("page-down keys %q help %q, want space", got.Keys(), got.Help().Key)
	}
	if c, _, err := workbenchConfig(openFlags{config: p, theme: "dark"}); err != nil || c.theme != theme.ModeDark {
		t.Errorf("--theme dark over theme light: %q, %v", c.theme, err)
	}
	if _, _, err := workbenchConfig(openFlags{config: p, theme: "blue"}); err == nil || !strings.Contains(err.Error(), `--theme "blue": want dark, light or auto`) {
		t.Errorf("--theme blue: %v", err)
	}
}

// TestConfigErrorsNameFileAndLine: every bad line is reported, each with
// file:line and what to write instead; the start is refused.
func TestConfigErrorsNameFileAndLine(t *testing.T) {
	p := writeConfig(t, strings.Join([]string{
		"theme solarized",           // 1
		"theme",                     // 2
		"clipboard maybe",           // 3
		"colour red",                // 4
		"bind review M",             // 5
		"bind filez x wrap",         // 6
		"bind files x wrapp",        // 7
		"bind review a mark",        // 8
		"bind files ctrl+ wrap",     // 9
		"bind form z save",          // 10
		"bind review \x1b[31m mark", // 11
		"bind files x up",           // 12
	}, "\n"))
	_, _, err := workbenchConfig(openFlags{config: p})
	if err == nil {
		t.Fatal("a config full of errors was accepted")
	}
	msg := err.Error()
	for _, want := range []string{
		p + `:1: theme "solarized": want dark, light or auto`,
		p + ":2: write theme dark, theme light or theme auto",
		p + ":3: write clipboard on or clipboard off",
		p + `:4: unknown setting "colour": the settings are theme, clipboard and bind`,
		p + ":5: write bind VIEW KEY ACTION (views: any, files, review",
	} {
		if !strings.Contains(msg, want) {
			t.Errorf("error lacks %q:\n%s", want, msg)
		}
	}
	// The bind lines are checked once the file parses.
	p = writeConfig(t, strings.Join([]string{"bind filez x wrap", "bind files x wrapp", "bind review a mark", "bind files ctrl+ wrap",
		"bind form z save", "bind review \x1b[31m mark", "bind files x up"}, "\n"))
	_, _, err = workbenchConfig(openFlags{config: p})
	if err == nil {
		t.Fatal("bad bind lines were accepted")
	}
	msg = err.Error()
	for _, want := range []string{
		p + `:1: unknown view "filez"; the views are any, files, review, findings, changes, history, finder, search`,
		p + `:2: in files: unknown action "wrapp"; the actions are:`,
		p + ":3: a is already bound to review add: bind that action to another key too, or pick a free key for review mark",
		p + `:4: "ctrl+" is not a key`,
		p + ":5: the form view's keys cannot be rebound yet",
		p + `:6: "\x1b[31m" is not a key`,
		p + `:7: in files: action "up" is ambiguous: write one of tree.up, code.up`,
	} {
		if !strings.Contains(msg, want) {
			t.Errorf("error lacks %q:\n%s", want, msg)
		}
	}
	if strings.ContainsRune(msg, 0x1b) {
		t.Errorf("the error holds a raw escape: %q", msg)
	}
}

// TestConfigPath: XDG_CONFIG_HOME, else ~/.config; a missing default
// file is no error, a missing --config file is.
func TestConfigPath(t *testing.T) {
	env := func(m map[string]string) func(string) string { return func(k string) string { return m[k] } }
	if got := configPath(env(map[string]string{"XDG_CONFIG_HOME": "/x", "HOME": "/h"})); got != "/x/sightline/config" {
		t.Errorf("with XDG_CONFIG_HOME: %q", got)
	}
	if got := configPath(env(map[string]string{"XDG_CONFIG_HOME": "rel", "HOME": "/h"})); got != "/h/.config/sightline/config" {
		t.Errorf("relative XDG_CONFIG_HOME (ignored, as the spec says): %q", got)
	}
	missing := filepath.Join(t.TempDir(), "none")
	if c, err := loadConfig(missing, false); err != nil || !c.clipboard {
		t.Errorf("missing default config: %v (clipboard %v)", err, c.clipboard)
	}
	if _, err := loadConfig(missing, true); err == nil {
		t.Error("a missing --config file is accepted")
	}
}

// TestOpenRefusesABadConfig: the workbench does not start on a bad
// config; the message names the file and line.
func TestOpenRefusesABadConfig(t *testing.T) {
	rt := repotest.New(t)
	rt.Commit("one", repotest.Tree{"a.go": {Content: "package a\n"}})
	p := writeConfig(t, "theme light\nbind review m mrk\n")
	var stdout, stderr strings.Builder
	err := runOpen([]string{rt.Dir, "--config", p}, &stdout, &stderr)
	if err == nil || !strings.Contains(err.Error(), p+`:2: in review: unknown action "mrk"`) {
		t.Fatalf("open with a bad config: %v", err)
	}
}
