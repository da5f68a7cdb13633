package symbols

// Members that no keyword introduces: JavaScript and TypeScript class
// fields and interface properties ("static defaults = {...}", "#token =
// null", "id: string"), abstract and interface method signatures, and
// Rust struct fields ("pub rate: u32").

var jsModifiers = set("static", "readonly", "public", "private", "protected", "declare", "abstract", "override",
	"accessor", "async", "get", "set")

// classMembers tags the members in a class or interface body statement.
// Without ";" the members are one to a line, so the statement is cut at
// each line start outside brackets.
func (t *ctagger) classMembers(st []tok, iface bool) {
	parts := splitLines(st)
	for i, part := range parts {
		t.classMember(part, iface, i == len(parts)-1)
	}
}

// splitLines cuts a statement before each token that begins a line
// outside parentheses and brackets.
func splitLines(st []tok) [][]tok {
	var parts [][]tok
	d, from := 0, 0
	for i, k := range st {
		if k.bol && d == 0 && i > from {
			parts = append(parts, st[from:i])
			from = i
		}
		if k.kind == tPunct {
			switch k.text {
			case "(", "[":
				d++
			case ")", "]":
				if d > 0 {
					d--
				}
			}
		}
	}
	return append(parts, st[from:])
}

// classMember tags one member: "[@deco] [modifiers] [#]name[?|!] (: type
// | = value | ;)" is a field; "name(" or "name<" a method when it has no
// body, in an interface or after "abstract". A lone name is a field only
// at the end of the statement ("x;"), not a continued line.
func (t *ctagger) classMember(part []tok, iface, last bool) {
	i, abstract := 0, false
	for i < len(part) {
		k := part[i]
		if isPunct(k, "@") {
			i = skipDecorator(part, i)
			continue
		}
		if k.kind == tIdent && jsModifiers[k.text] && i+1 < len(part) && (part[i+1].kind == tIdent || isPunct(part[i+1], "#")) {
			abstract = abstract || k.text == "abstract"
			i++
			continue
		}
		break
	}
	if i < len(part) && isPunct(part[i], "#") {
		i++ // a private name: ctags names it without the "#"
	}
	if i >= len(part) || part[i].kind != tIdent {
		return
	}
	name, j := part[i], i+1
	if j < len(part) && (isPunct(part[j], "?") || isPunct(part[j], "!")) {
		j++
	}
	switch {
	case j == len(part):
		if last && i == 0 || j > i+1 {
			t.addDef(name, Field, t.scopeName())
		}
	case isPunct(part[j], ":"):
		t.addDef(name, Field, t.scopeName())
	case isPunct(part[j], "=") && !(j+1 < len(part) && (isPunct(part[j+1], "=") || isPunct(part[j+1], ">"))):
		t.addDef(name, Field, t.scopeName())
	case (isPunct(part[j], "(") || isPunct(part[j], "<")) && (abstract || iface):
		t.addDef(name, Method, t.scopeName())
	}
}

// skipDecorator passes "@name", "@a.b" and "@name(...)" at part[i].
func skipDecorator(part []tok, i int) int {
	i++
	for i < len(part) && (part[i].kind == tIdent || isPunct(part[i], ".")) {
		i++
	}
	if i < len(part) && isPunct(part[i], "(") {
		d := 0
		for ; i < len(part); i++ {
			if isPunct(part[i], "(") {
				d++
			} else if isPunct(part[i], ")") {
				if d--; d == 0 {
					return i + 1
				}
			}
		}
	}
	return i
}

// rustFields tags the named fields of a struct or union body:
// "#[attr] pub(crate) name: T, ...".
func (t *ctagger) rustFields(st []tok) {
	for _, part := range splitTop(st, t.lang) {
		i := 0
		for i < len(part) {
			switch {
			case isPunct(part[i], "#") && i+1 < len(part) && isPunct(part[i+1], "["):
				d := 0
				for ; i < len(part); i++ {
					if isPunct(part[i], "[") {
						d++
					} else if isPunct(part[i], "]") {
						if d--; d == 0 {
							break
						}
					}
				}
				i++
				continue
			case part[i].kind == tIdent && part[i].text == "pub":
				i++
				if i < len(part) && isPunct(part[i], "(") {
					for i < len(part) && !isPunct(part[i], ")") {
						i++
					}
					i++
				}
				continue
			}
			break
		}
		if i+1 < len(part) && part[i].kind == tIdent && isPunct(part[i+1], ":") {
			t.addDef(part[i], Field, t.scopeName())
		}
	}
}

// scopeKeyword is the declaring keyword of a scope's head ("struct",
// "interface", "impl"), or "".
func (t *ctagger) scopeKeyword(sc *cscope) string {
	if i, _, ok := t.declKeyword(sc.saved); ok {
		return sc.saved[i].text
	}
	return ""
}

// literalMethod tags a method of an object literal ("const handlers = {
// onError(err) {", "onDone: function () {", "run: async (x) => {"): the
// head of a "{" at the literal's top level, after its last ",".
func (t *ctagger) literalMethod(head []tok, sc *cscope) {
	if t.lang != "javascript" && t.lang != "typescript" {
		return
	}
	parts := splitTop(head, t.lang)
	part := parts[len(parts)-1]
	i := 0
	for i < len(part) && (part[i].kind == tIdent && jsModifiers[part[i].text] || isPunct(part[i], "*")) && i+1 < len(part) && !isPunct(part[i+1], "(") {
		i++ // async, get, set, "*" before the name
	}
	if i+1 >= len(part) || part[i].kind != tIdent {
		return
	}
	name, rest := part[i], part[i+1:]
	if isPunct(rest[0], ":") {
		rest = rest[1:]
		if len(rest) > 0 && rest[0].text == "async" {
			rest = rest[1:]
		}
		switch {
		case len(rest) > 0 && rest[0].text == "function":
		case len(rest) > 1 && isPunct(rest[len(rest)-2], "=") && isPunct(rest[len(rest)-1], ">"):
		default:
			return
		}
	} else if !isPunct(rest[0], "(") || !isPunct(rest[len(rest)-1], ")") {
		return
	}
	t.addDef(name, Method, t.scopeName())
	sc.kind, sc.name = sFunc, name.text
}
