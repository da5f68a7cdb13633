package tui

// The one registry of rebindable keys: each view a config's bind line
// may name, with the KeyMap its bindings live in. ApplyBinds changes the
// bindings themselves (key.Binding SetKeys), so what a key does, the help
// overlay and the hints all follow.

import (
	"errors"
	"fmt"
	"slices"
	"strings"

	"sightline/tui/annotate"
	"sightline/tui/compare"
	"sightline/tui/files"
	"sightline/tui/finder"
	"sightline/tui/findings"
	"sightline/tui/grep"
	"sightline/tui/history"
	"sightline/tui/keys"
	"sightline/tui/triage"
)

// KeyMaps holds the bindings of every view a config may rebind.
type KeyMaps struct {
	Global   keys.Global
	Files    files.KeyMap
	Review   annotate.KeyMap
	Findings findings.KeyMap
	History  history.KeyMap
	Changes  compare.KeyMap // the Changes tab's list and diff; History's diff too
	Finder   finder.KeyMap
	Search   grep.KeyMap
	Triage   triage.KeyMap
}

// DefaultKeyMaps returns every view's default bindings.
func DefaultKeyMaps() KeyMaps {
	return KeyMaps{
		Global:   keys.DefaultGlobal(),
		Files:    files.DefaultKeyMap(),
		Review:   annotate.DefaultKeyMap(),
		Findings: findings.DefaultKeyMap(),
		History:  history.DefaultKeyMap(),
		Changes:  compare.DefaultKeyMap(),
		Finder:   finder.DefaultKeyMap(),
		Search:   grep.DefaultKeyMap(),
		Triage:   triage.DefaultKeyMap(),
	}
}

// Bind is one bind line of a config: in View, Key does Action. Where
// names the line ("config:3") for messages.
type Bind struct {
	Where             string
	View, Key, Action string
}

// notRebindable are views of README's key table whose keys a config
// cannot change yet: their KeyMaps are built inside their pages.
var notRebindable = []string{"form"}

// views lists the rebindable views by the names bind lines use, with the
// views whose keys are read before theirs (a key bound in both would be
// dead in the later one).
func (k *KeyMaps) views() []keyView {
	return []keyView{
		{"any", &k.Global, nil},
		{"files", &k.Files, []string{"any", "review"}},
		{"review", &k.Review, []string{"any", "files"}},
		{"findings", &k.Findings, []string{"any"}},
		{"changes", &k.Changes, []string{"any", "review"}},
		{"history", &k.History, []string{"any"}},
		{"finder", &k.Finder, nil},
		{"search", &k.Search, nil},
		{"triage", &k.Triage, []string{"any"}},
	}
}

type keyView struct {
	name  string
	km    any
	shade []string
}

// ViewNames are the view names bind lines may use.
func ViewNames() []string {
	var k KeyMaps
	var names []string
	for _, v := range k.views() {
		names = append(names, v.name)
	}
	return names
}

// ApplyBinds returns the default KeyMaps with binds applied. The first
// bind of an action replaces its default keys; later ones add keys. Every
// bad line is reported, each naming where it is and what to do.
func ApplyBinds(binds []Bind) (KeyMaps, error) {
	k := DefaultKeyMaps()
	acts := map[string][]keys.Action{}
	for _, v := range k.views() {
		acts[v.name] = keys.Actions(v.km)
	}
	var errs []error
	type bound struct {
		Bind
		act keys.Action
	}
	var done []bound
	replaced := map[string]bool{}
	for _, b := range binds {
		a, err := resolveBind(b, acts)
		if err != nil {
			errs = append(errs, fmt.Errorf("%s: %w", b.Where, err))
			continue
		}
		id := b.View + " " + a.Name
		keysNow := a.Binding.Keys()
		if !replaced[id] {
			keysNow, replaced[id] = nil, true
		}
		if !slices.Contains(keysNow, b.Key) {
			keysNow = append(keysNow, b.Key)
		}
		keys.Rebind(a.Binding, keysNow)
		done = append(done, bound{b, a})
	}
	for _, d := range done {
		if c := conflict(d.Bind, d.act, k.views(), acts); c != "" {
			errs = append(errs, fmt.Errorf("%s: %s", d.Where, c))
		}
	}
	return k, errors.Join(errs...)
}

// resolveBind checks a bind line's view, key and action.
func resolveBind(b Bind, acts map[string][]keys.Action) (keys.Action, error) {
	if slices.Contains(notRebindable, b.View) {
		return keys.Action{}, fmt.Errorf("the %s view's keys cannot be rebound yet; the views are %s", b.View, strings.Join(ViewNames(), ", "))
	}
	list, ok := acts[b.View]
	if !ok {
		return keys.Action{}, fmt.Errorf("unknown view %q; the views are %s", b.View, strings.Join(ViewNames(), ", "))
	}
	if !keys.IsKeyName(b.Key) {
		return keys.Action{}, fmt.Errorf("%q is not a key: write one character, a key name (enter, tab, esc, up, pgdown, f1, space…) or ctrl+/alt+ with one", b.Key)
	}
	a, err := keys.LookupAction(list, b.Action)
	if err != nil {
		return keys.Action{}, fmt.Errorf("in %s: %w", b.View, err)
	}
	if keys.Sequence(*a.Binding) {
		return keys.Action{}, fmt.Errorf("%s %s is a key sequence (%s) and cannot be rebound", b.View, a.Name, a.Binding.Help().Key)
	}
	return a, nil
}

// conflict names another binding the key of b already triggers where b's
// action would see it: in the same group of its view, or in a view whose
// keys are read first. "" when there is none.
func conflict(b Bind, a keys.Action, views []keyView, acts map[string][]keys.Action) string {
	group := func(name string) string {
		if i := strings.LastIndexByte(name, '.'); i >= 0 {
			return name[:i]
		}
		return ""
	}
	for _, v := range views {
		if v.name != b.View && !slices.Contains(shadeOf(views, b.View), v.name) && !slices.Contains(v.shade, b.View) {
			continue
		}
		for _, o := range acts[v.name] {
			if o.Binding == a.Binding || !o.Binding.Enabled() || !slices.Contains(o.Binding.Keys(), b.Key) {
				continue
			}
			if v.name == b.View && group(o.Name) != group(a.Name) {
				continue // another pane of the view: the key is free here
			}
			return fmt.Sprintf("%s is already bound to %s %s: bind that action to another key too, or pick a free key for %s %s",
				b.Key, v.name, o.Name, b.View, a.Name)
		}
	}
	return ""
}

func shadeOf(views []keyView, name string) []string {
	for _, v := range views {
		if v.name == name {
			return v.shade
		}
	}
	return nil
}
