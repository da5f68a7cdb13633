package symbols

import (
	"path"
	"strings"

	"sightline/repo"
)

// Kind is what a definition defines.
type Kind string

// The kinds of definition, named as Universal Ctags names them where it
// has a name.
const (
	Func      Kind = "function"
	Method    Kind = "method"
	Type      Kind = "type" // a typedef, a type alias or a named type
	Struct    Kind = "struct"
	Union     Kind = "union"
	Enum      Kind = "enum"
	Class     Kind = "class"
	Interface Kind = "interface"
	Macro     Kind = "macro"
	Const     Kind = "constant"
	Var       Kind = "variable"
	Namespace Kind = "namespace"
	Field     Kind = "member" // a struct, class or record field
)

// Def is one definition.
type Def struct {
	Name  string `json:"name"`
	Kind  Kind   `json:"kind"`
	Path  string `json:"path"`
	Line  int    `json:"line"`            // from 1
	Col   int    `json:"col"`             // byte column from 1
	Scope string `json:"scope,omitempty"` // the enclosing class, struct, namespace or receiver type
	Lang  string `json:"lang"`
	// Precise is true when a real grammar found it (Go); the token-based
	// tagger's definitions are candidates.
	Precise bool `json:"precise"`
}

// Where says where an identifier occurs.
type Where uint8

// Where an occurrence is: in code, in a comment, in a string literal.
const (
	Code Where = iota
	Comment
	String
)

// String names the place for output: "code", "comment", "string".
func (w Where) String() string {
	switch w {
	case Comment:
		return "comment"
	case String:
		return "string"
	}
	return "code"
}

// Occ is one occurrence of an identifier.
type Occ struct {
	Name string
	Line int // from 1
	Col  int // byte column from 1
	In   Where
	// Func is the function the occurrence is in ("" at file level), so
	// that a call site can name its caller.
	Func string
	// Call is true for a code occurrence followed by "(": a call (or a
	// declaration, which the refs child tells apart by the definitions).
	Call bool
}

// File is what tagging one file found.
type File struct {
	Path string
	Lang string
	Blob repo.Hash // the blob tagged, when Build read it from a tree
	Defs []Def
	Occs []Occ
	// Lines holds the text of the lines of Occs, by line number, when
	// the build was asked to keep it (Options.KeepText).
	Lines map[int]string
}

// Languages the taggers know, by file name. The value is the language
// name used in Def.Lang and the chroma lexer's name.
var byExt = map[string]string{
	".go": "go",
	".c":  "c", ".h": "c",
	".cc": "c++", ".cpp": "c++", ".cxx": "c++", ".hh": "c++", ".hpp": "c++", ".hxx": "c++", ".c++": "c++", ".h++": "c++",
	".java": "java",
	".js":   "javascript", ".mjs": "javascript", ".cjs": "javascript", ".jsx": "javascript",
	".ts": "typescript", ".tsx": "typescript", ".mts": "typescript", ".cts": "typescript",
	".rs": "rust",
	".py": "python", ".pyi": "python",
	".sh": "bash", ".bash": "bash", ".ksh": "bash", ".zsh": "bash",
}

// Language names the language of a file by its name, or "" when no
// tagger reads it.
func Language(p string) string {
	return byExt[strings.ToLower(path.Ext(p))]
}
