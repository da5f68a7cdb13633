// Command sightline is a terminal workbench for source-code security review
// of a repository pinned at one commit. Run "sightline --help".
package main

import (
	"errors"
	"fmt"
	"io"
	"os"
	"sort"
	"strings"

	"sightline/repo/textsafe"
	"sightline/review/toolinfo"
)

// command is one subcommand. Each lives in its own file and adds itself to
// the table with register, so subcommands stay independent of each other.
type command struct {
	name    string
	summary string // one line for "sightline --help"
	// run executes the command. It returns a usageError for bad arguments
	// (exit 2) and any other error for a failure (exit 1).
	run func(args []string, stdout, stderr io.Writer) error
}

var commands = map[string]command{}

func register(c command) { commands[c.name] = c }

// usageError marks an error as a mistake in how the command was called.
type usageError struct{ msg string }

func (e usageError) Error() string { return e.msg }

func usagef(format string, args ...any) error {
	return usageError{fmt.Sprintf(format, args...)}
}

// exitError lets a command choose its own exit status (verify uses 2 for
// "could not check") after it has printed its own report.
type exitError struct {
	code int
	err  error
}

func (e exitError) Error() string { return e.err.Error() }
func (e exitError) Unwrap() error { return e.err }

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

func run(args []string, stdout, stderr io.Writer) int {
	name, rest := "open", args
	if len(args) > 0 {
		switch a := args[0]; {
		case a == "help" && len(args) > 1 && commands[args[1]].run != nil:
			name, rest = args[1], []string{"--help"} // "sightline help grep"
		case a == "-h" || a == "--help" || a == "help":
			printHelp(stdout)
			return 0
		case a == "--version" || a == "-version":
			fmt.Fprintln(stdout, "sightline "+oneLine(toolinfo.Current().Short()))
			return 0
		case commands[a].run != nil:
			name, rest = a, args[1:]
		case !strings.HasPrefix(a, "-") && looksLikeCommand(a):
			fmt.Fprintf(stderr, "sightline: unknown command %q; run 'sightline --help' for the list\n", a)
			return 2
		}
	}
	c, ok := commands[name]
	if !ok {
		fmt.Fprintf(stderr, "sightline: command %q is not built into this binary\n", name)
		return 1
	}
	err := c.run(rest, stdout, stderr)
	return exitCode(name, err, stderr)
}

// looksLikeCommand tells a mistyped command from a repository path given to
// the default "open": a path that exists, or has a slash, is a path.
func looksLikeCommand(a string) bool {
	if strings.ContainsAny(a, "/.\\") {
		return false
	}
	_, err := os.Stat(a)
	return err != nil
}

func exitCode(name string, err error, stderr io.Writer) int {
	if err == nil {
		return 0
	}
	var ue usageError
	if errors.As(err, &ue) {
		fmt.Fprintf(stderr, "sightline %s: %s (run 'sightline %s --help')\n", name, oneLine(ue.msg), name)
		return 2
	}
	var ee exitError
	if errors.As(err, &ee) {
		if ee.err != nil && ee.err.Error() != "" {
			fmt.Fprintf(stderr, "sightline %s: %s\n", name, oneLine(ee.err.Error()))
		}
		return ee.code
	}
	fmt.Fprintf(stderr, "sightline %s: %s\n", name, oneLine(err.Error()))
	return 1
}

// oneLine keeps an error on one terminal line and free of control bytes: an
// error can quote a path or revision taken from the hostile repository.
func oneLine(s string) string { return textsafe.Sanitize(s) }

func printHelp(w io.Writer) {
	fmt.Fprint(w, `sightline: a terminal workbench for source-code security review

Usage:
  sightline [open] [PATH] [--rev REV] [--base BASE]
                                  browse PATH (default .) pinned at REV (default HEAD),
                                  with the changes since BASE in tab 2
  sightline demo                  browse a built-in demo repository (v1.1 against v1.0)
  sightline --version             what this binary was built from ('sightline version' for more)
  sightline COMMAND [ARGS] [--help]

Commands:
`)
	names := make([]string, 0, len(commands))
	for n := range commands {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		fmt.Fprintf(w, "  %-10s %s\n", n, commands[n].summary)
	}
	fmt.Fprint(w, `
sightline never touches the network, never runs git, and never writes to the
repository under review. Exit status: 0 success, 1 failure, 2 bad usage.
`)
}
