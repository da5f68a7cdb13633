package symbols

// C, C++ and Java declarations ended by ";": typedefs, global variables,
// fields. Prototypes, extern declarations and forward declarations of
// structs declare nothing new and are left out, as Universal Ctags does
// by default.

var declSkip = set("return", "goto", "break", "continue", "extern", "friend", "using", "static_assert",
	"_Static_assert", "package", "import", "throw", "case", "default")

var accessLabels = set("public", "private", "protected", "signals", "slots")

// fnQualifiers may follow a C++ member function's parameters.
var fnQualifiers = set("const", "override", "final", "noexcept", "volatile")

var declStrip = set("__extension__", "template", "export", "inline")

func (t *ctagger) declaration(st []tok, sc *cscope) {
	st = stripPrefix(st)
	if len(st) == 0 || st[0].kind != tIdent {
		return
	}
	if w := st[0].text; declSkip[w] && !(w == "using" && len(st) > 2 && isPunct(st[2], "=")) {
		return
	}
	if st[0].text == "using" { // C++ "using T = U;"
		t.addDef(st[1], Type, t.scopeName())
		return
	}
	kind := Var
	switch {
	case st[0].text == "typedef":
		kind, st = Type, st[1:]
	case sc.kind == sClass:
		kind = Field
	case sc.kind == sEnum: // a Java enum's members after its constants
		kind = Field
	}
	scope := ""
	if kind == Field || kind == Type {
		scope = t.scopeName()
	}
	for i, part := range splitTop(st, t.lang) {
		n, ok := declarator(part, i == 0, kind == Type)
		if !ok {
			if i == 0 {
				if t.lang == "java" && sc.kind != sFile {
					t.javaAbstract(part, scope)
				}
				return
			}
			continue
		}
		t.addDef(n, kind, scope)
	}
}

// javaAbstract tags an interface's or abstract class's method "T f(A a)".
func (t *ctagger) javaAbstract(part []tok, scope string) {
	for i := 1; i < len(part); i++ {
		if isPunct(part[i], "(") && part[i-1].kind == tIdent && !notNames[part[i-1].text] {
			t.addDef(part[i-1], Method, t.scopeName())
			return
		}
	}
}

// stripPrefix drops "template <...>" and other words that only decorate
// a declaration.
func stripPrefix(st []tok) []tok {
	for len(st) > 1 && accessLabels[st[0].text] && isPunct(st[1], ":") {
		st = st[2:] // C++ "public:" before a member
	}
	for len(st) > 0 && st[0].kind == tIdent && declStrip[st[0].text] {
		st = st[1:]
		if len(st) > 0 && isPunct(st[0], "<") {
			d := 0
			for i, k := range st {
				if isPunct(k, "<") {
					d++
				} else if isPunct(k, ">") {
					d--
					if d == 0 {
						st = st[i+1:]
						break
					}
				}
			}
		}
	}
	return st
}

// splitTop splits at commas outside brackets (and outside <...> where it
// holds type arguments).
func splitTop(st []tok, lang string) [][]tok {
	angles := lang == "java" || lang == "c++"
	var parts [][]tok
	d, from := 0, 0
	for i, k := range st {
		if k.kind != tPunct {
			continue
		}
		switch k.text {
		case "(", "[":
			d++
		case ")", "]":
			d--
		case "<":
			if angles {
				d++
			}
		case ">":
			if angles {
				d--
			}
		case ",":
			if d == 0 {
				parts = append(parts, st[from:i])
				from = i + 1
			}
		}
	}
	return append(parts, st[from:])
}

// declarator finds the name one part of a declaration declares: the last
// name before "=", "[" or a bit-field's ":", or the name in a function
// pointer's "(*name)". The first part must also have a type before its
// name, so that a macro call "FOO(x);" or a bare "x;" declares nothing.
func declarator(part []tok, first, typedef bool) (tok, bool) {
	end := len(part)
	d := 0
	for i, k := range part {
		if k.kind != tPunct {
			continue
		}
		switch k.text {
		case "(", "[":
			if d == 0 && k.text == "[" && end == len(part) {
				end = i
			}
			d++
		case ")", "]":
			d--
		case "=", ":":
			if d == 0 && end == len(part) {
				end = i
			}
		}
		if d < 0 {
			return tok{}, false
		}
	}
	head := part[:end]
	if len(head) == 0 {
		return tok{}, false
	}
	// (*name)(args), (*name)[n], (&name)
	for i := 0; i+2 < len(head); i++ {
		if isPunct(head[i], "(") && (isPunct(head[i+1], "*") || isPunct(head[i+1], "&") || isPunct(head[i+1], "^")) {
			j := i + 1
			for j < len(head) && (isPunct(head[j], "*") || head[j].kind == tIdent && head[j].text == "const") {
				j++
			}
			if j < len(head) && head[j].kind == tIdent && j+1 < len(head) && isPunct(head[j+1], ")") {
				return head[j], true
			}
		}
	}
	last := head[len(head)-1]
	if q := len(head) - 1; fnQualifiers[last.text] && last.kind == tIdent {
		for q > 0 && head[q].kind == tIdent && fnQualifiers[head[q].text] {
			q--
		}
		if isPunct(head[q], ")") {
			return tok{}, false // a C++ member prototype "f() const override;"
		}
	}
	if last.kind == tIdent && last.text == "operator" {
		return tok{}, false // "T &operator=(const T &) = delete;"
	}
	if isPunct(last, ")") {
		if !typedef {
			return tok{}, false // a prototype or a macro call
		}
		// typedef int fn_t(int);
		for i := 1; i < len(head); i++ {
			if isPunct(head[i], "(") {
				if head[i-1].kind == tIdent {
					return head[i-1], true
				}
				break
			}
		}
		return tok{}, false
	}
	if last.kind != tIdent || typeKeywords[last.text] != "" {
		return tok{}, false
	}
	if len(head) >= 2 {
		if p := head[len(head)-2]; p.kind == tIdent && typeKeywords[p.text] != "" {
			return tok{}, false // "struct foo;" declares no variable
		}
	}
	if first && len(head) < 2 {
		return tok{}, false
	}
	return last, true
}
