package symbols

// The token-based tagger for the brace languages (C, C++, Java,
// JavaScript/TypeScript, Rust). It keeps a stack of scopes opened by
// braces and, in each, the statement in progress; a "{" or ";" at
// parenthesis depth 0 ends a statement's head, and its shape says what it
// declares: "IDENT ( ... ) {" a function, "struct NAME {" a struct,
// "typedef ... NAME ;" a type, "fn NAME" in Rust, and so on.

type skind uint8

const (
	sFile skind = iota
	sNamespace
	sClass // a struct, class, union, interface or impl body
	sEnum
	sFunc
	sBlock // a block inside a function, or one we do not understand
	sInit  // an initializer: its statement goes on after "}"
)

type cscope struct {
	kind  skind
	name  string // type or function name
	fn    string // the enclosing function, for occurrences
	saved []tok  // the statement in progress when this brace opened
	keep  bool   // resume the saved statement after "}"
	from  tok
	items int // statements ended in this scope (an enum's first is its constants)
}

// ctagger is the state of one file's brace-language tagging.
type ctagger struct {
	lang  string
	path  string
	stack []cscope
	cur   []tok
	depth int // ( and [ depth in cur
	// curBuf is the array cur was last given: free for the next statement
	// once cur is reset, unless a scope saved it. spare holds the saved
	// arrays of closed scopes. Reusing them keeps statements from
	// allocating, which was the largest cost of tagging C.
	curBuf []tok
	spare  [][]tok
	defs   []Def
	spans  []fspan
	// Preprocessor state (C and C++): the directive being read, and the
	// #if nesting, where an #else branch is skipped for structure as
	// Universal Ctags does, so that both branches do not open braces.
	pp       []tok
	inPP     bool
	ifs      []ppIf
	skipping int // open #if levels whose branch is skipped
	zeros    int // open "#if 0" levels
}

// fspan is the extent of a function body, to name the function of each
// occurrence.
type fspan struct {
	from, to int64
	name     string
}

func pos(line, col int) int64 { return int64(line)<<32 | int64(col) }

// tagBraces tags lx, appending its definitions to defs.
func tagBraces(lang, path string, lx lexed, defs []Def, dl *deadline) (File, error) {
	t := &ctagger{lang: lang, path: path, stack: []cscope{{kind: sFile}}, defs: defs}
	var prev tok
	for _, k := range lx.toks {
		if err := dl.check(); err != nil {
			return File{}, err
		}
		t.feed(k, prev)
		if k.kind != tNL {
			prev = k
		}
	}
	if t.inPP {
		t.directive()
	}
	end := pos(1<<30, 0)
	for len(t.stack) > 1 {
		t.closeScope(end)
	}
	return File{Path: path, Lang: lang, Defs: t.defs, Occs: assignFuncs(lx.occs, t.spans)}, nil
}

func (t *ctagger) cpp() bool { return t.lang == "c" || t.lang == "c++" }

func (t *ctagger) feed(k tok, prev tok) {
	if t.cpp() {
		if t.inPP {
			if k.kind == tNL && !(prev.kind == tPunct && prev.text == "\\" && prev.line == k.line) {
				t.directive()
			} else if k.kind != tNL {
				t.pp = append(t.pp, k)
			}
			return
		}
		if k.kind == tPunct && k.text == "#" && k.bol {
			t.inPP, t.pp = true, t.pp[:0]
			return
		}
		if t.skipping > 0 {
			return
		}
	}
	if k.kind == tNL {
		return
	}
	if k.kind == tPunct {
		switch k.text {
		case "(", "[":
			t.depth++
		case ")", "]":
			if t.depth > 0 {
				t.depth--
			}
		case "{":
			t.open(k)
			return
		case "}":
			t.closeScope(pos(k.line, k.col))
			return
		case ";":
			if t.depth == 0 {
				t.endStatement(false)
				return
			}
		}
	}
	if t.cur == nil {
		t.cur = t.take()
	}
	t.cur = append(t.cur, k)
}

// take gives an empty token slice for a new statement.
func (t *ctagger) take() []tok {
	if t.curBuf == nil {
		if n := len(t.spare); n > 0 {
			t.curBuf, t.spare = t.spare[n-1], t.spare[:n-1]
		} else {
			t.curBuf = make([]tok, 0, 64)
		}
	}
	return t.curBuf[:0]
}

