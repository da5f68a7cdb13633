package main

import (
	"strings"
	"testing"

	"sightline/repo/demo"
)

// sightline scan finds the demo's Trojan Source line, and nothing in the
// release reviewed before it.
func TestScanDemoRepository(t *testing.T) {
	dir := t.TempDir()
	if err := demo.Build(dir); err != nil {
		t.Fatal(err)
	}
	code, out, errOut := runCmd("scan", "--repo", dir, "--rev", demo.Rev)
	want := strings.Join([]string{
		"src/update.c:90:4: U+202E RIGHT-TO-LEFT OVERRIDE",
		"src/update.c:90:10: U+2066 LEFT-TO-RIGHT ISOLATE",
		"src/update.c:90:37: U+2069 POP DIRECTIONAL ISOLATE",
		"src/update.c:90:41: U+2066 LEFT-TO-RIGHT ISOLATE",
		"src/update.c:92:23: U+202E RIGHT-TO-LEFT OVERRIDE",
		"src/update.c:92:29: U+2066 LEFT-TO-RIGHT ISOLATE",
	}, "\n") + "\n"
	if code != 1 || out != want {
		t.Errorf("scan %s: exit %d, stderr %q\n%s\nwant\n%s", demo.Rev, code, errOut, out, want)
	}
	code, out, errOut = runCmd("scan", "--repo", dir, "--rev", demo.BaseRev)
	if code != 0 || out != "" {
		t.Errorf("scan %s: exit %d, stderr %q\n%s", demo.BaseRev, code, errOut, out)
	}
}
