package toolinfo

import (
	"bytes"
	"os"
	"path/filepath"
	"runtime/debug"
	"testing"
)

// TestEmbeddedSumsMatchGoSum keeps the embedded copy of go.sum honest: a
// vendored build takes every checksum it reports from it.
func TestEmbeddedSumsMatchGoSum(t *testing.T) {
	want, err := os.ReadFile(filepath.Join("..", "..", "go.sum"))
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(want, moduleSums) {
		t.Fatal("review/toolinfo/modules.sum differs from go.sum: run 'go generate ./review/toolinfo'")
	}
}

func TestFromBuildInfoFillsSumsAndVCS(t *testing.T) {
	bi := &debug.BuildInfo{
		GoVersion: "go1.26.8",
		Path:      "sightline/cmd/sightline",
		Main:      debug.Module{Path: "sightline", Version: "v0.0.0-20261123230053-dc69746206e5"},
		Deps: []*debug.Module{
			{Path: "github.com/charmbracelet/bubbletea", Version: "v1.3.10"}, // vendored: no sum recorded
			{Path: "example.com/replaced", Version: "v1.0.0", Replace: &debug.Module{Path: "example.com/fork", Version: "v1.0.1", Sum: "h1:fork="}},
		},
		Settings: []debug.BuildSetting{
			{Key: "vcs.revision", Value: "dc69746206e5d987f046805143ef513c69acd596"},
			{Key: "vcs.time", Value: "2026-11-23T23:00:53Z"},
			{Key: "vcs.modified", Value: "true"},
			{Key: "CGO_ENABLED", Value: "0"},
		},
	}
	got := fromBuildInfo(bi)
	if got.Commit != "dc69746206e5d987f046805143ef513c69acd596" || !got.Modified || got.Time != "2026-11-23T23:00:53Z" {
		t.Fatalf("vcs settings not read: %+v", got)
	}
	if got.Settings["CGO_ENABLED"] != "0" || got.Settings["vcs.revision"] != "" {
		t.Fatalf("settings: %v", got.Settings)
	}
	sums := parseSums(moduleSums)
	want := sums["github.com/charmbracelet/bubbletea v1.3.10"]
	if want == "" || got.Modules[0].Sum != want {
		t.Fatalf("bubbletea sum = %q, want %q from go.sum", got.Modules[0].Sum, want)
	}
	if r := got.Modules[1].Replace; r == nil || r.Path != "example.com/fork" || r.Sum != "h1:fork=" {
		t.Fatalf("replace not kept: %+v", got.Modules[1])
	}
	if s := got.Short(); s != "v0.0.0-20261123230053-dc69746206e5 (commit dc69746206e5, modified, go1.26.8)" {
		t.Fatalf("Short() = %q", s)
	}
}

// TestFromFileReadsABuiltBinary reads the test binary itself back from
// disk, as the release script reads binaries built for other platforms.
func TestFromFileReadsABuiltBinary(t *testing.T) {
	exe, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	info, err := FromFile(exe)
	if err != nil {
		t.Fatal(err)
	}
	if info.GoVersion == "" || info.Path == "" {
		t.Fatalf("test binary's build info not read: %+v", info)
	}
	if _, err := FromFile(filepath.Join(t.TempDir(), "missing")); err == nil {
		t.Fatal("a missing file read as a binary")
	}
	notGo := filepath.Join(t.TempDir(), "script")
	if err := os.WriteFile(notGo, []byte("#!/bin/sh\n"), 0o755); err != nil {
		t.Fatal(err)
	}
	if _, err := FromFile(notGo); err == nil {
		t.Fatal("a shell script read as a Go binary")
	}
}

func TestCycloneDXListsEveryModule(t *testing.T) {
	info := Info{Version: "v1.2.3", Commit: "abc", GoVersion: "go1.26.8", Settings: map[string]string{"GOOS": "linux"},
		Modules: []Module{
			{Path: "github.com/charmbracelet/bubbletea", Version: "v1.3.10", Sum: "h1:x="},
			{Path: "example.com/old", Version: "v1.0.0", Replace: &Module{Path: "example.com/new", Version: "v2.0.0"}},
		}}
	bom := CycloneDX(info)
	if bom.Format != "CycloneDX" || bom.SpecVersion != "1.5" || bom.Metadata.Component.Version != "v1.2.3" {
		t.Fatalf("header: %+v", bom)
	}
	if len(bom.Components) != 2 {
		t.Fatalf("components: %+v", bom.Components)
	}
	c := bom.Components[0]
	if c.PURL != "pkg:golang/github.com/charmbracelet/bubbletea@v1.3.10" || len(c.Properties) != 1 || c.Properties[0].Value != "h1:x=" {
		t.Fatalf("module component: %+v", c)
	}
	if bom.Components[1].Name != "example.com/new" {
		t.Fatalf("a replaced module is listed as what was linked: %+v", bom.Components[1])
	}
}