// directive handles one preprocessor line: #define names a macro; #if,
// #else and #endif steer which branch is read for structure. An #else
// branch is read too when the branch before it left the braces and the
// statement as it found them (two whole definitions of one function);
// otherwise it is skipped, so that "#if A int f(a) { #else int f(a, b)
// { #endif" opens one brace, not two. "#if 0" is skipped whole, macros
// included.
func (t *ctagger) directive() {
	t.inPP = false
	if len(t.pp) == 0 || t.pp[0].kind != tIdent {
		return
	}
	switch t.pp[0].text {
	case "define":
		if len(t.pp) > 1 && t.pp[1].kind == tIdent && t.zeros == 0 {
			n := t.pp[1]
			t.defs = append(t.defs, Def{Name: n.text, Kind: Macro, Path: t.path, Line: n.line, Col: n.col, Lang: t.lang})
		}
	case "if", "ifdef", "ifndef":
		zero := t.pp[0].text == "if" && len(t.pp) == 2 && t.pp[1].text == "0"
		t.ifs = append(t.ifs, ppIf{skip: zero, zero: zero, stack: len(t.stack), clean: len(t.cur) == 0})
		if zero {
			t.skipping++
			t.zeros++
		}
	case "else", "elif", "elifdef", "elifndef":
		n := len(t.ifs)
		if n == 0 {
			return
		}
		f := &t.ifs[n-1]
		switch {
		case f.zero && t.pp[0].text == "else":
			f.skip, f.zero = false, false // the #else of "#if 0" is the branch compiled
			t.skipping--
			t.zeros--
		case f.skip:
		case !(f.clean && len(t.cur) == 0 && len(t.stack) == f.stack):
			f.skip = true
			t.skipping++
		}
	case "endif":
		if n := len(t.ifs); n > 0 {
			if t.ifs[n-1].skip {
				t.skipping--
			}
			if t.ifs[n-1].zero {
				t.zeros--
			}
			t.ifs = t.ifs[:n-1]
		}
	}
}

// ppIf is one open #if.
type ppIf struct {
	skip, zero bool // this branch is skipped; it is "#if 0"
	stack      int  // the scope depth at #if
	clean      bool // no statement was in progress at #if
}

func (t *ctagger) top() *cscope { return &t.stack[len(t.stack)-1] }

// open handles "{": the statement so far is the head of what it opens.
func (t *ctagger) open(k tok) {
	head, parent := t.cur, t.top()
	sc := cscope{fn: parent.fn, saved: head, from: k}
	switch {
	case t.depth > 0 || parent.kind == sInit:
		sc.kind, sc.keep = sBlock, true // a lambda, a compound literal, a nested initializer
		if t.depth == 0 {
			t.literalMethod(head, &sc) // JavaScript's "{ onError(err) {"
		}
	case parent.kind == sFunc || parent.kind == sBlock:
		sc.kind = sBlock
		if t.lang == "javascript" || t.lang == "typescript" || t.lang == "rust" {
			t.keywordHead(head, &sc, parent)
		} else if t.cpp() && startsType(head) && !hasTopEq(head) && t.typeHead(head, &sc) {
			sc.fn = parent.fn // a struct or enum local to a function
		}
	default:
		t.classifyHead(head, &sc, parent)
	}
	if sc.kind == sFunc {
		sc.fn = sc.name
	}
	t.stack = append(t.stack, sc)
	t.cur, t.depth = nil, 0
	t.curBuf = nil // the scope owns it now (as saved) until it closes
}

// closeScope handles "}" at p.
func (t *ctagger) closeScope(p int64) {
	if len(t.stack) == 1 {
		t.cur, t.depth = nil, 0 // an unbalanced "}": start afresh
		return
	}
	sc := t.top()
	if sc.kind == sEnum && sc.items == 0 && len(t.cur) > 0 {
		t.endStatement(true)
	} else if len(t.cur) > 0 && (sc.kind == sClass || sc.kind == sFile || sc.kind == sNamespace) {
		t.endStatement(true)
	}
	if sc.kind == sFunc {
		t.spans = append(t.spans, fspan{from: pos(sc.from.line, sc.from.col), to: p, name: sc.name})
	}
	t.stack = t.stack[:len(t.stack)-1]
	t.cur, t.depth = nil, 0
	if sc.keep {
		t.cur = append(append(t.take(), sc.saved...), tok{kind: tPunct, text: "{}", line: sc.from.line, col: sc.from.col})
		t.depth = parenDepth(t.cur)
	}
	if cap(sc.saved) > 0 {
		t.spare = append(t.spare, sc.saved[:0])
	}
}

func parenDepth(ts []tok) int {
	d := 0
	for _, k := range ts {
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
	return d
}

func (t *ctagger) addDef(n tok, k Kind, scope string) {
	t.defs = append(t.defs, Def{Name: n.text, Kind: k, Path: t.path, Line: n.line, Col: n.col, Scope: scope, Lang: t.lang})
}

// scopeName is the name of the innermost named type or namespace.
func (t *ctagger) scopeName() string {
	for i := len(t.stack) - 1; i > 0; i-- {
		if s := t.stack[i]; s.kind == sClass || s.kind == sEnum || s.kind == sNamespace {
			if s.name != "" {
				return s.name
			}
		}
	}
	return ""
}

// startsType says whether a head inside a function declares a type:
// "struct s {", "static const enum e {", not "for (... struct s ...) {".
func startsType(head []tok) bool {
	for _, k := range head {
		switch {
		case k.kind != tIdent:
			return false
		case k.text == "static" || k.text == "const" || k.text == "typedef" || k.text == "volatile":
		default:
			_, ok := typeKeywords[k.text]
			return ok
		}
	}
	return false
}
