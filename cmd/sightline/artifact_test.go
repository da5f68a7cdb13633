package main

import (
	"archive/tar"
	"bytes"
	"compress/gzip"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/go-git/go-git/v5/plumbing/filemode"

	"sightline/repo/repotest"
)

// tarMember is one member of a tar.gz a CLI test writes.
type tarMember struct {
	name, content, link string
	mode                int64
	typ                 byte
}

func writeTarGz(t *testing.T, path string, ms []tarMember) {
	t.Helper()
	var buf bytes.Buffer
	zw := gzip.NewWriter(&buf)
	tw := tar.NewWriter(zw)
	for _, m := range ms {
		h := &tar.Header{Name: m.name, Mode: m.mode, Typeflag: m.typ, Linkname: m.link, Size: int64(len(m.content))}
		if h.Typeflag == 0 {
			h.Typeflag = tar.TypeReg
		}
		if h.Mode == 0 {
			h.Mode = 0o644
		}
		if h.Typeflag != tar.TypeReg {
			h.Size = 0
		}
		if err := tw.WriteHeader(h); err != nil {
			t.Fatal(err)
		}
		if _, err := tw.Write([]byte(m.content)[:h.Size]); err != nil {
			t.Fatal(err)
		}
	}
	if err := tw.Close(); err != nil {
		t.Fatal(err)
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
}

func artifactRepo(t *testing.T) string {
	rt := repotest.New(t)
	rt.Commit("v1", repotest.Tree{
		"README":     {Content: "hello\n"},
		"src/main.c": {Content: "int main(void) { return 0; }\n"},
		"run.sh":     {Content: "#!/bin/sh\n", Mode: filemode.Executable},
		"NOTES":      {Content: "kept out of the release\n"},
	})
	return rt.Dir
}

const (
	genuineM4  = "# serial 3\nAC_DEFUN([gl_BUILD_TO_HOST], [ok])\n"
	backdoorM4 = "# serial 30\nAC_DEFUN([gl_BUILD_TO_HOST], [eval $x])\n"
)

func TestArtifactReportRiskiestFirst(t *testing.T) {
	dir := artifactRepo(t)
	tmp := t.TempDir()
	trusted := filepath.Join(tmp, "aclocal")
	if err := os.MkdirAll(trusted, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(trusted, "build-to-host.m4"), []byte(genuineM4), 0o644); err != nil {
		t.Fatal(err)
	}
	archive := filepath.Join(tmp, "release-1.0.tar.gz")
	writeTarGz(t, archive, []tarMember{
		{name: "pkg-1.0/README", content: "hello\n"},
		{name: "pkg-1.0/src/main.c", content: "int main(void) { return 1; }\n"},
		{name: "pkg-1.0/run.sh", content: "#!/bin/sh\n"},
		{name: "pkg-1.0/configure", content: "#!/bin/sh\n", mode: 0o755},
		{name: "pkg-1.0/m4/build-to-host.m4", content: backdoorM4},
		{name: "pkg-1.0/evil\x1b]0;pwned\x07", content: "x"},
	})
	code, out, errOut := runCmd("artifact", archive, "--repo", dir, "--known", trusted)
	if code != 1 {
		t.Fatalf("exit %d, want 1; stderr %s", code, errOut)
	}
	for i := 0; i < len(out); i++ {
		if c := out[i]; c < 0x20 && c != '\n' {
			t.Fatalf("raw control byte %#x in the report: %q", c, out)
		}
	}
	lines := strings.Split(strings.TrimSpace(out), "\n")
	want := []string{
		"archive " + archive + " (tar.gz), 6 members",
		"top-level directory pkg-1.0/ removed from every name",
		"compared with commit ",
		"modified upstream  m4/build-to-host.m4  (closest catalogued: aclocal/build-to-host.m4, 46 bytes, serial 3; this one 52 bytes, serial 30)",
		"hostile name       pkg-1.0/evil^[]0;pwned^G  (U+001B ESCAPE at column 13 and 1 more)",
		"differs            src/main.c",
		"unknown            configure  (looks generated)",
		"unknown            evil^[]0;pwned^G",
		"mode differs       run.sh  (file in the archive, exec in the tree)",
		"not shipped        NOTES",
		"1 member identical to the tree",
	}
	if len(lines) != len(want) {
		t.Fatalf("report:\n%s\nwant %d lines", out, len(want))
	}
	for i, w := range want {
		if !strings.HasPrefix(lines[i], w) {
			t.Errorf("line %d:\n got %q\nwant %q", i+1, lines[i], w)
		}
	}
	if !strings.Contains(errOut, "1 hostile trait, 1 modified upstream, 1 differs, 2 unknown, 1 mode differs") {
		t.Errorf("summary on stderr: %q", errOut)
	}
}

func TestArtifactExitStatus(t *testing.T) {
	dir := artifactRepo(t)
	tmp := t.TempDir()
	same := filepath.Join(tmp, "same.tgz")
	writeTarGz(t, same, []tarMember{{name: "README", content: "hello\n"}, {name: "run.sh", content: "#!/bin/sh\n", mode: 0o755}})
	if code, out, errOut := runCmd("artifact", same, "--repo", dir); code != 0 {
		t.Errorf("identical members: exit %d, want 0\n%s%s", code, out, errOut)
	} else if !strings.Contains(errOut, "is identical to commit") {
		t.Errorf("stderr %q", errOut)
	}
	notArchive := filepath.Join(tmp, "notes.tar.gz")
	if err := os.WriteFile(notArchive, []byte("plain text\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if code, _, errOut := runCmd("artifact", notArchive, "--repo", dir); code != 2 || !strings.Contains(errOut, "unknown archive format") {
		t.Errorf("not an archive: exit %d, stderr %q", code, errOut)
	}
	b, err := os.ReadFile(same)
	if err != nil {
		t.Fatal(err)
	}
	cut := filepath.Join(tmp, "cut.tgz")
	if err := os.WriteFile(cut, b[:len(b)-30], 0o644); err != nil {
		t.Fatal(err)
	}
	code, out, errOut := runCmd("artifact", cut, "--repo", dir)
	if code != 2 || !strings.Contains(errOut, "cannot check all of") || !strings.Contains(out, "error: ") {
		t.Errorf("truncated archive: exit %d\n%s%s", code, out, errOut)
	}
	if code, _, errOut := runCmd("artifact", "--repo", dir); code != 2 || !strings.Contains(errOut, "want one ARCHIVE") {
		t.Errorf("no archive: exit %d, stderr %q", code, errOut)
	}
	if code, _, errOut := runCmd("artifact", same, "--repo", dir, "--known", same); code != 2 || !strings.Contains(errOut, "not a sightline catalogue") {
		t.Errorf("--known an archive: exit %d, stderr %q", code, errOut)
	}
}

func TestKnownBuildCatalogueCarriesIntoArtifact(t *testing.T) {
	dir := artifactRepo(t)
	tmp := t.TempDir()
	trusted := filepath.Join(tmp, "aclocal")
	if err := os.MkdirAll(trusted, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(trusted, "build-to-host.m4"), []byte(genuineM4), 0o644); err != nil {
		t.Fatal(err)
	}
	cat := filepath.Join(tmp, "catalogue.json")
	if code, _, errOut := runCmd("known", "build", trusted, "-o", cat); code != 0 {
		t.Fatalf("known build: exit %d: %s", code, errOut)
	}
	var file struct {
		Format string `json:"format"`
		Files  []struct {
			Name, Path, Blob, Serial string
			Size                     int64
		} `json:"files"`
	}
	b, err := os.ReadFile(cat)
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(b, &file); err != nil {
		t.Fatalf("catalogue is not JSON: %v\n%s", err, b)
	}
	// git hash-object of genuineM4.
	if len(file.Files) != 1 || file.Files[0].Name != "build-to-host.m4" || file.Files[0].Serial != "3" ||
		file.Files[0].Size != int64(len(genuineM4)) || len(file.Files[0].Blob) != 40 {
		t.Fatalf("catalogue %s", b)
	}
	archive := filepath.Join(tmp, "r.tgz")
	writeTarGz(t, archive, []tarMember{{name: "README", content: "hello\n"}, {name: "m4/build-to-host.m4", content: genuineM4}})
	code, out, _ := runCmd("artifact", archive, "--repo", dir, "--known", cat, "--json")
	if code != 1 {
		t.Fatalf("exit %d, want 1 (a known upstream file is still not the tree)", code)
	}
	var rep struct {
		Results []struct {
			Path, Class string
		} `json:"results"`
		Counts map[string]int `json:"counts"`
	}
	if err := json.Unmarshal([]byte(out), &rep); err != nil {
		t.Fatalf("--json: %v\n%s", err, out)
	}
	if rep.Results[0].Path != "m4/build-to-host.m4" || rep.Results[0].Class != "known upstream" || rep.Counts["not shipped"] != 3 || rep.Counts["identical"] != 1 {
		t.Errorf("--json: %s", out)
	}
	if code, _, errOut := runCmd("known", "build", trusted); code != 2 || !strings.Contains(errOut, "-o FILE") {
		t.Errorf("no -o: exit %d %q", code, errOut)
	}
}
