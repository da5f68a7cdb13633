package symbols

import "sort"

// Words that are never the name of a function, whatever precedes "(".
var notNames = set("if", "else", "while", "for", "switch", "return", "sizeof", "catch", "do", "case",
	"defined", "alignof", "_Alignof", "typeof", "__typeof__", "decltype", "new", "delete", "throw",
	"function", "await", "yield", "typeid", "static_assert", "_Static_assert", "synchronized", "super", "this",
	"loop", "match", "in", "of", "with", "foreach", "using", "lock", "fixed", "assert")

// Names that decorate a declaration with a parenthesised argument and are
// never its name.
var attributes = set("__attribute__", "__attribute", "__declspec", "alignas", "_Alignas", "__asm__", "asm", "__asm",
	"noexcept", "throw", "__THROW", "__wur", "__nonnull", "__attribute_pure__", "requires", "__printflike",
	"__dead", "__packed", "__aligned", "__section", "__used", "__unused", "__printf", "__scanf")

var typeKeywords = map[string]Kind{"struct": Struct, "union": Union, "enum": Enum, "class": Class, "interface": Interface,
	"record": Class, "namespace": Namespace, "trait": Interface, "mod": Namespace}

func set(ws ...string) map[string]bool {
	m := make(map[string]bool, len(ws))
	for _, w := range ws {
		m[w] = true
	}
	return m
}

func isPunct(k tok, s string) bool { return k.kind == tPunct && k.text == s }

// classifyHead decides what a "{" at file, namespace or class level opens.
func (t *ctagger) classifyHead(head []tok, sc *cscope, parent *cscope) {
	sc.kind = sBlock
	if len(head) == 0 {
		return
	}
	switch t.lang {
	case "javascript", "typescript", "rust":
		if t.keywordHead(head, sc, parent) {
			return
		}
		if parent.kind == sEnum && t.lang == "rust" && parent.items == 0 {
			t.enumerators(head, parent.name) // "Allow, Deny {" : a variant with fields
			return
		}
		if parent.kind == sClass && t.lang != "rust" {
			// Members before this one that no ";" ended, one to a line.
			if parts := splitLines(head); len(parts) > 1 {
				for _, p := range parts[:len(parts)-1] {
					t.classMember(p, t.scopeKeyword(parent) == "interface", false)
				}
				head = parts[len(parts)-1]
				sc.saved = head
			}
			t.funcHead(head, sc, parent)
		}
		if sc.kind == sBlock && hasTopEq(head) {
			sc.kind, sc.keep = sInit, true
		}
		return
	case "java":
		if t.typeHead(head, sc) || t.funcHead(head, sc, parent) {
			return
		}
	default: // C, C++
		if t.cpp() && len(head) >= 2 && head[0].text == "extern" && head[1].kind == tLit {
			j := 1
			for j < len(head) && head[j].kind == tLit {
				j++ // chroma may give the quotes apart
			}
			if j == len(head) {
				sc.kind, sc.name = sNamespace, parent.name // extern "C" { ... } is transparent
				return
			}
			head = head[j:] // extern "C" int f(void) { ... }
		}
		if hasTopEq(head) {
			sc.kind, sc.keep = sInit, true
			return
		}
		if t.funcHead(head, sc, parent) || t.typeHead(head, sc) {
			return
		}
	}
	if hasTopEq(head) {
		sc.kind, sc.keep = sInit, true
	}
}

// hasTopEq says whether the head has "=" outside parentheses: "{" then
// opens an initializer.
func hasTopEq(head []tok) bool {
	d := 0
	for i, k := range head {
		if k.kind != tPunct {
			continue
		}
		switch k.text {
		case "(", "[":
			d++
		case ")", "]":
			d--
		case "=":
			if d == 0 && (i+1 >= len(head) || !isPunct(head[i+1], "=")) && (i == 0 || !isPunct(head[i-1], "=") && !isPunct(head[i-1], "!") && !isPunct(head[i-1], "<") && !isPunct(head[i-1], ">")) {
				return true
			}
		}
	}
	return false
}

