package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"io"

	"sightline/repo/textsafe"
	"sightline/review/toolinfo"
)

func init() {
	register(command{
		name:    "version",
		summary: "what this binary was built from: version, commit, Go, every module",
		run:     runVersion,
	})
}

const versionUsage = `Usage: sightline version [--json | --cyclonedx] [BINARY]

Prints the version of sightline, the commit of sightline's own repository
it was built from, the Go toolchain, the build settings and every module
linked in with its go.sum checksum, read from the binary's build
information (never from the network). With BINARY, describes that Go
binary instead of this one (any platform): scripts/release.sh uses it to
write the SBOM of the binaries it builds.

  --json        the same as JSON
  --cyclonedx   a CycloneDX 1.5 SBOM (JSON)

Builds made with 'go run' or without VCS stamping (-buildvcs=false) cannot
know their commit and say "unknown"; scripts/release.sh stamps it.

Flags:
`

func runVersion(args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("version", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	asJSON := fs.Bool("json", false, "print JSON")
	asBOM := fs.Bool("cyclonedx", false, "print a CycloneDX 1.5 SBOM")
	pos, err := parseInterleaved(fs, args)
	if err != nil {
		return helpOrUsage(err, fs, stdout, versionUsage)
	}
	if *asJSON && *asBOM {
		return usagef("--json and --cyclonedx exclude each other")
	}
	if len(pos) > 1 {
		return usagef("at most one BINARY, got %d arguments", len(pos))
	}
	info := toolinfo.Current()
	if len(pos) == 1 {
		if info, err = toolinfo.FromFile(pos[0]); err != nil {
			return err
		}
	}
	switch {
	case *asJSON:
		return writeJSON(stdout, info)
	case *asBOM:
		return writeJSON(stdout, toolinfo.CycloneDX(info))
	}
	return printVersion(stdout, info)
}

func writeJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(v)
}

// printVersion writes the human form. Module paths come from the binary
// read, which may be any file: they are sanitized like everything else.
func printVersion(w io.Writer, info toolinfo.Info) error {
	s := textsafe.Sanitize
	fmt.Fprintf(w, "sightline %s\ncommit    %s\n", s(info.Version), s(info.Commit))
	if info.Time != "" {
		fmt.Fprintf(w, "time      %s\n", s(info.Time))
	}
	if info.Modified {
		fmt.Fprintln(w, "modified  true (built from a work tree with uncommitted changes)")
	}
	fmt.Fprintf(w, "go        %s\npath      %s\n", s(info.GoVersion), s(info.Path))
	for _, k := range []string{"GOOS", "GOARCH", "CGO_ENABLED", "-trimpath", "-tags", "-ldflags"} {
		if v, ok := info.Settings[k]; ok {
			fmt.Fprintf(w, "build     %s=%s\n", s(k), s(v))
		}
	}
	fmt.Fprintf(w, "modules   %d\n", len(info.Modules))
	for _, m := range info.Modules {
		line := "  " + s(m.Path) + " " + s(m.Version) + " " + s(m.Sum)
		if m.Replace != nil {
			line += " => " + s(m.Replace.Path) + " " + s(m.Replace.Version) + " " + s(m.Replace.Sum)
		}
		fmt.Fprintln(w, line)
	}
	return nil
}
