package review

import (
	"context"
	"errors"
	"reflect"
	"strings"
	"testing"

	"sightline/repo"
	"sightline/repo/repotest"
)

var _ FileSource = (*repo.Repo)(nil)

func TestFilesUnder(t *testing.T) {
	_, r, pin := openTestRepo(t, repotest.Tree{
		"README":        {Content: "hello\n"},
		"src/a.c":       {Content: "a\nb\nc"},
		"src/lib/b.c":   {Content: ""},
		"src/lib/c.h":   {Content: "x\r\ny\n"},
		"docs/x\xff.md": {Content: "1\n"},
	})
	ctx := context.Background()
	lines := func(files []ReviewedFile) map[string]int {
		m := map[string]int{}
		for _, f := range files {
			e, err := r.Lookup(ctx, pin.Tree, f.Path)
			if err != nil || e.Hash.String() != f.Blob {
				t.Errorf("%q: blob %s is not the tree's (%v)", f.Path, f.Blob, err)
			}
			m[f.Path] = f.Lines
		}
		return m
	}
	tests := []struct {
		path string
		want map[string]int
	}{
		{"README", map[string]int{"README": 1}},
		{"src", map[string]int{"src/a.c": 3, "src/lib/b.c": 0, "src/lib/c.h": 2}},
		{"src/lib", map[string]int{"src/lib/b.c": 0, "src/lib/c.h": 2}},
		{"", map[string]int{"README": 1, "docs/x\xff.md": 1, "src/a.c": 3, "src/lib/b.c": 0, "src/lib/c.h": 2}},
	}
	for _, tc := range tests {
		files, err := FilesUnder(ctx, r, pin.Tree, tc.path)
		if err != nil {
			t.Fatalf("FilesUnder(%q): %v", tc.path, err)
		}
		if got := lines(files); !reflect.DeepEqual(got, tc.want) {
			t.Errorf("FilesUnder(%q) = %v, want %v", tc.path, got, tc.want)
		}
	}
	if _, err := FilesUnder(ctx, r, pin.Tree, "src/nope.c"); !errors.Is(err, repo.ErrNotFound) {
		t.Errorf("missing path: %v, want ErrNotFound", err)
	}
}

// fakeSource is a FileSource of one entry at "link", whose blob reads
// fail, for the cases a real tree makes awkward to build.
type fakeSource struct{ kind repo.Kind }

func (f fakeSource) Lookup(context.Context, repo.Hash, string) (repo.Entry, error) {
	return repo.Entry{Path: "link", Kind: f.kind}, nil
}

func (f fakeSource) WalkFiles(context.Context, repo.Hash, func(repo.Entry) error) error { return nil }

func (f fakeSource) ReadBlob(context.Context, repo.Hash, int64) (repo.Blob, error) {
	return repo.Blob{}, repo.ErrMissingObject
}

func TestFilesUnderRefusals(t *testing.T) {
	ctx := context.Background()
	for _, k := range []repo.Kind{repo.KindSymlink, repo.KindSubmodule} {
		_, err := FilesUnder(ctx, fakeSource{k}, repo.Hash{}, "link")
		var nf *NotFileError
		if !errors.As(err, &nf) || nf.Kind != k || err.Error() != `"link" is a `+k.String()+", not a file or directory" {
			t.Errorf("%s: %v", k, err)
		}
	}
	_, err := FilesUnder(ctx, fakeSource{repo.KindFile}, repo.Hash{}, "link")
	if !errors.Is(err, repo.ErrMissingObject) || !strings.HasPrefix(err.Error(), `"link": `) {
		t.Errorf("unreadable blob: %v", err)
	}
	files, err := FilesUnder(ctx, fakeSource{repo.KindDir}, repo.Hash{}, "link")
	if err != nil || len(files) != 0 {
		t.Errorf("empty directory: %v, %v", files, err)
	}
}