// typeHead reads "struct NAME {", "class NAME : BASE {", "enum class
// NAME {", "namespace NAME {", Java's "class NAME extends ... {".
func (t *ctagger) typeHead(head []tok, sc *cscope) bool {
	enumClass := false
	for i, k := range head {
		kind, ok := typeKeywords[k.text]
		if k.kind != tIdent || !ok {
			continue
		}
		if kind == Enum && i+1 < len(head) && (head[i+1].text == "class" || head[i+1].text == "struct") {
			enumClass = true
			continue // "enum class NAME": the name follows "class"
		}
		if enumClass {
			kind = Enum
		}
		var name tok
		d := 0
		for _, n := range head[i+1:] {
			if n.kind == tPunct {
				if n.text == "(" || n.text == "[" || n.text == "<" {
					d++
				} else if n.text == ")" || n.text == "]" || n.text == ">" {
					d--
				} else if d == 0 && (n.text == ":" || n.text == "{}") {
					break
				}
				continue
			}
			if d == 0 && n.kind == tIdent {
				if n.text == "extends" || n.text == "implements" || n.text == "final" || n.text == "permits" {
					break
				}
				name = n
			}
		}
		sc.kind = sClass
		if kind == Enum {
			sc.kind = sEnum
		} else if kind == Namespace {
			sc.kind = sNamespace
		}
		sc.keep = t.cpp() && kind != Namespace
		if name.text != "" {
			sc.name = name.text
			t.addDef(name, kind, t.scopeName())
		}
		return true
	}
	return false
}

// funcHead reads a function definition's head: the last "NAME ( ... )"
// outside parentheses whose NAME is not a keyword or an attribute, with
// nothing after it but qualifiers. C++'s "A::f" gives f in scope A.
func (t *ctagger) funcHead(head []tok, sc *cscope, parent *cscope) bool {
	head = cutHead(head, t.lang)
	best := -1
	d := 0
	for i, k := range head {
		if k.kind != tPunct {
			continue
		}
		switch k.text {
		case "(":
			if d == 0 && i > 0 && head[i-1].kind == tIdent && !attributes[head[i-1].text] {
				best = i - 1
			}
			d++
		case ")":
			d--
		}
	}
	if best < 0 || notNames[head[best].text] || typeKeywords[head[best].text] != "" {
		return false
	}
	if !onlyQualifiers(head[best+1:]) {
		return false
	}
	name := head[best]
	scope, kind := t.scopeName(), Func
	if best >= 2 && isPunct(head[best-1], "~") {
		name.text = "~" + name.text
	}
	q := best
	if q >= 1 && isPunct(head[q-1], "~") {
		q--
	}
	if q >= 2 && isPunct(head[q-1], "::") && head[q-2].kind == tIdent {
		scope = head[q-2].text
	}
	if scope != "" && (parent.kind == sClass || scope != t.scopeName()) || t.lang == "java" {
		kind = Method
	}
	t.addDef(name, kind, scope)
	sc.kind, sc.name = sFunc, name.text
	return true
}

// cutHead drops what follows a function's parameter list and may itself
// hold parentheses: C++'s constructor initializers (": a(1)") and
// trailing return types ("-> decltype(x)"), Java's throws clause.
func cutHead(head []tok, lang string) []tok {
	d := 0
	for i, k := range head {
		if k.kind == tPunct {
			switch k.text {
			case "(", "[":
				d++
			case ")", "]":
				d--
			case ":", "->":
				if d == 0 && (lang == "c++" || lang == "typescript") && i > 0 && isPunct(head[i-1], ")") {
					return head[:i]
				}
			}
		} else if d == 0 && k.kind == tIdent && k.text == "throws" && lang == "java" {
			return head[:i]
		}
	}
	return head
}

// onlyQualifiers says whether what follows a parameter list can end a
// function head: const, override, noexcept(...), attributes, & and &&.
func onlyQualifiers(rest []tok) bool {
	d := 0
	for i, k := range rest {
		if k.kind == tPunct && k.text == "(" {
			d++
		} else if k.kind == tPunct && k.text == ")" {
			d--
		}
		if d > 0 || i == 0 {
			continue
		}
		switch {
		case k.kind == tIdent, isPunct(k, ")"):
		case k.kind == tPunct && (k.text == "&" || k.text == "[" || k.text == "]"):
		default:
			return false
		}
	}
	return true
}

// assignFuncs names the enclosing function of each occurrence.
func assignFuncs(occs []Occ, spans []fspan) []Occ {
	sortOccs(occs)
	sort.Slice(spans, func(i, j int) bool { return spans[i].from < spans[j].from })
	for i := range occs {
		p := pos(occs[i].Line, occs[i].Col)
		j := sort.Search(len(spans), func(j int) bool { return spans[j].from > p }) - 1
		// Functions nest only a few deep (closures, local classes): the
		// innermost span that holds p is among the last few that start
		// before it.
		for n := 0; j >= 0 && n < 8; j, n = j-1, n+1 {
			if p < spans[j].to {
				occs[i].Func = spans[j].name
				break
			}
		}
	}
	return occs
}
