package toolinfo

import (
	"bufio"
	"bytes"
	"debug/buildinfo"
	_ "embed"
	"fmt"
	"runtime/debug"
	"strings"
)

//go:generate cp ../../go.sum modules.sum

//go:embed modules.sum
var moduleSums []byte

// Unknown is what Version and Commit say when the build recorded nothing:
// `go run` and `go build` without VCS stamping (-buildvcs=false).
const Unknown = "unknown"

// Module is one module linked into the binary.
type Module struct {
	Path    string `json:"path"`
	Version string `json:"version"`
	// Sum is the module's go.sum checksum ("h1:…"), from the build info or,
	// for a vendored build, from the embedded go.sum.
	Sum string `json:"sum,omitempty"`
	// Replace is the module that replaced this one, if any.
	Replace *Module `json:"replace,omitempty"`
}

// Info describes one build of sightline.
type Info struct {
	Version   string `json:"version"`  // module version, or "(devel)"
	Commit    string `json:"commit"`   // sightline's own commit, or Unknown
	Time      string `json:"time"`     // the commit's time (RFC 3339), or ""
	Modified  bool   `json:"modified"` // built from a work tree with uncommitted changes
	GoVersion string `json:"go"`
	Path      string `json:"path"` // the main package
	// Settings are the build settings that change the binary (GOOS,
	// GOARCH, CGO_ENABLED, -trimpath, -ldflags, …), as recorded.
	Settings map[string]string `json:"settings"`
	Modules  []Module          `json:"modules"`
}

// Current describes the running binary.
func Current() Info {
	bi, ok := debug.ReadBuildInfo()
	if !ok {
		return Info{Version: "(devel)", Commit: Unknown, Settings: map[string]string{}}
	}
	return fromBuildInfo(bi)
}

// FromFile describes the Go binary at path (any GOOS/GOARCH): what the
// release script uses for binaries it cannot run.
func FromFile(path string) (Info, error) {
	bi, err := buildinfo.ReadFile(path)
	if err != nil {
		return Info{}, fmt.Errorf("%s: no Go build information: %w", path, err)
	}
	return fromBuildInfo(bi), nil
}

// Short is the one-line form: "v0.0.0-… (commit 0123456789ab)".
func (i Info) Short() string {
	c := i.Commit
	if len(c) > 12 {
		c = c[:12]
	}
	s := i.Version + " (commit " + c
	if i.Modified {
		s += ", modified"
	}
	return s + ", " + i.GoVersion + ")"
}

func fromBuildInfo(bi *debug.BuildInfo) Info {
	info := Info{
		Version:   bi.Main.Version,
		Commit:    Unknown,
		GoVersion: bi.GoVersion,
		Path:      bi.Path,
		Settings:  map[string]string{},
	}
	if info.Version == "" {
		info.Version = "(devel)"
	}
	for _, s := range bi.Settings {
		switch s.Key {
		case "vcs.revision":
			info.Commit = s.Value
		case "vcs.time":
			info.Time = s.Value
		case "vcs.modified":
			info.Modified = s.Value == "true"
		default:
			info.Settings[s.Key] = s.Value
		}
	}
	sums := parseSums(moduleSums)
	for _, d := range bi.Deps {
		info.Modules = append(info.Modules, module(d, sums))
	}
	return info
}

func module(d *debug.Module, sums map[string]string) Module {
	m := Module{Path: d.Path, Version: d.Version, Sum: d.Sum}
	if m.Sum == "" {
		m.Sum = sums[d.Path+" "+d.Version]
	}
	if d.Replace != nil {
		r := module(d.Replace, sums)
		m.Replace = &r
	}
	return m
}

// parseSums reads go.sum lines ("path version h1:…"), keeping the
// checksum of each module's content (not of its go.mod alone).
func parseSums(b []byte) map[string]string {
	out := map[string]string{}
	sc := bufio.NewScanner(bytes.NewReader(b))
	for sc.Scan() {
		f := strings.Fields(sc.Text())
		if len(f) != 3 || strings.HasSuffix(f[1], "/go.mod") {
			continue
		}
		out[f[0]+" "+f[1]] = f[2]
	}
	return out
}
