package code

import (
	"strings"
	"testing"

	"github.com/go-git/go-git/v5/plumbing/filemode"

	"sightline/repo/repotest"
)

func TestSymlinkOutsideTheRepositoryHasABannerAndIsNotFollowed(t *testing.T) {
	_, r, pin := fixture(t, repotest.Tree{
		"README.md":        {Content: "hi\n"},
		"outside_link":     {Content: "/etc/passwd", Mode: filemode.Symlink},
		"rel_outside_link": {Content: "../../../../root/.ssh/id_ed25519", Mode: filemode.Symlink},
		"d/out":            {Content: "../../x", Mode: filemode.Symlink},
		"d/up":             {Content: "../README.md", Mode: filemode.Symlink},
	})
	const banner = "⚠ symlink points outside the repository (never opened)"
	for _, tc := range []struct {
		path, target string
		outside      bool
	}{
		{"outside_link", "/etc/passwd", true},
		{"rel_outside_link", "../../../../root/.ssh/id_ed25519", true},
		{"d/out", "../../x", true},
		{"d/up", "../README.md", false},
	} {
		s := screen(opened(t, r, pin, tc.path, 0))
		if got := strings.Contains(s, banner); got != tc.outside {
			t.Errorf("%s: outside banner shown %v, want %v:\n%s", tc.path, got, tc.outside, s)
		}
		if !strings.Contains(s, "  1 "+tc.target) {
			t.Errorf("%s: the target text is not the content:\n%s", tc.path, s)
		}
		// Never followed: neither the host's /etc/passwd nor the
		// repository's README reaches the view.
		if strings.Contains(s, "root:") || strings.Contains(s, "  1 hi") {
			t.Errorf("%s: the link was followed:\n%s", tc.path, s)
		}
	}
}
