package bundle

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"reflect"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"
)

// ErrNotStrict means a bundle's bytes are valid JSON that two readers could
// read two ways (duplicate or case-variant keys, unknown fields, invalid
// UTF-8, a BOM, fractional numbers), or break the format's rules. Such a
// bundle is refused even under a valid signature.
var ErrNotStrict = errors.New("bundle not in strict format")

func notStrict(format string, args ...any) error {
	return fmt.Errorf("%w: %s", ErrNotStrict, fmt.Sprintf(format, args...))
}

// ReadBundle parses a bundle strictly. encoding/json alone matches keys
// case-insensitively with the last duplicate winning, and replaces invalid
// UTF-8, so a token-level pre-scan refuses all of that first; then the
// decoder refuses unknown fields, and validateBundle the format's rules.
func ReadBundle(data []byte) (*Bundle, error) {
	if bytes.HasPrefix(data, []byte("\xef\xbb\xbf")) {
		return nil, notStrict("starts with a UTF-8 byte order mark")
	}
	if !utf8.Valid(data) {
		return nil, notStrict("invalid UTF-8 at byte %d", invalidUTF8Offset(data))
	}
	if i := bytes.IndexByte(data, '\r'); i >= 0 {
		return nil, notStrict("CR at byte %d (bundles use LF line ends only)", i)
	}
	if err := scanEscapes(data); err != nil {
		return nil, err
	}
	if err := prescanBundle(data); err != nil {
		return nil, err
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	var b Bundle
	if err := dec.Decode(&b); err != nil {
		return nil, notStrict("%s", strings.TrimPrefix(err.Error(), "json: "))
	}
	if err := validateBundle(&b); err != nil {
		return nil, err
	}
	return &b, nil
}

func invalidUTF8Offset(b []byte) int {
	for i := 0; i < len(b); {
		r, n := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError && n == 1 {
			return i
		}
		i += n
	}
	return -1
}

// scanEscapes refuses \u escapes of UTF-16 surrogates that do not form a
// valid pair: encoding/json turns them into U+FFFD, other readers may not.
func scanEscapes(data []byte) error {
	inString := false
	for i := 0; i < len(data); i++ {
		c := data[i]
		switch {
		case c == '"':
			inString = !inString
		case inString && c == '\\' && i+1 < len(data):
			if data[i+1] == 'u' && i+6 <= len(data) {
				r := hexRune(data[i+2 : i+6])
				if utf16IsSurrogate(r) {
					lowOK := r < 0xdc00 && i+12 <= len(data) && data[i+6] == '\\' && data[i+7] == 'u' &&
						hexRune(data[i+8:i+12]) >= 0xdc00 && hexRune(data[i+8:i+12]) <= 0xdfff
					if !lowOK {
						return notStrict("unpaired UTF-16 surrogate escape at byte %d", i)
					}
					i += 6
				}
			}
			i++ // skip the escaped byte
		}
	}
	return nil
}

func utf16IsSurrogate(r rune) bool { return r >= 0xd800 && r <= 0xdfff }

func hexRune(h []byte) rune {
	var r rune
	for _, c := range h {
		switch {
		case c >= '0' && c <= '9':
			r = r<<4 | rune(c-'0')
		case c >= 'a' && c <= 'f':
			r = r<<4 | rune(c-'a'+10)
		case c >= 'A' && c <= 'F':
			r = r<<4 | rune(c-'A'+10)
		default:
			return -1
		}
	}
	return r
}

// prescanFrame is one open object or array during prescanBundle.
type prescanFrame struct {
	object    bool
	expectKey bool
	keys      map[string]string // fold -> key as written
}

// prescanBundle walks the JSON tokens and refuses duplicate keys, keys that
// differ only in letter case, keys that are not spelled exactly as a
// bundle field, null, fractional or exponent numbers, and anything after
// the top-level object.
func prescanBundle(data []byte) error {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	var stack []*prescanFrame
	started := false
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			if !started || len(stack) > 0 {
				return notStrict("unexpected end of file")
			}
			return nil
		}
		if err != nil {
			return notStrict("%v", err)
		}
		if started && len(stack) == 0 {
			return notStrict("data after the top-level object")
		}
		if !started {
			if d, ok := tok.(json.Delim); !ok || d != '{' {
				return notStrict("the top level is not an object")
			}
			started = true
			stack = append(stack, &prescanFrame{object: true, expectKey: true, keys: map[string]string{}})
			continue
		}
		top := stack[len(stack)-1]
		if top.object && top.expectKey {
			if d, ok := tok.(json.Delim); ok && d == '}' {
				stack = stack[:len(stack)-1]
				continue
			}
			key, _ := tok.(string) // the decoder only gives strings here
			if err := top.addKey(key); err != nil {
				return err
			}
			continue
		}
		if top.object {
			top.expectKey = true
		}
		if stack, err = prescanValue(stack, tok); err != nil {
			return err
		}
	}
}

