package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// A finding added from the command line on a release archive's member
// is exported, and verify checks it in the archive, failing when the
// archive is not given.
func TestFindingOnArchiveMemberAddExportVerify(t *testing.T) {
	t.Setenv("SOURCE_DATE_EPOCH", "1767225600")
	t.Setenv("XDG_DATA_HOME", filepath.Join(t.TempDir(), "data"))
	repoDir := artifactRepo(t)
	dir := t.TempDir()
	archive := filepath.Join(dir, "pkg-1.0.tar.gz")
	writeTarGz(t, archive, []tarMember{
		{name: "pkg-1.0/README", content: "hello\n"},
		{name: "pkg-1.0/m4/build-to-host.m4", content: backdoorM4},
	})
	ws := filepath.Join(dir, "ws")
	at := []string{"--repo", repoDir, "--rev", "main", "--workspace", ws}
	id := must(t, append([]string{"findings", "add", "--artifact", archive, "--path", "m4/build-to-host.m4", "--lines", "2",
		"--title", "macro differs from upstream and evals a payload", "--severity", "critical"}, at...)...)
	if strings.TrimSpace(id) != "F-0001" {
		t.Fatalf("add printed %q", id)
	}
	list := must(t, append([]string{"findings", "list", "--json"}, at...)...)
	for _, want := range []string{`"archive":{"name":"pkg-1.0.tar.gz","sha256":"`, `"path":"m4/build-to-host.m4"`} {
		if !strings.Contains(strings.Join(strings.Fields(list), ""), want) {
			t.Errorf("list --json lacks %s:\n%s", want, list)
		}
	}

	for name, c := range map[string]struct {
		args []string
		code int
		want string
	}{
		"no such member": {[]string{"--artifact", archive, "--path", "m4/other.m4", "--lines", "1"}, 1,
			`"m4/other.m4": location does not exist: no such member in ` + archive},
		"past the end": {[]string{"--artifact", archive, "--path", "m4/build-to-host.m4", "--lines", "9"}, 1, "the file has 2 lines"},
		"with a side":  {[]string{"--artifact", archive, "--path", "README", "--lines", "1", "--side", "pin"}, 2, "--side and --artifact"},
		"a directory":  {[]string{"--artifact", dir, "--path", "README", "--lines", "1"}, 1, "is a directory: a finding names an archive by the SHA-256"},
	} {
		args := append(append([]string{"findings", "step", "F-0001"}, c.args...), at...)
		code, _, errs := runCmd(args...)
		if code != c.code || !strings.Contains(errs, c.want) {
			t.Errorf("%s: exit %d, stderr %q; want %d and %q", name, code, errs, c.code, c.want)
		}
	}

	key := filepath.Join(dir, "id")
	if code, out, errs := runSigned(t, "keygen", "-o", key, "--comment", "reviewer1@agency.example"); code != 0 {
		t.Fatalf("keygen: %d %s %s", code, out, errs)
	}
	pub, _ := os.ReadFile(key + ".pub")
	f := strings.Fields(string(pub))
	signers := filepath.Join(dir, "allowed_signers")
	if err := os.WriteFile(signers, []byte("reviewer1@agency.example "+f[0]+" "+f[1]+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	bundle := filepath.Join(dir, "findings.json")
	if code, out, errs := runSigned(t, "export", "--workspace", ws, "--repo", repoDir, "--key", key,
		"--identity", "reviewer1@agency.example", "-o", bundle); code != 0 {
		t.Fatalf("export: %d %s %s", code, out, errs)
	}
	code, out, errs := runSigned(t, "verify", bundle, "--signers", signers, "--repo", repoDir)
	if code != 1 || !strings.Contains(out, "FAIL archive: archive not supplied: pkg-1.0.tar.gz (sha256 ") {
		t.Fatalf("verify without the archive: %d\n%s%s", code, out, errs)
	}
	code, out, errs = runSigned(t, "verify", bundle, "--signers", signers, "--repo", repoDir, "--artifact", archive)
	if code != 0 || !strings.Contains(out, `PASS F-0001 step 1 member: "m4/build-to-host.m4" in pkg-1.0.tar.gz is blob`) ||
		!strings.Contains(out, "PASS F-0001 step 1 lines: lines 2-2 match lineHash") {
		t.Fatalf("verify with the archive: %d\n%s%s", code, out, errs)
	}
	// Another archive with the same name is not the one reviewed.
	writeTarGz(t, archive, []tarMember{{name: "pkg-1.0/m4/build-to-host.m4", content: genuineM4}})
	code, out, _ = runSigned(t, "verify", bundle, "--signers", signers, "--artifact", archive)
	if code != 1 || !strings.Contains(out, "archive not supplied: pkg-1.0.tar.gz") {
		t.Fatalf("verify with a different archive: %d\n%s", code, out)
	}
}
