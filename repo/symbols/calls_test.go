package symbols

import (
	"fmt"
	"testing"
)

// callsOf renders the code occurrences of name as "line:col func call".
func callsOf(f File, name string) []string {
	var out []string
	for _, o := range f.Occs {
		if o.Name == name && o.In == Code {
			out = append(out, fmt.Sprintf("%d:%d %s %v", o.Line, o.Col, o.Func, o.Call))
		}
	}
	return out
}

// gr marks the callers among a name's references: a code occurrence
// followed by an argument list, with the function it is in. A use as a
// value (a function pointer, a method value) is not a call.
func TestCallSitesNameTheirEnclosingFunction(t *testing.T) {
	for _, tc := range []struct {
		path, src string
		want      []string
	}{
		{"a.c", "static int run(int x) { return x; }\n" +
			"int main(void) {\n\tint (*f)(int) = run;\n\treturn run (f(1));\n}\n" +
			"void other(void) { /* run(2) */ run(3); }\n",
			[]string{"1:12  true", "3:18 main false", "4:9 main true", "6:33 other true"}},
		{"a.go", "package a\n\nfunc run(x int) int { return x }\n\n" +
			"func main() {\n\tf := run\n\t_ = run(f(1))\n\t_ = (run)(2)\n}\n",
			[]string{"3:6 run false", "6:7 main false", "7:6 main true", "8:7 main true"}},
		{"a.py", "def run(x):\n    return x\n\ndef main():\n    return run(1)\n",
			[]string{"1:5  true", "5:12 main true"}},
	} {
		f, err := Tag(tc.path, []byte(tc.src), DefaultLimits)
		if err != nil {
			t.Fatalf("%s: %v", tc.path, err)
		}
		got := callsOf(f, "run")
		if fmt.Sprint(got) != fmt.Sprint(tc.want) {
			t.Errorf("%s: occurrences of run\n got %q\nwant %q", tc.path, got, tc.want)
		}
	}
}
