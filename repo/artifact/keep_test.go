package artifact_test

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"os"
	"testing"

	"sightline/repo/artifact"
)

// ReadKeeping returns the content of the members asked for, in every
// format, by the path Compare names them with (prefix stripped), and
// nothing else.
func TestReadKeepingReturnsTheMembersAskedFor(t *testing.T) {
	entries := release("xz-5.6/")
	tarb := tarBytes(t, "", entries)
	dir := t.TempDir()
	writeDir(t, dir, entries)
	for name, path := range map[string]string{
		"tar.gz":    writeFile(t, "r.tar.gz", compress(t, "gz", tarb)),
		"tar.xz":    writeFile(t, "r.tar.xz", compress(t, "xz", tarb)),
		"zip":       writeFile(t, "r.zip", zipBytes(t, entries)),
		"directory": dir,
	} {
		k, err := artifact.ReadKeeping(context.Background(), path, artifact.DefaultLimits(), "m4/build-to-host.m4")
		if err != nil || k.Err != nil {
			t.Fatalf("%s: %v %v", name, err, k.Err)
		}
		i := k.Find("m4/build-to-host.m4")
		if i < 0 {
			t.Fatalf("%s: member not found", name)
		}
		if got := string(k.Content[i]); got != backdoorM4 {
			t.Errorf("%s: kept %q, want %q", name, got, backdoorM4)
		}
		if artifact.BlobID(k.Content[i]) != k.Members[i].Blob {
			t.Errorf("%s: kept content does not hash to the member's blob", name)
		}
		if len(k.Content) != 1 {
			t.Errorf("%s: kept %d members, want only the one asked for", name, len(k.Content))
		}
		if k.Find("no/such/file") != -1 {
			t.Errorf("%s: Find found a member that is not there", name)
		}
	}
}

func TestFileSHA256(t *testing.T) {
	b := []byte("release bytes\n")
	p := writeFile(t, "r.tar", b)
	sum := sha256.Sum256(b)
	got, err := artifact.FileSHA256(p)
	if err != nil || got != hex.EncodeToString(sum[:]) {
		t.Fatalf("FileSHA256 = %q, %v; want %x", got, err, sum)
	}
	if _, err := artifact.FileSHA256(p + ".missing"); !os.IsNotExist(err) {
		t.Errorf("missing file: %v", err)
	}
}
