package symbols

import (
	"go/ast"
	"go/parser"
	"go/token"
	"sort"
)

// tagGo parses Go with the standard library's parser. A file with syntax
// errors yields what the parser recovered and what go/scanner's tokens
// show (goscan.go).
func tagGo(p string, src []byte, dl *deadline, how tagHow) (File, error) {
	keep := how.keep
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, p, src, parser.ParseComments|parser.SkipObjectResolution)
	if f == nil {
		return File{}, err
	}
	out := File{Path: p, Lang: "go"}
	var funcs []goFuncSpan
	out.Defs, funcs = goDecls(fset, f, p)
	enclosing := func(pos token.Pos) string {
		i := sort.Search(len(funcs), func(i int) bool { return funcs[i].from > pos }) - 1
		if i >= 0 && pos < funcs[i].to {
			return funcs[i].name
		}
		return ""
	}
	var stop error
	calls := map[*ast.Ident]bool{} // the called names, seen before their idents
	ast.Inspect(f, func(n ast.Node) bool {
		if stop != nil {
			return false
		}
		if stop = dl.check(); stop != nil {
			return false
		}
		switch n := n.(type) {
		case *ast.CallExpr:
			switch fn := ast.Unparen(n.Fun).(type) {
			case *ast.Ident:
				calls[fn] = true
			case *ast.SelectorExpr:
				calls[fn.Sel] = true
			case *ast.IndexExpr: // a generic call, f[T](x)
				if id, ok := fn.X.(*ast.Ident); ok {
					calls[id] = true
				}
			}
		case *ast.Ident:
			if keep != nil && !keep(n.Name) {
				break
			}
			pos := fset.Position(n.Pos())
			out.Occs = append(out.Occs, Occ{Name: n.Name, Line: pos.Line, Col: pos.Column, In: Code, Func: enclosing(n.Pos()), Call: calls[n]})
		case *ast.BasicLit:
			if n.Kind == token.STRING || n.Kind == token.CHAR {
				pos := fset.Position(n.Pos())
				out.Occs = wordsKept(out.Occs, n.Value, pos.Line, pos.Column, String, enclosing(n.Pos()), keep)
			}
		}
		return true
	})
	if stop != nil {
		return File{}, stop
	}
	var cmts []Occ
	for _, cg := range f.Comments {
		for _, c := range cg.List {
			pos := fset.Position(c.Pos())
			cmts = wordsKept(cmts, c.Text, pos.Line, pos.Column, Comment, enclosing(c.Pos()), keep)
		}
	}
	out.Occs = mergeOccs(out.Occs, cmts)
	if err != nil {
		sc, serr := scanGo(p, src, dl, how)
		if serr != nil {
			return File{}, serr
		}
		out = withScanned(out, sc)
	}
	return out, nil
}

// tagGoDefs is tagGo for definitions only: no comments parsed, no walk
// over every identifier.
func tagGoDefs(p string, src []byte, dl *deadline, how tagHow) (File, error) {
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, p, src, parser.SkipObjectResolution)
	if f == nil {
		return File{}, err
	}
	out := File{Path: p, Lang: "go"}
	out.Defs, _ = goDecls(fset, f, p)
	if err != nil {
		how.keep = func(string) bool { return false }
		sc, serr := scanGo(p, src, dl, how)
		if serr != nil {
			return File{}, serr
		}
		out = withScanned(out, sc)
	}
	return out, nil
}

// goFuncSpan is where a function's declaration starts and ends.
type goFuncSpan struct {
	from, to token.Pos
	name     string
}

// goDecls lists the definitions of f's top-level declarations, and its
// functions' spans in order.
func goDecls(fset *token.FileSet, f *ast.File, p string) ([]Def, []goFuncSpan) {
	var defs []Def
	def := func(id *ast.Ident, k Kind, scope string) {
		if id == nil || id.Name == "_" {
			return
		}
		pos := fset.Position(id.Pos())
		defs = append(defs, Def{Name: id.Name, Kind: k, Path: p, Line: pos.Line, Col: pos.Column, Scope: scope, Lang: "go", Precise: true})
	}
	var funcs []goFuncSpan
	for _, d := range f.Decls {
		switch d := d.(type) {
		case *ast.FuncDecl:
			if d.Recv != nil && len(d.Recv.List) > 0 {
				def(d.Name, Method, recvType(d.Recv.List[0].Type))
			} else {
				def(d.Name, Func, "")
			}
			funcs = append(funcs, goFuncSpan{d.Pos(), d.End(), d.Name.Name})
		case *ast.GenDecl:
			goGenDecl(d, def)
		}
	}
	sort.Slice(funcs, func(i, j int) bool { return funcs[i].from < funcs[j].from })
	return defs, funcs
}

// mergeOccs merges the comments' occurrences, in order, into the code's,
// which the syntax tree gives in order too but for rare cases: sorting
// the whole list each time was a sixth of tagging Go.
func mergeOccs(code, cmts []Occ) []Occ {
	sortOccs(code)
	if len(cmts) == 0 {
		return code
	}
	out := make([]Occ, 0, len(code)+len(cmts))
	i, j := 0, 0
	for i < len(code) && j < len(cmts) {
		a, b := &code[i], &cmts[j]
		if a.Line < b.Line || a.Line == b.Line && a.Col <= b.Col {
			out = append(out, *a)
			i++
		} else {
			out = append(out, *b)
			j++
		}
	}
	out = append(out, code[i:]...)
	return append(out, cmts[j:]...)
}

// goGenDecl tags the types, constants and variables of one declaration;
// only package-level ones reach here.
func goGenDecl(d *ast.GenDecl, def func(*ast.Ident, Kind, string)) {
	for _, s := range d.Specs {
		switch s := s.(type) {
		case *ast.TypeSpec:
			k := Type
			switch s.Type.(type) {
			case *ast.StructType:
				k = Struct
			case *ast.InterfaceType:
				k = Interface
			}
			def(s.Name, k, "")
		case *ast.ValueSpec:
			k := Var
			if d.Tok == token.CONST {
				k = Const
			}
			for _, n := range s.Names {
				def(n, k, "")
			}
		}
	}
}

// recvType names a method's receiver type: T for T, *T, T[K] and *T[K].
func recvType(e ast.Expr) string {
	for {
		switch t := e.(type) {
		case *ast.StarExpr:
			e = t.X
		case *ast.IndexExpr:
			e = t.X
		case *ast.IndexListExpr:
			e = t.X
		case *ast.ParenExpr:
			e = t.X
		case *ast.Ident:
			return t.Name
		default:
			return ""
		}
	}
}
