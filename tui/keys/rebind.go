package keys

import (
	"fmt"
	"reflect"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/charmbracelet/bubbles/key"
)

// Action is one rebindable binding of a KeyMap, named for the config
// file's bind lines: its field path in kebab case ("tree.open",
// "path-history"); a field named Nav adds no segment ("code.up"), and
// the elements of an array are numbered from 1 ("views-2").
type Action struct {
	Name    string
	Binding *key.Binding
}

// Actions lists the bindings of the KeyMap km points to, in field order.
func Actions(km any) []Action {
	var out []Action
	var walk func(v reflect.Value, path []string)
	walk = func(v reflect.Value, path []string) {
		if b, ok := v.Addr().Interface().(*key.Binding); ok {
			out = append(out, Action{Name: strings.Join(path, "."), Binding: b})
			return
		}
		switch v.Kind() {
		case reflect.Struct:
			for i := 0; i < v.NumField(); i++ {
				f := v.Type().Field(i)
				if !f.IsExported() {
					continue
				}
				p := path
				if f.Name != "Nav" {
					p = append(slices.Clip(path), kebab(f.Name))
				}
				walk(v.Field(i), p)
			}
		case reflect.Array:
			for i := 0; i < v.Len(); i++ {
				p := slices.Clone(path)
				p[len(p)-1] = fmt.Sprintf("%s-%d", p[len(p)-1], i+1)
				walk(v.Index(i), p)
			}
		}
	}
	walk(reflect.ValueOf(km).Elem(), nil)
	return out
}

// LookupAction finds the action name names: its full name, or a shorter
// tail of it ("wrap" for "code.wrap") when only one action ends so.
func LookupAction(acts []Action, name string) (Action, error) {
	var hits []Action
	for _, a := range acts {
		if a.Name == name {
			return a, nil
		}
		if strings.HasSuffix(a.Name, "."+name) {
			hits = append(hits, a)
		}
	}
	switch len(hits) {
	case 1:
		return hits[0], nil
	case 0:
		names := make([]string, len(acts))
		for i, a := range acts {
			names[i] = a.Name
		}
		return Action{}, fmt.Errorf("unknown action %q; the actions are: %s", name, strings.Join(names, ", "))
	}
	names := make([]string, len(hits))
	for i, a := range hits {
		names[i] = a.Name
	}
	return Action{}, fmt.Errorf("action %q is ambiguous: write one of %s", name, strings.Join(names, ", "))
}

// Sequence reports whether b is bound to a key sequence ("]s", or "gg",
// whose binding holds the first g and whose pane reads the second), which
// a config cannot rebind.
func Sequence(b key.Binding) bool {
	for _, k := range b.Keys() {
		if !IsKeyName(k) {
			return true
		}
	}
	h := []rune(b.Help().Key)
	return len(h) == 2 && h[0] == h[1]
}

// namedKeys are the keys bubbletea names (tea.KeyMsg.String()) besides a
// single character, with modifiers.
var namedKeys = []string{"enter", "tab", "shift+tab", "esc", "backspace", "delete", "insert",
	"up", "down", "left", "right", "home", "end", "pgup", "pgdown",
	"shift+up", "shift+down", "shift+left", "shift+right", "ctrl+up", "ctrl+down", "ctrl+left", "ctrl+right",
	"f1", "f2", "f3", "f4", "f5", "f6", "f7", "f8", "f9", "f10", "f11", "f12"}

// IsKeyName reports whether k names one key as bubbletea reports it: a
// printable character, a named key, or ctrl+ or alt+ with either.
func IsKeyName(k string) bool {
	if r, n := utf8.DecodeRuneInString(k); n == len(k) && r != utf8.RuneError && unicode.IsGraphic(r) && r != ' ' {
		return true
	}
	if k == " " || slices.Contains(namedKeys, k) {
		return true
	}
	for _, mod := range []string{"ctrl+", "alt+"} {
		if rest, ok := strings.CutPrefix(k, mod); ok && rest != "" && !strings.HasPrefix(rest, "ctrl+") {
			return IsKeyName(rest)
		}
	}
	return false
}

// NormalizeKey turns a key as a config writes it into bubbletea's name:
// names and modifiers in any case ("F2", "Ctrl+T" is ctrl+t), "space" is
// " ", "pgdn" is "pgdown"; a single character keeps its case ("alt+K").
func NormalizeKey(k string) string {
	parts := strings.Split(k, "+")
	for i, p := range parts {
		if i < len(parts)-1 || utf8.RuneCountInString(p) > 1 {
			parts[i] = strings.ToLower(p)
		}
	}
	if last := parts[len(parts)-1]; last == "space" {
		parts[len(parts)-1] = " "
	} else if last == "pgdn" {
		parts[len(parts)-1] = "pgdown"
	}
	return strings.Join(parts, "+")
}

// Rebind makes keys the keys of b, and its help show them.
func Rebind(b *key.Binding, keys []string) {
	shown := make([]string, len(keys))
	for i, k := range keys {
		shown[i] = k
		if k == " " {
			shown[i] = "space"
		}
	}
	b.SetKeys(keys...)
	b.SetHelp(strings.Join(shown, "/"), b.Help().Desc)
}

// kebab turns a Go field name into an action name: MarkReviewed is
// mark-reviewed, NextHit next-hit.
func kebab(s string) string {
	var b strings.Builder
	rs := []rune(s)
	for i, r := range rs {
		if unicode.IsUpper(r) {
			if i > 0 && (unicode.IsLower(rs[i-1]) || (i+1 < len(rs) && unicode.IsLower(rs[i+1]))) {
				b.WriteByte('-')
			}
			r = unicode.ToLower(r)
		}
		b.WriteRune(r)
	}
	return b.String()
}
