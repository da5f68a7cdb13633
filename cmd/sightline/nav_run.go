package main

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"os"
	"strconv"

	"sightline/repo/symbols"
)

func runDef(args []string, stdout, stderr io.Writer) error {
	a, s, name, err := openNamed("def", defUsage, args, stdout, stderr)
	if err != nil || a == nil {
		return err
	}
	defer s.r.Close()
	defs, skipped, err := s.definitions(name, "", func(c *symbols.Cache) ([]symbols.Def, error) { return c.Defs(name) })
	if err != nil {
		return err
	}
	if a.at != "" {
		defs = symbols.Rank(defs, a.atPath)
	}
	if err := s.writeDefs(name, defs, skipped, a.asJSON); err != nil {
		return err
	}
	if len(defs) == 0 {
		return exitError{1, fmt.Errorf("no definition of %s at %s", s.text(strconv.Quote(name)), s.at())}
	}
	return nil
}

func runSymbols(args []string, stdout, stderr io.Writer) error {
	a, err := parseNavArgs("symbols", symbolsUsage, args, stdout)
	if err != nil || a == nil {
		return err
	}
	s, err := openNav(a, stdout, stderr)
	if err != nil {
		return err
	}
	defer s.r.Close()
	if a.atPath != "" {
		if _, err := s.r.Lookup(context.Background(), s.pin.Tree, a.atPath); err != nil {
			return err
		}
	}
	defs, skipped, err := s.definitions("", a.atPath, func(c *symbols.Cache) ([]symbols.Def, error) { return c.Under(a.atPath) })
	if err != nil {
		return err
	}
	if err := s.writeDefs("", defs, skipped, a.asJSON); err != nil {
		return err
	}
	if len(defs) == 0 {
		where := "the tree"
		if a.atPath != "" {
			where = s.path(a.atPath)
		}
		return exitError{1, fmt.Errorf("no definitions in %s at %s", where, s.at())}
	}
	return nil
}

func runRefs(args []string, stdout, stderr io.Writer) error {
	a, s, name, err := openNamed("refs", refsUsage, args, stdout, stderr)
	if err != nil || a == nil {
		return err
	}
	defer s.r.Close()
	if a.serve {
		return serveRefs(s, os.Stdin)
	}
	ix, err := s.buildNamed(name, refsOptions(name))
	if err != nil {
		return err
	}
	refs := ix.Refs(name)
	if err := s.writeRefs(name, refs, ix.Defs(name), ix.Skipped, a.asJSON); err != nil {
		return err
	}
	if len(refs) == 0 {
		return exitError{1, fmt.Errorf("no occurrence of %s at %s", s.text(strconv.Quote(name)), s.at())}
	}
	return nil
}

// defsDoc is the JSON of def and symbols.
type defsDoc struct {
	Name        string            `json:"name,omitempty"`
	Commit      string            `json:"commit"`
	Definitions []symbols.Def     `json:"definitions"`
	Skipped     []symbols.Skipped `json:"skipped"`
}

func (s *navSession) writeDefs(name string, defs []symbols.Def, skipped []symbols.Skipped, asJSON bool) error {
	if asJSON {
		return writeJSON(s.stdout, defsDoc{name, s.pin.Commit.String(), nonNil(defs), nonNil(skipped)})
	}
	w := bufio.NewWriter(s.stdout)
	for _, d := range defs {
		fmt.Fprintf(w, "%s:%d:%d: %s %s", s.path(d.Path), d.Line, d.Col, d.Kind, s.text(d.Name))
		if d.Scope != "" {
			fmt.Fprintf(w, " in %s", s.text(d.Scope))
		}
		if !d.Precise {
			fmt.Fprint(w, " (candidate)")
		}
		fmt.Fprintln(w)
	}
	return w.Flush()
}

// refJSON is one occurrence in refs --json.
type refJSON struct {
	Path     string `json:"path"`
	Line     int    `json:"line"`
	Col      int    `json:"col"`
	In       string `json:"in"` // code, comment or string
	Function string `json:"function,omitempty"`
	// Call marks a call site: the name before an argument list, not at
	// one of its definitions; Function is then the caller.
	Call bool   `json:"call,omitempty"`
	Text string `json:"text"`
}

type refsDoc struct {
	Name       string            `json:"name"`
	Commit     string            `json:"commit"`
	References []refJSON         `json:"references"`
	Skipped    []symbols.Skipped `json:"skipped"`
}

// refsOptions is what a refs tags for: name's occurrences, with their
// lines.
func refsOptions(name string) symbols.Options {
	return symbols.Options{KeepOccs: func(n string) bool { return n == name }, KeepName: name, KeepText: true}
}

func (s *navSession) writeRefs(name string, refs []symbols.Ref, defs []symbols.Def, skipped []symbols.Skipped, asJSON bool) error {
	out := refsJSON(refs, defs)
	if asJSON {
		return writeRefsJSON(s.stdout, refsDoc{name, s.pin.Commit.String(), out, nonNil(skipped)})
	}
	w := bufio.NewWriter(s.stdout)
	for _, r := range out {
		fmt.Fprintf(w, "%s:%d:%d: %s", s.path(r.Path), r.Line, r.Col, r.In)
		if r.Function != "" {
			fmt.Fprintf(w, " in %s", s.text(r.Function))
		}
		fmt.Fprintf(w, ": %s\n", s.text(r.Text))
	}
	return w.Flush()
}

// refsJSON is refs as printed: a call site is marked only where it is
// not one of the name's definitions.
func refsJSON(refs []symbols.Ref, defs []symbols.Def) []refJSON {
	type place struct {
		path      string
		line, col int
	}
	// A definition is followed by its parameters, not called.
	defAt := map[place]bool{}
	for _, d := range defs {
		defAt[place{d.Path, d.Line, d.Col}] = true
	}
	out := make([]refJSON, 0, len(refs))
	for _, r := range refs {
		call := r.Call && r.In == symbols.Code && !defAt[place{r.Path, r.Line, r.Col}]
		out = append(out, refJSON{r.Path, r.Line, r.Col, r.In.String(), r.Func, call, lineAround(r.Text, r.Col)})
	}
	return out
}

func nonNil[T any](s []T) []T {
	if s == nil {
		return []T{}
	}
	return s
}

// openNamed parses a def or refs command line, opens the repository at
// the pin and resolves the name (given, or the identifier at --at). A nil
// navArgs with a nil error means the usage was printed.
func openNamed(cmd, usage string, args []string, stdout, stderr io.Writer) (*navArgs, *navSession, string, error) {
	a, err := parseNavArgs(cmd, usage, args, stdout)
	if err != nil || a == nil {
		return nil, nil, "", err
	}
	s, err := openNav(a, stdout, stderr)
	if err != nil {
		return nil, nil, "", err
	}
	name := a.name
	if a.at != "" {
		if name, err = s.identAt(a); err != nil {
			s.r.Close()
			return nil, nil, "", err
		}
	}
	return a, s, name, nil
}
