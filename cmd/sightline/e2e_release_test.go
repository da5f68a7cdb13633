package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"sightline/repo/repotest"
)

const (
	e2eUpstreamM4 = "# build-to-host.m4 serial 3\nAC_DEFUN([gl_BUILD_TO_HOST],\n[\n  gl_final=ok\n])\n"
	e2eModifiedM4 = "# build-to-host.m4 serial 3\nAC_DEFUN([gl_BUILD_TO_HOST],\n[\n  gl_final=ok\n  eval $gl_payload\n])\n"
)

// TestE2EReleaseTab opens the Release tab on a release archive that ships
// a modified copy of an upstream m4 file, finds it at the top, reads its
// diff against the genuine file (--known), makes a finding on the
// injected line, marks the member reviewed, reads a script only in the
// archive in the code view (its bidi override marked) and marks it,
// exports a signed bundle and verifies it (findings and the release
// scope) with the archive, and without it.
func TestE2EReleaseTab(t *testing.T) {
	bin := sightlineBinary(t)
	rt := repotest.New(t)
	rt.Commit("v1", repotest.Tree{"README": {Content: "hello\n"}, "src/main.c": {Content: "int main(void) { return 0; }\n"}})
	dir := t.TempDir()
	archive := filepath.Join(dir, "pkg-1.0.tar.gz")
	writeTarGz(t, archive, []tarMember{
		{name: "pkg-1.0/README", content: "hello\n"},
		{name: "pkg-1.0/src/main.c", content: "int main(void) { return 1; }\n"},
		{name: "pkg-1.0/m4/build-to-host.m4", content: e2eModifiedM4},
		{name: "pkg-1.0/build-aux/inject.sh", content: "#!/bin/sh\n# \u202eharmless\neval \"$payload\"\n"},
	})
	known := filepath.Join(dir, "known")
	if err := os.Mkdir(known, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(known, "build-to-host.m4"), []byte(e2eUpstreamM4), 0o644); err != nil {
		t.Fatal(err)
	}
	ws, key, out := filepath.Join(dir, "ws"), filepath.Join(dir, "key"), filepath.Join(dir, "out", "findings.json")
	if err := os.Mkdir(filepath.Dir(out), 0o700); err != nil {
		t.Fatal(err)
	}
	run := func(want int, args ...string) string {
		t.Helper()
		b, err := exec.Command(bin, args...).CombinedOutput()
		code := 0
		if ee, ok := err.(*exec.ExitError); ok {
			code = ee.ExitCode()
		} else if err != nil {
			t.Fatal(err)
		}
		if code != want {
			t.Fatalf("sightline %q: exit %d, want %d\n%s", args, code, want, b)
		}
		return string(b)
	}
	run(0, "keygen", "-o", key, "--comment", "alice@example.org")
	pub, err := os.ReadFile(key + ".pub")
	if err != nil {
		t.Fatal(err)
	}
	signers := filepath.Join(dir, "allowed_signers")
	if err := os.WriteFile(signers, []byte("alice@example.org "+string(pub)), 0o600); err != nil {
		t.Fatal(err)
	}

	s := startTUI(t, "open", rt.Dir, "--workspace", ws, "--reviewer", "alice", "--artifact", archive, "--known", known)
	s.WaitFor("1 Files", "5 Release")
	s.Type("5")
	scr := s.WaitFor("modified upstream (1)", "differs (1)", "unknown (1)", "release: 0/3 reviewed")
	if i, j := strings.Index(scr, "m4/build-to-host.m4"), strings.Index(scr, "differs (1)"); i < 0 || i > j {
		t.Fatalf("the modified upstream file is not at the top:\n%s", scr)
	}
	s.Send("Enter")
	s.WaitFor("m4/build-to-host.m4 (- upstream known/build-to-host.m4  + archive)", "+  eval $gl_payload")
	s.Type("a")
	s.WaitFor("New finding", "pkg-1.0.tar.gz:m4/build-to-host.m4:5")
	s.Type("Injected build step")
	s.Send("Tab")
	s.Type("c") // critical
	s.Send("Tab", "Tab", "Tab", "Enter")
	s.WaitFor("saved F-0001 (pkg-1.0.tar.gz:m4/build-to-host.m4:5)")
	s.Type("m")
	s.WaitFor("release: 1/3 reviewed")

	// The script only in the archive: the code view, read-only, labelled.
	s.Type("q")
	s.WaitFor("unknown (1)", "build-aux/inject.sh")
	s.Type("jjjj")
	s.Send("Enter")
	s.WaitFor("pkg-1.0.tar.gz: build-aux/inject.sh (only in the archive, read-only)", "# <U+202E>harmless", "bidirectional control")
	s.Type("m")
	s.WaitFor("release: 2/3 reviewed")
	s.Type("q")
	s.WaitFor("modified upstream (1)")

	s.Type("E")
	s.WaitFor("Export findings", "[bundle]", "Output file")
	s.Send("Tab", "C-u")
	s.Type(out)
	s.Send("Tab")
	s.Type(key)
	s.Send("Tab", "Tab", "Tab", "C-u")
	s.Type("alice@example.org")
	s.Send("Tab", "Enter")
	s.WaitFor("wrote " + out[:20])
	s.Quit()

	v := run(0, "verify", out, "--signers", signers, "--repo", rt.Dir, "--artifact", archive)
	for _, want := range []string{"PASS archive: ", `PASS F-0001 step 1 member: "m4/build-to-host.m4" in pkg-1.0.tar.gz is blob`,
		"PASS F-0001 step 1 lines: lines 5-5 match lineHash",
		"PASS release: pkg-1.0.tar.gz: release: 2/3 reviewed; the 2 reviewed members' blob ids recomputed", "OK: all"} {
		if !strings.Contains(v, want) {
			t.Errorf("verify --artifact lacks %q:\n%s", want, v)
		}
	}
	v = run(1, "verify", out, "--signers", signers, "--repo", rt.Dir)
	if !strings.Contains(v, "FAIL archive: archive not supplied: pkg-1.0.tar.gz") {
		t.Errorf("verify without the archive:\n%s", v)
	}
}
