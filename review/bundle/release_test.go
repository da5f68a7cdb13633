package bundle

import (
	"path/filepath"
	"strings"
	"testing"

	"sightline/repo/artifact"
	"sightline/review"
)

// releaseFixture is the archive fixture with release marks: the modified
// macro file marked reviewed, of 2 members in scope.
func releaseFixture(t *testing.T) (*exportFixture, string, string) {
	t.Helper()
	fx, archive := archiveFixture(t)
	sum, err := artifact.FileSHA256(archive)
	if err != nil {
		t.Fatal(err)
	}
	blob := artifact.BlobID([]byte(backdoorM4)).String()
	if _, err := fx.ws.MarkReleaseMember(review.ArchiveRef{Name: "pkg-1.0.tar.gz", SHA256: sum}, "m4/build-to-host.m4", blob, true, 2); err != nil {
		t.Fatal(err)
	}
	return fx, archive, blob
}

func TestBundleAndMarkdownCarryTheReleaseScope(t *testing.T) {
	fx, archive, blob := releaseFixture(t)
	out := fx.export(t, "findings.json", FormatBundle, false)
	b, err := ReadBundle(mustRead(t, out))
	if err != nil {
		t.Fatalf("the strict reader refuses a bundle with a release scope: %v", err)
	}
	sum, _ := artifact.FileSHA256(archive)
	if len(b.Release) != 1 || b.Release[0].Archive.Name != "pkg-1.0.tar.gz" || b.Release[0].Archive.SHA256 != sum ||
		b.Release[0].InScope != 2 || len(b.Release[0].Reviewed) != 1 ||
		b.Release[0].Reviewed[0] != (BundleReleaseMember{Path: "m4/build-to-host.m4", Blob: blob}) {
		t.Fatalf("release = %+v", b.Release)
	}
	md := string(mustRead(t, fx.export(t, "report.md", FormatMarkdown, false)))
	for _, want := range []string{"- Release archive pkg\\-1.0.tar.gz (sha256 `" + sum + "`): release: 1/2 reviewed",
		"  - m4/build\\-to\\-host.m4: blob `" + blob + "`"} {
		if !strings.Contains(md, want) {
			t.Errorf("Markdown lacks %q:\n%s", want, md)
		}
	}

	rep := fx.verifyArchive(out, archive)
	wantLine(t, rep, 0, "PASS release: pkg-1.0.tar.gz: release: 1/2 reviewed; the 1 reviewed members' blob ids recomputed from the archive")

	t.Run("member mismatch", func(t *testing.T) {
		p := filepath.Join(fx.outDir, "release-blob.json")
		copyFile(t, out, p)
		fx.resign(t, p, func(b *Bundle) { b.Release[0].Reviewed[0].Blob = strings.Repeat("2", 40) })
		wantLine(t, fx.verifyArchive(p, archive), 1, `FAIL release: "m4/build-to-host.m4" in pkg-1.0.tar.gz is blob `+blob+", the reviewer read 2222")
	})
	t.Run("not a member", func(t *testing.T) {
		p := filepath.Join(fx.outDir, "release-member.json")
		copyFile(t, out, p)
		fx.resign(t, p, func(b *Bundle) { b.Release[0].Reviewed[0].Path = "m4/gone.m4" })
		wantLine(t, fx.verifyArchive(p, archive), 1, `FAIL release: "m4/gone.m4", marked reviewed, is not a member of pkg-1.0.tar.gz`)
	})
	t.Run("not supplied", func(t *testing.T) {
		wantLine(t, fx.verifyArchive(out), 1, "and the release marks (release: 1/2 reviewed); give it with --artifact")
	})
}

func TestReleaseScopeIsStrict(t *testing.T) {
	fx, _, _ := releaseFixture(t)
	out := fx.export(t, "findings.json", FormatBundle, false)
	for name, edit := range map[string]func(*BundleRelease){
		"sha256":   func(r *BundleRelease) { r.Archive.SHA256 = "ABC" },
		"blob":     func(r *BundleRelease) { r.Reviewed[0].Blob = "xyz" },
		"count":    func(r *BundleRelease) { r.InScope = 0 },
		"path":     func(r *BundleRelease) { r.Reviewed[0].Path = ""; r.Reviewed[0].PathBytes = "!!" },
		"unsorted": func(r *BundleRelease) { r.Reviewed = append(r.Reviewed, r.Reviewed[0]); r.InScope = 5 },
	} {
		b, err := ReadBundle(mustRead(t, out))
		if err != nil {
			t.Fatal(err)
		}
		edit(&b.Release[0])
		data, _ := b.Marshal()
		if _, err := ReadBundle(data); err == nil || !strings.Contains(err.Error(), "release") {
			t.Errorf("%s: ReadBundle = %v, want a refusal naming the release scope", name, err)
		}
	}
	// A bundle without release marks has no release field: older readers'
	// shape, byte for byte.
	fx2, _ := archiveFixture(t)
	if data := string(mustRead(t, fx2.export(t, "plain.json", FormatBundle, false))); strings.Contains(data, `"release"`) {
		t.Errorf("a bundle without release marks carries a release field:\n%s", data)
	}
}
