// Package symbols tags source files at the pin: the definitions they hold
// (functions, methods, types, structs and classes, macros, constants,
// globals) and every identifier they mention, told apart as code,
// comment or string. Go is parsed with the standard library's go/parser;
// C, C++, Java, JavaScript/TypeScript, Rust, Python and shell go through a
// token-based tagger over chroma's lexers that follows brace depth,
// declaration shapes and preprocessor lines. Its definitions are
// candidates, not a compiler's answer, and are marked so (Def.Precise).
//
// Vendor source is hostile input: every file is tagged under a size and a
// time limit, a panic in a tagger is caught, and a file that fails any of
// these is skipped and listed (Index.Skipped), never fatal.
package symbols
