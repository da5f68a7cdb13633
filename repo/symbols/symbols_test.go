package symbols

import (
	"fmt"
	"os"
	"slices"
	"strings"
	"testing"
	"time"
)

// defLines renders definitions as "line:col kind name [scope]".
func defLines(f File) []string {
	var out []string
	for _, d := range f.Defs {
		out = append(out, fmt.Sprintf("%d:%d %s %s [%s]", d.Line, d.Col, d.Kind, d.Name, d.Scope))
	}
	return out
}

func tagFixture(t *testing.T, name string) File {
	t.Helper()
	src, err := os.ReadFile("testdata/" + name)
	if err != nil {
		t.Fatal(err)
	}
	f, err := Tag(name, src, DefaultLimits)
	if err != nil {
		t.Fatalf("Tag(%s): %v", name, err)
	}
	return f
}

// Each fixture's definitions, exactly: what a reader of the file names as
// its functions, types, macros, constants and globals, and nothing else
// (no prototypes, no locals, no extern declarations).
var wantDefs = map[string]string{
	"sample.c": `2:9 macro MAX_LEN []|3:9 macro SQUARE []|6:8 struct options []|7:6 member verbose [options]|8:7 member name [options]|` +
		`9:11 member flags [options]|12:16 struct node []|13:15 member next [node]|14:3 type node_t []|16:15 type handler_fn []|` +
		`18:6 enum color []|18:14 constant RED [color]|18:19 constant GREEN [color]|18:30 constant BLUE [color]|` +
		`20:12 variable counter []|21:13 variable names []|22:22 variable clients []|25:1 function helper []|` +
		`33:5 function platform_init []|41:1 function make_options []|52:1 function main []`,
	"sample.cpp": `1:11 namespace net []|2:7 class Socket [net]|6:6 method send [Socket]|10:6 member fd_ [Socket]|` +
		`13:9 method Socket [Socket]|16:10 method ~Socket [Socket]|20:3 function max_of [net]|24:5 function c_entry []`,
	"sample.go": `6:7 constant MaxItems []|8:5 variable ErrFull []|10:6 struct Store []|14:6 interface Adder []|18:6 type ID []|` +
		`20:17 method Add [Store]|28:6 function New []`,
	"sample.js": `2:7 constant API_URL []|3:5 variable counter []|5:10 function fetchData []|9:7 function handler []|` +
		`13:7 class Client []|14:2 method constructor [Client]|17:8 method request [Client]|24:18 function gen []`,
	"sample.ts": `1:18 interface Options []|2:2 member verbose [Options]|4:13 type Handler []|5:6 enum Color []|5:14 constant Red [Color]|5:19 constant Green [Color]|` +
		`6:14 class Server []|7:10 member port [Server]|8:2 method listen [Server]|12:14 function start []`,
	"sample.py": `3:1 variable DEFAULT_PATH []|4:1 variable timeout []|7:5 function load []|12:7 class Loader []|` +
		`13:5 variable kind [Loader]|15:9 method __init__ [Loader]|18:15 method fetch [Loader]|24:5 function decorated []`,
	"sample.rs": `3:11 constant MAX []|4:12 variable COUNT []|6:12 struct Config []|7:5 member name [Config]|10:10 enum Mode []|10:17 constant Fast [Mode]|` +
		`10:23 constant Slow [Mode]|12:11 interface Runner []|13:8 method run [Runner]|17:8 method run [Config]|23:12 method new [Wrapper]|` +
		`26:14 macro square []|30:4 function helper []|36:6 type Alias []|37:5 namespace inner []|38:12 function nested [inner]`,
	"sample.sh": `2:1 variable PREFIX []|5:1 function usage []|9:10 function cleanup []|13:1 function main []`,
	"Sample.java": `5:14 class Sample []|6:27 member LIMIT [Sample]|7:31 member counts [Sample]|9:9 method Sample [Sample]|` +
		`14:14 method run [Sample]|20:12 interface Callback [Sample]|21:8 method call [Callback]|24:7 enum Mode [Sample]|` +
		`24:14 constant FAST [Mode]|24:20 constant SLOW [Mode]|24:30 member weight [Mode]`,
}

func TestDefinitionsPerLanguage(t *testing.T) {
	for name, want := range wantDefs {
		t.Run(name, func(t *testing.T) {
			got := defLines(tagFixture(t, name))
			if w := strings.Split(want, "|"); !slices.Equal(got, w) {
				t.Errorf("definitions of %s:\n got  %s\n want %s", name, strings.Join(got, "|"), strings.Join(w, "|"))
			}
		})
	}
}

func occsOf(f File, name string) []string {
	var out []string
	for _, o := range f.Occs {
		if o.Name == name {
			out = append(out, fmt.Sprintf("%d:%d %s %s", o.Line, o.Col, o.In, o.Func))
		}
	}
	return out
}

// Occurrences are told apart as code, comment and string, and a call
// names the function it is in.
func TestOccurrencesCodeCommentString(t *testing.T) {
	cases := []struct{ file, name, want string }{
		{"sample.c", "helper", "25:1 code |45:3 code make_options|47:10 string make_options"},
		{"sample.c", "parse_args", "5:4 comment |30:5 code |54:9 code main"},
		{"sample.go", "MaxItems", "5:4 comment |6:7 code |8:39 string |21:21 code Add"},
		{"sample.py", "load", "7:5 code |8:8 string load|19:16 code fetch|19:35 comment fetch"},
		{"sample.rs", "helper", "18:9 code run|30:4 code |31:8 comment helper"},
		{"sample.sh", "usage", "5:1 code |6:8 string usage|14:2 code main"},
		{"sample.js", "fetchData", "5:10 code |10:9 code handler"},
	}
	for _, c := range cases {
		got := strings.Join(occsOf(tagFixture(t, c.file), c.name), "|")
		if got != c.want {
			t.Errorf("occurrences of %s in %s:\n got  %s\n want %s", c.name, c.file, got, c.want)
		}
	}
}

// A file over the size limit, one that takes too long and one in no
// known language are errors naming why, never a panic or a hang.
func TestLimits(t *testing.T) {
	big := []byte(strings.Repeat("int x;\n", 1000))
	if _, err := Tag("big.c", big, Limits{MaxBytes: 100}); err == nil || !strings.Contains(err.Error(), "over the 100-byte limit") {
		t.Errorf("oversized file: err = %v", err)
	}
	slow := []byte(strings.Repeat("int f(void) { return g(1, 2); }\n", 200000))
	start := time.Now()
	if _, err := Tag("slow.c", slow, Limits{Timeout: 20 * time.Millisecond}); err == nil || !strings.Contains(err.Error(), "longer than the limit") {
		t.Errorf("slow file: err = %v", err)
	}
	if d := time.Since(start); d > 2*time.Second {
		t.Errorf("a 20ms limit took %v to stop", d)
	}
	if _, err := Tag("x.unknown", []byte("x"), DefaultLimits); err == nil {
		t.Error("a file in no known language was tagged")
	}
}
