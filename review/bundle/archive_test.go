package bundle

import (
	"archive/tar"
	"bytes"
	"compress/gzip"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"

	"sightline/review"
)

const backdoorM4 = "# build-to-host.m4 serial 30\n#serial 30\nAC_DEFUN([gl_BUILD_TO_HOST], [eval $gl_payload])\n"

// writeRelease writes a .tar.gz release (under a pkg-1.0/ prefix) with
// Go's writers and returns its path and SHA-256.
func writeRelease(t *testing.T, dir, name string, files map[string]string) (string, string) {
	t.Helper()
	var tb bytes.Buffer
	tw := tar.NewWriter(&tb)
	for _, p := range []string{"src/main.c", "m4/build-to-host.m4"} {
		c, ok := files[p]
		if !ok {
			continue
		}
		if err := tw.WriteHeader(&tar.Header{Name: "pkg-1.0/" + p, Mode: 0o644, Size: int64(len(c)), Typeflag: tar.TypeReg}); err != nil {
			t.Fatal(err)
		}
		if _, err := tw.Write([]byte(c)); err != nil {
			t.Fatal(err)
		}
	}
	if err := tw.Close(); err != nil {
		t.Fatal(err)
	}
	var gz bytes.Buffer
	zw := gzip.NewWriter(&gz)
	if _, err := zw.Write(tb.Bytes()); err != nil {
		t.Fatal(err)
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	p := filepath.Join(dir, name)
	writeFile(t, p, gz.String())
	sum := sha256.Sum256(gz.Bytes())
	return p, hex.EncodeToString(sum[:])
}

// archiveFixture adds a finding on line 3 of the release's modified
// build-to-host.m4 to the export fixture and returns the archive's path.
func archiveFixture(t *testing.T) (*exportFixture, string) {
	t.Helper()
	fx := newExportFixture(t)
	path, sum := writeRelease(t, t.TempDir(), "pkg-1.0.tar.gz", map[string]string{"src/main.c": mainC, "m4/build-to-host.m4": backdoorM4})
	loc, err := review.NewArchiveLocation(fx.pinRev.Commit, review.ArchiveRef{Name: "pkg-1.0.tar.gz", SHA256: sum},
		"m4/build-to-host.m4", []byte(backdoorM4), 3, 3)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := fx.ws.AddFinding(review.Finding{Title: "macro differs from upstream and evals a payload", Severity: review.SeverityCritical,
		Steps: []review.Step{{Location: loc, Note: "injected build step"}}}); err != nil {
		t.Fatal(err)
	}
	return fx, path
}

func (fx *exportFixture) verifyArchive(bundle string, artifacts ...string) *VerifyReport {
	return Verify(context.Background(), VerifyOptions{BundlePath: bundle, SignersPath: fx.signers, RepoPath: fx.repoDir, Artifacts: artifacts})
}

func TestVerifyChecksFindingsInArchiveMembers(t *testing.T) {
	fx, archive := archiveFixture(t)
	out := fx.export(t, "findings.json", FormatBundle, true)
	data := string(mustRead(t, out))
	for _, want := range []string{`"archive": {`, `"name": "pkg-1.0.tar.gz"`, `"path": "m4/build-to-host.m4"`} {
		if !strings.Contains(data, want) {
			t.Errorf("bundle lacks %s:\n%s", want, data)
		}
	}
	rep := fx.verifyArchive(out, archive)
	wantLine(t, rep, 0, "PASS archive: "+archive+" is pkg-1.0.tar.gz (SHA-256 recomputed)")
	wantLine(t, rep, 0, `PASS F-0003 step 1 member: "m4/build-to-host.m4" in pkg-1.0.tar.gz is blob`)
	wantLine(t, rep, 0, "PASS F-0003 step 1 lines: lines 3-3 match lineHash")
	wantLine(t, rep, 0, "PASS F-0001 step 1 lines")

	t.Run("not supplied", func(t *testing.T) {
		rep := fx.verifyArchive(out)
		wantLine(t, rep, 1, "FAIL archive: archive not supplied: pkg-1.0.tar.gz (sha256 ")
		wantLine(t, rep, 1, "holds F-0003 step 1; give it with --artifact")
	})
	t.Run("another archive of that name", func(t *testing.T) {
		other, _ := writeRelease(t, t.TempDir(), "pkg-1.0.tar.gz", map[string]string{"m4/build-to-host.m4": "# serial 3\n"})
		rep := fx.verifyArchive(out, other)
		wantLine(t, rep, 1, "archive not supplied: pkg-1.0.tar.gz")
		wantLine(t, rep, 1, "NOTE archive: pkg-1.0.tar.gz (sha256 ")
	})
	edited := func(name string, edit func(*BundleLocation)) string {
		p := filepath.Join(fx.outDir, name)
		copyFile(t, out, p)
		fx.resign(t, p, func(b *Bundle) { edit(&b.Findings[2].Steps[0].Location) })
		return p
	}
	t.Run("blob mismatch", func(t *testing.T) {
		p := edited("blob.json", func(l *BundleLocation) { l.Blob = strings.Repeat("1", 40) })
		wantLine(t, fx.verifyArchive(p, archive), 1, `FAIL F-0003 step 1 member: "m4/build-to-host.m4" in pkg-1.0.tar.gz is blob `)
		wantLine(t, fx.verifyArchive(p, archive), 1, "(member mismatch)")
	})
	t.Run("lines moved", func(t *testing.T) {
		p := edited("lines.json", func(l *BundleLocation) { l.StartLine, l.EndLine = 1, 1 })
		wantLine(t, fx.verifyArchive(p, archive), 1, "FAIL F-0003 step 1 lines: lines 1-1 hash to sha256:")
	})
	t.Run("no such member", func(t *testing.T) {
		p := edited("member.json", func(l *BundleLocation) { l.Path = "m4/other.m4" })
		wantLine(t, fx.verifyArchive(p, archive), 1, `FAIL F-0003 step 1 member: "m4/other.m4" is not a member of pkg-1.0.tar.gz`)
	})
}

func TestArchiveLocationsAreStrict(t *testing.T) {
	fx, _ := archiveFixture(t)
	out := fx.export(t, "findings.json", FormatBundle, false)
	for name, edit := range map[string]func(*BundleLocation){
		"side":   func(l *BundleLocation) { l.Side = review.SidePin },
		"sha256": func(l *BundleLocation) { l.Archive.SHA256 = "ABC" },
		"name":   func(l *BundleLocation) { l.Archive.Name = "../x" },
	} {
		b, err := ReadBundle(mustRead(t, out))
		if err != nil {
			t.Fatal(err)
		}
		edit(&b.Findings[2].Steps[0].Location)
		data, _ := b.Marshal()
		if _, err := ReadBundle(data); err == nil || !strings.Contains(err.Error(), "location") {
			t.Errorf("%s: ReadBundle = %v, want a refusal naming the location", name, err)
		}
	}
}

func TestSARIFAndMarkdownNameTheArchive(t *testing.T) {
	fx, _ := archiveFixture(t)
	out := fx.export(t, "findings.sarif", FormatSARIF, false)
	data := mustRead(t, out)
	if err := validateSARIF(t, sarifSchema(t), data); err != nil {
		t.Fatalf("SARIF does not validate: %v", err)
	}
	var log struct {
		Runs []struct {
			Artifacts []struct {
				Location    struct{ URI string }
				ParentIndex *int
				Hashes      map[string]string
			}
			Results []struct {
				Locations []struct {
					PhysicalLocation struct {
						ArtifactLocation struct {
							URI   string
							Index *int
						}
					}
				}
			}
		}
	}
	if err := json.Unmarshal(data, &log); err != nil {
		t.Fatal(err)
	}
	run := log.Runs[0]
	if len(run.Artifacts) != 2 || run.Artifacts[0].Location.URI != "pkg-1.0.tar.gz" || len(run.Artifacts[0].Hashes["sha-256"]) != 64 ||
		run.Artifacts[0].ParentIndex != nil || run.Artifacts[1].Location.URI != "m4/build-to-host.m4" ||
		run.Artifacts[1].ParentIndex == nil || *run.Artifacts[1].ParentIndex != 0 {
		t.Errorf("artifacts = %+v", run.Artifacts)
	}
	al := run.Results[2].Locations[0].PhysicalLocation.ArtifactLocation
	if al.URI != "m4/build-to-host.m4" || al.Index == nil || *al.Index != 1 {
		t.Errorf("archive finding's artifactLocation = %+v", al)
	}
	if tree := run.Results[0].Locations[0].PhysicalLocation.ArtifactLocation; tree.Index != nil {
		t.Errorf("a tree finding has an artifact index: %+v", tree)
	}
	md := string(mustRead(t, fx.export(t, "findings.md", FormatMarkdown, false)))
	if !strings.Contains(md, "in release archive pkg\\-1.0.tar.gz, sha256 `") {
		t.Errorf("Markdown does not name the archive:\n%s", md)
	}
}