// addKey records a key of the object, refusing duplicates, case variants
// and names no bundle object has.
func (f *prescanFrame) addKey(key string) error {
	fold := foldKey(key)
	if prev, dup := f.keys[fold]; dup {
		if prev == key {
			return notStrict("duplicate key %q", key)
		}
		return notStrict("keys %q and %q differ only in letter case", prev, key)
	}
	if names := bundleKeyNames(); !names.exact[key] {
		if exact, ok := names.fold[fold]; ok {
			return notStrict("keys %q and %q differ only in letter case", key, exact)
		}
		return notStrict("unknown field %q", key)
	}
	f.keys[fold] = key
	f.expectKey = false
	return nil
}

// prescanValue checks one value token and opens or closes nesting.
func prescanValue(stack []*prescanFrame, tok json.Token) ([]*prescanFrame, error) {
	switch v := tok.(type) {
	case json.Delim:
		switch v {
		case '{':
			stack = append(stack, &prescanFrame{object: true, expectKey: true, keys: map[string]string{}})
		case '[':
			stack = append(stack, &prescanFrame{})
		case ']', '}':
			stack = stack[:len(stack)-1]
		}
	case json.Number:
		if strings.ContainsAny(string(v), ".eE") {
			return nil, notStrict("number %s is not an integer", v)
		}
	case nil:
		return nil, notStrict("null value")
	}
	return stack, nil
}

// foldKey maps a key to a case-folded form under which encoding/json would
// treat two keys as the same field (it folds Unicode, e.g. K and U+212A).
func foldKey(s string) string {
	var b strings.Builder
	for _, r := range s {
		m := r
		for f := unicode.SimpleFold(r); f != r; f = unicode.SimpleFold(f) {
			m = min(m, f)
		}
		b.WriteRune(m)
	}
	return b.String()
}

// bundleKeys is every JSON key any bundle object may hold, spelled
// exactly, and by folded form; DisallowUnknownFields then checks that
// each is in the right object.
type bundleKeys struct {
	exact map[string]bool
	fold  map[string]string
}

var bundleKeyNames = sync.OnceValue(func() bundleKeys {
	names := map[string]bool{}
	seen := map[reflect.Type]bool{}
	var walk func(t reflect.Type)
	walk = func(t reflect.Type) {
		for t.Kind() == reflect.Pointer || t.Kind() == reflect.Slice {
			t = t.Elem()
		}
		if t.Kind() != reflect.Struct || seen[t] {
			return
		}
		seen[t] = true
		for i := 0; i < t.NumField(); i++ {
			f := t.Field(i)
			if name, _, _ := strings.Cut(f.Tag.Get("json"), ","); name != "" {
				names[name] = true
			}
			walk(f.Type)
		}
	}
	walk(reflect.TypeOf(Bundle{}))
	k := bundleKeys{exact: names, fold: map[string]string{}}
	for n := range names {
		k.fold[foldKey(n)] = n
	}
	return k
})
