package main

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
)

// release is a generated release archive of the benchmark repository and
// the catalogue directory of trusted upstream files that goes with it.
type release struct {
	archive string // bench-1.0.tar.xz
	known   string // directory of upstream macro files
	scratch string // where the unpack-and-diff pipeline unpacks
}

// The upstream macro file of the release, in its catalogued form and in
// the form the archive ships: one injected line, as in the 2024 back door.
const (
	upstreamMacro = "# build-to-host.m4 serial 3\ndnl Copyright (C) 2023 Free Software Foundation, Inc.\nAC_DEFUN([gl_BUILD_TO_HOST], [\n  gl_build_to_host_c=\"$1\"\n])\n"
	injectedLine  = "  gl_am_configmake=`grep -aErls \"#{4}[[:alnum:]]{5}#{4}$\" $srcdir/ 2>/dev/null`\n"
	releasePrefix = "bench-1.0"
)

// makeRelease builds what a vendor ships: the tree at HEAD under one
// top-level directory, plus files made outside version control (configure,
// aclocal.m4, a catalogued macro file and a modified one) and one tree
// file changed, compressed with xz as release tarballs are.
func makeRelease(dir string, m manifest, tmp string) (release, error) {
	rel := release{
		archive: filepath.Join(tmp, releasePrefix+".tar.xz"),
		known:   filepath.Join(tmp, "known"),
		scratch: filepath.Join(tmp, "unpacked"),
	}
	stage := filepath.Join(tmp, "stage")
	top := filepath.Join(stage, releasePrefix)
	for _, d := range []string{top, rel.known, rel.scratch, filepath.Join(top, "m4")} {
		if err := os.MkdirAll(d, 0o755); err != nil {
			return rel, err
		}
	}
	if err := sh(fmt.Sprintf("git -C %s archive HEAD | tar -x -C %s", quote(dir), quote(top))); err != nil {
		return rel, fmt.Errorf("exporting the tree: %w", err)
	}
	changed := filepath.Join(top, m.MediumFile)
	f, err := os.OpenFile(changed, os.O_APPEND|os.O_WRONLY, 0)
	if err != nil {
		return rel, fmt.Errorf("changing %s in the release: %w", m.MediumFile, err)
	}
	_, err = f.WriteString("/* added in the release only */\n")
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return rel, err
	}
	gettext := "# gettext.m4 serial 78\nAC_DEFUN([AM_GNU_GETTEXT], [])\n"
	files := map[string]string{
		filepath.Join(rel.known, "build-to-host.m4"): upstreamMacro,
		filepath.Join(rel.known, "gettext.m4"):       gettext,
		filepath.Join(top, "m4", "gettext.m4"):       gettext,
		filepath.Join(top, "m4", "build-to-host.m4"): strings.Replace(upstreamMacro, "  gl_build", injectedLine+"  gl_build", 1),
		filepath.Join(top, "aclocal.m4"):             "# generated automatically by aclocal 1.16.5 -*- Autoconf -*-\n",
		filepath.Join(top, "configure"):              "#! /bin/sh\n# Guess values for system-dependent variables and create Makefiles.\n" + strings.Repeat("as_fn_exit 0\n", 20000),
	}
	for path, text := range files {
		if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
			return rel, err
		}
	}
	if err := sh(fmt.Sprintf("tar -c -C %s %s | xz -T0 -1 > %s", quote(stage), releasePrefix, quote(rel.archive))); err != nil {
		return rel, fmt.Errorf("packing the release: %w", err)
	}
	return rel, os.RemoveAll(stage)
}

// releaseOp compares the release with the tree at HEAD: sightline reads
// the archive as a stream; the reviewer's usual alternative unpacks it,
// exports the tree with git archive and runs diff -r over the two.
func releaseOp(dir string, rel release) operation {
	pipeline := fmt.Sprintf(`set -e
t=$(mktemp -d -p %s)
mkdir "$t/release" "$t/tree"
tar -xf %s -C "$t/release"
git -C %s archive HEAD | tar -x -C "$t/tree"
rc=0; diff -r "$t/release/%s" "$t/tree" || rc=$?
[ "$rc" -le 1 ]`, quote(rel.scratch), quote(rel.archive), quote(dir), releasePrefix)
	return operation{
		name: "release archive vs tree (other side: unpack with tar, git archive into tar, diff -r)",
		sight: side{sub: "artifact", okExit: 1,
			args: []string{"artifact", rel.archive, "--repo", dir, "--rev", "HEAD", "--known", rel.known}},
		git:    &side{prog: "bash", args: []string{"-c", pipeline}},
		target: target{maxRatio: 0.5, maxRSSMB: 200},
	}
}

func sh(script string) error {
	cmd := exec.Command("bash", "-o", "pipefail", "-c", script)
	out, err := cmd.CombinedOutput()
	if err != nil {
		return fmt.Errorf("%v: %s", err, firstLine(string(out)))
	}
	return nil
}

// quote makes s one word for bash.
func quote(s string) string {
	return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
}

// missingTools names the first of tools that is not on PATH, or "".
func missingTools(tools ...string) string {
	for _, t := range tools {
		if _, err := exec.LookPath(t); err != nil {
			return t
		}
	}
	return ""
}
