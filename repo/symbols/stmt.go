package symbols

// What a statement ended by ";" (or by the "}" of its scope) declares.

var jsDecl = set("function", "class", "interface", "enum", "namespace", "module", "const", "let", "var", "type")
var rustDecl = set("fn", "struct", "enum", "union", "trait", "mod", "impl", "macro_rules", "const", "static", "type")

// keywordHead reads a head that a keyword introduces (JavaScript,
// TypeScript, Rust): "function f", "class C", "fn f", "impl T for U",
// "const f = () =>". It reports whether it understood the head.
func (t *ctagger) keywordHead(head []tok, sc *cscope, parent *cscope) bool {
	i, n, ok := t.declKeyword(head)
	if !ok {
		return false
	}
	if i > 0 && (parent.kind == sFile || parent.kind == sNamespace) {
		// Statements before it that no ";" ended: "let n = 0 <newline> function f() {".
		t.keywordStatement(head[:i], parent)
	}
	kw, scope := head[i].text, t.scopeName()
	switch kw {
	case "impl":
		sc.kind, sc.name = sClass, implName(head[i+1:])
		return true
	case "fn", "function":
		k := Func
		if parent.kind == sClass && kw == "fn" {
			k = Method
		}
		t.addDef(n, k, scope)
		sc.kind, sc.name = sFunc, n.text
	case "const", "let", "var", "static":
		if !arrowOrFunc(head[i:]) {
			if t.lang == "rust" || parent.kind == sFile || parent.kind == sNamespace {
				t.addDef(n, varKind(kw), scope)
			}
			sc.kind, sc.keep, sc.saved = sInit, true, nil
			return true
		}
		t.addDef(n, Func, scope)
		sc.kind, sc.name, sc.keep, sc.saved = sFunc, n.text, true, nil
	case "macro_rules":
		t.addDef(n, Macro, scope)
		sc.kind = sBlock
	case "type":
		t.addDef(n, Type, scope)
		sc.kind, sc.keep, sc.saved = sInit, true, nil
	default:
		k := typeKeywords[kw]
		t.addDef(n, k, scope)
		sc.kind, sc.name = sClass, n.text
		switch k {
		case Namespace:
			sc.kind = sNamespace
		case Enum:
			sc.kind = sEnum
		}
	}
	return true
}

// declKeyword finds the last declaring keyword outside parentheses that
// is followed by a name, and that name: "export default class C", "pub
// const fn f", "let n = 0 <newline> function f".
func (t *ctagger) declKeyword(head []tok) (int, tok, bool) {
	words := jsDecl
	if t.lang == "rust" {
		words = rustDecl
	}
	d, at, name, found := 0, 0, tok{}, false
	for i, k := range head {
		if k.kind == tPunct {
			if k.text == "(" || k.text == "[" {
				d++
			} else if k.text == ")" || k.text == "]" {
				d--
			}
			continue
		}
		if d != 0 || k.kind != tIdent || !words[k.text] {
			continue
		}
		if k.text == "impl" {
			at, name, found = i, tok{}, true
			continue
		}
		j := i + 1
		for j < len(head) && (isPunct(head[j], "*") || isPunct(head[j], "!") || head[j].text == "mut") {
			j++ // function* g, macro_rules! m, static mut X
		}
		if j < len(head) && head[j].kind == tIdent && !words[head[j].text] && !(t.lang == "rust" && k.text == "let") {
			at, name, found = i, head[j], true
		}
	}
	return at, name, found
}

func varKind(kw string) Kind {
	if kw == "const" {
		return Const
	}
	return Var
}

// arrowOrFunc says whether "const f = ..." binds a function.
func arrowOrFunc(ts []tok) bool {
	eq := -1
	for i, k := range ts {
		switch {
		case isPunct(k, "="):
			if i+1 < len(ts) && isPunct(ts[i+1], ">") {
				return eq >= 0
			}
			if eq < 0 {
				eq = i
			}
		case eq >= 0 && k.kind == tIdent && (k.text == "function" || k.text == "async") && i <= eq+2:
			return true
		}
	}
	return false
}

// implName is the type an impl block is for: U in "impl<T> X for U<T>",
// X in "impl X".
func implName(ts []tok) string {
	name, d := "", 0
	for _, k := range ts {
		switch {
		case isPunct(k, "<"):
			d++
		case isPunct(k, ">"):
			d--
		case d == 0 && k.kind == tIdent && k.text == "for":
			name = ""
		case d == 0 && k.kind == tIdent && name == "" && k.text != "dyn" && k.text != "unsafe" && k.text != "where":
			name = k.text
		case d == 0 && k.kind == tIdent && k.text == "where":
			return name
		}
	}
	return name
}

// endStatement reads the statement in progress as a declaration and
// starts the next one.
func (t *ctagger) endStatement(atClose bool) {
	st, sc := t.cur, t.top()
	t.cur, t.depth = nil, 0
	if len(st) == 0 {
		return
	}
	sc.items++
	switch {
	case sc.kind == sFunc || sc.kind == sBlock || sc.kind == sInit:
		return
	case sc.kind == sEnum && sc.items == 1:
		t.enumerators(st, sc.name)
	case t.lang == "javascript" || t.lang == "typescript" || t.lang == "rust":
		t.keywordStatement(st, sc)
	default:
		t.declaration(st, sc)
	}
}

// enumerators tags the names of an enum's body "A, B = 2, C(x)".
func (t *ctagger) enumerators(st []tok, scope string) {
	for _, part := range splitTop(st, t.lang) {
		for _, k := range part {
			if k.kind == tIdent {
				t.addDef(k, Const, scope)
				break
			}
			if !isPunct(k, "@") {
				break
			}
		}
	}
}

// keywordStatement tags "const X = 1;", "type T = ...;", "struct S;",
// "static mut N: u8 = 0;" at file, module or class level.
func (t *ctagger) keywordStatement(st []tok, sc *cscope) {
	if sc.kind == sClass {
		switch kw := t.scopeKeyword(sc); {
		case t.lang != "rust":
			t.classMembers(st, kw == "interface")
			return
		case kw == "struct" || kw == "union":
			t.rustFields(st)
			return
		}
	}
	for len(st) > 0 {
		i, n, ok := t.declKeyword(st)
		if !ok {
			return
		}
		kw := st[i].text
		switch kw {
		case "const", "let", "var", "static":
			if sc.kind == sFile || sc.kind == sNamespace || t.lang == "rust" && kw != "let" {
				if arrowOrFunc(st[i:]) {
					t.addDef(n, Func, t.scopeName())
				} else {
					t.addDef(n, varKind(kw), t.scopeName())
				}
			}
		case "type":
			t.addDef(n, Type, t.scopeName())
		case "function":
			// A body-less "function f(x: T): U;" is an overload signature
			// (or an ambient "declare function"). The first of a set is
			// where ctags puts the function; the rest add nothing a
			// pick list needs.
			if t.lang == "typescript" && !t.lastDefIs(n.text, Func) {
				t.addDef(n, Func, t.scopeName())
			}
		case "fn":
			if sc.kind == sClass { // a trait's "fn f(&self);", as ctags tags it
				t.addDef(n, Method, t.scopeName())
			}
		case "struct", "union", "enum":
			if t.lang == "rust" {
				t.addDef(n, typeKeywords[kw], t.scopeName())
			}
		}
		st = st[i+1:]
	}
}

// lastDefIs says whether the definition tagged last is a k named name.
func (t *ctagger) lastDefIs(name string, k Kind) bool {
	return len(t.defs) > 0 && t.defs[len(t.defs)-1].Name == name && t.defs[len(t.defs)-1].Kind == k
}
