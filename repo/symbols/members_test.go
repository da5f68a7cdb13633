package symbols

import (
	"slices"
	"strings"
	"testing"
)

// TestMemberDefinitions: members that no keyword introduces, in the
// shapes ctags finds them: fields with and without ";", decorated and
// private ones, abstract and interface signatures, object-literal
// methods, TypeScript overload signatures, Rust fields and enum
// variants, shell aliases.
func TestMemberDefinitions(t *testing.T) {
	cases := []struct{ path, src, want string }{
		{"a.js", "class A {\n  static defaults = { r: 3 }\n  #token = null\n  count = 0\n  run() {\n    return 1\n  }\n}\n",
			"1:7 class A []|2:10 member defaults [A]|3:4 member token [A]|4:3 member count [A]|5:3 method run [A]"},
		{"a.js", "const h = {\n  onError(err) {\n    log(err)\n  },\n  onDone: function () {\n  },\n  n: 1,\n  later: async (x) => {\n  },\n};\n",
			"1:7 constant h []|2:3 method onError []|5:3 method onDone []|8:3 method later []"},
		{"a.ts", "export abstract class S<T> {\n  @Input() name?: string;\n  private readonly m = new Map<string, T>();\n  abstract put(x: T): void;\n  get(k: string): T { return this.m.get(k)!; }\n}\n" +
			"interface I {\n  id: number;\n  load(p: string): Promise<void>;\n  (x: number): void;\n  [k: string]: unknown;\n}\n",
			"1:23 class S []|2:12 member name [S]|3:20 member m [S]|4:12 method put [S]|5:3 method get [S]|7:11 interface I []|8:3 member id [I]|9:3 method load [I]"},
		// An overload set: its first signature, where ctags puts it, and
		// the implementation; an ambient declaration; a namespace's.
		{"o.ts", "export function f(a: string): string;\nexport function f(a: number): string;\nexport function f(a: any): string {\n  return String(a);\n}\n" +
			"declare function g(x: number): void;\nnamespace N {\n  export function h(): void;\n  export function h(x?: number): void {}\n}\n",
			"1:17 function f []|3:17 function f []|6:18 function g []|7:11 namespace N []|8:19 function h [N]|9:19 function h [N]"},
		{"a.rs", "pub struct P {\n    #[serde(skip)]\n    pub(crate) x: u8,\n    y: Vec<u8>,\n}\nenum D {\n    A,\n    B { n: u8 },\n    C(u8),\n}\n",
			"1:12 struct P []|3:16 member x [P]|4:5 member y [P]|6:6 enum D []|7:5 constant A [D]|8:5 constant B [D]|9:5 constant C [D]"},
		{"a.sh", "alias ll='ls -l'\nalias gs=\"git status\"\n", "1:7 macro ll []|2:7 macro gs []"},
	}
	for _, c := range cases {
		f, err := Tag(c.path, []byte(c.src), DefaultLimits)
		if err != nil {
			t.Fatal(err)
		}
		if got, want := defLines(f), strings.Split(c.want, "|"); !slices.Equal(got, want) {
			t.Errorf("%s %q:\n got  %s\n want %s", c.path, c.src, strings.Join(got, "|"), c.want)
		}
	}
}
