package main

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"

	"sightline/review/toolinfo"
)

func TestVersionFlagAndCommand(t *testing.T) {
	var out, errb bytes.Buffer
	if code := run([]string{"--version"}, &out, &errb); code != 0 {
		t.Fatalf("--version exit %d: %s", code, errb.String())
	}
	if !strings.HasPrefix(out.String(), "sightline ") || !strings.Contains(out.String(), "commit ") {
		t.Fatalf("--version printed %q", out.String())
	}
	out.Reset()
	if code := run([]string{"version", "--json"}, &out, &errb); code != 0 {
		t.Fatalf("version --json exit %d: %s", code, errb.String())
	}
	var info toolinfo.Info
	if err := json.Unmarshal(out.Bytes(), &info); err != nil {
		t.Fatalf("version --json is not JSON: %v\n%s", err, out.String())
	}
	// The test binary links the same modules as sightline's own packages:
	// every one is listed with a checksum.
	byPath := map[string]toolinfo.Module{}
	for _, m := range info.Modules {
		byPath[m.Path] = m
	}
	for _, want := range []string{"github.com/charmbracelet/bubbletea", "github.com/go-git/go-git/v5", "github.com/hiddeco/sshsig"} {
		m, ok := byPath[want]
		if !ok || m.Version == "" || !strings.HasPrefix(m.Sum, "h1:") {
			t.Errorf("module %s missing or without version and checksum: %+v", want, m)
		}
	}
	out.Reset()
	if code := run([]string{"version", "--cyclonedx"}, &out, &errb); code != 0 {
		t.Fatalf("version --cyclonedx exit %d: %s", code, errb.String())
	}
	var bom toolinfo.BOM
	if err := json.Unmarshal(out.Bytes(), &bom); err != nil || bom.Format != "CycloneDX" || len(bom.Components) != len(info.Modules) {
		t.Fatalf("SBOM: err %v, %d components for %d modules", err, len(bom.Components), len(info.Modules))
	}
	if code := run([]string{"version", "--json", "--cyclonedx"}, &out, &errb); code != 2 {
		t.Fatalf("--json with --cyclonedx exit %d, want 2 (bad usage)", code)
	}
}
