package main

// The workbench's config file: $XDG_CONFIG_HOME/sightline/config (else
// ~/.config/sightline/config), or --config FILE. One setting a line, as
// tig's config:
//
//	# comments and blank lines are ignored
//	theme light              # dark, light or auto (--theme wins)
//	clipboard off            # y and Y copy with OSC 52 unless off
//	bind review M mark       # in VIEW, KEY does ACTION
//
// A bad line refuses the start, naming file:line and what to do: a
// reviewer who rebound a key must not meet the default silently.

import (
	"bufio"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"sightline/repo/textsafe"
	"sightline/tui"
	"sightline/tui/keys"
	"sightline/tui/theme"
)

// config is what the config file set.
type config struct {
	theme     theme.Mode // "" when the file does not say
	clipboard bool
	binds     []tui.Bind
}

// configPath is the default config file, "" when there is no home.
func configPath(getenv func(string) string) string {
	if d := getenv("XDG_CONFIG_HOME"); filepath.IsAbs(d) {
		return filepath.Join(d, "sightline", "config")
	}
	if h := getenv("HOME"); h != "" {
		return filepath.Join(h, ".config", "sightline", "config")
	}
	return ""
}

// loadConfig reads the config file at path. A missing default file is no
// error (explicit: whether --config named it).
func loadConfig(path string, explicit bool) (config, error) {
	c := config{clipboard: true}
	if path == "" {
		return c, nil
	}
	f, err := os.Open(path)
	if errors.Is(err, os.ErrNotExist) && !explicit {
		return c, nil
	}
	if err != nil {
		return c, fmt.Errorf("config: %w", err)
	}
	defer f.Close()
	var errs []error
	sc := bufio.NewScanner(f)
	for n := 1; sc.Scan(); n++ {
		where := fmt.Sprintf("%s:%d", path, n)
		if err := c.parseLine(sc.Text(), where); err != nil {
			errs = append(errs, fmt.Errorf("%s: %w", where, err))
		}
	}
	if err := sc.Err(); err != nil {
		errs = append(errs, fmt.Errorf("%s: %w", path, err))
	}
	return c, errors.Join(errs...)
}

// parseLine reads one line of the config into c.
func (c *config) parseLine(line, where string) error {
	if i := strings.IndexByte(line, '#'); i >= 0 {
		line = line[:i]
	}
	f := strings.Fields(line)
	if len(f) == 0 {
		return nil
	}
	switch f[0] {
	case "theme":
		if len(f) != 2 {
			return errors.New("write theme dark, theme light or theme auto")
		}
		m, err := theme.ParseMode(f[1])
		c.theme = m
		return err
	case "clipboard":
		if len(f) != 2 || (f[1] != "on" && f[1] != "off") {
			return errors.New("write clipboard on or clipboard off")
		}
		c.clipboard = f[1] == "on"
		return nil
	case "bind":
		if len(f) != 4 {
			return fmt.Errorf("write bind VIEW KEY ACTION (views: %s), e.g. bind review M mark", strings.Join(tui.ViewNames(), ", "))
		}
		c.binds = append(c.binds, tui.Bind{Where: where, View: strings.ToLower(f[1]), Key: keys.NormalizeKey(f[2]), Action: f[3]})
		return nil
	}
	return fmt.Errorf("unknown setting %q: the settings are theme, clipboard and bind", textsafe.Sanitize(f[0]))
}

// workbenchConfig reads the config (--config, else the default file) and
// applies --theme over it: the theme mode and the views' key maps.
func workbenchConfig(of openFlags) (config, *tui.KeyMaps, error) {
	var flagMode theme.Mode
	if of.theme != "" {
		m, err := theme.ParseMode(of.theme)
		if err != nil {
			return config{}, nil, usagef("--%v", err)
		}
		flagMode = m
	}
	path, explicit := of.config, of.config != ""
	if !explicit {
		path = configPath(os.Getenv)
	}
	c, err := loadConfig(path, explicit)
	if err != nil {
		return c, nil, sanitizedErr(err)
	}
	km, err := tui.ApplyBinds(c.binds)
	if err != nil {
		return c, nil, sanitizedErr(err)
	}
	if flagMode != "" {
		c.theme = flagMode
	}
	if c.theme == "" {
		c.theme = theme.ModeAuto
	}
	return c, &km, nil
}

// sanitizedErr keeps what a config file holds (it may be anyone's) from
// reaching the terminal raw.
func sanitizedErr(err error) error {
	return errors.New(textsafe.SanitizeMultiline(err.Error()))
}
