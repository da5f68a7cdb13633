package symbols

import (
	"fmt"
	"testing"
)

// gr's callers in shell (a command name in command position) and Rust
// (a macro invoked with "!(" or "!{").
func TestShellAndMacroCallSites(t *testing.T) {
	for _, tc := range []struct {
		path, src string
		want      []string
	}{
		{"a.sh", "run() {\n\techo \"$1\"\n}\nmain() {\n\trun x && run y | run\n\tif run; then v=$(run z); fi\n\t(run) ; run=1\n" +
			"\techo run \\\n\t  run\n\tcase $a in\n\trun) echo ;;\n\tesac\n}\n",
			[]string{"1:1  true", "5:2 main true", "5:11 main true", "5:19 main true", "6:5 main true", "6:19 main true",
				"7:3 main true", "7:10 main false", "8:7 main false", "9:4 main false", "11:2 main false"}},
		{"a.rs", "macro_rules! run {\n    () => {};\n}\nfn main() {\n    run!();\n    run! { }\n    let f = run;\n    if !(run) {}\n}\n",
			[]string{"1:14  false", "5:5 main true", "6:5 main false", "7:13 main false", "8:10 main false"}},
	} {
		f, err := Tag(tc.path, []byte(tc.src), DefaultLimits)
		if err != nil {
			t.Fatalf("%s: %v", tc.path, err)
		}
		if got := callsOf(f, "run"); fmt.Sprint(got) != fmt.Sprint(tc.want) {
			t.Errorf("%s: occurrences of run\n got %q\nwant %q", tc.path, got, tc.want)
		}
	}
}
