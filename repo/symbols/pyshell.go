package symbols

import "strings"

// The line-based taggers: Python (indentation gives the scopes) and shell
// (function definitions and top-level assignments).

type pyScope struct {
	indent int
	name   string
	class  bool
	from   int64
}

// tagPython tags lx, appending its definitions to defs.
func tagPython(path string, lx lexed, defs []Def, dl *deadline) (File, error) {
	f := File{Path: path, Lang: "python", Defs: defs}
	var stack []pyScope
	var spans []fspan
	add := func(n tok, k Kind) Def {
		d := Def{Name: n.text, Kind: k, Path: path, Line: n.line, Col: n.col, Lang: "python"}
		if len(stack) > 0 {
			d.Scope = stack[len(stack)-1].name
		}
		f.Defs = append(f.Defs, d)
		return d
	}
	depth := 0
	toks := lx.toks
	for i := 0; i < len(toks); i++ {
		if err := dl.check(); err != nil {
			return File{}, err
		}
		k := toks[i]
		if k.kind == tPunct {
			switch k.text {
			case "(", "[", "{":
				depth++
			case ")", "]", "}":
				if depth > 0 {
					depth--
				}
			}
		}
		if !k.bol || depth > 0 || k.kind != tIdent && k.kind != tPunct {
			continue
		}
		if isPunct(k, "(") || isPunct(k, "[") || isPunct(k, "{") {
			continue
		}
		for len(stack) > 0 && k.col <= stack[len(stack)-1].indent {
			s := stack[len(stack)-1]
			spans = append(spans, fspan{from: s.from, to: pos(k.line, 0), name: s.name})
			stack = stack[:len(stack)-1]
		}
		j := i
		if k.text == "async" && j+1 < len(toks) {
			j++
		}
		kw := toks[j].text
		if (kw == "def" || kw == "class") && j+1 < len(toks) && toks[j+1].kind == tIdent {
			n := toks[j+1]
			kind := Class
			if kw == "def" {
				kind = Func
				if len(stack) > 0 && stack[len(stack)-1].class {
					kind = Method
				}
			}
			add(n, kind)
			stack = append(stack, pyScope{indent: k.col, name: n.text, class: kw == "class", from: pos(n.line, n.col+len(n.text))})
			continue
		}
		// NAME = ... or NAME: T = ... at module or class level
		if k.kind == tIdent && i+1 < len(toks) && (len(stack) == 0 || stack[len(stack)-1].class) {
			if nx := toks[i+1]; isPunct(nx, "=") && !(i+2 < len(toks) && isPunct(toks[i+2], "=")) || isPunct(nx, ":") && nx.line == k.line {
				add(k, Var)
			}
		}
	}
	for len(stack) > 0 {
		s := stack[len(stack)-1]
		spans = append(spans, fspan{from: s.from, to: pos(1<<30, 0), name: s.name})
		stack = stack[:len(stack)-1]
	}
	f.Occs = assignFuncs(lx.occs, spans)
	return f, nil
}

// tagShell tags lx, appending its definitions to defs.
func tagShell(path string, lx lexed, defs []Def, dl *deadline) (File, error) {
	f := File{Path: path, Lang: "bash", Defs: defs}
	var spans []fspan
	toks := lx.toks
	depth := 0
	type open struct {
		name  string
		depth int
		from  int64
	}
	var pending *open // a function whose body has not yet ended
	var opens []open
	for i := 0; i < len(toks); i++ {
		if err := dl.check(); err != nil {
			return File{}, err
		}
		k := toks[i]
		switch {
		case isPunct(k, "{") || isPunct(k, "("):
			if pending != nil && isPunct(k, "{") {
				opens = append(opens, open{pending.name, depth, pending.from})
				pending = nil
			}
			depth++
			continue
		case isPunct(k, "}") || isPunct(k, ")"):
			if depth > 0 {
				depth--
			}
			if n := len(opens); n > 0 && opens[n-1].depth == depth && isPunct(k, "}") {
				spans = append(spans, fspan{from: opens[n-1].from, to: pos(k.line, k.col+1), name: opens[n-1].name})
				opens = opens[:n-1]
			}
			continue
		}
		if k.kind != tIdent || !k.bol && !(i > 0 && isPunct(toks[i-1], ";")) {
			continue
		}
		n, next := k, i+1
		if k.text == "alias" && i+2 < len(toks) && toks[i+1].kind == tIdent && isPunct(toks[i+2], "=") && toks[i+2].col == toks[i+1].col+len(toks[i+1].text) {
			// "alias ll='ls -l'": a name the shell expands, as a macro is
			a := toks[i+1]
			f.Defs = append(f.Defs, Def{Name: a.text, Kind: Macro, Path: path, Line: a.line, Col: a.col, Lang: "bash"})
			continue
		}
		if k.text == "function" && i+1 < len(toks) && toks[i+1].kind == tIdent {
			n, next = toks[i+1], i+2
		} else if !(next+1 < len(toks) && isPunct(toks[next], "(") && isPunct(toks[next+1], ")")) {
			if next < len(toks) && isPunct(toks[next], "=") && toks[next].col == k.col+len(k.text) && depth == 0 && len(opens) == 0 {
				f.Defs = append(f.Defs, Def{Name: k.text, Kind: Var, Path: path, Line: k.line, Col: k.col, Lang: "bash"})
			}
			continue
		}
		f.Defs = append(f.Defs, Def{Name: n.text, Kind: Func, Path: path, Line: n.line, Col: n.col, Lang: "bash"})
		pending = &open{name: n.text, from: pos(n.line, n.col+len(n.text))}
	}
	markShellCalls(toks, lx.occs)
	f.Occs = assignFuncs(lx.occs, spans)
	return f, nil
}

// shellLead are the words after which a command name comes.
var shellLead = set("then", "do", "else", "if", "elif", "while", "until", "time", "exec", "command", "builtin", "sudo", "xargs", "!")

var shellKeywords = set("if", "then", "else", "elif", "fi", "for", "in", "do", "done", "while", "until", "case", "esac",
	"function", "select", "time", "return", "local", "export", "readonly", "declare")

// markShellCalls marks as calls the words in command position: at a
// line's start (not a continued line), after ";", "|", "&", "(", "{" or a
// word such as "then", and not an assignment ("v=1"), a function
// definition ("f()") or a case pattern ("start)").
func markShellCalls(toks []tok, occs []Occ) {
	calls := map[int64]bool{}
	var prev tok
	for i, k := range toks {
		if k.kind == tNL {
			continue
		}
		lead := k.bol && !isPunct(prev, "\\") ||
			prev.kind == tPunct && strings.Contains(";|&({", prev.text) ||
			prev.kind == tIdent && shellLead[prev.text]
		if lead && k.kind == tIdent && !shellKeywords[k.text] && !strings.HasPrefix(k.text, "$") {
			next := tok{}
			if i+1 < len(toks) {
				next = toks[i+1]
			}
			if !(next.kind == tPunct && (next.text == "=" || next.text == "(" || next.text == ")" && k.bol)) {
				calls[pos(k.line, k.col)] = true
			}
		}
		prev = k
	}
	for i := range occs {
		if occs[i].In == Code && calls[pos(occs[i].Line, occs[i].Col)] {
			occs[i].Call = true
		}
	}
}
